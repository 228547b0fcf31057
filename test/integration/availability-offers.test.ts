import { and, eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateBatch,
  attachOffersToDraft,
  closeLeadOffers,
  type OfferInput,
  offerSlotsForReply,
} from '../../src/availability/offer-slots.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { drafts, leads, messages, slotOffers, workspaces } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const NOW = new Date('2026-03-02T07:00:00Z'); // Monday 08:00 Berlin
const config = parseConfig({});
const logger = pino({ level: 'silent' });
let database: TestDatabase;

async function workspace(
  hours: object = {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
) {
  const [row] = await database.db
    .insert(workspaces)
    .values({
      name: 'Acme',
      webhookKey: `key-${Math.random()}`,
      webhookSecret: 'secret',
      timeZone: 'Europe/Berlin',
      availabilitySource: 'weekly_hours',
      availabilityConfig: { hours, slotMinutes: 30 },
    })
    .returning({ id: workspaces.id });
  return row!.id;
}

async function lead(workspaceId: string, timeZone: string | null = null) {
  const [row] = await database.db
    .insert(leads)
    .values({ workspaceId, email: `${Math.random().toString(36).slice(2)}@example.com`, timeZone })
    .returning({ id: leads.id });
  return row!.id;
}

const input = (
  workspaceId: string,
  leadId: string,
  over: Partial<OfferInput> = {},
): OfferInput => ({
  workspaceId,
  leadId,
  replyText: 'Sounds interesting, happy to talk.',
  replyAt: new Date(NOW.getTime() - 600_000),
  now: NOW,
  ...over,
});

const deps = (cfg = config) => ({ db: database.db, config: cfg, logger });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('offerSlotsForReply', () => {
  it('offers three times from tomorrow, on two days, labelled in the workspace zone when the lead has none', async () => {
    const ws = await workspace();
    const result = await offerSlotsForReply(deps(), input(ws, await lead(ws)));
    expect(result.stale).toBe(false);
    expect(result.slots.map((s) => s.label)).toEqual([
      'Tuesday 3 March, 09:00–09:30 (Europe/Berlin)',
      'Tuesday 3 March, 09:30–10:00 (Europe/Berlin)',
      'Wednesday 4 March, 09:00–09:30 (Europe/Berlin)',
    ]);
    const rows = await database.db.select().from(slotOffers).where(eq(slotOffers.workspaceId, ws));
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.id).sort()).toEqual([...result.offerIds].sort());
    for (const row of rows) {
      expect(row.status).toBe('offered');
      expect(row.expiresAt).toEqual(row.slotStart);
    }
  });

  it("honours the lead's wish in their own zone and names it", async () => {
    const ws = await workspace();
    const result = await offerSlotsForReply(
      deps(),
      input(ws, await lead(ws, 'America/New_York'), {
        leadTimeZone: 'America/New_York',
        replyText: 'Tomorrow morning works for me.',
      }),
    );
    // Berlin 09:00–17:00 is 03:00–11:00 in New York; business hours start at 08:00 there.
    expect(result.slots.map((s) => s.label)).toEqual([
      'Tuesday 3 March, 08:00–08:30 (America/New_York)',
      'Tuesday 3 March, 08:30–09:00 (America/New_York)',
      'Tuesday 3 March, 09:00–09:30 (America/New_York)',
    ]);
    expect(result.slots[0]!.timeZone).toBe('America/New_York');
  });

  it.each([
    ['de', 'Klingt gut, wann passt es Ihnen?', 'Dienstag, 3. März, 09:00–09:30 (Europe/Berlin)'],
    [
      'fr',
      'Avec plaisir, quand êtes-vous disponible ?',
      'mardi 3 mars, 09:00–09:30 (Europe/Berlin)',
    ],
    [
      'es',
      'Me interesa, ¿cuándo le viene bien?',
      'martes, 3 de marzo, 09:00–09:30 (Europe/Berlin)',
    ],
  ])(
    'labels the slots in the language of the reply (%s), never in English',
    async (_lang, replyText, first) => {
      const ws = await workspace();
      const result = await offerSlotsForReply(deps(), input(ws, await lead(ws), { replyText }));
      expect(result.slots[0]!.label).toBe(first);
      for (const s of result.slots) expect(s.label).not.toMatch(/Tuesday|Wednesday|March/);
    },
  );

  it('reads "tomorrow" against the reply date in a backfill weeks later', async () => {
    const ws = await workspace();
    const result = await offerSlotsForReply(
      deps(),
      input(ws, await lead(ws), {
        replyText: 'Can we talk tomorrow?',
        replyAt: new Date('2026-02-02T10:00:00Z'),
      }),
    );
    expect(result.slots).toEqual([]);
    expect(result.offerIds).toEqual([]);
    expect(result.noSlotsReason).toMatch(/nothing free fits what the lead asked for \(tomorrow\)/);
  });

  it('offers a same-day time only when the lead asked for today', async () => {
    const ws = await workspace();
    const today = await offerSlotsForReply(
      deps(),
      input(ws, await lead(ws), { replyText: 'Any chance today?' }),
    );
    // Two hours of notice from 08:00 Berlin: 10:00 is the first.
    expect(today.slots[0]!.label).toBe('Monday 2 March, 10:00–10:30 (Europe/Berlin)');
  });

  it('never offers a lead a slot they declined', async () => {
    const ws = await workspace();
    const leadId = await lead(ws);
    const first = await offerSlotsForReply(deps(), input(ws, leadId));
    await database.db
      .update(slotOffers)
      .set({ status: 'declined' })
      .where(eq(slotOffers.leadId, leadId));
    const second = await offerSlotsForReply(deps(), input(ws, leadId));
    const before = new Set(first.slots.map((s) => s.start));
    expect(second.slots).toHaveLength(3);
    for (const slot of second.slots) expect(before.has(slot.start)).toBe(false);
  });

  it('links offers to their draft and closes them when the lead books', async () => {
    const ws = await workspace();
    const leadId = await lead(ws);
    const result = await offerSlotsForReply(deps(), input(ws, leadId));
    const [message] = await database.db
      .insert(messages)
      .values({
        workspaceId: ws,
        leadId,
        direction: 'inbound',
        source: 'generic',
        providerMessageId: `m-${Math.random()}`,
        threadKey: 't-1',
        fromEmail: 'lead@example.com',
        occurredAt: NOW,
      })
      .returning({ id: messages.id });
    const [draft] = await database.db
      .insert(drafts)
      .values({ messageId: message!.id, body: 'Hi', model: 'offline' })
      .returning({ id: drafts.id });
    await attachOffersToDraft(database.db, result.offerIds, draft!.id);
    await closeLeadOffers(database.db, leadId, { start: new Date(result.slots[1]!.start) });
    const rows = await database.db.select().from(slotOffers).where(eq(slotOffers.leadId, leadId));
    expect(rows.every((r) => r.draftId === draft!.id)).toBe(true);
    expect(rows.map((r) => r.status).sort()).toEqual(['booked', 'expired', 'expired']);
    // A booked time is never offered again, to anyone.
    const other = await offerSlotsForReply(deps(), input(ws, await lead(ws)));
    expect(other.slots.map((s) => s.start)).not.toContain(result.slots[1]!.start);
  });
});

describe('allocateBatch', () => {
  it('spreads a batch across slots, earliest reply first, within the cap', async () => {
    const ws = await workspace();
    const inputs: OfferInput[] = [];
    for (let i = 0; i < 6; i++) {
      inputs.push(
        input(ws, await lead(ws), { replyAt: new Date(NOW.getTime() - (6 - i) * 60_000) }),
      );
    }
    const results = await allocateBatch(deps(parseConfig({ SLOT_OFFER_CAP: '2' })), inputs);
    expect(results.map((r) => r.leadId)).toEqual(inputs.map((i) => i.leadId));
    expect(results[0]!.slots[0]!.start).toBe('2026-03-03T08:00:00.000Z');
    const counts = new Map<string, number>();
    for (const r of results)
      for (const s of r.slots) counts.set(s.start, (counts.get(s.start) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it('respects the cap when two connections allocate at the same time', async () => {
    // Scarce supply: Tuesday and Wednesday 09:00–10:00, i.e. 8 slots in the horizon.
    const ws = await workspace({ tue: ['09:00-10:00'], wed: ['09:00-10:00'] });
    const capped = parseConfig({ SLOT_OFFER_CAP: '2' });
    const a = openDatabase(database.url, { poolMax: 2 });
    const b = openDatabase(database.url, { poolMax: 2 });
    try {
      const batch = async () => {
        const out: OfferInput[] = [];
        for (let i = 0; i < 5; i++) out.push(input(ws, await lead(ws)));
        return out;
      };
      const [first, second] = [await batch(), await batch()];
      await Promise.all([
        allocateBatch({ db: a.db, config: capped, logger }, first),
        allocateBatch({ db: b.db, config: capped, logger }, second),
      ]);
    } finally {
      await a.close();
      await b.close();
    }
    const perSlot = await database.db
      .select({ start: slotOffers.slotStart, n: sql<number>`count(*)::int` })
      .from(slotOffers)
      .where(and(eq(slotOffers.workspaceId, ws), eq(slotOffers.status, 'offered')))
      .groupBy(slotOffers.slotStart);
    expect(perSlot).toHaveLength(8);
    for (const row of perSlot) expect(row.n).toBeLessThanOrEqual(2);
    expect(perSlot.reduce((sum, r) => sum + r.n, 0)).toBe(16);
  });
});

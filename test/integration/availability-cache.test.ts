import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAvailability, refreshAvailability } from '../../src/availability/availability-cache.ts';
import { makeAvailabilityRefreshHandler } from '../../src/availability/refresh-availability-job.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { availabilityCache, workspaces } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type CalendarPeer, slotStartsEvery, startCalendarPeer } from '../peers/calendar-peers.ts';

const NOW = new Date('2026-03-02T06:00:00Z');
const STARTS = slotStartsEvery(new Date('2026-03-03T00:00:00Z'), 14, [9, 14]);
const config = parseConfig({ AVAILABILITY_CACHE_TTL_SECONDS: '600' });
const warnings: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });

let database: TestDatabase;
let peer: CalendarPeer;

async function workspace(availabilityConfig: object, source = 'calcom' as const) {
  const [row] = await database.db
    .insert(workspaces)
    .values({
      name: 'Acme',
      webhookKey: `key-${Math.random()}`,
      webhookSecret: 'secret',
      timeZone: 'Europe/Berlin',
      availabilitySource: source,
      availabilityConfig,
    })
    .returning({ id: workspaces.id });
  return row!.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  peer = await startCalendarPeer({ slotStarts: STARTS, now: NOW });
});
afterAll(async () => {
  await peer.close();
  await database.drop();
});

const deps = () => ({ db: database.db, config, logger });
const calcom = () => ({ eventTypeId: 42, baseUrl: peer.url });
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('availability cache', () => {
  it('serves the cache within the TTL and refreshes after it', async () => {
    const id = await workspace(calcom());
    peer.requests.length = 0;
    const first = await getAvailability(deps(), id, NOW);
    expect(first).toMatchObject({ stale: false, fetchedAt: NOW });
    expect(first.slots).toHaveLength(STARTS.length);
    await getAvailability(deps(), id, minutes(9));
    expect(peer.requests).toHaveLength(1);
    const later = await getAvailability(deps(), id, minutes(11));
    expect(peer.requests).toHaveLength(2);
    expect(later.fetchedAt).toEqual(minutes(11));
  });

  it('keeps the last good slots, marked stale, when the source fails', async () => {
    const id = await workspace(calcom());
    const good = await getAvailability(deps(), id, NOW);
    peer.failNext(1, 503);
    warnings.length = 0;
    const failed = await getAvailability(deps(), id, minutes(11));
    expect(failed.stale).toBe(true);
    expect(failed.slots).toEqual(good.slots);
    expect(failed.fetchedAt).toEqual(NOW);
    expect(failed.warning).toMatch(/availability source failing since .*calcom: HTTP 503/);
    expect(warnings.join('\n')).toMatch(/availability source failed/);
    const [row] = await database.db
      .select()
      .from(availabilityCache)
      .where(eq(availabilityCache.workspaceId, id));
    expect(row).toMatchObject({ stale: true, lastErrorAt: minutes(11) });
    expect(row!.lastError).toMatch(/HTTP 503/);
    // The failing source is not asked again on every reply: the stale row serves for a while.
    peer.requests.length = 0;
    expect((await getAvailability(deps(), id, minutes(12))).stale).toBe(true);
    expect(peer.requests).toHaveLength(0);
    // Once the source answers again, the mark goes away.
    const recovered = await getAvailability(deps(), id, minutes(14));
    expect(recovered).toMatchObject({ stale: false, fetchedAt: minutes(14) });
    const [after] = await database.db
      .select()
      .from(availabilityCache)
      .where(eq(availabilityCache.workspaceId, id));
    expect(after).toMatchObject({ stale: false, lastError: null });
  });

  it('answers empty slots with the reason when nothing usable was ever fetched', async () => {
    const id = await workspace({ eventTypeId: 42, baseUrl: 'http://127.0.0.1:9' });
    const result = await getAvailability(deps(), id, NOW);
    expect(result.slots).toEqual([]);
    expect(result.stale).toBe(true);
    expect(result.fetchedAt).toBeNull();
    expect(result.warning).toMatch(/no slots were ever fetched/);
  });

  it('reports bad settings the same way, by field name', async () => {
    const id = await workspace({ baseUrl: peer.url });
    const result = await refreshAvailability(deps(), id, NOW);
    expect(result.slots).toEqual([]);
    expect(result.warning).toMatch(/availability_config is not valid/);
  });

  it('refetches when the workspace changes its source', async () => {
    const id = await workspace(calcom());
    await getAvailability(deps(), id, NOW);
    await database.db
      .update(workspaces)
      .set({
        availabilitySource: 'weekly_hours',
        availabilityConfig: { hours: { tue: ['09:00-10:00'] } },
      })
      .where(eq(workspaces.id, id));
    const result = await getAvailability(deps(), id, minutes(1));
    expect(result.fetchedAt).toEqual(minutes(1));
    expect(result.slots.length).toBeGreaterThan(0);
    expect(result.slots.every((s) => new Date(s.start).getUTCDay() === 2)).toBe(true);
  });

  it('is refreshed by the availability.refresh job handler', async () => {
    const id = await workspace(calcom());
    const handler = makeAvailabilityRefreshHandler({ database, config, logger });
    const controller = new AbortController();
    const output = await handler(
      { workspaceId: id },
      { id: 'job-1', retryCount: 0, retryLimit: 3, signal: controller.signal },
    );
    expect(output).toMatchObject({ stale: false });
    const [row] = await database.db
      .select()
      .from(availabilityCache)
      .where(eq(availabilityCache.workspaceId, id));
    expect(row!.stale).toBe(false);
  });
});

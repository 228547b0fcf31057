import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { detectLanguage } from '../ai/offline-language.ts';
import type { OfferedSlot } from '../ai/provider.ts';
import type { Config } from '../config/load-config.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { slotOffers } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { allocate } from './allocate.ts';
import { applyTimingWishes } from './apply-timing-wishes.ts';
import { getAvailability } from './availability-cache.ts';
import { filterSlots, filterSlotsForLead } from './filter-slots.ts';
import { toOfferedSlot } from './format-slot-label.ts';
import { isValidZone } from './local-slot-info.ts';
import { isEmptyWish, parseTimingWishes, type TimingWish } from './parse-timing-wishes.ts';
import type { Slot } from './slot.ts';
import type { FetchImpl } from './sources/fetch-json.ts';

export interface OfferDeps {
  db: Db;
  config: Config;
  logger: Logger;
  fetchImpl?: FetchImpl;
}

export interface OfferInput {
  workspaceId: string;
  leadId: string;
  leadTimeZone?: string | null | undefined;
  replyText: string;
  /** When the lead wrote: relative words ("tomorrow") are read against this, not `now`. */
  replyAt: Date;
  now: Date;
}

export interface OfferResult {
  leadId: string;
  /** Earliest first, labelled in the lead's zone (or the workspace's). */
  slots: OfferedSlot[];
  /** slot_offers ids, in the order of `slots`; pass them to attachOffersToDraft. */
  offerIds: string[];
  /** Set when there are no slots: the draft offers the booking link and says why. */
  noSlotsReason?: string;
  stale: boolean;
  /** The availability warning when the source is failing. */
  warning?: string;
  wish: TimingWish;
}

/** Offers slots for one reply (see allocateBatch). */
export async function offerSlotsForReply(deps: OfferDeps, input: OfferInput): Promise<OfferResult> {
  const [result] = await allocateBatch(deps, [input]);
  return result!;
}

/**
 * Allocates slots to a batch of replies and persists the offers. Per
 * workspace, one transaction holds an advisory lock, reads the live offers
 * and declined slots, allocates, and writes the new slot_offers rows, so two
 * workers (or a backfill and live traffic) never push a slot past the cap.
 * Results come back in the order of `inputs`.
 */
export async function allocateBatch(deps: OfferDeps, inputs: OfferInput[]): Promise<OfferResult[]> {
  const results = new Map<OfferInput, OfferResult>();
  const byWorkspace = Map.groupBy(inputs, (i) => i.workspaceId);
  for (const [workspaceId, group] of byWorkspace) {
    const now = new Date(Math.max(...group.map((i) => i.now.getTime())));
    for (const [input, result] of await allocateWorkspace(deps, workspaceId, group, now)) {
      results.set(input, result);
    }
  }
  return inputs.map((i) => results.get(i)!);
}

async function allocateWorkspace(
  deps: OfferDeps,
  workspaceId: string,
  group: OfferInput[],
  now: Date,
): Promise<Map<OfferInput, OfferResult>> {
  const settings = deps.config.availability;
  // Network I/O stays outside the transaction: a slow calendar must not hold the lock.
  // Throws not_found for an unknown workspace.
  const availability = await getAvailability(deps, workspaceId, now);
  const workspaceZone = isValidZone(availability.timeZone) ? availability.timeZone : 'UTC';
  const leads = group.map((input) => {
    const zone = isValidZone(input.leadTimeZone) ? input.leadTimeZone : undefined;
    const wish = parseTimingWishes(input.replyText, {
      replyAt: input.replyAt,
      timeZone: zone ?? workspaceZone,
    });
    return { input, zone, wish };
  });

  if (availability.slots.length === 0) {
    // Nothing to allocate: no lock, no reads of the live offers.
    return new Map(
      leads.map(({ input, wish }) => [
        input,
        {
          leadId: input.leadId,
          slots: [],
          offerIds: [],
          stale: availability.stale,
          wish,
          noSlotsReason: availability.warning ?? 'the calendar has no free slots in the horizon',
          ...(availability.warning ? { warning: availability.warning } : {}),
        },
      ]),
    );
  }
  return deps.db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`slot_offers:${workspaceId}`}, 0))`,
    );
    const { live, declined, booked } = await readOffers(
      tx,
      workspaceId,
      group.map((i) => i.leadId),
      now,
    );
    const free = filterSlots(availability.slots, {
      now,
      minNoticeMinutes: settings.minNoticeMinutes,
      horizonDays: settings.horizonDays,
      booked,
    });
    const allocation = allocate({
      slots: free,
      leads: leads.map((l) => ({
        id: l.input.leadId,
        timeZone: l.zone,
        repliedAt: l.input.replyAt,
        wish: isEmptyWish(l.wish) ? undefined : l.wish,
      })),
      k: settings.slotsPerLead,
      cap: settings.offerCap,
      existingOffers: live,
      declined,
      now,
      workspaceTimeZone: workspaceZone,
    });
    const out = new Map<OfferInput, OfferResult>();
    for (const { input, zone, wish } of leads) {
      const chosen = allocation.byLead.get(input.leadId) ?? [];
      const rows = chosen.length
        ? await tx
            .insert(slotOffers)
            .values(
              chosen.map((s) => ({
                workspaceId,
                leadId: input.leadId,
                slotStart: new Date(s.start),
                slotEnd: new Date(s.end),
                status: 'offered' as const,
                offeredAt: now,
                expiresAt: new Date(s.start),
              })),
            )
            .returning({ id: slotOffers.id, slotStart: slotOffers.slotStart })
        : [];
      const idByStart = new Map(rows.map((r) => [r.slotStart.toISOString(), r.id]));
      const result: OfferResult = {
        leadId: input.leadId,
        // Labels in the reply's language: a German lead reads "Dienstag, 12. Januar".
        slots: chosen.map((s) =>
          toOfferedSlot(s, zone ?? workspaceZone, detectLanguage(input.replyText)),
        ),
        offerIds: chosen.map((s) => idByStart.get(s.start)!),
        stale: availability.stale,
        wish,
      };
      if (availability.warning) result.warning = availability.warning;
      if (chosen.length === 0) {
        result.noSlotsReason = explainNoSlots({
          availability: availability.slots,
          free,
          rules: { now, leadTimeZone: zone, workspaceTimeZone: workspaceZone, wish },
          declined: declined.get(input.leadId),
          cap: allocation.cap,
          warning: availability.warning,
        });
      }
      out.set(input, result);
    }
    return out;
  });
}

async function readOffers(tx: DbOrTx, workspaceId: string, leadIds: string[], now: Date) {
  const liveRows = await tx
    .select({ slotStart: slotOffers.slotStart, count: sql<number>`count(*)::int` })
    .from(slotOffers)
    .where(
      and(
        eq(slotOffers.workspaceId, workspaceId),
        eq(slotOffers.status, 'offered'),
        gt(slotOffers.expiresAt, now),
      ),
    )
    .groupBy(slotOffers.slotStart);
  const live = new Map(liveRows.map((r) => [r.slotStart.toISOString(), r.count]));
  const declinedRows = await tx
    .select({ leadId: slotOffers.leadId, slotStart: slotOffers.slotStart })
    .from(slotOffers)
    .where(and(inArray(slotOffers.leadId, leadIds), eq(slotOffers.status, 'declined')));
  const declined = new Map<string, Set<string>>();
  for (const r of declinedRows) {
    const set = declined.get(r.leadId) ?? new Set<string>();
    set.add(r.slotStart.toISOString());
    declined.set(r.leadId, set);
  }
  const bookedRows = await tx
    .select({ start: slotOffers.slotStart, end: slotOffers.slotEnd })
    .from(slotOffers)
    .where(
      and(
        eq(slotOffers.workspaceId, workspaceId),
        eq(slotOffers.status, 'booked'),
        gt(slotOffers.slotEnd, now),
      ),
    );
  const booked: Slot[] = bookedRows.map((r) => ({
    start: r.start.toISOString(),
    end: r.end.toISOString(),
  }));
  return { live, declined, booked };
}

/** Says, in words for the draft's explain, at which step every slot dropped out. */
function explainNoSlots(input: {
  availability: Slot[];
  free: Slot[];
  rules: {
    now: Date;
    leadTimeZone: string | undefined;
    workspaceTimeZone: string;
    wish: TimingWish;
  };
  declined: Set<string> | undefined;
  cap: number;
  warning: string | undefined;
}): string {
  if (input.availability.length === 0) {
    return input.warning ?? 'the calendar has no free slots in the horizon';
  }
  if (input.free.length === 0) return 'no free slot is inside the notice and horizon window';
  const { rules } = input;
  const forLead = filterSlotsForLead(input.free, {
    now: rules.now,
    leadTimeZone: rules.leadTimeZone,
    workspaceTimeZone: rules.workspaceTimeZone,
    allowToday: rules.wish.askedForToday,
  });
  if (forLead.length === 0) return "no free slot falls in the lead's business hours";
  const wished = isEmptyWish(rules.wish)
    ? forLead
    : applyTimingWishes(forLead, rules.wish, rules.wish.timeZone);
  if (wished.length === 0) {
    return `nothing free fits what the lead asked for (${rules.wish.matched.join(', ')})`;
  }
  if (wished.every((s) => input.declined?.has(s.start))) {
    return 'the lead declined every slot that fits';
  }
  return `every fitting slot is already offered to ${input.cap} leads (the cap)`;
}

/** Links offers to the draft that carries them, once the draft exists. */
export async function attachOffersToDraft(
  db: DbOrTx,
  offerIds: string[],
  draftId: string,
): Promise<void> {
  if (offerIds.length === 0) return;
  await db.update(slotOffers).set({ draftId }).where(inArray(slotOffers.id, offerIds));
}

/**
 * Closes a lead's live offers: the booked slot (if any) becomes `booked`, so
 * it is never offered again; the rest expire and stop counting against the cap.
 */
export async function closeLeadOffers(
  db: DbOrTx,
  leadId: string,
  booked?: { start: Date },
): Promise<void> {
  const live = and(eq(slotOffers.leadId, leadId), eq(slotOffers.status, 'offered'));
  if (booked) {
    await db
      .update(slotOffers)
      .set({ status: 'booked' })
      .where(and(live, eq(slotOffers.slotStart, booked.start)));
  }
  await db.update(slotOffers).set({ status: 'expired' }).where(live);
}

import { readdir } from 'node:fs/promises';
import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { OfferedSlot } from '../../src/ai/provider.ts';
import type { Db } from '../../src/db/client.ts';
import { decisionEvents, followupInstances, leads, messages } from '../../src/db/schema.ts';
import { latestDrafts, type ReplayResult } from './replay-scenario.ts';
import type { EndState, Scenario, SlotExpectation } from './scenario.ts';
import type { ScenarioWorld } from './setup-scenario.ts';

/**
 * Checks offered slots against a scenario's constraints, read in `zone`.
 * Returns one line per violation (empty when all hold).
 */
export function slotViolations(
  slots: OfferedSlot[],
  expected: SlotExpectation,
  ctx: { zone: string; receivedAt: Date; processedAt: Date },
): string[] {
  const out: string[] = [];
  const local = slots.map((s) => ({
    label: s.label,
    start: DateTime.fromISO(s.start, { zone: ctx.zone }),
    end: DateTime.fromISO(s.end, { zone: ctx.zone }),
  }));
  const dayOf = (d: Date) => DateTime.fromJSDate(d, { zone: ctx.zone }).toISODate();
  if (expected.count !== undefined && slots.length !== expected.count) {
    out.push(`expected ${expected.count} slots, got ${slots.length}`);
  }
  if (expected.atLeast !== undefined && slots.length < expected.atLeast) {
    out.push(`expected at least ${expected.atLeast} slots, got ${slots.length}`);
  }
  if (expected.allNextWeek) {
    const weekStart = DateTime.fromJSDate(ctx.receivedAt, { zone: ctx.zone })
      .startOf('week')
      .plus({ weeks: 1 });
    const weekEnd = weekStart.plus({ weeks: 1 });
    for (const s of local) {
      if (s.start < weekStart || s.start >= weekEnd) {
        out.push(`${s.label} is not in the week of ${weekStart.toISODate()} (${ctx.zone})`);
      }
    }
  }
  const forbidden = new Set(expected.notOnDays ?? []);
  if (expected.notOnReplyDay) forbidden.add(dayOf(ctx.receivedAt)!);
  if (expected.notOnProcessingDay) forbidden.add(dayOf(ctx.processedAt)!);
  for (const s of local) {
    if (forbidden.has(s.start.toISODate()!)) {
      out.push(`${s.label} falls on ${s.start.toISODate()}, a forbidden day`);
    }
  }
  if (expected.insideBusinessHours) {
    for (const s of local) {
      const startMin = s.start.hour * 60 + s.start.minute;
      const endMin = startMin + s.end.diff(s.start, 'minutes').minutes;
      if (s.start.weekday > 5 || startMin < 8 * 60 || endMin > 18 * 60) {
        out.push(`${s.label} is outside 08:00–18:00 on a weekday in ${ctx.zone}`);
      }
    }
  }
  if (expected.onWeekdays) {
    for (const s of local) {
      if (!expected.onWeekdays.includes(s.start.weekday)) {
        out.push(`${s.label} is not on weekday ${expected.onWeekdays.join('/')} (1 = Monday)`);
      }
    }
  }
  if (expected.startsBetween) {
    const { from, to } = expected.startsBetween;
    for (const s of local) {
      const hhmm = s.start.toFormat('HH:mm');
      if (hhmm < from || hhmm >= to)
        out.push(`${s.label} does not start between ${from} and ${to}`);
    }
  }
  if (expected.minNoticeMinutes !== undefined) {
    const earliest = ctx.processedAt.getTime() + expected.minNoticeMinutes * 60_000;
    for (const s of local) {
      if (s.start.toMillis() < earliest) {
        out.push(`${s.label} starts less than ${expected.minNoticeMinutes} min after processing`);
      }
    }
  }
  return out;
}

/** The end state of a replayed scenario, in the shape of `EndState`, for the keys the scenario names. */
export async function readEndState(
  db: Db,
  scenario: Scenario,
  world: ScenarioWorld,
  result: ReplayResult,
  outboxDir: string,
): Promise<Required<EndState>> {
  const files = (await readdir(outboxDir).catch(() => [] as string[])).filter((f) =>
    f.endsWith('.eml'),
  );
  const byMessage = await latestDrafts(db, world.workspaceId);
  const idOf = new Map(result.inbound.map((o) => [o.messageId, o.id]));
  const draftsById: Record<string, string> = {};
  for (const [messageId, status] of byMessage)
    draftsById[idOf.get(messageId) ?? messageId] = status;
  const answered = Object.entries(draftsById)
    .filter(([, status]) => status === 'sent')
    .map(([id]) => id)
    .sort();
  const [lead] = await db.select().from(leads).where(eq(leads.id, world.leadId));
  const [followUp] = await db
    .select()
    .from(followupInstances)
    .where(eq(followupInstances.id, world.followUpId));
  const deferred = await db
    .select({ id: decisionEvents.id })
    .from(decisionEvents)
    .where(
      and(
        inArray(
          decisionEvents.messageId,
          result.inbound.map((o) => o.messageId),
        ),
        eq(decisionEvents.step, 'send'),
        eq(decisionEvents.outcome, 'deferred'),
      ),
    );
  return {
    sent: files.length,
    answered,
    drafts: draftsById as EndState['drafts'] & object,
    lead: {
      optedOut: Boolean(lead!.optedOutAt),
      bounced: Boolean(lead!.bouncedAt),
      booked: Boolean(lead!.bookedAt),
    },
    followUp: {
      status: followUp!.status,
      pauseReason: followUp!.pauseReason,
      pausedUntil: followUp!.pausedUntil?.toISOString() ?? null,
    },
    sentInsideSendingHours: await sentInsideHours(db, scenario, world),
    deferred: deferred.length > 0,
  };
}

/** True when every reply we sent left inside the campaign's sending hours (lead's zone). */
async function sentInsideHours(db: Db, scenario: Scenario, world: ScenarioWorld) {
  const hours = world.campaign.sendingHours;
  if (!hours) return true;
  const zone = scenario.lead.timeZone ?? world.workspaceTimeZone;
  const sent = await db
    .select({ at: messages.occurredAt })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, world.workspaceId),
        eq(messages.direction, 'outbound'),
        eq(messages.source, 'autosend'),
      ),
    );
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return sent.every(({ at }) => {
    const local = DateTime.fromJSDate(at, { zone });
    const minute = local.hour * 60 + local.minute;
    return minute >= toMin(hours.start) && minute < toMin(hours.end);
  });
}

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { parseInput } from './parse-input.ts';
import {
  type ReasonCount,
  type ReasonsPerDay,
  reasonsPerDay,
  windowDays,
} from './reasons-per-day.ts';

/** Query of GET /workspaces/:id/activity/reasons. */
export const outcomeReasonsQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(14),
});

export interface OutcomeReasons {
  days: number;
  from: string;
  to: string;
  /** Replies skipped (never drafted or sent), by skip reason, per UTC day. */
  skips: ReasonsPerDay;
  /** Drafts held for a human, by review reason, per UTC day. */
  holds: ReasonsPerDay;
}

/**
 * Why replies were skipped and why drafts were held, per UTC day over the
 * last `days` days: skips from the decision trail (one per reply and
 * reason), holds from the review requests.
 */
export async function summariseOutcomeReasons(
  db: DbOrTx,
  input: { workspaceId: string; query?: unknown; now: Date },
): Promise<OutcomeReasons> {
  const { days } = parseInput(outcomeReasonsQuerySchema, input.query ?? {});
  const dayList = windowDays(input.now, days);
  const since = `${dayList[0]}T00:00:00Z`;
  const skips = await db.execute<{ day: string; reason: string; count: number }>(sql`
    select to_char(e.at at time zone 'UTC', 'YYYY-MM-DD') as day, e.reason,
           count(distinct e.message_id)::int as count
    from decision_events e
    join messages m on m.id = e.message_id
    where m.workspace_id = ${input.workspaceId} and e.outcome = 'skipped'
      and e.reason is not null and e.at >= ${since}::timestamptz
    group by 1, 2`);
  const holds = await db.execute<{ day: string; reason: string; count: number }>(sql`
    select to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, r.reason,
           count(*)::int as count
    from review_requests r
    where r.workspace_id = ${input.workspaceId} and r.created_at >= ${since}::timestamptz
    group by 1, 2`);
  const rows = (r: { rows: ReasonCount[] }) => r.rows;
  return {
    days,
    from: dayList[0]!,
    to: dayList.at(-1)!,
    skips: reasonsPerDay(rows(skips), dayList),
    holds: reasonsPerDay(rows(holds), dayList),
  };
}

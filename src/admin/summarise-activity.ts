import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import {
  type ActivityDayCount,
  type ActivityPerDay,
  activityPerDay,
  type ConfidenceHistogram,
  confidenceHistogram,
} from './activity-per-day.ts';
import { parseInput } from './parse-input.ts';
import { windowDays } from './reasons-per-day.ts';

/** Query of GET /workspaces/:id/activity/summary. */
export const activitySummaryQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(14),
});

export interface ActivitySummary {
  days: number;
  from: string;
  to: string;
  totals: ActivityPerDay['totals'];
  /** Every UTC day of the period, oldest first. */
  perDay: ActivityPerDay['days'];
  /** Drafts created in the period with a confidence (backfill shadow drafts left out). */
  confidence: ConfidenceHistogram;
}

/**
 * Exact counts for the Activity page over the last `days` UTC days: inbound
 * replies per day (by when they were received), drafts per day of creation
 * that were sent, still wait for review or were rejected, and the confidence
 * histogram of the period's drafts. Aggregated in SQL, whatever the volume.
 */
export async function summariseActivity(
  db: DbOrTx,
  input: { workspaceId: string; query?: unknown; now: Date },
): Promise<ActivitySummary> {
  const { days } = parseInput(activitySummaryQuerySchema, input.query ?? {});
  const dayList = windowDays(input.now, days);
  const since = `${dayList[0]}T00:00:00Z`;
  const replies = await db.execute<{ day: string; replies: number }>(sql`
    select to_char(m.occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day,
           count(*)::int as replies
    from messages m
    where m.workspace_id = ${input.workspaceId} and m.direction = 'inbound'
      and m.occurred_at >= ${since}::timestamptz
    group by 1`);
  const outcomes = await db.execute<{ day: string; sent: number; held: number; rejected: number }>(
    sql`
    select to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
           (count(*) filter (where d.status = 'sent'))::int as sent,
           (count(*) filter (where r.status = 'open'))::int as held,
           (count(*) filter (where d.status = 'rejected'))::int as rejected
    from drafts d
    join messages m on m.id = d.message_id
    left join review_requests r on r.draft_id = d.id
    where m.workspace_id = ${input.workspaceId} and d.created_at >= ${since}::timestamptz
    group by 1`,
  );
  // Same bucketing as confidenceBucketOf: whole percent first, 100 % in the top bucket.
  const buckets = await db.execute<{ bucket: number; count: number }>(sql`
    select least(9, floor(round(d.confidence::numeric * 100) / 10))::int as bucket,
           count(*)::int as count
    from drafts d
    join messages m on m.id = d.message_id
    where m.workspace_id = ${input.workspaceId} and d.created_at >= ${since}::timestamptz
      and d.confidence is not null and d.status <> 'shadow'
    group by 1`);
  const perDay = activityPerDay([...replies.rows, ...outcomes.rows] as ActivityDayCount[], dayList);
  return {
    days,
    from: dayList[0]!,
    to: dayList.at(-1)!,
    totals: perDay.totals,
    perDay: perDay.days,
    confidence: confidenceHistogram(buckets.rows),
  };
}

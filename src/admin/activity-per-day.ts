/**
 * Counts from the Activity summary's SQL shaped for the dashboard's charts:
 * every day of the window present (zero days included) with totals, and the
 * ten confidence buckets always present. Pure.
 */

/** One UTC day's counts as the SQL returns them (a day may be missing). */
export interface ActivityDayCount {
  /** UTC day, yyyy-mm-dd. */
  day: string;
  replies?: number;
  sent?: number;
  held?: number;
  rejected?: number;
}

export interface ActivityDay {
  day: string;
  /** Inbound replies received that day. */
  replies: number;
  /** Drafts created that day that were sent. */
  sent: number;
  /** Drafts created that day whose review request is still open. */
  held: number;
  /** Drafts created that day that a reviewer rejected. */
  rejected: number;
}

export interface ActivityPerDay {
  totals: Omit<ActivityDay, 'day'>;
  days: ActivityDay[];
}

export interface ConfidenceBucket {
  /** Lower bound in percent, inclusive. */
  from: number;
  /** Upper bound in percent, exclusive (the top bucket includes 100 %). */
  to: number;
  count: number;
}

export interface ConfidenceHistogram {
  total: number;
  buckets: ConfidenceBucket[];
}

const COUNTS = ['replies', 'sent', 'held', 'rejected'] as const;

/** Merges the per-day rows into the window `dayList`, dropping days outside it. */
export function activityPerDay(rows: ActivityDayCount[], dayList: string[]): ActivityPerDay {
  const byDay = new Map<string, ActivityDay>(
    dayList.map((day) => [day, { day, replies: 0, sent: 0, held: 0, rejected: 0 }]),
  );
  const totals = { replies: 0, sent: 0, held: 0, rejected: 0 };
  for (const row of rows) {
    const day = byDay.get(row.day);
    if (!day) continue;
    for (const key of COUNTS) {
      const n = row[key] ?? 0;
      day[key] += n;
      totals[key] += n;
    }
  }
  return { totals, days: [...byDay.values()] };
}

/**
 * The bucket (0–9) of a confidence in 0..1: scores are rounded to whole
 * percent first (0.7 stored as 0.69999 belongs in 70–79 %), 100 % goes in
 * the top bucket. The SQL of the summary computes the same.
 */
export function confidenceBucketOf(confidence: number): number {
  return Math.min(9, Math.max(0, Math.floor(Math.round(confidence * 100) / 10)));
}

/** Ten buckets of 10 points from counts per bucket index (0–9); other indexes are ignored. */
export function confidenceHistogram(
  rows: { bucket: number; count: number }[],
): ConfidenceHistogram {
  const counts = new Array<number>(10).fill(0);
  for (const row of rows) {
    if (Number.isInteger(row.bucket) && row.bucket >= 0 && row.bucket <= 9) {
      counts[row.bucket]! += row.count;
    }
  }
  return {
    total: counts.reduce((n, c) => n + c, 0),
    buckets: counts.map((count, i) => ({ from: i * 10, to: i * 10 + 10, count })),
  };
}

/**
 * Counts per UTC day and reason shaped for a stacked chart: every day of the
 * window present (zero days included), totals per reason, reasons ordered by
 * how often they happened. Pure.
 */

export interface ReasonCount {
  /** UTC day, yyyy-mm-dd. */
  day: string;
  reason: string;
  count: number;
}

export interface ReasonsPerDay {
  /** Reasons seen in the window, most frequent first. */
  reasons: string[];
  totals: Record<string, number>;
  total: number;
  days: { day: string; total: number; byReason: Record<string, number> }[];
}

const DAY_MS = 86_400_000;

/** The `days` UTC days ending with the day of `now`, oldest first. */
export function windowDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

export function reasonsPerDay(rows: ReasonCount[], dayList: string[]): ReasonsPerDay {
  const inWindow = new Set(dayList);
  const totals: Record<string, number> = {};
  const byDay = new Map(dayList.map((day) => [day, {} as Record<string, number>]));
  for (const row of rows) {
    if (!inWindow.has(row.day)) continue;
    const bucket = byDay.get(row.day)!;
    bucket[row.reason] = (bucket[row.reason] ?? 0) + row.count;
    totals[row.reason] = (totals[row.reason] ?? 0) + row.count;
  }
  const reasons = Object.keys(totals).sort((a, b) => totals[b]! - totals[a]! || a.localeCompare(b));
  return {
    reasons,
    totals,
    total: Object.values(totals).reduce((n, c) => n + c, 0),
    days: dayList.map((day) => {
      const byReason = byDay.get(day)!;
      return {
        day,
        total: Object.values(byReason).reduce((n, c) => n + c, 0),
        byReason,
      };
    }),
  };
}

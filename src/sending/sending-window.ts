import { DateTime } from 'luxon';

/**
 * Sending hours and "today" in a lead's or workspace's time zone. Pure: the
 * clock comes in as `now`.
 */

/** A zone luxon understands, else UTC (a bad stored zone must not stop sending). */
export function validZone(zone: string | null | undefined, fallback = 'UTC'): string {
  for (const candidate of [zone, fallback]) {
    if (candidate && DateTime.now().setZone(candidate).isValid) return candidate;
  }
  return 'UTC';
}

/**
 * When the campaign's sending window next opens, or null when `now` is inside
 * it (or the campaign has no window). Minutes count from local midnight;
 * `endMinute` is exclusive. On DST days the local wall-clock time is kept.
 */
export function nextWindowOpening(input: {
  now: Date;
  timeZone: string;
  startMinute: number | null;
  endMinute: number | null;
}): Date | null {
  const { startMinute, endMinute } = input;
  if (startMinute === null || endMinute === null) return null;
  const local = DateTime.fromJSDate(input.now, { zone: validZone(input.timeZone) });
  const minute = local.hour * 60 + local.minute;
  if (minute >= startMinute && minute < endMinute) return null;
  const day = minute >= endMinute ? local.plus({ days: 1 }) : local;
  return day
    .set({
      hour: Math.floor(startMinute / 60),
      minute: startMinute % 60,
      second: 0,
      millisecond: 0,
    })
    .toJSDate();
}

/** Local midnight of `now`'s day in `timeZone`, as an instant (start of the daily cap's day). */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: validZone(timeZone) })
    .startOf('day')
    .toJSDate();
}

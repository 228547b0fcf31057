import { DateTime } from 'luxon';
import { validZone } from '../sending/sending-window.ts';
import type { DelayUnit } from './followup-types.ts';

/**
 * When a step falls due: `amount` hours, or `amount` business days (Monday to
 * Friday in the lead's zone, keeping the local time of day), after `from`.
 * Pure.
 */
export function addDelay(from: Date, amount: number, unit: DelayUnit, zone: string): Date {
  if (unit === 'hours') return new Date(from.getTime() + amount * 3_600_000);
  let day = DateTime.fromJSDate(from, { zone: validZone(zone) });
  let left = amount;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left--;
  }
  return day.toJSDate();
}

/** The start of the next local day in `zone` (for "one follow-up per lead per channel per day"). */
export function startOfNextLocalDay(now: Date, zone: string): Date {
  return DateTime.fromJSDate(now, { zone: validZone(zone) })
    .plus({ days: 1 })
    .startOf('day')
    .toJSDate();
}

/** Whether two instants fall on the same local day in `zone`. */
export function sameLocalDay(a: Date, b: Date, zone: string): boolean {
  const z = validZone(zone);
  return DateTime.fromJSDate(a, { zone: z }).hasSame(DateTime.fromJSDate(b, { zone: z }), 'day');
}

/** Parses "3 business days", "3bd", "2 days", "48 hours", "48h" into an amount and unit. */
export function parseDelay(text: string): { amount: number; unit: DelayUnit } | null {
  const m = /^\s*(\d{1,4})\s*(bd|business\s*days?|d|days?|h|hours?)\s*$/i.exec(text);
  if (!m) return null;
  const amount = Number(m[1]);
  const unit = /^h/i.test(m[2]!) ? 'hours' : 'business_days';
  return { amount, unit };
}

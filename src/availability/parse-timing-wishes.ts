import { DateTime } from 'luxon';
import { assembleTimingWish } from './assemble-timing-wish.ts';
import { scanClockTimes, scanDayParts } from './parse-clock-times.ts';
import { scanWishDays } from './parse-wish-days.ts';
import { createWishScanner } from './scan-wish-text.ts';
import type { TimingWish } from './timing-wish-types.ts';
import { MAX_CHARS, NOISE } from './timing-wish-words.ts';

export { toMinute } from './parse-clock-times.ts';
export type { DayPart, TimingWish, WishHours, WishOption } from './timing-wish-types.ts';

/**
 * Parses the timing wishes of a reply, in the lead's zone, relative to the
 * reply's OWN date (a backfill weeks later still reads "tomorrow" as the day
 * after the reply). Pure. Alternatives are a union ("Thursday or Friday");
 * days the lead rules out are excluded ("Mondays are chaos", "not this week");
 * "away until Monday" and "after the 10th" are lower bounds; durations,
 * greetings and "right now" are not wishes. English, with German, French and
 * Spanish day, week and month words.
 */
export function parseTimingWishes(
  text: string,
  context: { replyAt: Date; timeZone: string },
): TimingWish {
  const zone = context.timeZone;
  const today = DateTime.fromJSDate(context.replyAt, { zone }).startOf('day');
  // One space for any run of blanks, and a bounded length: a reply, not a document. Then one
  // character per character, so positions in `t` (accents stripped) and `lower` agree.
  const source = text.replace(/\s+/g, ' ').slice(0, MAX_CHARS);
  const lower = source
    .split('')
    .map((c) => (c.toLowerCase().length === 1 ? c.toLowerCase() : c))
    .join('')
    .replace(/\s/g, ' ');
  const s = createWishScanner(source, lower, today, context);
  for (const noise of NOISE) s.scan(noise, () => []);
  scanClockTimes(s);
  scanDayParts(s);
  scanWishDays(s);
  return assembleTimingWish(s.mentions, s.t, lower, today, zone);
}

/** True when the wish constrains nothing. */
export function isEmptyWish(wish: TimingWish | undefined): boolean {
  return (
    !wish ||
    (wish.options.length === 0 &&
      wish.hours.windows.length === 0 &&
      wish.hours.earliest === undefined &&
      wish.hours.latest === undefined &&
      wish.notBefore === undefined &&
      wish.notAfter === undefined &&
      wish.excluded.ranges.length === 0 &&
      wish.excluded.weekdays.length === 0 &&
      wish.excluded.hours.length === 0)
  );
}

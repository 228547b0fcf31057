import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** What a reply asked for about timing, resolved to instants. Empty lists mean "any". */
export interface TimingWish {
  /** Local days the lead named, as UTC instants [from, to); a slot must start in one. */
  ranges: { from: string; to: string }[];
  /** Recurring weekdays ("Fridays"), 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  dayParts: DayPart[];
  /** "not before 2pm": minutes after local midnight. */
  earliestMinute?: number;
  /** "no later than 4pm": a slot must end by then. */
  latestMinute?: number;
  /** The lead asked for today: the only case a same-day slot may be offered. */
  askedForToday: boolean;
  /** The phrases understood, for the decision trail. */
  matched: string[];
  /** Zone the words were read in. */
  timeZone: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
// Saturday and Sunday only in full: "sat" and "sun" are ordinary words.
const WEEKDAY = '((?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri)(?:day)?|(?:satur|sun)day)(s)?';
const TIME = '(\\d{1,2})(?::(\\d{2}))?\\s*(a\\.?m\\.?|p\\.?m\\.?)?|noon';
/** Open-ended "after X" reaches this far; the horizon filter cuts it anyway. */
const OPEN_DAYS = 120;

type Day = DateTime;

/**
 * Parses the timing wishes of a reply, in the lead's zone, relative to the
 * reply's OWN date (a backfill weeks later still reads "tomorrow" as the day
 * after the reply). Pure. Understands today, tomorrow, this/next week, next
 * month, weekdays (one or plural), "the 10th", dates ("March 14"), after /
 * before / from a day, mid-/early/late month, end of the month, mornings /
 * afternoons / evenings, and not before / not after a time.
 */
export function parseTimingWishes(
  text: string,
  context: { replyAt: Date; timeZone: string },
): TimingWish {
  const zone = context.timeZone;
  const today = DateTime.fromJSDate(context.replyAt, { zone }).startOf('day');
  const wish: TimingWish = {
    ranges: [],
    weekdays: [],
    dayParts: [],
    askedForToday: false,
    matched: [],
    timeZone: zone,
  };
  // Lower-case, one line; matched spans are blanked so chrono does not read them twice.
  let rest = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  const days: [Day, Day][] = [];
  const weekdayMentions: { weekday: number; plural: boolean }[] = [];
  const take = (pattern: RegExp, onMatch: (m: RegExpExecArray) => void) => {
    rest = rest.replace(pattern, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      wish.matched.push(String(m[0]).trim());
      onMatch(m);
      return ' '.repeat(String(m[0]).length);
    });
  };
  const day = (d: Day): [Day, Day] => [d, d.plus({ days: 1 })];
  const nextDayOfMonth = (n: number): Day | undefined => {
    let d = today.set({ day: Math.min(n, today.daysInMonth ?? 28) });
    if (n < today.day) d = today.plus({ months: 1 }).set({ day: n });
    return d.day === n ? d : undefined;
  };
  const monthFrom = (name: string): Day => {
    const index = MONTHS.indexOf(name.slice(0, 3));
    let d = today.set({ month: index + 1, day: 1 });
    if (index + 1 < today.month) d = d.plus({ years: 1 });
    return d;
  };
  const bounded = (from: Day, prefix: string | undefined, to: Day) => {
    if (prefix === 'after' || prefix === 'later than')
      days.push([to, to.plus({ days: OPEN_DAYS })]);
    else if (prefix === 'from' || prefix === 'starting') {
      days.push([from, from.plus({ days: OPEN_DAYS })]);
    } else if (prefix === 'before' || prefix === 'until' || prefix === 'by')
      days.push([today, from]);
    else days.push([from, to]);
  };

  // Times of day first, so "after 2pm" is not read as a date bound; negations before plain words.
  const earliest = (m: RegExpExecArray) => {
    const minute = toMinute(m[1]!, m[2], m[3], m[4]);
    if (minute !== undefined) wish.earliestMinute = Math.max(wish.earliestMinute ?? 0, minute);
  };
  const latest = (m: RegExpExecArray) => {
    const minute = toMinute(m[1]!, m[2], m[3], m[4]);
    if (minute !== undefined) wish.latestMinute = Math.min(wish.latestMinute ?? 1440, minute);
  };
  const timeAfter = (words: string) => new RegExp(`\\b(?:${words}) (${TIME})(?![\\w/])`, 'g');
  take(timeAfter('not before|no earlier than'), earliest);
  take(timeAfter('not after|no later than'), latest);
  take(timeAfter('after|from|later than|past'), earliest);
  take(timeAfter('before|until|till|by'), latest);
  take(/\b(?:later today|today|this (?:morning|afternoon|evening)|tonight)\b/g, (m) => {
    wish.askedForToday = true;
    days.push(day(today));
    const part = /morning|afternoon|evening/.exec(m[0]!)?.[0] as DayPart | undefined;
    if (part) addPart(wish, part);
    if (m[0] === 'tonight') addPart(wish, 'evening');
  });
  take(/\b(?:the )?day after tomorrow\b/g, () => days.push(day(today.plus({ days: 2 }))));
  take(/\btomorrow\b/g, () => days.push(day(today.plus({ days: 1 }))));
  take(/\b(?:the )?week after next\b/g, () => {
    const monday = today.startOf('week').plus({ weeks: 2 });
    days.push([monday, monday.plus({ weeks: 1 })]);
  });
  take(/\bnext week\b/g, () => {
    const monday = today.startOf('week').plus({ weeks: 1 });
    days.push([monday, monday.plus({ weeks: 1 })]);
  });
  take(/\b(?:later )?this week\b/g, () =>
    days.push([today, today.startOf('week').plus({ weeks: 1 })]),
  );
  take(/\bnext month\b/g, () => {
    const first = today.startOf('month').plus({ months: 1 });
    days.push([first, first.plus({ months: 1 })]);
  });
  take(/\b(?:the )?end of (?:the |this )?month\b/g, () => {
    const end = today.endOf('month').startOf('day').plus({ days: 1 });
    const start = end.minus({ days: 7 });
    days.push([DateTime.max(start, today), end]);
  });
  take(
    new RegExp(`\\b(mid|middle of|early|beginning of|start of|late|end of)[ -]${MONTH}\\b`, 'g'),
    (m) => {
      const first = monthFrom(m[2]!);
      const part = m[1]!;
      if (part === 'mid' || part === 'middle of')
        days.push([first.set({ day: 10 }), first.set({ day: 21 })]);
      else if (part === 'late' || part === 'end of')
        days.push([first.set({ day: 21 }), first.plus({ months: 1 })]);
      else days.push([first, first.set({ day: 11 })]);
    },
  );
  take(/\b(after|from|starting|before|until|by)? ?the (\d{1,2})(?:st|nd|rd|th)\b(?! of)/g, (m) => {
    const d = nextDayOfMonth(Number(m[2]));
    if (d) bounded(d, m[1], d.plus({ days: 1 }));
  });
  take(new RegExp(`\\b(?:next |this |on |any )?${WEEKDAY}\\b`, 'g'), (m) => {
    const index = WEEKDAYS.findIndex((w) => w.startsWith(m[1]!.slice(0, 3)));
    if (index >= 0) weekdayMentions.push({ weekday: index + 1, plural: !!m[2] });
  });
  for (const part of ['morning', 'afternoon', 'evening'] as const) {
    take(new RegExp(`\\b${part}s?\\b`, 'g'), () => addPart(wish, part));
  }

  // Explicit dates ("March 14", "3/25", "14th April"), with after/before in front.
  const reference = { instant: context.replyAt, timezone: today.offset };
  for (const result of chrono.parse(rest, reference, { forwardDate: true })) {
    if (!result.start.isCertain('day') || !result.start.isCertain('month')) continue;
    const at = (c: chrono.ParsedComponents) =>
      DateTime.fromObject(
        { year: c.get('year') ?? today.year, month: c.get('month')!, day: c.get('day')! },
        { zone },
      );
    const start = at(result.start);
    const end = result.end ? at(result.end).plus({ days: 1 }) : start.plus({ days: 1 });
    const before = rest.slice(0, result.index).trimEnd();
    const prefix = /(after|from|starting|before|until|by)$/.exec(before)?.[1];
    wish.matched.push(result.text);
    bounded(start, prefix, end);
  }

  // A weekday narrows another range ("next week, Tuesday"); alone it is its next occurrence.
  for (const mention of weekdayMentions) {
    if (mention.plural || days.length > 0) wish.weekdays.push(mention.weekday);
    else {
      let d = today.plus({ days: 1 });
      while (d.weekday !== mention.weekday) d = d.plus({ days: 1 });
      days.push(day(d));
    }
  }
  wish.weekdays = [...new Set(wish.weekdays)].sort();
  wish.ranges = days
    .filter(([a, b]) => b > a)
    .map(([a, b]) => ({ from: a.toUTC().toISO()!, to: b.toUTC().toISO()! }));
  return wish;
}

function addPart(wish: TimingWish, part: DayPart) {
  if (!wish.dayParts.includes(part)) wish.dayParts.push(part);
}

/** "2pm" → 840. A bare hour 1–6 means the afternoon: nobody books a 3 a.m. call. */
function toMinute(
  whole: string,
  hour: string | undefined,
  minute: string | undefined,
  meridiem: string | undefined,
): number | undefined {
  if (whole === 'noon') return 720;
  if (hour === undefined) return undefined;
  let h = Number(hour);
  const m = minute ? Number(minute) : 0;
  if (h > 23 || m > 59) return undefined;
  const mer = meridiem?.replace(/\./g, '');
  if (mer === 'pm' && h < 12) h += 12;
  else if (mer === 'am' && h === 12) h = 0;
  else if (!mer && !minute && h >= 1 && h <= 6) h += 12;
  return h * 60 + m;
}

/** True when the wish constrains nothing. */
export function isEmptyWish(wish: TimingWish | undefined): boolean {
  return (
    !wish ||
    (wish.ranges.length === 0 &&
      wish.weekdays.length === 0 &&
      wish.dayParts.length === 0 &&
      wish.earliestMinute === undefined &&
      wish.latestMinute === undefined)
  );
}

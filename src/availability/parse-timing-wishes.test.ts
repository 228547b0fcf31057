import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { applyTimingWishes } from './apply-timing-wishes.ts';
import { isEmptyWish, parseTimingWishes } from './parse-timing-wishes.ts';
import type { Slot } from './slot.ts';

const LONDON = 'Europe/London';
// Tuesday 12 January 2027, 10:20 in London (the reply the words are read against).
const REPLY = new Date('2027-01-12T10:20:00Z');
const read = (text: string, replyAt = REPLY, zone = LONDON) =>
  parseTimingWishes(text, { replyAt, timeZone: zone });

/** Half-hour slots 08:00–18:00 local, Monday to Friday, from the reply's week on. */
function grid(zone: string, weeks: number, replyAt = REPLY): Slot[] {
  const out: Slot[] = [];
  const monday = DateTime.fromJSDate(replyAt, { zone }).startOf('week');
  for (let i = 0; i < weeks * 7; i++) {
    const day = monday.plus({ days: i });
    if (day.weekday > 5) continue;
    for (let m = 8 * 60; m < 18 * 60; m += 30) {
      const s = day.plus({ minutes: m });
      out.push({ start: s.toUTC().toISO()!, end: s.plus({ minutes: 30 }).toUTC().toISO()! });
    }
  }
  return out;
}

/**
 * What a lead would see kept of the grid, as local days with the first start and
 * last end: "01-14..01-15 08:00-18:00" (consecutive days with the same hours merged).
 */
function kept(text: string, { weeks = 3, zone = LONDON, replyAt = REPLY } = {}): string {
  const slots = applyTimingWishes(grid(zone, weeks, replyAt), read(text, replyAt, zone), zone);
  const byDay = new Map<string, [string, string]>();
  for (const s of slots) {
    const a = DateTime.fromISO(s.start, { zone });
    const seen = byDay.get(a.toISODate()!);
    byDay.set(a.toISODate()!, [
      seen?.[0] ?? a.toFormat('HH:mm'),
      DateTime.fromISO(s.end, { zone }).toFormat('HH:mm'),
    ]);
  }
  const runs: { first: string; last: string; hours: string }[] = [];
  for (const [day, [a, b]] of byDay) {
    const run = runs.at(-1);
    const next = run && DateTime.fromISO(run.last).plus({ days: 1 }).toISODate();
    if (run && run.hours === `${a}-${b}` && next === day) run.last = day;
    else runs.push({ first: day, last: day, hours: `${a}-${b}` });
  }
  return runs
    .map((r) => `${r.first.slice(5)}${r.first === r.last ? '' : `..${r.last.slice(5)}`} ${r.hours}`)
    .join(', ');
}

/** First and last kept day over ten weeks, for wishes weeks or months away. */
function reach(text: string, zone = LONDON): string {
  const runs = kept(text, { weeks: 10, zone }).split(', ');
  return `${runs[0]!.slice(0, 5)}..${runs.at(-1)!.split(' ')[0]!.slice(-5)}`;
}

const ALL = '01-11..01-15 08:00-18:00, 01-18..01-22 08:00-18:00, 01-25..01-29 08:00-18:00';

describe('parseTimingWishes + applyTimingWishes: what a lead asked for is what is kept', () => {
  // Reply on Tuesday 12 January 2027; the grid covers Mon 11 – Fri 29 January.
  it.each([
    [
      'any day but Friday',
      '01-11..01-14 08:00-18:00, 01-18..01-21 08:00-18:00, 01-25..01-28 08:00-18:00',
    ],
    ['not this week', '01-11 08:00-18:00, 01-18..01-22 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ['early next week', '01-18..01-20 08:00-18:00'],
    ['later this week', '01-14..01-15 08:00-18:00'],
    ['end of next week', '01-21..01-22 08:00-18:00'],
    ['Tue/Wed', '01-13 08:00-18:00, 01-19 08:00-18:00'],
    ['Tues or Thurs', '01-14 08:00-18:00, 01-19 08:00-18:00'],
    ['after 3 pm', '01-11..01-15 15:00-18:00, 01-18..01-22 15:00-18:00, 01-25..01-29 15:00-18:00'],
    ['before noon', '01-11..01-15 08:00-12:00, 01-18..01-22 08:00-12:00, 01-25..01-29 08:00-12:00'],
    [
      'between 2 and 4',
      '01-11..01-15 14:00-16:00, 01-18..01-22 14:00-16:00, 01-25..01-29 14:00-16:00',
    ],
    [
      'first thing in the morning',
      '01-11..01-15 08:00-10:00, 01-18..01-22 08:00-10:00, 01-25..01-29 08:00-10:00',
    ],
    ['after lunch', '01-11..01-15 13:00-18:00, 01-18..01-22 13:00-18:00, 01-25..01-29 13:00-18:00'],
    ['on the 12th or 13th', '01-12..01-13 08:00-18:00'],
    ['week of the 16th', '01-11..01-15 08:00-18:00'],
    ['week of the 25th', '01-25..01-29 08:00-18:00'],
    ['in two weeks', '01-25..01-29 08:00-18:00'],
    ['Thursday or Friday', '01-14..01-15 08:00-18:00'],
    ['Tuesday or Wednesday morning', '01-13 08:00-12:00, 01-19 08:00-12:00'],
    ['Tuesday morning or Thursday afternoon', '01-14 12:00-17:00, 01-19 08:00-12:00'],
    [
      "Friday doesn't work",
      '01-11..01-14 08:00-18:00, 01-18..01-21 08:00-18:00, 01-25..01-28 08:00-18:00',
    ],
    [
      "I'm busy on Tuesday",
      '01-11 08:00-18:00, 01-13..01-15 08:00-18:00, 01-18 08:00-18:00, 01-20..01-22 08:00-18:00, 01-25 08:00-18:00, 01-27..01-29 08:00-18:00',
    ],
    ['not Monday', '01-12..01-15 08:00-18:00, 01-19..01-22 08:00-18:00, 01-26..01-29 08:00-18:00'],
    [
      'anything but Thursday',
      '01-11..01-13 08:00-18:00, 01-15 08:00-18:00, 01-18..01-20 08:00-18:00, 01-22 08:00-18:00, 01-25..01-27 08:00-18:00, 01-29 08:00-18:00',
    ],
    ["I'm away until Monday. Can we talk Tuesday?", '01-19 08:00-18:00'],
    ["I'm back on Monday", '01-18..01-22 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ["I'm not back until the 20th", '01-20..01-22 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ['next Tuesday', '01-19 08:00-18:00'],
    ['this Friday', '01-15 08:00-18:00'],
    ['Friday the 22nd', '01-22 08:00-18:00'],
    ['next week, ideally Tuesday or Thursday', '01-19 08:00-18:00, 01-21 08:00-18:00'],
    ['Friday at 3pm', '01-15 15:00-16:30'],
    ['tomorrow at 10:30', '01-13 10:30-12:00'],
    ['Donnerstag oder Freitag', '01-14..01-15 08:00-18:00'],
    ['nächste Woche Dienstag', '01-19 08:00-18:00'],
    ['jeudi ou vendredi', '01-14..01-15 08:00-18:00'],
    ['la semaine prochaine', '01-18..01-22 08:00-18:00'],
    ['el jueves o el viernes', '01-14..01-15 08:00-18:00'],
    ['la próxima semana por la mañana', '01-18..01-22 08:00-12:00'],
    ['mañana', '01-13 08:00-18:00'],
    [
      'mornings are bad for me',
      '01-11..01-15 12:00-18:00, 01-18..01-22 12:00-18:00, 01-25..01-29 12:00-18:00',
    ],
    [
      "I can't do mornings, afternoons are better",
      '01-11..01-15 12:00-17:00, 01-18..01-22 12:00-17:00, 01-25..01-29 12:00-17:00',
    ],
    ['This week is packed. Friday?', '01-22 08:00-18:00'],
    ['after the 20th', '01-21..01-22 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ['before the 20th', '01-11..01-15 08:00-18:00, 01-18..01-19 08:00-18:00'],
    [
      'Have a great weekend!',
      '01-11..01-15 08:00-18:00, 01-18..01-22 08:00-18:00, 01-25..01-29 08:00-18:00',
    ],
    [
      'right now we are busy',
      '01-11..01-15 08:00-18:00, 01-18..01-22 08:00-18:00, 01-25..01-29 08:00-18:00',
    ],
    ['Could we do a 20-minute call next week?', '01-18..01-22 08:00-18:00'],
    ['Good morning Tom, Tuesday at 2pm works', '01-19 14:00-15:30'],
    ["I'm free after the 20th except Fridays", '01-21 08:00-18:00, 01-25..01-28 08:00-18:00'],
    [
      "Monday or Tuesday don't work",
      '01-13..01-15 08:00-18:00, 01-20..01-22 08:00-18:00, 01-27..01-29 08:00-18:00',
    ],
    [
      'not Monday or Tuesday',
      '01-13..01-15 08:00-18:00, 01-20..01-22 08:00-18:00, 01-27..01-29 08:00-18:00',
    ],
    ["I'm out next week", '01-11..01-15 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ['Wednesday works but not before 11', '01-13 11:00-18:00'],
    ['any time Thursday', '01-14 08:00-18:00'],
    ['what about Thursday at 2 or Friday at 11?', '01-14 14:00-15:30, 01-15 11:00-12:30'],
    ['Next week is better', '01-18..01-22 08:00-18:00'],
    ["I'm travelling Tuesday and Wednesday, Thursday works", '01-14 08:00-18:00'],
    ['can we do Monday? mornings are best', '01-18 08:00-12:00'],
    ['sometime next week, but not Monday', '01-19..01-22 08:00-18:00'],
    ['maybe the week after next', '01-25..01-29 08:00-18:00'],
    ['end of the month', '01-21..01-22 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ['anytime next week except Wednesday', '01-18..01-19 08:00-18:00, 01-21..01-22 08:00-18:00'],
    ["I'm on holiday until the 25th", '01-26..01-29 08:00-18:00'],
    ["Let's aim for next Thursday", '01-21 08:00-18:00'],
    ['next week or the week after', '01-18..01-22 08:00-18:00, 01-25..01-29 08:00-18:00'],
    ['not this week, maybe next', '01-18..01-22 08:00-18:00'],
    ['heute nicht, morgen?', '01-13 08:00-18:00'],
    ['Montag geht nicht, aber Dienstag', '01-19 08:00-18:00'],
    ['pas lundi, plutôt mardi', '01-19 08:00-18:00'],
    ['el lunes no puedo, ¿el martes?', '01-19 08:00-18:00'],
    ['Friday 3pm?', '01-15 15:00-16:30'],
    ['2-4pm Thursday', '01-14 14:00-16:00'],
    ['Thursday 2-4pm or Friday morning', '01-14 14:00-16:00, 01-15 08:00-12:00'],
    ['Talk in a few days?', '01-14..01-15 08:00-18:00'],
    ["Let's talk in 2 weeks", '01-25..01-29 08:00-18:00'],
    ["I'll be in touch in 2 weeks", ALL],
    ['around 3 on Thursday', '01-14 14:30-16:30'],
    ['We have 10 people on the team, Tuesday?', '01-19 08:00-18:00'],
    [
      'Call me at 10',
      '01-11..01-15 10:00-11:30, 01-18..01-22 10:00-11:30, 01-25..01-29 10:00-11:30',
    ],
    ['Can you do 9.30 on Wednesday?', '01-13 09:30-11:00'],
    ['Wednesday, 20 January', '01-20 08:00-18:00'],
    ['the 20th or 21st', '01-20..01-21 08:00-18:00'],
    ['Tuesday next week', '01-19 08:00-18:00'],
    ['Thursday or Friday next week, after 2pm', '01-21..01-22 14:00-18:00'],
    ["back from vacation on the 18th, let's talk that week", '01-18 08:00-18:00'],
    [
      'no Fridays please',
      '01-11..01-14 08:00-18:00, 01-18..01-21 08:00-18:00, 01-25..01-28 08:00-18:00',
    ],
    ['Fridays are best', '01-15 08:00-18:00, 01-22 08:00-18:00, 01-29 08:00-18:00'],
    [
      'Wednesdays or Thursdays',
      '01-13..01-14 08:00-18:00, 01-20..01-21 08:00-18:00, 01-27..01-28 08:00-18:00',
    ],
    ['Thursday or Friday. Not before 2pm though.', '01-14..01-15 14:00-18:00'],
    ["I'm away next week, the week after works", '01-25..01-29 08:00-18:00'],
    ['Any chance today?', '01-12 08:00-18:00'],
    ['How about this afternoon?', '01-12 12:00-17:00'],
    ['Can we talk tonight?', '01-12 17:00-18:00'],
    ['Nicht diese Woche, nächste Woche gerne', '01-18..01-22 08:00-18:00'],
    ['Am Dienstag oder Mittwoch Vormittag', '01-13 08:00-12:00, 01-19 08:00-12:00'],
    [
      'Können wir nächste Woche telefonieren? Dienstag oder Mittwoch Vormittag wäre ideal.',
      '01-19..01-20 08:00-12:00',
    ],
    // The lead's own next step is not a time to meet.
    ["I'll get back to you tomorrow morning", ALL],
    ["I'll look at it over the weekend", ALL],
    [
      "I'll review it and get back to you Monday, but could we pencil in Thursday?",
      '01-14 08:00-18:00',
    ],
    ["I'll discuss with my team on Monday. Can we talk Wednesday?", '01-13 08:00-18:00'],
    ['1/2 hour on Tuesday?', '01-19 08:00-18:00'],
  ])('%s → %s', (text, expected) => {
    expect(kept(text)).toBe(expected);
  });
});

describe('the scenario replies', () => {
  it('"away until Monday … Tuesday?" is the Tuesday after the lead is back', () => {
    // Wednesday 13 January, 19:30 in Madrid.
    const at = new Date('2027-01-13T18:30:00Z');
    const text = "Hi Tom, I'm away until Monday, but this sounds interesting. Can we talk Tuesday?";
    expect(kept(text, { zone: 'Europe/Madrid', replyAt: at })).toBe('01-19 08:00-18:00');
  });

  it('"Mondays are always chaos … Wednesday afternoon?" is Wednesday afternoon, never Monday', () => {
    // Monday 11 January, 15:05 in Amsterdam.
    const at = new Date('2027-01-11T14:05:00Z');
    const text =
      'Mondays are always chaos here with our pipeline review, but could we do Wednesday afternoon?';
    const wish = read(text, at, 'Europe/Amsterdam');
    expect(wish.excluded.weekdays).toEqual([1]);
    expect(kept(text, { zone: 'Europe/Amsterdam', replyAt: at })).toBe('01-13 12:00-17:00');
  });

  it('"This week is packed … right now … 30 minutes next week?" is next week only', () => {
    const text =
      "We're rebuilding our practice reporting right now, so this is timely. This week is packed for me though. Could we find 30 minutes next week?";
    expect(kept(text)).toBe('01-18..01-22 08:00-18:00');
    expect(read(text).matched).toEqual(['not this week', 'next week']);
  });

  it('"Thursday or Friday?" is both days, the greeting "Morning Tom" no wish', () => {
    const text = 'Morning Tom, yes, worth a look. Could we talk Thursday or Friday?';
    expect(kept(text)).toBe('01-14..01-15 08:00-18:00');
  });

  it('"Thursday instead? My Wednesday just filled up." is Thursday only', () => {
    const text = 'Hi Tom, thanks! Could we talk on Thursday instead? My Wednesday just filled up.';
    expect(kept(text)).toBe('01-14 08:00-18:00');
  });
});

describe('dates weeks and months away', () => {
  it.each([
    ['next month', '02-01..02-26'],
    ['sometime in February', '02-01..02-26'],
    ['early February', '02-01..02-10'],
    ['mid-February', '02-10..02-19'],
    ['First week of February', '02-01..02-05'],
    ['next month, Fridays', '02-05..02-26'],
    ['March 3', '03-03..03-03'],
    ['the 3rd of March', '03-03..03-03'],
    ['am 3. März', '03-03..03-03'],
    ['le 3 mars', '03-03..03-03'],
    ['el 3 de marzo', '03-03..03-03'],
    ["I'm swamped until the end of the month", '02-01..03-19'],
  ])('%s → %s', (text, expected) => {
    expect(reach(text)).toBe(expected);
  });

  it('reads 3/2 day-first in Europe and month-first in the United States', () => {
    expect(reach('3/2')).toBe('02-03..02-03');
    expect(reach('3/2', 'America/New_York')).toBe('03-02..03-02');
  });
});

describe('relative words', () => {
  it('resolves against the reply date, not the processing date', () => {
    // A backfill weeks later still reads "tomorrow" as the day after the reply (Mon 4 Jan).
    const old = new Date('2027-01-04T15:00:00Z');
    expect(kept('tomorrow', { replyAt: old })).toBe('01-05 08:00-18:00');
    expect(kept('next week', { replyAt: old })).toBe('01-11..01-15 08:00-18:00');
  });

  it("resolves the day in the lead's zone", () => {
    // 23:30 UTC on 12 January is already the 13th in Tokyo and still the 12th in Los Angeles.
    const late = new Date('2027-01-12T23:30:00Z');
    expect(kept('tomorrow', { zone: 'Asia/Tokyo', replyAt: late })).toBe('01-14 08:00-18:00');
    expect(kept('tomorrow', { zone: 'America/Los_Angeles', replyAt: late })).toBe(
      '01-13 08:00-18:00',
    );
  });

  it('keeps local wall times across a DST change', () => {
    // Berlin moves to summer time on 29 March 2026: "next week" then starts at 22:00 UTC.
    const wish = read('next week, mornings', new Date('2026-03-26T10:00:00Z'), 'Europe/Berlin');
    expect(wish.options).toEqual([
      {
        from: '2026-03-29T22:00:00.000Z',
        to: '2026-04-05T22:00:00.000Z',
        hours: { windows: [[8 * 60, 12 * 60]] },
      },
    ]);
    const slots = [
      { start: '2026-03-30T07:00:00.000Z', end: '2026-03-30T07:30:00.000Z' }, // 09:00 CEST
      { start: '2026-03-30T13:00:00.000Z', end: '2026-03-30T13:30:00.000Z' }, // 15:00 CEST
    ];
    expect(applyTimingWishes(slots, wish, 'Europe/Berlin')).toEqual([slots[0]]);
  });
});

describe('what the wish reports', () => {
  it('flags only a positive "today" as a same-day request', () => {
    expect(read('can we talk today?').askedForToday).toBe(true);
    expect(read('this afternoon is free').askedForToday).toBe(true);
    expect(read('tonight?').askedForToday).toBe(true);
    expect(read('tomorrow works').askedForToday).toBe(false);
    expect(read('not today, maybe tomorrow').askedForToday).toBe(false);
  });

  it('names what it understood, exclusions marked "not", for the decision trail', () => {
    expect(read("Friday doesn't work, how about Monday at 10?").matched).toEqual([
      'not friday',
      'monday',
      'at 10',
    ]);
    expect(read("I'm away until Monday").matched).toEqual(['until monday']);
  });

  it('finds nothing in a reply without timing words, or with only greetings and lengths', () => {
    for (const text of [
      'Sounds good, send me more info.',
      'Good morning Tom, have a great weekend!',
      'A 20-minute call is fine, we have 10 people right now.',
      'I may be interested.',
    ]) {
      expect(isEmptyWish(read(text)), text).toBe(true);
    }
  });

  it('keeps nothing, rather than everything, when nothing fits the wish', () => {
    // The pipeline then offers the booking link and says why, naming `matched`.
    const wish = read('tomorrow at 3pm', new Date('2026-12-01T10:00:00Z'));
    expect(isEmptyWish(wish)).toBe(false);
    expect(applyTimingWishes(grid(LONDON, 3), wish, LONDON)).toEqual([]);
    expect(wish.matched).toEqual(['tomorrow', 'at 3pm']);
  });
});

import { describe, expect, it } from 'vitest';
import { applyTimingWishes } from './apply-timing-wishes.ts';
import { isEmptyWish, parseTimingWishes } from './parse-timing-wishes.ts';

const BERLIN = 'Europe/Berlin';
// Wednesday 11 March 2026, 10:00 in Berlin.
const REPLY = new Date('2026-03-11T09:00:00Z');
const read = (text: string, replyAt = REPLY, timeZone = BERLIN) =>
  parseTimingWishes(text, { replyAt, timeZone });

/** Local days [from, to) of each range, in the zone. */
const days = (text: string, replyAt = REPLY, zone = BERLIN) =>
  read(text, replyAt, zone).ranges.map((r) => {
    const fmt = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: zone });
    return `${fmt(r.from)}..${fmt(r.to)}`;
  });

describe('parseTimingWishes', () => {
  it.each([
    ['tomorrow works', ['2026-03-12..2026-03-13']],
    ['how about next week?', ['2026-03-16..2026-03-23']],
    ['Friday?', ['2026-03-13..2026-03-14']],
    ['any time after the 10th', ['2026-04-11..2026-08-09']],
    ['after the 20th', ['2026-03-21..2026-07-19']],
    ['mid-March would be best', ['2026-03-10..2026-03-21']],
    ['maybe mid-February', ['2027-02-10..2027-02-21']],
    ['towards the end of the month', ['2026-03-25..2026-04-01']],
    ['can we do today?', ['2026-03-11..2026-03-12']],
    ['on March 24', ['2026-03-24..2026-03-25']],
    ['Friday the 20th', ['2026-03-20..2026-03-21']],
    ['before the 20th', ['2026-03-11..2026-03-20']],
    ['after March 24', ['2026-03-25..2026-07-23']],
  ])('%s → %j', (text, expected) => {
    expect(days(text)).toEqual(expected);
  });

  it('reads day parts and time bounds', () => {
    expect(read('mornings are best').dayParts).toEqual(['morning']);
    expect(read('afternoons suit me').dayParts).toEqual(['afternoon']);
    expect(read('not before 2pm please').earliestMinute).toBe(14 * 60);
    expect(read('after 3 works').earliestMinute).toBe(15 * 60);
    expect(read('no later than 4:30pm').latestMinute).toBe(16 * 60 + 30);
    expect(read('tomorrow morning').dayParts).toEqual(['morning']);
  });

  it('flags only "today" as a same-day request', () => {
    expect(read('can we talk today?').askedForToday).toBe(true);
    expect(read('this afternoon is free').askedForToday).toBe(true);
    expect(read('tomorrow works').askedForToday).toBe(false);
  });

  it('narrows a week to the weekday named with it', () => {
    const wish = read('next week, ideally Tuesday or Thursday');
    expect(days('next week, ideally Tuesday or Thursday')).toEqual(['2026-03-16..2026-03-23']);
    expect(wish.weekdays).toEqual([2, 4]);
  });

  it('reads plural weekdays as recurring', () => {
    const wish = read('Fridays are good');
    expect(wish.ranges).toEqual([]);
    expect(wish.weekdays).toEqual([5]);
  });

  it('resolves relative words against the reply date, not the processing date', () => {
    // A backfill months later still reads "tomorrow" as the day after the reply.
    const old = new Date('2026-01-05T15:00:00Z'); // Monday
    expect(days('tomorrow', old)).toEqual(['2026-01-06..2026-01-07']);
    expect(days('next week', old)).toEqual(['2026-01-12..2026-01-19']);
  });

  it("resolves the day in the lead's zone", () => {
    // 23:30 UTC on 11 March is already 12 March in Tokyo and still 11 March in Los Angeles.
    const late = new Date('2026-03-11T23:30:00Z');
    expect(days('tomorrow', late, 'Asia/Tokyo')).toEqual(['2026-03-13..2026-03-14']);
    expect(days('tomorrow', late, 'America/Los_Angeles')).toEqual(['2026-03-12..2026-03-13']);
  });

  it('keeps local wall times across a DST change', () => {
    // Berlin moves to summer time on 29 March 2026: "next week" then starts at 22:00 UTC.
    const wish = read('next week', new Date('2026-03-26T10:00:00Z'));
    expect(wish.ranges).toEqual([
      { from: '2026-03-29T22:00:00.000Z', to: '2026-04-05T22:00:00.000Z' },
    ]);
    const slots = [
      { start: '2026-03-30T07:00:00.000Z', end: '2026-03-30T07:30:00.000Z' }, // 09:00 CEST
      { start: '2026-03-30T13:00:00.000Z', end: '2026-03-30T13:30:00.000Z' }, // 15:00 CEST
    ];
    const mornings = read('next week, mornings', new Date('2026-03-26T10:00:00Z'));
    expect(applyTimingWishes(slots, mornings, BERLIN)).toEqual([slots[0]]);
  });

  it('finds nothing in a reply without timing words', () => {
    expect(isEmptyWish(read('Sounds good, send me more info.'))).toBe(true);
  });
});

describe('applyTimingWishes', () => {
  const slots = [
    { start: '2026-03-12T08:00:00.000Z', end: '2026-03-12T08:30:00.000Z' }, // Thu 09:00
    { start: '2026-03-12T13:00:00.000Z', end: '2026-03-12T13:30:00.000Z' }, // Thu 14:00
    { start: '2026-03-13T09:00:00.000Z', end: '2026-03-13T09:30:00.000Z' }, // Fri 10:00
    { start: '2026-03-16T14:00:00.000Z', end: '2026-03-16T14:30:00.000Z' }, // Mon 15:00
  ];

  it.each([
    ['tomorrow', [0, 1]],
    ['not before 2pm', [1, 3]],
    ['Friday', [2]],
    ['afternoons next week', [3]],
    ['tomorrow morning', [0]],
  ])('%s keeps slots %j', (text, kept) => {
    expect(applyTimingWishes(slots, read(text), BERLIN)).toEqual(kept.map((i) => slots[i]));
  });
});

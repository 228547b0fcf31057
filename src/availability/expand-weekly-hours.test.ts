import { describe, expect, it } from 'vitest';
import { expandWeeklyHours } from './expand-weekly-hours.ts';
import { parseIcsBusy } from './parse-ics-busy.ts';

const schedule = {
  timeZone: 'Europe/Berlin',
  hours: { mon: ['09:00-10:00'], fri: ['09:00-10:00', '14:00-15:00'] },
  slotMinutes: 30,
};

describe('expandWeeklyHours', () => {
  it('expands each weekday in the schedule zone', () => {
    const slots = expandWeeklyHours(schedule, {
      from: new Date('2026-03-02T00:00:00Z'),
      to: new Date('2026-03-07T00:00:00Z'),
    });
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-02T08:00:00.000Z',
      '2026-03-02T08:30:00.000Z',
      '2026-03-06T08:00:00.000Z',
      '2026-03-06T08:30:00.000Z',
      '2026-03-06T13:00:00.000Z',
      '2026-03-06T13:30:00.000Z',
    ]);
    expect(slots[0]!.end).toBe('2026-03-02T08:30:00.000Z');
  });

  it('keeps 09:00 local across the spring DST change', () => {
    // Berlin: Monday 23 March is CET (UTC+1), Monday 30 March is CEST (UTC+2).
    const slots = expandWeeklyHours(
      { ...schedule, hours: { mon: ['09:00-09:30'] } },
      { from: new Date('2026-03-22T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
    );
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('keeps real slot lengths through the night the clocks change', () => {
    // Sunday 29 March 2026 has no 02:00–03:00 in Berlin: 01:00–04:00 local is two real hours.
    const slots = expandWeeklyHours(
      { timeZone: 'Europe/Berlin', hours: { sun: ['01:00-04:00'] }, slotMinutes: 60 },
      { from: new Date('2026-03-28T00:00:00Z'), to: new Date('2026-03-30T00:00:00Z') },
    );
    expect(slots).toEqual([
      { start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T01:00:00.000Z' },
      { start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T02:00:00.000Z' },
    ]);
  });

  it('uses a step shorter than the meeting when asked', () => {
    const slots = expandWeeklyHours(
      { ...schedule, hours: { mon: ['09:00-10:00'] }, slotMinutes: 30, stepMinutes: 15 },
      { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z') },
    );
    expect(slots).toHaveLength(3);
  });

  it('leaves out slots overlapping busy times and outside the range', () => {
    const slots = expandWeeklyHours(
      schedule,
      { from: new Date('2026-03-02T08:15:00Z'), to: new Date('2026-03-07T00:00:00Z') },
      [{ start: Date.parse('2026-03-06T08:10:00Z'), end: Date.parse('2026-03-06T08:20:00Z') }],
    );
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-02T08:30:00.000Z',
      '2026-03-06T08:30:00.000Z',
      '2026-03-06T13:00:00.000Z',
      '2026-03-06T13:30:00.000Z',
    ]);
  });
});

const ICS = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:standup
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260302T090000
DTEND;TZID=Europe/Berlin:20260302T093000
RRULE:FREQ=WEEKLY;BYDAY=MO
EXDATE;TZID=Europe/Berlin:20260309T090000
SUMMARY:Standup
END:VEVENT
BEGIN:VEVENT
UID:holiday
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260306
DTEND;VALUE=DATE:20260307
SUMMARY:Day off
END:VEVENT
BEGIN:VEVENT
UID:free
DTSTAMP:20260101T000000Z
DTSTART:20260302T090000Z
DTEND:20260302T100000Z
TRANSP:TRANSPARENT
SUMMARY:Shown as free
END:VEVENT
END:VCALENDAR`;

describe('parseIcsBusy', () => {
  it('expands recurring events with exceptions, all-day events and ignores free ones', () => {
    const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-24T00:00:00Z') };
    const busy = parseIcsBusy(ICS, range, 'Europe/Berlin').map((b) => [
      new Date(b.start).toISOString(),
      new Date(b.end).toISOString(),
    ]);
    expect(busy).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T08:30:00.000Z'],
      ['2026-03-05T23:00:00.000Z', '2026-03-06T23:00:00.000Z'],
      ['2026-03-16T08:00:00.000Z', '2026-03-16T08:30:00.000Z'],
      ['2026-03-23T08:00:00.000Z', '2026-03-23T08:30:00.000Z'],
    ]);
  });

  it('blocks the schedule where the feed is busy', () => {
    const range = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-10T00:00:00Z') };
    const slots = expandWeeklyHours(schedule, range, parseIcsBusy(ICS, range, 'Europe/Berlin'));
    // Monday 2: standup takes 09:00; Friday 6: day off; Monday 9: standup cancelled.
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-02T08:30:00.000Z',
      '2026-03-09T08:00:00.000Z',
      '2026-03-09T08:30:00.000Z',
    ]);
  });
});

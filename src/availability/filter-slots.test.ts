import { describe, expect, it } from 'vitest';
import { filterSlots, filterSlotsForLead } from './filter-slots.ts';

const NOW = new Date('2026-03-02T07:00:00Z'); // Monday 08:00 Berlin
const at = (iso: string, minutes = 30) => ({
  start: new Date(iso).toISOString(),
  end: new Date(Date.parse(iso) + minutes * 60_000).toISOString(),
});

describe('filterSlots', () => {
  it('drops slots inside the minimum notice and beyond the horizon', () => {
    const soon = at('2026-03-02T08:30:00Z'); // 90 min away
    const ok = at('2026-03-02T09:00:00Z'); // exactly 2 h
    const far = at('2026-03-16T07:30:00Z'); // 14 days and 30 min
    expect(filterSlots([soon, ok, far], { now: NOW })).toEqual([ok]);
    expect(filterSlots([soon], { now: NOW, minNoticeMinutes: 60 })).toEqual([soon]);
    expect(filterSlots([far], { now: NOW, horizonDays: 15 })).toEqual([far]);
  });

  it('drops empty, invalid and reversed times', () => {
    const good = at('2026-03-03T09:00:00Z');
    const slots = [
      { start: '', end: '' },
      { start: 'not a date', end: '2026-03-03T10:00:00Z' },
      { start: '2026-03-03T10:00:00Z', end: '2026-03-03T10:00:00Z' },
      { start: '2026-03-03T11:00:00Z', end: '2026-03-03T10:00:00Z' },
      good,
    ];
    expect(filterSlots(slots, { now: NOW })).toEqual([good]);
  });

  it('drops slots shorter than the meeting and slots overlapping a booking', () => {
    const short = at('2026-03-03T09:00:00Z', 15);
    const booked = at('2026-03-03T10:00:00Z');
    const overlapping = at('2026-03-03T10:15:00Z');
    const free = at('2026-03-03T11:00:00Z');
    expect(
      filterSlots([short, overlapping, free], {
        now: NOW,
        minLengthMinutes: 30,
        booked: [booked],
      }),
    ).toEqual([free]);
  });

  it('sorts and removes duplicates', () => {
    const a = at('2026-03-03T09:00:00Z');
    const b = at('2026-03-04T09:00:00Z');
    expect(filterSlots([b, a, b], { now: NOW })).toEqual([a, b]);
  });
});

describe('filterSlotsForLead', () => {
  const rules = { now: NOW, workspaceTimeZone: 'Europe/Berlin', allowToday: false };
  const today = at('2026-03-02T14:00:00Z');
  const tomorrow = at('2026-03-03T14:00:00Z');

  it('never offers a same-day slot unless the lead asked for today', () => {
    expect(filterSlotsForLead([today, tomorrow], rules)).toEqual([tomorrow]);
    expect(filterSlotsForLead([today, tomorrow], { ...rules, allowToday: true })).toEqual([
      today,
      tomorrow,
    ]);
  });

  it("reads 'today' in the lead's zone", () => {
    // 23:30 UTC Monday is already Tuesday in Tokyo, but still Monday in New York.
    const late = at('2026-03-02T23:30:00Z');
    const ny = { ...rules, workspaceTimeZone: 'America/New_York' };
    expect(filterSlotsForLead([late], ny)).toEqual([]);
    expect(
      filterSlotsForLead([late], { ...ny, leadTimeZone: 'Asia/Tokyo', businessHours: null }),
    ).toEqual([late]);
  });

  it("keeps to 08:00–18:00 on weekdays in the lead's zone when known", () => {
    const ny = { ...rules, leadTimeZone: 'America/New_York' };
    const early = at('2026-03-03T12:00:00Z'); // 07:00 New York
    const fine = at('2026-03-03T13:00:00Z'); // 08:00
    const lastOk = at('2026-03-03T22:30:00Z'); // 17:30–18:00
    const late = at('2026-03-03T23:00:00Z'); // 18:00
    const saturday = at('2026-03-07T15:00:00Z');
    expect(filterSlotsForLead([early, fine, lastOk, late, saturday], ny)).toEqual([fine, lastOk]);
    // Unknown zone: no business-hours guess.
    expect(filterSlotsForLead([early, saturday], rules)).toEqual([early, saturday]);
  });
});

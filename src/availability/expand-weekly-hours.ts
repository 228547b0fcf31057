import { DateTime } from 'luxon';
import type { Weekday } from './availability-settings.ts';
import type { Slot } from './slot.ts';

export interface WeeklySchedule {
  timeZone: string;
  hours: Partial<Record<Weekday, string[]>>;
  slotMinutes: number;
  stepMinutes?: number | undefined;
}

export interface Interval {
  start: number; // epoch ms
  end: number;
}

const LUXON_WEEKDAY: Record<number, Weekday> = {
  1: 'mon',
  2: 'tue',
  3: 'wed',
  4: 'thu',
  5: 'fri',
  6: 'sat',
  7: 'sun',
};

function atLocal(day: DateTime, hhmm: string): DateTime {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // A wall time inside a spring-forward gap moves forward (luxon's rule), so
  // "02:30" on that night becomes 03:30: the slot still exists, an hour later.
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/**
 * Expands a weekly schedule into slots inside [from, to), minus busy
 * intervals. Pure. Wall times are read in the schedule's zone day by day, so
 * 09:00 stays 09:00 local across a DST change; slot lengths are real minutes.
 */
export function expandWeeklyHours(
  schedule: WeeklySchedule,
  range: { from: Date; to: Date },
  busy: Interval[] = [],
): Slot[] {
  const slotMs = schedule.slotMinutes * 60_000;
  const stepMs = (schedule.stepMinutes ?? schedule.slotMinutes) * 60_000;
  const from = range.from.getTime();
  const to = range.to.getTime();
  const sortedBusy = [...busy].sort((a, b) => a.start - b.start);
  const out: Slot[] = [];
  let day = DateTime.fromMillis(from, { zone: schedule.timeZone }).startOf('day');
  while (day.toMillis() < to) {
    for (const spec of schedule.hours[LUXON_WEEKDAY[day.weekday]!] ?? []) {
      const [a, b] = spec.split('-') as [string, string];
      const open = atLocal(day, a).toMillis();
      const close = atLocal(day, b).toMillis();
      for (let s = open; s + slotMs <= close; s += stepMs) {
        const e = s + slotMs;
        if (s < from || e > to) continue;
        if (overlapsAny(sortedBusy, s, e)) continue;
        out.push({ start: new Date(s).toISOString(), end: new Date(e).toISOString() });
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return out;
}

function overlapsAny(sorted: Interval[], start: number, end: number): boolean {
  for (const b of sorted) {
    if (b.start >= end) return false;
    if (b.end > start) return true;
  }
  return false;
}

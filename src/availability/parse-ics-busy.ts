import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import type { Interval } from './expand-weekly-hours.ts';

/**
 * Busy intervals of an iCalendar document inside [from, to). Pure (parses
 * text). Recurring events are expanded with their EXDATEs and overrides;
 * transparent ("show as free") and cancelled events do not block time.
 * All-day events block the whole local day in `timeZone`.
 */
export function parseIcsBusy(
  text: string,
  range: { from: Date; to: Date },
  timeZone: string,
): Interval[] {
  const calendar = ical.sync.parseICS(text);
  const out: Interval[] = [];
  for (const component of Object.values(calendar)) {
    if (component?.type !== 'VEVENT') continue;
    const event = component as VEvent;
    if (isFree(event)) continue;
    const instances = ical.expandRecurringEvent(event, {
      from: range.from,
      to: range.to,
      expandOngoing: true,
    });
    for (const instance of instances) {
      if (isFree(instance.event)) continue;
      const interval = instance.isFullDay
        ? fullDay(instance.start, instance.end, timeZone)
        : { start: instance.start.getTime(), end: instance.end.getTime() };
      if (interval.end <= interval.start) interval.end = interval.start + 60_000;
      if (interval.end > range.from.getTime() && interval.start < range.to.getTime()) {
        out.push(interval);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isFree(event: VEvent): boolean {
  return event.transparency === 'TRANSPARENT' || event.status === 'CANCELLED';
}

/** node-ical gives date-only values as local midnight of this process: keep the calendar date. */
function fullDay(start: Date, end: Date, timeZone: string): { start: number; end: number } {
  const day = (d: Date) =>
    DateTime.fromObject(
      { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() },
      { zone: timeZone },
    );
  const s = day(start);
  const e = end.getTime() > start.getTime() ? day(end) : s.plus({ days: 1 });
  return { start: s.toMillis(), end: e.toMillis() };
}

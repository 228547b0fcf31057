import { DateTime } from 'luxon';
import type { Slot } from './slot.ts';

/** A slot as seen on a wall clock in one time zone; precomputed so hot loops do no date math. */
export interface LocalSlotInfo {
  startMs: number;
  endMs: number;
  /** Local calendar day of the start, yyyy-MM-dd. */
  day: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight of the start day; the end may pass 1440. */
  startMinute: number;
  endMinute: number;
}

/** Reads a slot in the given IANA zone. */
export function localSlotInfo(slot: Slot, zone: string): LocalSlotInfo {
  const startMs = Date.parse(slot.start);
  const endMs = Date.parse(slot.end);
  const local = DateTime.fromMillis(startMs, { zone });
  const startMinute = local.hour * 60 + local.minute;
  return {
    startMs,
    endMs,
    day: local.toISODate() ?? '',
    weekday: local.weekday,
    startMinute,
    endMinute: startMinute + Math.round((endMs - startMs) / 60_000),
  };
}

/** The local calendar day (yyyy-MM-dd) of an instant in a zone. */
export function localDay(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? '';
}

/** True when the zone is an IANA name luxon understands. */
export function isValidZone(zone: string | null | undefined): zone is string {
  return !!zone && DateTime.local().setZone(zone).isValid;
}

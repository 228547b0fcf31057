import { type LocalSlotInfo, localSlotInfo } from './local-slot-info.ts';
import type { TimingWish, WishHours } from './parse-timing-wishes.ts';
import type { Slot } from './slot.ts';

interface CompiledOption {
  from: number;
  to: number;
  weekdays: Set<number> | undefined;
  hours: WishHours | undefined;
}

/** A wish with its instants as epoch ms, so a hot loop compares numbers only. */
export interface CompiledWish {
  options: CompiledOption[];
  hours: WishHours;
  notBefore: number;
  notAfter: number;
  excludedRanges: [number, number][];
  excludedWeekdays: Set<number>;
  excludedHours: [number, number][];
}

/** Prepares a wish for fitsWish. */
export function compileWish(wish: TimingWish): CompiledWish {
  return {
    options: wish.options.map((o) => ({
      from: o.from ? Date.parse(o.from) : -Infinity,
      to: o.to ? Date.parse(o.to) : Infinity,
      weekdays: o.weekdays ? new Set(o.weekdays) : undefined,
      hours: o.hours,
    })),
    hours: wish.hours,
    notBefore: wish.notBefore ? Date.parse(wish.notBefore) : -Infinity,
    notAfter: wish.notAfter ? Date.parse(wish.notAfter) : Infinity,
    excludedRanges: wish.excluded.ranges.map((r) => [Date.parse(r.from), Date.parse(r.to)]),
    excludedWeekdays: new Set(wish.excluded.weekdays),
    excludedHours: wish.excluded.hours,
  };
}

/**
 * Does one slot, read in the wish's zone, honour the wish? It must fit one of
 * the options (any, when there are none), the bounds, and none of the
 * exclusions.
 */
export function fitsWish(info: LocalSlotInfo, wish: CompiledWish): boolean {
  if (info.startMs < wish.notBefore || info.startMs >= wish.notAfter) return false;
  if (wish.excludedWeekdays.has(info.weekday)) return false;
  if (wish.excludedRanges.some(([a, b]) => info.startMs >= a && info.startMs < b)) return false;
  // A slot that overlaps hours the lead ruled out is out, even in part.
  if (wish.excludedHours.some(([a, b]) => info.startMinute < b && info.endMinute > a)) return false;
  if (wish.options.length === 0) return fitsHours(info, wish.hours);
  return wish.options.some(
    (o) =>
      info.startMs >= o.from &&
      info.startMs < o.to &&
      (!o.weekdays || o.weekdays.has(info.weekday)) &&
      // Hours said with the option replace the general windows; general bounds still hold.
      fitsHours(info, o.hours ?? wish.hours) &&
      (!o.hours || fitsHours(info, { windows: [], ...bounds(wish.hours) })),
  );
}

function bounds(h: WishHours): Omit<WishHours, 'windows'> {
  const out: Omit<WishHours, 'windows'> = {};
  if (h.earliest !== undefined) out.earliest = h.earliest;
  if (h.latest !== undefined) out.latest = h.latest;
  return out;
}

function fitsHours(info: LocalSlotInfo, hours: WishHours): boolean {
  if (hours.earliest !== undefined && info.startMinute < hours.earliest) return false;
  if (hours.latest !== undefined && info.endMinute > hours.latest) return false;
  return (
    hours.windows.length === 0 ||
    hours.windows.some(([a, b]) => info.startMinute >= a && info.endMinute <= b)
  );
}

/** Keeps the slots inside what the lead asked for, read in `zone` (the lead's, else the workspace's). */
export function applyTimingWishes(slots: Slot[], wish: TimingWish, zone: string): Slot[] {
  const compiled = compileWish(wish);
  return slots.filter((slot) => fitsWish(localSlotInfo(slot, zone), compiled));
}

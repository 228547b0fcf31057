import { type LocalSlotInfo, localSlotInfo } from './local-slot-info.ts';
import type { DayPart, TimingWish } from './parse-timing-wishes.ts';
import type { Slot } from './slot.ts';

/** Local hours of each day part, minutes after midnight [start, end). */
export const DAY_PARTS: Record<DayPart, [number, number]> = {
  morning: [8 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 21 * 60],
};

/** A wish with its ranges as epoch ms, so a hot loop compares numbers only. */
export interface CompiledWish {
  ranges: [number, number][];
  weekdays: Set<number>;
  dayParts: [number, number][];
  earliestMinute: number | undefined;
  latestMinute: number | undefined;
}

/** Prepares a wish for fitsWish. */
export function compileWish(wish: TimingWish): CompiledWish {
  return {
    ranges: wish.ranges.map((r) => [Date.parse(r.from), Date.parse(r.to)]),
    weekdays: new Set(wish.weekdays),
    dayParts: wish.dayParts.map((p) => DAY_PARTS[p]),
    earliestMinute: wish.earliestMinute,
    latestMinute: wish.latestMinute,
  };
}

/** Does one slot, read in the wish's zone, honour the wish? */
export function fitsWish(info: LocalSlotInfo, wish: CompiledWish): boolean {
  if (
    wish.ranges.length > 0 &&
    !wish.ranges.some(([a, b]) => info.startMs >= a && info.startMs < b)
  ) {
    return false;
  }
  if (wish.weekdays.size > 0 && !wish.weekdays.has(info.weekday)) return false;
  if (
    wish.dayParts.length > 0 &&
    !wish.dayParts.some(([a, b]) => info.startMinute >= a && info.endMinute <= b)
  ) {
    return false;
  }
  if (wish.earliestMinute !== undefined && info.startMinute < wish.earliestMinute) return false;
  if (wish.latestMinute !== undefined && info.endMinute > wish.latestMinute) return false;
  return true;
}

/** Keeps the slots inside what the lead asked for, read in `zone` (the lead's, else the workspace's). */
export function applyTimingWishes(slots: Slot[], wish: TimingWish, zone: string): Slot[] {
  const compiled = compileWish(wish);
  return slots.filter((slot) => fitsWish(localSlotInfo(slot, zone), compiled));
}

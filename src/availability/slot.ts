/** A free interval, in UTC ISO strings. */
export interface Slot {
  start: string;
  end: string;
}

/**
 * Builds a slot from any ISO instant with an offset (a source's own format),
 * in canonical UTC ISO. Returns undefined for an empty, invalid or
 * non-positive interval, so no such slot can ever reach a lead.
 */
export function toSlot(start: unknown, end: unknown): Slot | undefined {
  if (typeof start !== 'string' || typeof end !== 'string') return undefined;
  if (!start.trim() || !end.trim()) return undefined;
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (!Number.isFinite(s) || !Number.isFinite(e) || e <= s) return undefined;
  return { start: new Date(s).toISOString(), end: new Date(e).toISOString() };
}

/** Like toSlot, with the end `minutes` after the start. */
export function toSlotOfLength(start: unknown, minutes: number): Slot | undefined {
  if (typeof start !== 'string') return undefined;
  const s = Date.parse(start);
  if (!Number.isFinite(s)) return undefined;
  return toSlot(start, new Date(s + minutes * 60_000).toISOString());
}

/** Sorts by start (then end) and drops duplicates. */
export function sortSlots(slots: Slot[]): Slot[] {
  const seen = new Set<string>();
  const out: Slot[] = [];
  for (const slot of [...slots].sort(
    (a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end),
  )) {
    const key = `${slot.start}/${slot.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(slot);
  }
  return out;
}

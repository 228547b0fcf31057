/** A free interval, in UTC ISO strings. */
export interface Slot {
  start: string;
  end: string;
}

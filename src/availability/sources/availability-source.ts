import type { Slot } from '../slot.ts';

/** Every availability source answers one question: which slots are free in this range. */
export interface AvailabilitySource {
  /** Free slots inside [from, to), UTC ISO. Throws AutosendError when the source fails. */
  fetchSlots(range: { from: Date; to: Date }): Promise<Slot[]>;
}

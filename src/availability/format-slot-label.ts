import { DateTime } from 'luxon';
import type { OfferedSlot } from '../ai/provider.ts';
import type { Slot } from './slot.ts';

/** "Tuesday 3 March, 10:00–10:30 (Europe/Berlin)": the slot on the reader's clock, zone named. */
export function formatSlotLabel(slot: Slot, zone: string): string {
  const start = DateTime.fromISO(slot.start, { zone }).setLocale('en-GB');
  const end = DateTime.fromISO(slot.end, { zone }).setLocale('en-GB');
  const endText = end.hasSame(start, 'day')
    ? end.toFormat('HH:mm')
    : end.toFormat('cccc d LLLL, HH:mm');
  return `${start.toFormat('cccc d LLLL, HH:mm')}–${endText} (${zone})`;
}

/** A slot as handed to the draft. */
export function toOfferedSlot(slot: Slot, zone: string): OfferedSlot {
  return { start: slot.start, end: slot.end, label: formatSlotLabel(slot, zone), timeZone: zone };
}

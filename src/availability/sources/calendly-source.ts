import { z } from 'zod';
import { AutosendError } from '../../errors.ts';
import type { CalendlySettings } from '../availability-settings.ts';
import { type Slot, sortSlots, toSlotOfLength } from '../slot.ts';
import type { AvailabilitySource } from './availability-source.ts';
import { type FetchImpl, fetchJson, httpStatusOf, splitRange } from './fetch-json.ts';

const response = z.object({
  collection: z.array(
    z.looseObject({ status: z.string().optional(), start_time: z.string().optional() }),
  ),
});

/** Calendly's older limit per request; a 400 on a longer window falls back to it. */
const LEGACY_WINDOW_DAYS = 7;

/**
 * Calendly `GET /event_type_available_times`: at most 31 days per request (7
 * on older accounts), times in the future only, no paging. Only entries with
 * status "available" become slots; each lasts the event type's length.
 */
export function makeCalendlySource(
  settings: CalendlySettings,
  fetchImpl: FetchImpl = fetch,
): AvailabilitySource {
  async function fetchWindow(from: Date, to: Date): Promise<Slot[]> {
    const url = new URL('/event_type_available_times', settings.baseUrl);
    url.searchParams.set('event_type', settings.eventTypeUri);
    url.searchParams.set('start_time', from.toISOString());
    url.searchParams.set('end_time', to.toISOString());
    const body = await fetchJson(fetchImpl, url.toString(), {
      source: 'calendly',
      headers: { authorization: `Bearer ${settings.token}` },
    });
    const parsed = response.safeParse(body);
    if (!parsed.success) {
      throw new AutosendError('source_unavailable', 'calendly: unexpected response shape', {
        details: { source: 'calendly', issues: parsed.error.issues.slice(0, 3) },
      });
    }
    const slots: Slot[] = [];
    for (const item of parsed.data.collection) {
      if (item.status !== 'available') continue;
      const slot = toSlotOfLength(item.start_time, settings.slotMinutes);
      if (slot) slots.push(slot);
    }
    return slots;
  }

  return {
    async fetchSlots(range) {
      const slots: Slot[] = [];
      for (const window of splitRange(range, settings.maxWindowDays)) {
        try {
          slots.push(...(await fetchWindow(window.from, window.to)));
        } catch (error) {
          const long =
            window.to.getTime() - window.from.getTime() > LEGACY_WINDOW_DAYS * 86_400_000;
          if (httpStatusOf(error) !== 400 || !long) throw error;
          for (const small of splitRange(window, LEGACY_WINDOW_DAYS)) {
            slots.push(...(await fetchWindow(small.from, small.to)));
          }
        }
      }
      return sortSlots(slots);
    },
  };
}

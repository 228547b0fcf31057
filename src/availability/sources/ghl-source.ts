import { AutosendError } from '../../errors.ts';
import type { GhlSettings } from '../availability-settings.ts';
import { type Slot, sortSlots, toSlotOfLength } from '../slot.ts';
import type { AvailabilitySource } from './availability-source.ts';
import { type FetchImpl, fetchJson, splitRange } from './fetch-json.ts';

export const GHL_API_VERSION = '2021-04-15';
const MAX_WINDOW_DAYS = 31;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * GoHighLevel `GET /calendars/{calendarId}/free-slots`: epoch-millisecond
 * bounds, at most 31 days per request, a `Version` header. The answer is keyed
 * by date; other keys (traceId) are skipped. Each slot lasts `slotMinutes`.
 */
export function makeGhlSource(
  settings: GhlSettings,
  fetchImpl: FetchImpl = fetch,
): AvailabilitySource {
  return {
    async fetchSlots(range) {
      const slots: Slot[] = [];
      for (const window of splitRange(range, MAX_WINDOW_DAYS)) {
        const url = new URL(
          `/calendars/${encodeURIComponent(settings.calendarId)}/free-slots`,
          settings.baseUrl,
        );
        url.searchParams.set('startDate', String(window.from.getTime()));
        url.searchParams.set('endDate', String(window.to.getTime()));
        url.searchParams.set('timezone', settings.timeZone);
        if (settings.userId) url.searchParams.set('userId', settings.userId);
        const body = await fetchJson(fetchImpl, url.toString(), {
          source: 'ghl',
          headers: { authorization: `Bearer ${settings.token}`, version: GHL_API_VERSION },
        });
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new AutosendError('source_unavailable', 'ghl: unexpected response shape', {
            details: { source: 'ghl' },
          });
        }
        for (const [key, value] of Object.entries(body)) {
          if (!DATE_KEY.test(key)) continue;
          const list = (value as { slots?: unknown } | null)?.slots;
          if (!Array.isArray(list)) continue;
          for (const start of list) {
            const slot = toSlotOfLength(start, settings.slotMinutes);
            if (slot && Date.parse(slot.start) >= window.from.getTime()) slots.push(slot);
          }
        }
      }
      return sortSlots(slots).filter((s) => Date.parse(s.end) <= range.to.getTime());
    },
  };
}

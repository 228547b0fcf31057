import { z } from 'zod';
import { AutosendError } from '../../errors.ts';
import type { CalcomSettings } from '../availability-settings.ts';
import { type Slot, sortSlots, toSlot, toSlotOfLength } from '../slot.ts';
import type { AvailabilitySource } from './availability-source.ts';
import { type FetchImpl, fetchJson } from './fetch-json.ts';

/** The API version whose /v2/slots shape this adapter reads; the header is required. */
export const CALCOM_API_VERSION = '2024-09-04';

const entry = z.union([
  z.string(),
  z.looseObject({ start: z.string().optional(), end: z.string().optional() }),
]);
const response = z.looseObject({
  status: z.string(),
  data: z.record(z.string(), z.array(entry)).optional(),
});

/**
 * Cal.com v2 `GET /v2/slots`: the event type by id or by username + slug
 * (+ organization). Asks for UTC with `format=range` by default; with
 * `format=time` each slot lasts `slotMinutes`. The response is keyed by date.
 */
export function makeCalcomSource(
  settings: CalcomSettings,
  fetchImpl: FetchImpl = fetch,
): AvailabilitySource {
  return {
    async fetchSlots(range) {
      const url = new URL('/v2/slots', settings.baseUrl);
      const q = url.searchParams;
      if (settings.eventTypeId !== undefined) q.set('eventTypeId', String(settings.eventTypeId));
      else {
        q.set('eventTypeSlug', settings.eventTypeSlug ?? '');
        q.set('username', settings.username ?? '');
        if (settings.organizationSlug) q.set('organizationSlug', settings.organizationSlug);
      }
      q.set('start', range.from.toISOString());
      q.set('end', range.to.toISOString());
      q.set('timeZone', 'UTC');
      q.set('format', settings.format);
      const headers: Record<string, string> = { 'cal-api-version': CALCOM_API_VERSION };
      if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
      const body = await fetchJson(fetchImpl, url.toString(), { source: 'calcom', headers });
      const parsed = response.safeParse(body);
      if (!parsed.success || parsed.data.status !== 'success') {
        throw new AutosendError('source_unavailable', 'calcom: unexpected response', {
          details: { source: 'calcom', status: parsed.success ? parsed.data.status : undefined },
        });
      }
      const slots: Slot[] = [];
      for (const items of Object.values(parsed.data.data ?? {})) {
        for (const item of items) {
          const start = typeof item === 'string' ? item : item.start;
          const end = typeof item === 'string' ? undefined : item.end;
          const slot = end ? toSlot(start, end) : toSlotOfLength(start, settings.slotMinutes);
          if (
            slot &&
            slot.start >= range.from.toISOString() &&
            slot.end <= range.to.toISOString()
          ) {
            slots.push(slot);
          }
        }
      }
      return sortSlots(slots);
    },
  };
}

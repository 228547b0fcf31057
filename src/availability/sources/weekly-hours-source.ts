import type { WeeklyHoursSettings } from '../availability-settings.ts';
import { expandWeeklyHours } from '../expand-weekly-hours.ts';
import { parseIcsBusy } from '../parse-ics-busy.ts';
import type { AvailabilitySource } from './availability-source.ts';
import { type FetchImpl, fetchText } from './fetch-json.ts';

/**
 * A weekly schedule in the workspace's zone, minus the busy times of an
 * optional iCalendar feed. Without a feed it does no I/O at all.
 */
export function makeWeeklyHoursSource(
  settings: WeeklyHoursSettings,
  fetchImpl: FetchImpl = fetch,
): AvailabilitySource {
  return {
    async fetchSlots(range) {
      let busy: ReturnType<typeof parseIcsBusy> = [];
      if (settings.icsUrl) {
        const url = settings.icsUrl.replace(/^webcal:/i, 'https:');
        const text = await fetchText(fetchImpl, url, {
          source: 'ics',
          headers: { accept: 'text/calendar' },
        });
        busy = parseIcsBusy(text, range, settings.timeZone);
      }
      return expandWeeklyHours(settings, range, busy);
    },
  };
}

import type { AvailabilitySettings } from '../availability-settings.ts';
import type { AvailabilitySource } from './availability-source.ts';
import { makeCalcomSource } from './calcom-source.ts';
import { makeCalendlySource } from './calendly-source.ts';
import type { FetchImpl } from './fetch-json.ts';
import { makeGhlSource } from './ghl-source.ts';
import { makeWeeklyHoursSource } from './weekly-hours-source.ts';

/** Builds the adapter for a workspace's parsed availability settings. */
export function makeAvailabilitySource(
  parsed: AvailabilitySettings,
  fetchImpl: FetchImpl = fetch,
): AvailabilitySource {
  switch (parsed.source) {
    case 'weekly_hours':
      return makeWeeklyHoursSource(parsed.settings, fetchImpl);
    case 'calendly':
      return makeCalendlySource(parsed.settings, fetchImpl);
    case 'calcom':
      return makeCalcomSource(parsed.settings, fetchImpl);
    case 'ghl':
      return makeGhlSource(parsed.settings, fetchImpl);
  }
}

import type { AvailabilitySourceName } from './availability-settings.ts';

/*
 * Whether a workspace's availability has been set up at all, as opposed to set
 * up wrongly. A new workspace has the weekly_hours source with no hours: that
 * is "not set up yet" and gets the command that fixes it, not a validation
 * error about a config nobody wrote. Pure.
 */

/** False when the source has nothing to work from (weekly hours without a single interval, or no settings). */
export function isAvailabilitySetUp(source: AvailabilitySourceName, config: unknown): boolean {
  if (!config || typeof config !== 'object' || Object.keys(config).length === 0) return false;
  if (source !== 'weekly_hours') return true;
  const hours = (config as { hours?: unknown }).hours;
  if (!hours || typeof hours !== 'object') return false;
  return Object.values(hours).some((day) => Array.isArray(day) && day.length > 0);
}

/** The trail, log and /readyz text for a workspace whose availability is not set up. */
export function availabilityNotSetUpMessage(workspaceId: string): string {
  return (
    `availability is not set up: autosend workspace set-availability ${workspaceId} --source weekly_hours --config hours.json ` +
    '(weekly hours and a time zone, or calendly, calcom, ghl; see docs/availability.md)'
  );
}

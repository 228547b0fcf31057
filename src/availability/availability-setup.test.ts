import { describe, expect, it } from 'vitest';
import { availabilityNotSetUpMessage, isAvailabilitySetUp } from './availability-setup.ts';

describe('isAvailabilitySetUp', () => {
  it.each([
    ['a new workspace: weekly_hours with no settings', 'weekly_hours', {}, false],
    ['weekly_hours with days but no intervals', 'weekly_hours', { hours: { mon: [] } }, false],
    ['weekly_hours with a time zone only', 'weekly_hours', { timeZone: 'Europe/Berlin' }, false],
    ['weekly_hours with one interval', 'weekly_hours', { hours: { tue: ['09:00-12:00'] } }, true],
    ['calendly with no settings', 'calendly', {}, false],
    ['calendly with settings (validated later)', 'calendly', { eventTypeUri: 'x' }, true],
  ] as const)('%s', (_name, source, config, expected) => {
    expect(isAvailabilitySetUp(source, config)).toBe(expected);
  });

  it('says how to set it up for that workspace', () => {
    expect(availabilityNotSetUpMessage('w-1')).toMatch(
      /^availability is not set up: autosend workspace set-availability w-1 --source weekly_hours --config /,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { nextWindowOpening, startOfLocalDay, validZone } from './sending-window.ts';

const nineToFive = { startMinute: 9 * 60, endMinute: 17 * 60 };

describe('nextWindowOpening', () => {
  it.each([
    // now (UTC), zone, expected opening (UTC) or null when inside
    ['2025-03-04T10:00:00Z', 'UTC', null],
    ['2025-03-04T08:59:00Z', 'UTC', '2025-03-04T09:00:00.000Z'],
    ['2025-03-04T17:00:00Z', 'UTC', '2025-03-05T09:00:00.000Z'],
    ['2025-03-04T23:30:00Z', 'UTC', '2025-03-05T09:00:00.000Z'],
    // 15:00 UTC is 07:00 in Los Angeles (PST, UTC-8): opens at 09:00 local = 17:00 UTC
    ['2025-03-04T15:00:00Z', 'America/Los_Angeles', '2025-03-04T17:00:00.000Z'],
    // 08:30 UTC is 17:30 in Tokyo: next opening is tomorrow 09:00 JST = 00:00 UTC
    ['2025-03-04T08:30:00Z', 'Asia/Tokyo', '2025-03-05T00:00:00.000Z'],
    // DST starts in Berlin on 2025-03-30: 09:00 local is 07:00 UTC that day
    ['2025-03-29T20:00:00Z', 'Europe/Berlin', '2025-03-30T07:00:00.000Z'],
  ])('at %s in %s → %s', (now, zone, expected) => {
    const opening = nextWindowOpening({ now: new Date(now), timeZone: zone, ...nineToFive });
    expect(opening?.toISOString() ?? null).toBe(expected);
  });

  it('has no window when the campaign sets none', () => {
    expect(
      nextWindowOpening({ now: new Date(), timeZone: 'UTC', startMinute: null, endMinute: null }),
    ).toBeNull();
  });

  it('treats an end of 1440 as midnight', () => {
    const at = new Date('2025-03-04T23:59:00Z');
    expect(
      nextWindowOpening({ now: at, timeZone: 'UTC', startMinute: 0, endMinute: 1440 }),
    ).toBeNull();
  });
});

describe('startOfLocalDay and validZone', () => {
  it('is local midnight as an instant', () => {
    expect(
      startOfLocalDay(new Date('2025-03-04T03:00:00Z'), 'America/New_York').toISOString(),
    ).toBe('2025-03-03T05:00:00.000Z');
  });
  it('falls back when a stored zone is not a zone', () => {
    expect(validZone('Mars/Olympus', 'Europe/Paris')).toBe('Europe/Paris');
    expect(validZone(null, 'nope')).toBe('UTC');
  });
});

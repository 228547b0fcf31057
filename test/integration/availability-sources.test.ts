import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAvailabilitySettings } from '../../src/availability/availability-settings.ts';
import { makeAvailabilitySource } from '../../src/availability/sources/make-availability-source.ts';
import { AutosendError } from '../../src/errors.ts';
import { type CalendarPeer, slotStartsEvery, startCalendarPeer } from '../peers/calendar-peers.ts';

const NOW = new Date('2026-03-02T06:00:00Z');
const START = new Date('2026-03-02T07:00:00Z');
// 45 days: more than one 31-day window, so every adapter has to split or refuse.
const RANGE = { from: START, to: new Date(START.getTime() + 45 * 86_400_000) };
const STARTS = slotStartsEvery(START, 45, [9, 14]);

let peer: CalendarPeer;
beforeAll(async () => {
  peer = await startCalendarPeer({ slotStarts: STARTS, now: NOW });
});
afterAll(() => peer.close());

const source = (name: 'calendly' | 'calcom' | 'ghl' | 'weekly_hours', config: object) =>
  makeAvailabilitySource(parseAvailabilitySettings(name, config, 'Europe/Berlin'));

async function failureOf(promise: Promise<unknown>): Promise<AutosendError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AutosendError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('calendly source', () => {
  const settings = () => ({
    eventTypeUri: 'https://api.calendly.com/event_types/ET1',
    token: 'calendly-token',
    baseUrl: peer.url,
  });

  it('splits a long range into windows of at most 31 days and keeps only available times', async () => {
    peer.requests.length = 0;
    const slots = await source('calendly', settings()).fetchSlots(RANGE);
    const calls = peer.requests.filter((r) => r.path === '/event_type_available_times');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.headers.authorization).toBe('Bearer calendly-token');
      const span =
        Date.parse(call.query.get('end_time')!) - Date.parse(call.query.get('start_time')!);
      expect(span).toBeLessThanOrEqual(31 * 86_400_000);
    }
    // The peer marks every fifth entry of each window unavailable.
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.length).toBeLessThan(STARTS.length);
    expect(slots[0]).toEqual({
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T09:30:00.000Z',
    });
  });

  it('falls back to 7-day windows when an older account answers 400', async () => {
    const old = await startCalendarPeer({ slotStarts: STARTS, now: NOW, calendlyMaxDays: 7 });
    try {
      const slots = await makeAvailabilitySource(
        parseAvailabilitySettings('calendly', { ...settings(), baseUrl: old.url }, 'UTC'),
      ).fetchSlots({ from: START, to: new Date(START.getTime() + 20 * 86_400_000) });
      const statuses = old.requests.length;
      expect(statuses).toBe(1 + 3); // one refused 20-day window, then 7 + 7 + 6 days
      expect(slots.length).toBeGreaterThan(20);
    } finally {
      await old.close();
    }
  });

  it('retries after a 429 that asks for a short wait', async () => {
    peer.failNext(1, 429, '0');
    const slots = await source('calendly', settings()).fetchSlots({
      from: START,
      to: new Date(START.getTime() + 2 * 86_400_000),
    });
    expect(slots.length).toBeGreaterThan(0);
  });

  it('reports a bad token as a permanent error, and a 5xx as retryable', async () => {
    const denied = await failureOf(
      source('calendly', { ...settings(), token: 'wrong' }).fetchSlots(RANGE),
    );
    expect(denied.code).toBe('unauthorized');
    expect(denied.retryable).toBe(false);
    peer.failNext(1, 503);
    const down = await failureOf(source('calendly', settings()).fetchSlots(RANGE));
    expect(down.code).toBe('source_unavailable');
    expect(down.retryable).toBe(true);
  });
});

describe('calcom source', () => {
  it('asks /v2/slots with the version header by event type id, range format', async () => {
    peer.requests.length = 0;
    const slots = await source('calcom', { eventTypeId: 42, baseUrl: peer.url }).fetchSlots(RANGE);
    const call = peer.requests.find((r) => r.path === '/v2/slots')!;
    expect(call.headers['cal-api-version']).toBe('2024-09-04');
    expect(call.query.get('format')).toBe('range');
    expect(call.headers.authorization).toBeUndefined();
    expect(slots).toHaveLength(STARTS.length);
    expect(slots[0]).toEqual({
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T09:30:00.000Z',
    });
  });

  it('reads the time format by username and slug, with an API key', async () => {
    peer.requests.length = 0;
    const slots = await source('calcom', {
      username: 'bob',
      eventTypeSlug: 'intro',
      apiKey: 'cal_live_x',
      format: 'time',
      slotMinutes: 45,
      baseUrl: peer.url,
    }).fetchSlots(RANGE);
    expect(peer.requests[0]!.headers.authorization).toBe('Bearer cal_live_x');
    expect(slots[0]).toEqual({
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T09:45:00.000Z',
    });
  });

  it('reports an unknown event type as not found', async () => {
    const error = await failureOf(
      source('calcom', { eventTypeId: 7, baseUrl: peer.url }).fetchSlots(RANGE),
    );
    expect(error.code).toBe('not_found');
  });
});

describe('ghl source', () => {
  const settings = () => ({ calendarId: 'cal-1', token: 'ghl-token', baseUrl: peer.url });

  it('asks in epoch milliseconds, 31 days at most, and skips traceId', async () => {
    peer.requests.length = 0;
    const slots = await source('ghl', { ...settings(), userId: 'u-1' }).fetchSlots(RANGE);
    const calls = peer.requests.filter((r) => r.path.endsWith('/free-slots'));
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.headers.version).toBe('2021-04-15');
      expect(call.query.get('timezone')).toBe('Europe/Berlin');
      expect(call.query.get('userId')).toBe('u-1');
      expect(
        Number(call.query.get('endDate')) - Number(call.query.get('startDate')),
      ).toBeLessThanOrEqual(31 * 86_400_000);
    }
    expect(slots).toHaveLength(STARTS.length);
    // The peer answers in Berlin time (+01:00); the adapter stores UTC.
    expect(slots[0]).toEqual({
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T09:30:00.000Z',
    });
  });

  it('reports a bad token as unauthorized', async () => {
    const error = await failureOf(
      source('ghl', { ...settings(), token: 'nope' }).fetchSlots(RANGE),
    );
    expect(error.code).toBe('unauthorized');
  });
});

describe('weekly hours source with an ICS feed', () => {
  it('removes the busy times of the feed, recurring ones included', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:weekly-review',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=Europe/Berlin:20260302T100000',
      'DTEND;TZID=Europe/Berlin:20260302T110000',
      'RRULE:FREQ=DAILY;COUNT=3',
      'SUMMARY:Review',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const feedPeer = await startCalendarPeer({ slotStarts: [], ics });
    try {
      const slots = await source('weekly_hours', {
        hours: {
          mon: ['09:00-12:00'],
          tue: ['09:00-12:00'],
          wed: ['09:00-12:00'],
          thu: ['09:00-12:00'],
        },
        slotMinutes: 60,
        icsUrl: `${feedPeer.url}/calendar.ics`,
      }).fetchSlots({
        from: new Date('2026-03-02T00:00:00Z'),
        to: new Date('2026-03-06T00:00:00Z'),
      });
      // 10:00–11:00 Berlin (09:00 UTC) is busy Monday to Wednesday, free on Thursday.
      expect(slots.filter((s) => s.start.endsWith('T09:00:00.000Z')).map((s) => s.start)).toEqual([
        '2026-03-05T09:00:00.000Z',
      ]);
      expect(slots).toHaveLength(4 * 3 - 3);
    } finally {
      await feedPeer.close();
    }
  });

  it('fails as unavailable when the feed cannot be read', async () => {
    const error = await failureOf(
      source('weekly_hours', {
        hours: { mon: ['09:00-12:00'] },
        icsUrl: `${peer.url}/missing.ics`,
      }).fetchSlots(RANGE),
    );
    expect(error.code).toBe('not_found');
  });
});

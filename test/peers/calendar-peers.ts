import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';

/**
 * One local server speaking the documented availability APIs, so the source
 * adapters are tested against the wire formats, limits and errors:
 *
 * - Calendly `GET /event_type_available_times` (Bearer token; `event_type`,
 *   `start_time`, `end_time`; start not in the past; at most `calendlyMaxDays`
 *   per request (31 today, 7 on older accounts) else 400; answers
 *   `{ collection: [{ status, invitees_remaining, start_time, scheduling_url }] }`).
 * - Cal.com v2 `GET /v2/slots` (header `cal-api-version: 2024-09-04`;
 *   `eventTypeId` or `eventTypeSlug` + `username`; `start`, `end`, `timeZone`,
 *   `format=range|time`; answers `{ status: "success", data: { "<date>": [{ start, end? }] } }`
 *   with times in the asked zone's offset).
 * - GoHighLevel `GET /calendars/{id}/free-slots` (Bearer, `Version: 2021-04-15`;
 *   `startDate`/`endDate` epoch ms, ≤ 31 days else 422; answers
 *   `{ "<date>": { slots: [...] }, traceId }` in the asked `timezone`).
 * - An iCalendar feed at `GET /calendar.ics`.
 *
 * `failNext(n, status, retryAfter?)` makes the next n calendar requests fail.
 * Every request is recorded.
 */

export interface CalendarPeerOptions {
  /** Free slot starts (UTC ISO) every API serves. */
  slotStarts: string[];
  slotMinutes?: number;
  /** Clock of the peer, for Calendly's "not in the past" rule. */
  now?: Date;
  calendlyMaxDays?: number;
  calendlyToken?: string;
  calendlyEventType?: string;
  calcomEventTypeId?: string;
  calcom?: { username: string; slug: string };
  ghlCalendarId?: string;
  ghlToken?: string;
  ics?: string;
}

export interface RecordedCalendarRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface CalendarPeer {
  url: string;
  requests: RecordedCalendarRequest[];
  /** Next `count` API requests answer `status` (429 carries Retry-After). */
  failNext(count: number, status: number, retryAfter?: string): void;
  setSlots(starts: string[]): void;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** Starts the peer on a free loopback port. */
export async function startCalendarPeer(options: CalendarPeerOptions): Promise<CalendarPeer> {
  const o = {
    slotMinutes: 30,
    calendlyMaxDays: 31,
    calendlyToken: 'calendly-token',
    calendlyEventType: 'https://api.calendly.com/event_types/ET1',
    calcomEventTypeId: '42',
    calcom: { username: 'bob', slug: 'intro' },
    ghlCalendarId: 'cal-1',
    ghlToken: 'ghl-token',
    ...options,
  };
  let slots = [...o.slotStarts];
  const requests: RecordedCalendarRequest[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  const inRange = (from: number, to: number) =>
    slots.filter((s) => Date.parse(s) >= from && Date.parse(s) < to).sort();

  function calendly(q: URLSearchParams, h: http.IncomingHttpHeaders): Answer {
    if (h.authorization !== `Bearer ${o.calendlyToken}`) {
      return {
        status: 401,
        body: { title: 'Unauthenticated', message: 'The access token is invalid' },
      };
    }
    const from = Date.parse(q.get('start_time') ?? '');
    const to = Date.parse(q.get('end_time') ?? '');
    const invalid = (parameter: string, message: string): Answer => ({
      status: 400,
      body: {
        title: 'Invalid Argument',
        message: 'The supplied parameters are invalid.',
        details: [{ parameter, message }],
      },
    });
    if (q.get('event_type') !== o.calendlyEventType) return invalid('event_type', 'not found');
    if (!Number.isFinite(from) || !Number.isFinite(to)) return invalid('start_time', 'is required');
    if (from < (o.now ?? new Date()).getTime())
      return invalid('start_time', 'must be in the future');
    if (to - from > o.calendlyMaxDays * 86_400_000) {
      return invalid(
        'end_time',
        `must be no greater than ${o.calendlyMaxDays} days after start_time`,
      );
    }
    const collection = inRange(from, to).map((start, i) => ({
      // One in five is taken in the peer's calendar: the adapter must skip it.
      status: i % 5 === 4 ? 'unavailable' : 'available',
      invitees_remaining: 1,
      start_time: new Date(start).toISOString().replace('.000Z', 'Z'),
      scheduling_url: `https://calendly.com/acme/intro/${start}`,
    }));
    return { status: 200, body: { collection } };
  }

  function calcom(q: URLSearchParams, h: http.IncomingHttpHeaders): Answer {
    if (h['cal-api-version'] !== '2024-09-04') {
      return {
        status: 400,
        body: {
          status: 'error',
          error: { code: 'BadRequestException', message: 'cal-api-version header is required' },
        },
      };
    }
    const byId = q.get('eventTypeId') === o.calcomEventTypeId;
    const bySlug =
      q.get('username') === o.calcom.username && q.get('eventTypeSlug') === o.calcom.slug;
    if (!byId && !bySlug) {
      return {
        status: 404,
        body: {
          status: 'error',
          error: { code: 'NotFoundException', message: 'Event type not found' },
        },
      };
    }
    const zone = q.get('timeZone') ?? 'UTC';
    const from = Date.parse(q.get('start') ?? '');
    const to = Date.parse(q.get('end') ?? '');
    const data: Record<string, { start: string; end?: string }[]> = {};
    for (const start of inRange(from, to)) {
      const local = DateTime.fromISO(start, { zone });
      const day = local.toISODate()!;
      const item: { start: string; end?: string } = { start: local.toISO()! };
      if (q.get('format') === 'range') item.end = local.plus({ minutes: o.slotMinutes }).toISO()!;
      data[day] = [...(data[day] ?? []), item];
    }
    return { status: 200, body: { status: 'success', data } };
  }

  function ghl(id: string, q: URLSearchParams, h: http.IncomingHttpHeaders): Answer {
    if (h.authorization !== `Bearer ${o.ghlToken}`) {
      return { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } };
    }
    if (h.version !== '2021-04-15') {
      return { status: 400, body: { statusCode: 400, message: 'Version header is required' } };
    }
    if (id !== o.ghlCalendarId)
      return { status: 404, body: { statusCode: 404, message: 'Calendar not found' } };
    const from = Number(q.get('startDate'));
    const to = Number(q.get('endDate'));
    if (!Number.isFinite(from) || !Number.isFinite(to) || String(from) !== q.get('startDate')) {
      return {
        status: 422,
        body: { statusCode: 422, message: ['startDate must be epoch milliseconds'] },
      };
    }
    if (to - from > 31 * 86_400_000) {
      return {
        status: 422,
        body: { statusCode: 422, message: ['Date range cannot be more than 31 days'] },
      };
    }
    const zone = q.get('timezone') ?? 'UTC';
    const body: Record<string, unknown> = {};
    for (const start of inRange(from, to)) {
      const local = DateTime.fromISO(start, { zone });
      const day = local.toISODate()!;
      const list = (body[day] as { slots: string[] } | undefined)?.slots ?? [];
      list.push(local.toISO({ suppressMilliseconds: true })!);
      body[day] = { slots: list };
    }
    body.traceId = 'trace-0001';
    return { status: 200, body };
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    const send = ({ status, body, headers }: Answer, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter
        ? { 'retry-after': failure.retryAfter }
        : {};
      return send({ status: failure.status, body: { message: 'peer failure' }, headers });
    }
    if (url.pathname === '/calendar.ics')
      return send({ status: 200, body: o.ics ?? '' }, 'text/calendar');
    if (url.pathname === '/event_type_available_times')
      return send(calendly(url.searchParams, req.headers));
    if (url.pathname === '/v2/slots') return send(calcom(url.searchParams, req.headers));
    const ghlPath = /^\/calendars\/([^/]+)\/free-slots$/.exec(url.pathname);
    if (ghlPath) return send(ghl(decodeURIComponent(ghlPath[1]!), url.searchParams, req.headers));
    send({ status: 404, body: { message: 'no such route' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, status, retryAfter) {
      for (let i = 0; i < count; i++)
        failures.push({ status, ...(retryAfter ? { retryAfter } : {}) });
    },
    setSlots(starts) {
      slots = [...starts];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Half-hour slot starts at the given UTC hours, every day from `from` for `days` days. */
export function slotStartsEvery(from: Date, days: number, utcHours: number[]): string[] {
  const out: string[] = [];
  for (let d = 0; d < days; d++) {
    for (const h of utcHours) {
      const t = new Date(from.getTime() + d * 86_400_000);
      t.setUTCHours(h, 0, 0, 0);
      out.push(t.toISOString());
    }
  }
  return out;
}

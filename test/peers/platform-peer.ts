import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One local server speaking the three sending platforms' documented APIs, so
 * the senders, the connection test and campaign sync are tested on the wire:
 *
 * - Smartlead (key in `?api_key=`): `GET /api/v1/campaigns` → array;
 *   `POST /api/v1/campaigns/{id}/reply-email-thread` needs `email_stats_id`
 *   and `email_body` → `{ success: true, message }`.
 * - Instantly v2 (`Authorization: Bearer`): `GET /api/v2/campaigns` →
 *   `{ items, next_starting_after }`; `POST /api/v2/emails/reply` needs
 *   `eaccount`, `reply_to_uuid`, `subject`, `body{text|html}` → an Email
 *   object (`id`, `message_id`, …). Errors `{ statusCode, error, message }`.
 * - EmailBison (`Authorization: Bearer`, Laravel): `GET /api/campaigns` →
 *   `{ data, links, meta }`; `POST /api/replies/{id}/reply` needs `message`,
 *   `sender_email_id`, `to_emails[{email_address}]`; 422 `{ message, errors }`;
 *   401 `{ message: "Unauthenticated." }`.
 *
 * Unknown paths answer 404 (HTML for EmailBison-less hosts is not needed: a
 * 404 is what a wrong instance URL gives). `failNext` scripts the next
 * answers of the reply endpoints (any status, body and headers, or `hang`:
 * the request is read, then never answered). Every request is recorded.
 */

export interface PlatformPeerOptions {
  smartleadKey?: string;
  instantlyKey?: string;
  emailbisonToken?: string;
  /** A key that authenticates but lacks every scope (answers 403). */
  instantlyReadOnlyKey?: string;
  campaigns?: { id: string | number; name: string }[];
}

export interface RecordedPlatformRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export type ScriptedAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true };

export interface PlatformPeer {
  url: string;
  /** What the reply listings answer (reconciliation): Instantly Email objects, EmailBison replies. */
  inbox: { instantly: Record<string, unknown>[]; emailbison: Record<string, unknown>[] };
  requests: RecordedPlatformRequest[];
  /** The reply requests that were answered with success (what "went out"). */
  delivered: RecordedPlatformRequest[];
  /** Reply requests that reached the peer, answered or not. */
  replyRequests(): RecordedPlatformRequest[];
  failNext(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const REPLY_PATHS = [
  /^\/api\/v1\/campaigns\/[^/]+\/reply-email-thread$/,
  /^\/api\/v2\/emails\/reply$/,
  /^\/api\/replies\/[^/]+\/reply$/,
];

/** Starts the peer on a free loopback port. */
export async function startPlatformPeer(options: PlatformPeerOptions = {}): Promise<PlatformPeer> {
  const o = {
    smartleadKey: 'sl-key-1234567890',
    instantlyKey: 'in-key-1234567890',
    emailbisonToken: 'eb-token-1234567890',
    instantlyReadOnlyKey: 'in-readonly-1234567890',
    campaigns: [
      { id: 101, name: 'EU agencies' },
      { id: 102, name: 'US SaaS founders' },
    ],
    ...options,
  };
  const requests: RecordedPlatformRequest[] = [];
  const delivered: RecordedPlatformRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const hanging: http.ServerResponse[] = [];
  let sent = 0;
  const inbox: PlatformPeer['inbox'] = { instantly: [], emailbison: [] };

  function smartlead(r: RecordedPlatformRequest): Answer {
    if (r.query.get('api_key') !== o.smartleadKey) {
      return { status: 401, body: { message: 'Invalid API key' } };
    }
    if (r.method === 'GET' && r.path === '/api/v1/campaigns') {
      return { status: 200, body: o.campaigns.map((c) => ({ ...c, status: 'ACTIVE' })) };
    }
    if (r.method === 'POST' && REPLY_PATHS[0]!.test(r.path)) {
      const b = (r.body ?? {}) as Record<string, unknown>;
      const missing = ['email_stats_id', 'email_body'].filter((k) => !b[k]);
      if (missing.length) {
        return { status: 400, body: { message: `${missing.join(', ')} is required` } };
      }
      return { status: 200, body: { success: true, message: 'Email added to the queue' } };
    }
    return { status: 404, body: { message: 'Not found' } };
  }

  function instantly(r: RecordedPlatformRequest): Answer {
    const auth = r.headers.authorization;
    if (auth !== `Bearer ${o.instantlyKey}` && auth !== `Bearer ${o.instantlyReadOnlyKey}`) {
      return {
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' },
      };
    }
    if (r.method === 'GET' && r.path === '/api/v2/campaigns') {
      if (auth === `Bearer ${o.instantlyReadOnlyKey}`) {
        return {
          status: 403,
          body: {
            statusCode: 403,
            error: 'Forbidden',
            message: 'API key lacks the campaigns:read scope',
          },
        };
      }
      const after = r.query.get('starting_after');
      const start = after ? o.campaigns.findIndex((c) => String(c.id) === after) + 1 : 0;
      const page = o.campaigns.slice(start, start + 1);
      const last = page.at(-1);
      return {
        status: 200,
        body: {
          items: page.map((c) => ({ id: String(c.id), name: c.name, status: 1 })),
          ...(last && start + 1 < o.campaigns.length
            ? { next_starting_after: String(last.id) }
            : {}),
        },
      };
    }
    if (r.method === 'GET' && r.path === '/api/v2/emails') {
      const type = r.query.get('email_type');
      const limit = Number(r.query.get('limit') ?? 10);
      return {
        status: 200,
        body: { items: type === 'received' ? inbox.instantly.slice(0, limit) : [] },
      };
    }
    if (r.method === 'POST' && r.path === '/api/v2/emails/reply') {
      if (auth === `Bearer ${o.instantlyReadOnlyKey}`) {
        return {
          status: 403,
          body: {
            statusCode: 403,
            error: 'Forbidden',
            message: 'API key lacks the emails:create scope',
          },
        };
      }
      const b = (r.body ?? {}) as Record<string, unknown>;
      const missing = ['eaccount', 'reply_to_uuid', 'subject', 'body'].filter((k) => !b[k]);
      if (missing.length) {
        return {
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            message: `body must have required property '${missing[0]}'`,
          },
        };
      }
      sent += 1;
      return {
        status: 200,
        body: {
          id: `0199-sent-${sent}`,
          message_id: `<instantly-sent-${sent}@mail.example.com>`,
          subject: b.subject,
          eaccount: b.eaccount,
          is_auto_reply: 0,
        },
      };
    }
    return {
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Route not found' },
    };
  }

  function emailbison(r: RecordedPlatformRequest): Answer {
    if (r.headers.authorization !== `Bearer ${o.emailbisonToken}`) {
      return { status: 401, body: { message: 'Unauthenticated.' } };
    }
    if (r.method === 'GET' && r.path === '/eb/api/campaigns') {
      return {
        status: 200,
        body: {
          data: o.campaigns.map((c) => ({ ...c, status: 'active' })),
          links: { next: null },
          meta: {},
        },
      };
    }
    if (r.method === 'GET' && r.path === '/eb/api/replies') {
      return { status: 200, body: { data: inbox.emailbison, links: { next: null }, meta: {} } };
    }
    if (r.method === 'POST' && /^\/eb\/api\/replies\/[^/]+\/reply$/.test(r.path)) {
      const b = (r.body ?? {}) as Record<string, unknown>;
      const errors: Record<string, string[]> = {};
      if (!b.message) errors.message = ['The message field is required.'];
      if (!b.sender_email_id) errors.sender_email_id = ['The sender email id field is required.'];
      if (!Array.isArray(b.to_emails) || b.to_emails.length === 0) {
        errors.to_emails = ['The to emails field is required.'];
      }
      if (Object.keys(errors).length) {
        return { status: 422, body: { message: Object.values(errors)[0]![0], errors } };
      }
      sent += 1;
      return {
        status: 200,
        body: { data: { success: true, message: 'Reply queued', reply: { id: 9000 + sent } } },
      };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://peer');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const r: RecordedPlatformRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      requests.push(r);
      const isReply =
        REPLY_PATHS.some((p) => p.test(r.path)) ||
        /^\/eb\/api\/replies\/[^/]+\/reply$/.test(r.path);
      const scripted = isReply ? script.shift() : undefined;
      if (scripted && 'hang' in scripted) {
        hanging.push(res);
        return;
      }
      const answer: Answer = scripted
        ? {
            status: scripted.status,
            body: scripted.body ?? {},
            ...(scripted.headers ? { headers: scripted.headers } : {}),
          }
        : r.path.startsWith('/eb/')
          ? emailbison(r)
          : r.path.startsWith('/api/v2/')
            ? instantly(r)
            : r.path.startsWith('/api/v1/')
              ? smartlead(r)
              : { status: 404, body: '<html><body>Not Found</body></html>' };
      if (isReply && answer.status < 300) delivered.push(r);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inbox,
    requests,
    delivered,
    replyRequests: () =>
      requests.filter(
        (r) =>
          REPLY_PATHS.some((p) => p.test(r.path)) ||
          /^\/eb\/api\/replies\/[^/]+\/reply$/.test(r.path),
      ),
    failNext: (...answers) => {
      script.push(...answers);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

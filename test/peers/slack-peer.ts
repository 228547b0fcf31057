import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local Slack Web API that behaves as Slack documents it, for tests:
 * bearer-token auth (not_authed / invalid_auth / token_revoked), each
 * method's bot scopes enforced from the token's grant with the documented
 * `missing_scope` body (`needed`, `provided`, comma-separated),
 * `x-oauth-scopes` / `x-accepted-oauth-scopes` on every response, HTTP 429
 * with Retry-After and `ratelimited` when told to, and users / channels
 * fixtures. Posted and updated messages are recorded.
 */

export interface PeerUser {
  id: string;
  email: string;
  deleted?: boolean;
  /** False: the app's Messages tab is off for this user (posting to the member id fails). */
  messagesTab?: boolean;
}

export interface PeerChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** The app has joined (or been invited to) it. */
  botIsMember?: boolean;
}

export interface PostedMessage {
  channel: string;
  /** The user whose DM it landed in, for DMs. */
  user: string | undefined;
  text: string;
  blocks: unknown;
  ts: string;
}

export interface PeerCall {
  method: string;
  status: number;
  error: string | undefined;
}

export interface SlackPeer {
  /** Base URL to use as SLACK_API_URL. */
  url: string;
  posted: PostedMessage[];
  updated: PostedMessage[];
  calls: PeerCall[];
  setScopes(scopes: string[]): void;
  /** Every later call answers token_revoked. */
  revoke(): void;
  /**
   * `count` of the next calls (of `method`, or any; every `every`-th one, default each)
   * answer HTTP 429 with Retry-After and `ratelimited`.
   */
  rateLimit(options: {
    count: number;
    retryAfterSeconds?: number;
    method?: string;
    every?: number;
  }): void;
  close(): Promise<void>;
}

/** Bot scopes each method checks (Slack's method reference). */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'users.lookupByEmail': ['users:read.email'],
  'users.info': ['users:read'],
  'conversations.open': ['im:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
};

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Starts the peer on 127.0.0.1 and a free port. */
export async function startSlackPeer(options: {
  token: string;
  scopes: string[];
  users?: PeerUser[];
  channels?: PeerChannel[];
}): Promise<SlackPeer> {
  let scopes = [...options.scopes];
  let revoked = false;
  const limits: {
    count: number;
    retryAfterSeconds: number;
    method: string | undefined;
    every: number;
    seen: number;
  }[] = [];
  const users = options.users ?? [];
  const channels = options.channels ?? [];
  const dms = new Map<string, string>(); // D… → user id
  const posted: PostedMessage[] = [];
  const updated: PostedMessage[] = [];
  const calls: PeerCall[] = [];
  let seq = 0;
  const nextTs = () =>
    `${1_700_000_000 + Math.floor(seq / 1000)}.${String(++seq).padStart(6, '0')}`;
  const dmFor = (userId: string) => {
    const id = `D${userId.slice(1)}`;
    dms.set(id, userId);
    return id;
  };
  const findChannel = (ref: string) =>
    channels.find((c) => c.id === ref || `#${c.name}` === ref || c.name === ref);

  function handle(
    method: string,
    body: Record<string, string>,
    has: (s: string) => boolean,
  ): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://peer.slack.test/',
          team: 'Peer Team',
          user: 'autosend',
          team_id: 'T0PEER',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'users.lookupByEmail': {
        const u = users.find(
          (x) => x.email.toLowerCase() === (body.email ?? '').toLowerCase() && !x.deleted,
        );
        return u
          ? {
              ok: true,
              user: {
                id: u.id,
                team_id: 'T0PEER',
                name: u.email.split('@')[0],
                deleted: false,
                profile: { email: u.email },
              },
            }
          : { ok: false, error: 'users_not_found' };
      }
      case 'users.info': {
        const u = users.find((x) => x.id === body.user);
        return u
          ? { ok: true, user: { id: u.id, deleted: Boolean(u.deleted) } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.open': {
        const ids = (body.users ?? '').split(',').filter(Boolean);
        if (ids.length !== 1)
          return { ok: false, error: ids.length ? 'not_enough_users' : 'users_list_not_supplied' };
        const u = users.find((x) => x.id === ids[0]);
        if (!u) return { ok: false, error: 'user_not_found' };
        if (u.deleted) return { ok: false, error: 'user_disabled' };
        return { ok: true, channel: { id: dmFor(u.id) } };
      }
      case 'conversations.info': {
        const c = findChannel(body.channel ?? '');
        if (!c || (c.isPrivate && !c.botIsMember)) return { ok: false, error: 'channel_not_found' };
        const needed = c.isPrivate ? 'groups:read' : 'channels:read';
        if (!has(needed))
          return { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') };
        return {
          ok: true,
          channel: {
            id: c.id,
            name: c.name,
            is_private: Boolean(c.isPrivate),
            is_member: Boolean(c.botIsMember),
          },
        };
      }
      case 'chat.postMessage': {
        const target = body.channel ?? '';
        let channel: string;
        let user: string | undefined;
        if (/^D/.test(target)) {
          user = dms.get(target);
          if (!user) return { ok: false, error: 'channel_not_found' };
          channel = target;
        } else if (/^[UW]/.test(target)) {
          const u = users.find((x) => x.id === target);
          if (!u || u.deleted) return { ok: false, error: 'channel_not_found' };
          if (u.messagesTab === false) return { ok: false, error: 'messages_tab_disabled' };
          user = u.id;
          channel = dmFor(u.id);
        } else {
          const c = findChannel(target);
          if (!c || (c.isPrivate && !c.botIsMember))
            return { ok: false, error: 'channel_not_found' };
          if (!c.botIsMember && !has('chat:write.public'))
            return { ok: false, error: 'not_in_channel' };
          channel = c.id;
        }
        if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
        if (body.blocks && !selectMenusValid(JSON.parse(body.blocks))) {
          return { ok: false, error: 'invalid_blocks' };
        }
        const message = {
          channel,
          user,
          text: body.text ?? '',
          blocks: body.blocks ? JSON.parse(body.blocks) : undefined,
          ts: nextTs(),
        };
        posted.push(message);
        return {
          ok: true,
          channel,
          ts: message.ts,
          message: { text: message.text, ts: message.ts },
        };
      }
      case 'chat.update': {
        const original = posted.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!original) return { ok: false, error: 'message_not_found' };
        const message = {
          ...original,
          text: body.text ?? original.text,
          blocks: body.blocks ? JSON.parse(body.blocks) : original.blocks,
        };
        updated.push(message);
        return { ok: true, channel: original.channel, ts: original.ts, text: message.text };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.url ?? '').replace(/^\/+(api\/)?/, '').split('?')[0] ?? '';
    const body = await readBody(req);
    const accepted = METHOD_SCOPES[method];
    const send = (
      status: number,
      payload: Record<string, unknown>,
      headers: Record<string, string> = {},
    ) => {
      calls.push({ method, status, error: payload.ok ? undefined : String(payload.error) });
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-oauth-scopes': scopes.join(','),
        ...(accepted ? { 'x-accepted-oauth-scopes': accepted.join(',') } : {}),
        ...headers,
      });
      res.end(JSON.stringify(payload));
    };
    const limitIndex = limits.findIndex((l) => !l.method || l.method === method);
    const limit = limits[limitIndex];
    if (limit && ++limit.seen % limit.every === 0) {
      if (--limit.count <= 0) limits.splice(limitIndex, 1);
      return send(
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(limit.retryAfterSeconds) },
      );
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? body.token;
    if (!bearer) return send(200, { ok: false, error: 'not_authed' });
    if (bearer !== options.token) return send(200, { ok: false, error: 'invalid_auth' });
    if (revoked) return send(200, { ok: false, error: 'token_revoked' });
    if (!accepted) return send(200, { ok: false, error: 'unknown_method' });
    const has = (s: string) => scopes.includes(s);
    // conversations.info checks the scope for the channel's type itself.
    if (method !== 'conversations.info' && accepted.length && !accepted.some(has)) {
      return send(200, {
        ok: false,
        error: 'missing_scope',
        needed: accepted.join(','),
        provided: scopes.join(','),
      });
    }
    return send(200, handle(method, body, has));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    posted,
    updated,
    calls,
    setScopes(next) {
      scopes = [...next];
    },
    revoke() {
      revoked = true;
    },
    rateLimit({ count, retryAfterSeconds = 1, method, every = 1 }) {
      limits.push({ count, retryAfterSeconds, method, every, seen: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Slack's documented limits on a static_select in an actions block: at most
 * 100 options, option text (plain_text) at most 75 characters, option value
 * at most 150, placeholder at most 150; a confirm object needs title, text,
 * confirm and deny. A message breaking them is refused with invalid_blocks.
 */
function selectMenusValid(blocks: unknown): boolean {
  if (!Array.isArray(blocks)) return true;
  type Plain = { type?: string; text?: string };
  type Select = {
    type?: string;
    options?: { text?: Plain; value?: string }[];
    placeholder?: Plain;
    confirm?: Record<string, Plain>;
  };
  const plain = (t: Plain | undefined, max: number) =>
    t?.type === 'plain_text' && typeof t.text === 'string' && t.text.length <= max;
  for (const block of blocks as { type?: string; elements?: Select[] }[]) {
    if (block.type !== 'actions') continue;
    for (const e of block.elements ?? []) {
      if (e.type !== 'static_select') continue;
      const options = e.options ?? [];
      if (options.length < 1 || options.length > 100) return false;
      for (const o of options) {
        if (!plain(o.text, 75) || typeof o.value !== 'string' || o.value.length > 150) return false;
      }
      if (e.placeholder && !plain(e.placeholder, 150)) return false;
      if (e.confirm && !['title', 'text', 'confirm', 'deny'].every((k) => e.confirm![k]?.text)) {
        return false;
      }
    }
  }
  return true;
}

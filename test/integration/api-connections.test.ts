import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin/tokens.ts';
import { setWorkspaceAvailability } from '../../src/admin/workspace-connections.ts';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import { refreshAvailability } from '../../src/availability/availability-cache.ts';
import { offerSlotsForReply } from '../../src/availability/offer-slots.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { auditLog, availabilityCache, leads, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { resolveSlackToken } from '../../src/slack/make-slack-client.ts';
import { openSecret } from '../../src/slack/secret-box.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type CalendarPeer, slotStartsEvery, startCalendarPeer } from '../peers/calendar-peers.ts';

const KEY = 'test-secret-key-0123456789abcdefghijklmnop';
const NOW = new Date('2026-03-02T07:00:00Z'); // Monday 08:00 in Berlin
const CALENDLY_TOKEN = 'eyJhbGciOi.calendly-pat.sig9f3e';
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-abcdWXYZ';
const logger = createLogger('silent');

let db: TestDatabase;
let peer: CalendarPeer;
let app: FastifyInstance;
/** The same API on a server without AUTOSEND_SECRET_KEY. */
let appNoKey: FastifyInstance;
let config: ReturnType<typeof parseConfig>;
let alpha: string;
let tokens: { admin: string; reviewer: string };

beforeAll(async () => {
  db = await createTestDatabase();
  peer = await startCalendarPeer({
    slotStarts: slotStartsEvery(new Date('2026-03-03T00:00:00Z'), 10, [9, 14]),
    now: NOW,
    calendlyToken: CALENDLY_TOKEN,
  });
  const env = { DATABASE_URL: db.url, PUBLIC_URL: 'https://autosend.example' };
  config = parseConfig({ ...env, AUTOSEND_SECRET_KEY: KEY });
  app = await buildApp({ config, database: db, logger });
  appNoKey = await buildApp({ config: parseConfig(env), database: db, logger });
  alpha = (await createWorkspace(db.db, 'test', { name: 'Alpha', timeZone: 'Europe/Berlin' })).id;
  const scoped = { workspaceIds: [alpha] };
  tokens = {
    admin: (await createToken(db.db, 'test', { name: 'a', role: 'admin', ...scoped })).token,
    reviewer: (await createToken(db.db, 'test', { name: 'r', role: 'reviewer', ...scoped })).token,
  };
});
afterAll(async () => {
  await app?.close();
  await appNoKey?.close();
  await peer?.close();
  await db?.drop();
});

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON responses loosely
type Json = any;

async function call(
  token: string,
  method: string,
  url: string,
  body?: unknown,
  on = app,
): Promise<{ status: number; json: Json }> {
  const res = await on.inject({
    method: method as 'GET',
    url: `/api/v1/workspaces/${alpha}${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
}

async function lastAudit() {
  const [row] = await db.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

async function workspaceRow() {
  const [row] = await db.db.select().from(workspaces).where(eq(workspaces.id, alpha));
  return row!;
}

async function newLead() {
  const email = `${Math.random().toString(36).slice(2)}@lead.example`;
  const [row] = await db.db.insert(leads).values({ workspaceId: alpha, email }).returning();
  return row!.id;
}

const offer = async () =>
  offerSlotsForReply(
    { db: db.db, config, logger },
    {
      workspaceId: alpha,
      leadId: await newLead(),
      replyText: 'Sounds good, happy to talk.',
      replyAt: new Date(NOW.getTime() - 600_000),
      now: NOW,
    },
  );

describe('availability settings through the API', () => {
  it('sets weekly hours that the next reply offers, audited, readable by a reviewer', async () => {
    const body = {
      source: 'weekly_hours',
      config: { hours: { tue: ['14:00-16:00'] }, slotMinutes: 60 },
    };
    const res = await call(tokens.admin, 'PUT', '/availability', body);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ workspaceId: alpha, ...body });
    const got = await call(tokens.reviewer, 'GET', '/availability');
    expect(got.json).toEqual(res.json);
    expect(await lastAudit()).toMatchObject({
      action: 'workspace.set_availability',
      entityId: alpha,
      actor: expect.stringMatching(/^token:/),
      before: { source: 'weekly_hours', config: {} },
      after: body,
    });

    const offered = await offer();
    expect(offered.slots.map((s) => s.label)).toEqual([
      'Tuesday 3 March, 14:00–15:00 (Europe/Berlin)',
      'Tuesday 3 March, 15:00–16:00 (Europe/Berlin)',
      'Tuesday 10 March, 14:00–15:00 (Europe/Berlin)',
    ]);
  });

  it('drops the cached slots, so the next reply offers the new hours at once', async () => {
    const [cached] = await db.db
      .select()
      .from(availabilityCache)
      .where(eq(availabilityCache.workspaceId, alpha));
    expect(cached!.expiresAt > NOW).toBe(true); // still fresh: without the drop it would be served
    const res = await call(tokens.admin, 'PUT', '/availability', {
      source: 'weekly_hours',
      config: { hours: { wed: ['10:00-11:00'] }, slotMinutes: 60 },
    });
    expect(res.status).toBe(200);
    const rows = await db.db
      .select()
      .from(availabilityCache)
      .where(eq(availabilityCache.workspaceId, alpha));
    expect(rows).toEqual([]);
    const offered = await offer();
    expect(offered.slots[0]!.label).toBe('Wednesday 4 March, 10:00–11:00 (Europe/Berlin)');
  });

  it('stores a calendar token encrypted, shows and audits it redacted, and the source still reads it', async () => {
    const res = await call(tokens.admin, 'PUT', '/availability', {
      source: 'calendly',
      config: {
        eventTypeUri: 'https://api.calendly.com/event_types/ET1',
        token: CALENDLY_TOKEN,
        baseUrl: peer.url,
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.config.token).toBe('set (…9f3e)');
    expect((await call(tokens.reviewer, 'GET', '/availability')).json.config.token).toBe(
      'set (…9f3e)',
    );

    const row = await workspaceRow();
    const stored = (row.availabilityConfig as { token: string }).token;
    expect(JSON.stringify(row.availabilityConfig)).not.toContain(CALENDLY_TOKEN);
    expect(stored).toMatch(/^v1:/);
    expect(openSecret(stored, KEY)).toBe(CALENDLY_TOKEN);

    const audit = await lastAudit();
    expect(JSON.stringify(audit)).not.toContain(CALENDLY_TOKEN);
    expect(audit.after).toMatchObject({ source: 'calendly', config: { token: 'set (…9f3e)' } });

    peer.requests.length = 0;
    const availability = await refreshAvailability({ db: db.db, config, logger }, alpha, NOW);
    expect(availability.stale).toBe(false);
    expect(availability.slots.length).toBeGreaterThan(0);
    expect(peer.requests[0]!.headers.authorization).toBe(`Bearer ${CALENDLY_TOKEN}`);

    // A service without the key cannot open it: the source fails loudly, naming the key.
    const noKey = parseConfig({ DATABASE_URL: db.url });
    const failed = await refreshAvailability({ db: db.db, config: noKey, logger }, alpha, NOW);
    expect(failed.stale).toBe(true);
    expect(failed.warning).toMatch(/AUTOSEND_SECRET_KEY/);
  });

  it('names bad and unknown config fields, and a bad source', async () => {
    const bad = await call(tokens.admin, 'PUT', '/availability', {
      source: 'calendly',
      config: { token: 'x', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({
      'config.eventTypeUri': expect.any(String),
      'config.colour': 'unknown field',
    });
    const hours = await call(tokens.admin, 'PUT', '/availability', {
      source: 'weekly_hours',
      config: { hours: { mon: ['17:00-09:00'] } },
    });
    expect(Object.keys(hours.json.error.fields)).toEqual(['config.hours.mon.0']);
    const source = await call(tokens.admin, 'PUT', '/availability', {
      source: 'outlook',
      config: {},
    });
    expect(Object.keys(source.json.error.fields)).toEqual(['source']);
    const redacted = await call(tokens.admin, 'PUT', '/availability', {
      source: 'ghl',
      config: { calendarId: 'cal-1', token: 'set (…9f3e)' },
    });
    expect(Object.keys(redacted.json.error.fields)).toEqual(['config.token']);
    expect((await workspaceRow()).availabilitySource).toBe('calendly');
  });

  it('refuses to store a token in clear text without AUTOSEND_SECRET_KEY', async () => {
    const before = await workspaceRow();
    const res = await call(
      tokens.admin,
      'PUT',
      '/availability',
      { source: 'ghl', config: { calendarId: 'cal-1', token: 'pit-secret-token' } },
      appNoKey,
    );
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/AUTOSEND_SECRET_KEY/);
    expect(Object.keys(res.json.error.fields)).toEqual(['config.token']);
    expect(await workspaceRow()).toEqual(before);
    // Sources without credentials need no key.
    const plain = await setWorkspaceAvailability(
      db.db,
      'test',
      alpha,
      { source: 'calcom', config: { eventTypeId: 42 } },
      { secretKey: undefined },
    );
    expect(plain.config).toEqual({ eventTypeId: 42 });
  });

  it('lets only admins change it', async () => {
    const res = await call(tokens.reviewer, 'PUT', '/availability', {
      source: 'weekly_hours',
      config: { hours: {} },
    });
    expect(res.status).toBe(403);
  });
});

describe('Slack token through the API', () => {
  it('stores the token encrypted, used by the Slack client, redacted in the answer and the audit row', async () => {
    const res = await call(tokens.admin, 'PUT', '/slack-token', { token: SLACK_TOKEN });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ workspaceId: alpha, slackBotToken: 'set (…WXYZ)' });
    const sealed = (await workspaceRow()).slackBotTokenEncrypted!;
    expect(sealed).not.toContain(SLACK_TOKEN);
    expect(openSecret(sealed, KEY)).toBe(SLACK_TOKEN);
    expect(await resolveSlackToken(db.db, config, alpha)).toEqual({
      token: SLACK_TOKEN,
      source: 'workspace',
    });
    const audit = await lastAudit();
    expect(JSON.stringify(audit)).not.toContain(SLACK_TOKEN);
    expect(audit).toMatchObject({
      action: 'workspace.set_slack_token',
      before: { slackBotToken: null },
      after: { slackBotToken: 'set (…WXYZ)' },
    });
  });

  it('names a malformed token or an unknown field, and needs the key', async () => {
    const bad = await call(tokens.admin, 'PUT', '/slack-token', { token: 'abc', channel: '#x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({
      token: expect.stringMatching(/xoxb-/),
      channel: 'unknown field',
    });
    const noKey = await call(tokens.admin, 'PUT', '/slack-token', { token: SLACK_TOKEN }, appNoKey);
    expect(noKey.status).toBe(400);
    expect(noKey.json.error.message).toMatch(/AUTOSEND_SECRET_KEY/);
  });

  it('clears it (audited) and says so when there is nothing to clear', async () => {
    const res = await call(tokens.admin, 'DELETE', '/slack-token');
    expect(res.status).toBe(200);
    expect(res.json.slackBotToken).toBeNull();
    expect((await workspaceRow()).slackBotTokenEncrypted).toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: 'workspace.clear_slack_token',
      before: { slackBotToken: 'set (…WXYZ)' },
      after: { slackBotToken: null },
    });
    expect((await call(tokens.admin, 'DELETE', '/slack-token')).status).toBe(409);
  });
});

describe('autosend workspace set-availability | set-slack-token | show --json', () => {
  function autosend(env: Record<string, string>, ...args: string[]) {
    const child = spawn(process.execPath, [path.resolve('bin/autosend.js'), ...args, '--json'], {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    return new Promise<{ code: number | null; stdout: string; doc: Json }>((resolve, reject) =>
      child.once('close', (code) => {
        try {
          resolve({ code, stdout, doc: JSON.parse(stdout) });
        } catch {
          reject(
            new Error(`autosend ${args.join(' ')}: no JSON on stdout (exit ${code}): ${stderr}`),
          );
        }
      }),
    );
  }
  const withKey = { AUTOSEND_SECRET_KEY: KEY };

  it('sets both connections from the command line and shows them redacted', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-'));
    try {
      const file = path.join(dir, 'ghl.json');
      await writeFile(file, JSON.stringify({ calendarId: 'cal-1', token: 'pit-ghl-secret-7c1d' }));
      const set = await autosend(
        withKey,
        'workspace',
        'set-availability',
        alpha,
        '--source',
        'ghl',
        '--config',
        file,
      );
      expect(set.code).toBe(0);
      expect(set.doc.config).toEqual({ calendarId: 'cal-1', token: 'set (…7c1d)' });
      const bad = await autosend(
        withKey,
        'workspace',
        'set-availability',
        alpha,
        '--source',
        'ghl',
        '--config',
        path.join(dir, 'none.json'),
      );
      expect(bad.code).toBe(1);
      expect(Object.keys(bad.doc.error.fields)).toEqual(['config']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const noKey = await autosend({}, 'workspace', 'set-slack-token', alpha, '--token', SLACK_TOKEN);
    expect(noKey.code).toBe(1);
    expect(noKey.doc.error.message).toMatch(/AUTOSEND_SECRET_KEY/);
    const token = await autosend(
      withKey,
      'workspace',
      'set-slack-token',
      alpha,
      '--token',
      SLACK_TOKEN,
    );
    expect(token.doc).toEqual({ workspaceId: alpha, slackBotToken: 'set (…WXYZ)' });

    const show = await autosend(withKey, 'workspace', 'show', alpha);
    expect(show.doc).toMatchObject({
      id: alpha,
      name: 'Alpha',
      availability: { source: 'ghl', config: { calendarId: 'cal-1', token: 'set (…7c1d)' } },
      slackBotToken: 'set (…WXYZ)',
    });
    expect(show.stdout).not.toContain('pit-ghl-secret');
    expect(show.stdout).not.toContain(SLACK_TOKEN);
    expect((await lastAudit()).actor).toMatch(/^cli:/);

    const cleared = await autosend(withKey, 'workspace', 'set-slack-token', alpha, '--clear');
    expect(cleared.doc.slackBotToken).toBeNull();
  });
});

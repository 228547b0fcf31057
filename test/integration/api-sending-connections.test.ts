import net from 'node:net';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSecretKey } from '../../src/admin/rotate-secret-key.ts';
import { listSendingConnections } from '../../src/admin/sending-connections.ts';
import { createToken } from '../../src/admin/tokens.ts';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { auditLog, campaigns, sendingConnections } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { openConnectionCredentials } from '../../src/sending/connection-credentials.ts';
import { sendingConnectionsProbe } from '../../src/sending/sending-connections-probe.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type PlatformPeer, startPlatformPeer } from '../peers/platform-peer.ts';

const KEY = 'test-secret-key-0123456789abcdefghijklmnop';
const NEW_KEY = 'rotated-secret-key-zyxwvutsrqponmlkjihgfedcba';
const SL_KEY = 'sl-key-1234567890';
const logger = createLogger('silent');

let db: TestDatabase;
let peer: PlatformPeer;
let app: FastifyInstance;
let appNoKey: FastifyInstance;
let alpha: string;
let tokens: { admin: string; reviewer: string };

beforeAll(async () => {
  db = await createTestDatabase();
  peer = await startPlatformPeer();
  const env = { DATABASE_URL: db.url, PLATFORM_API_TIMEOUT_MS: '2000' };
  app = await buildApp({
    config: parseConfig({ ...env, AUTOSEND_SECRET_KEY: KEY }),
    database: db,
    logger,
  });
  appNoKey = await buildApp({ config: parseConfig(env), database: db, logger });
  alpha = (await createWorkspace(db.db, 'test', { name: 'Alpha' })).id;
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

async function call(method: string, url: string, body?: unknown, on = app, token = tokens.admin) {
  const res = await on.inject({
    method: method as 'GET',
    url: `/api/v1/workspaces/${alpha}/connections${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, json: (res.body ? JSON.parse(res.body) : undefined) as Json };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function row(kind: 'smartlead' | 'instantly' | 'emailbison') {
  const [r] = await db.db
    .select()
    .from(sendingConnections)
    .where(and(eq(sendingConnections.workspaceId, alpha), eq(sendingConnections.kind, kind)));
  return r;
}

describe('sending connections', () => {
  it('stores the key sealed, shows and audits it only as its last 4 characters', async () => {
    const res = await call('PUT', '', { kind: 'smartlead', apiKey: SL_KEY, baseUrl: peer.url });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      kind: 'smartlead',
      settings: { baseUrl: peer.url },
      credentials: { apiKey: 'set (…7890)' },
      lastCheck: { ok: null },
    });
    const stored = await row('smartlead');
    expect(stored!.credentialsSealed).not.toContain(SL_KEY);
    expect(openConnectionCredentials(stored!, KEY)).toEqual({ apiKey: SL_KEY });
    const [audit] = await db.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({
      action: 'connection.create',
      actor: expect.stringMatching(/^token:/),
    });
    expect(JSON.stringify(audit)).not.toContain(SL_KEY);
    const list = await call('GET', '');
    expect(JSON.stringify(list.json)).not.toContain(SL_KEY);
    expect(list.json.items.map((c: Json) => c.kind)).toEqual(['smartlead']);
  });

  it('refuses to store a key without AUTOSEND_SECRET_KEY, naming the field; nothing written', async () => {
    const res = await call('PUT', '', { kind: 'instantly', apiKey: 'in-key-1234567890' }, appNoKey);
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual({
      apiKey: 'needs AUTOSEND_SECRET_KEY to be stored encrypted',
    });
    expect(await row('instantly')).toBeUndefined();
  });

  it('names bad and unknown fields; EmailBison needs its instance URL', async () => {
    const res = await call('PUT', '', {
      kind: 'emailbison',
      token: 'eb-token-1234567890',
      apiKey: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toMatchObject({
      baseUrl: expect.any(String),
      apiKey: 'unknown field',
    });
    const kind = await call('PUT', '', { kind: 'mailchimp' });
    expect(kind.status).toBe(400);
    expect(Object.keys(kind.json.error.fields)).toEqual(['kind']);
  });

  it('test: ok with the right key, and says what is wrong with a bad one', async () => {
    const ok = await call('POST', '/smartlead/test');
    expect(ok.json).toMatchObject({ ok: true, kind: 'smartlead' });
    expect(ok.json.summary).toMatch(/2 campaign/);
    expect((await row('smartlead'))!.lastCheckOk).toBe(true);

    await call('PUT', '', { kind: 'instantly', apiKey: 'in-wrong-key-000000', baseUrl: peer.url });
    const bad = await call('POST', '/instantly/test');
    expect(bad.json).toMatchObject({ ok: false, errorCode: 'bad_credentials' });
    expect(bad.json.problem).toMatch(/refused the API key \(HTTP 401\).*Invalid API key/);
    expect(JSON.stringify(bad.json)).not.toContain('in-wrong-key-000000');
    expect((await row('instantly'))!).toMatchObject({
      lastCheckOk: false,
      lastErrorCode: 'bad_credentials',
    });

    await call('PUT', '', {
      kind: 'instantly',
      apiKey: 'in-readonly-1234567890',
      baseUrl: peer.url,
    });
    const scope = await call('POST', '/instantly/test');
    expect(scope.json).toMatchObject({ ok: false, errorCode: 'missing_permission' });
  });

  it('/readyz shows a connection whose key was refused, without taking the service out', async () => {
    await call('PUT', '', { kind: 'instantly', apiKey: 'in-wrong-key-000000', baseUrl: peer.url });
    await call('POST', '/instantly/test');
    const withProbe = await buildApp({
      config: parseConfig({ DATABASE_URL: db.url, AUTOSEND_SECRET_KEY: KEY }),
      database: db,
      logger,
      probes: [sendingConnectionsProbe(db.db)],
    });
    try {
      const res = await withProbe.inject({ method: 'GET', url: '/readyz' });
      const body = res.json() as Json;
      expect(body.warnings).toContain('sending_connections');
      expect(body.checks.sending_connections).toMatchObject({
        ok: false,
        informational: true,
        detail: {
          failing: [{ workspaceId: alpha, kind: 'instantly', errorCode: 'bad_credentials' }],
        },
      });
      expect(JSON.stringify(body)).not.toContain('in-wrong-key-000000');
    } finally {
      await withProbe.close();
    }
  });

  it('test: a wrong EmailBison instance URL is named as such', async () => {
    await call('PUT', '', {
      kind: 'emailbison',
      token: 'eb-token-1234567890',
      baseUrl: `${peer.url}/not-bison`,
    });
    const wrong = await call('POST', '/emailbison/test');
    expect(wrong.json).toMatchObject({ ok: false, errorCode: 'wrong_url' });
    expect(wrong.json.problem).toMatch(/instance URL/);

    const closed = await closedPort();
    await call('PUT', '', {
      kind: 'emailbison',
      token: 'eb-token-1234567890',
      baseUrl: `http://127.0.0.1:${closed}`,
    });
    const unreachable = await call('POST', '/emailbison/test');
    expect(unreachable.json).toMatchObject({ ok: false, errorCode: 'wrong_url' });
    expect(unreachable.json.problem).toMatch(/could not reach the EmailBison instance/);

    await call('PUT', '', {
      kind: 'emailbison',
      token: 'eb-token-1234567890',
      baseUrl: `${peer.url}/eb`,
    });
    expect((await call('POST', '/emailbison/test')).json).toMatchObject({ ok: true });
  });

  it('sync lists the platform’s campaigns as discovered campaigns, idempotently', async () => {
    const first = await call('POST', '/smartlead/sync');
    expect(first.json).toMatchObject({ listed: 2, discovered: 2, renamed: 0 });
    const again = await call('POST', '/smartlead/sync');
    expect(again.json).toMatchObject({ listed: 2, discovered: 0 });
    const rows = await db.db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, alpha), eq(campaigns.platform, 'smartlead')));
    expect(rows.map((c) => [c.externalId, c.name, c.configuredAt, c.responseMode]).sort()).toEqual([
      ['101', 'EU agencies', null, 'MANUAL'],
      ['102', 'US SaaS founders', null, 'MANUAL'],
    ]);
    // Instantly pages with starting_after: every page is read.
    await call('PUT', '', { kind: 'instantly', apiKey: 'in-key-1234567890', baseUrl: peer.url });
    expect((await call('POST', '/instantly/sync')).json).toMatchObject({
      listed: 2,
      discovered: 2,
    });
    expect(
      (await call('GET', '')).json.items.find((c: Json) => c.kind === 'instantly').lastSync.at,
    ).not.toBeNull();
  });

  it('only admins see or change connections', async () => {
    expect((await call('GET', '', undefined, app, tokens.reviewer)).status).toBe(403);
    expect((await call('PUT', '', { kind: 'outbox' }, app, tokens.reviewer)).status).toBe(403);
  });

  it('remove is audited; removing again is 404', async () => {
    await call('PUT', '', { kind: 'outbox' });
    const removed = await call('DELETE', '/outbox');
    expect(removed.json).toEqual({ workspaceId: alpha, kind: 'outbox', removed: true });
    const [audit] = await db.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'connection.remove', after: null });
    expect((await call('DELETE', '/outbox')).status).toBe(404);
  });
});

describe('rotating AUTOSEND_SECRET_KEY', () => {
  it('re-seals every credential under the new key; repeating it is harmless', async () => {
    const before = await listSendingConnections(db.db, alpha, { secretKey: KEY });
    const result = await rotateSecretKey(db.db, 'test', {
      previousKey: KEY,
      secretKey: NEW_KEY,
    });
    expect(result.resealed).toBe(before.filter((c) => c.kind !== 'outbox').length);
    expect(openConnectionCredentials((await row('smartlead'))!, NEW_KEY)).toEqual({
      apiKey: SL_KEY,
    });
    const resealed = (await row('smartlead'))!;
    expect(() => openConnectionCredentials(resealed, KEY)).toThrow(/AUTOSEND_SECRET_KEY differs/);
    const after = await listSendingConnections(db.db, alpha, { secretKey: NEW_KEY });
    expect(after.map((c) => c.credentials)).toEqual(before.map((c) => c.credentials));
    expect(
      await rotateSecretKey(db.db, 'test', { previousKey: KEY, secretKey: NEW_KEY }),
    ).toMatchObject({
      resealed: 0,
      alreadyCurrent: result.resealed,
    });
  });

  it('stops with nothing changed when neither key opens a credential', async () => {
    const sealedBefore = (await row('smartlead'))!.credentialsSealed;
    await expect(
      rotateSecretKey(db.db, 'test', {
        previousKey: 'some-other-old-key-000000000000000000',
        secretKey: 'yet-another-new-key-11111111111111111111',
      }),
    ).rejects.toThrow(/neither key opens .*nothing was changed/);
    expect((await row('smartlead'))!.credentialsSealed).toBe(sealedBefore);
  });

  it('a server still on the old key says so instead of sending', async () => {
    const view = await listSendingConnections(db.db, alpha, { secretKey: KEY });
    expect(view.find((c) => c.kind === 'smartlead')!.credentials).toEqual({
      apiKey: 'set (encrypted with a different AUTOSEND_SECRET_KEY)',
    });
  });
});

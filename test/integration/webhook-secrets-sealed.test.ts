import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countClearWebhookSecrets,
  sealWebhookSecretsAtStart,
  webhookSecretsProbe,
} from '../../src/admin/seal-webhook-secrets.ts';
import { createWorkspace, getWebhooks, rotateWebhookSecret } from '../../src/admin/workspaces.ts';
import { auditLog, messages, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * Webhook secrets are sealed at rest with AUTOSEND_SECRET_KEY like every other
 * credential, still verify deliveries, and a rotation keeps the previous
 * secret working for its grace period only.
 */

const KEY = 'webhook-seal-test-key-0123456789abcdefgh';
const PUBLIC = 'https://autosend.example';
let db: TestDatabase;
let queue: JobQueue;
let withKey: FastifyInstance;
let withoutKey: FastifyInstance;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  withKey = await buildApp({
    config: testConfig({ AUTOSEND_SECRET_KEY: KEY }),
    database: db,
    queue,
    logger,
  });
  withoutKey = await buildApp({ config: testConfig(), database: db, queue, logger });
});

afterAll(async () => {
  await withKey?.close();
  await withoutKey?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

let n = 0;
function deliver(app: FastifyInstance, webhookKey: string, secret: string) {
  n += 1;
  const body = JSON.stringify({ id: `seal-${n}`, lead: { email: `lead${n}@acme.io` }, text: 'Hi' });
  return app.inject({
    method: 'POST',
    url: `/webhooks/generic/${webhookKey}`,
    headers: {
      'content-type': 'application/json',
      'x-autosend-signature': signGenericBody(secret, body),
    },
    payload: body,
  });
}

async function storedRow(id: string) {
  const [row] = await db.db.select().from(workspaces).where(eq(workspaces.id, id));
  return row!;
}

describe('sealed webhook secrets', () => {
  it('stores a new workspace secret sealed, never in clear, and it verifies deliveries', async () => {
    const ws = await createWorkspace(db.db, 'test', { name: 'Sealed' }, { secretKey: KEY });
    const row = await storedRow(ws.id);
    expect(row.webhookSecret).toMatch(/^v1:/);
    expect(row.webhookSecret).not.toContain(ws.webhookSecret);
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.entityId, ws.id));
    expect(JSON.stringify(audits)).not.toContain(ws.webhookSecret);

    const ok = await deliver(withKey, ws.webhookKey, ws.webhookSecret);
    expect(ok.statusCode).toBe(202);
    expect((await deliver(withKey, ws.webhookKey, 'not-the-secret')).statusCode).toBe(401);
    // The admin view opens it for the platforms' configuration.
    const view = await getWebhooks(db.db, PUBLIC, ws.id, { secretKey: KEY });
    expect(view.webhookSecret).toBe(ws.webhookSecret);
  });

  it('a process without the key answers 503 (the platform retries) and stores nothing', async () => {
    const ws = await createWorkspace(db.db, 'test', { name: 'No key here' }, { secretKey: KEY });
    const before = await db.db.select().from(messages);
    const res = await deliver(withoutKey, ws.webhookKey, ws.webhookSecret);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toMatch(/AUTOSEND_SECRET_KEY/);
    expect(res.body).not.toContain('v1:');
    expect(await db.db.select().from(messages)).toHaveLength(before.length);
  });

  it('after a rotation both secrets verify during the grace period, then only the new one', async () => {
    const ws = await createWorkspace(db.db, 'test', { name: 'Rotating' }, { secretKey: KEY });
    const rotated = await rotateWebhookSecret(db.db, 'test', PUBLIC, ws.id, {
      secretKey: KEY,
      graceHours: 2,
    });
    expect(rotated.webhookSecret).not.toBe(ws.webhookSecret);
    expect(Date.parse(rotated.previousSecretValidUntil!)).toBeGreaterThan(Date.now() + 3_500_000);
    const row = await storedRow(ws.id);
    expect(row.webhookSecretPrevious).toMatch(/^v1:/);

    expect((await deliver(withKey, ws.webhookKey, rotated.webhookSecret)).statusCode).toBe(202);
    expect((await deliver(withKey, ws.webhookKey, ws.webhookSecret)).statusCode).toBe(202);

    // The grace period ends: the previous secret is refused.
    await db.db
      .update(workspaces)
      .set({ webhookSecretPreviousUntil: new Date(Date.now() - 1_000) })
      .where(eq(workspaces.id, ws.id));
    expect((await deliver(withKey, ws.webhookKey, ws.webhookSecret)).statusCode).toBe(401);
    expect((await deliver(withKey, ws.webhookKey, rotated.webhookSecret)).statusCode).toBe(202);
    expect(
      (await getWebhooks(db.db, PUBLIC, ws.id, { secretKey: KEY })).previousSecretValidUntil,
    ).toBeNull();
  });

  it('a rotation with no grace refuses the previous secret at once', async () => {
    const ws = await createWorkspace(db.db, 'test', { name: 'Hard cut' }, { secretKey: KEY });
    const rotated = await rotateWebhookSecret(db.db, 'test', PUBLIC, ws.id, {
      secretKey: KEY,
      graceHours: 0,
    });
    expect(rotated.previousSecretValidUntil).toBeNull();
    expect((await deliver(withKey, ws.webhookKey, ws.webhookSecret)).statusCode).toBe(401);
    expect((await deliver(withKey, ws.webhookKey, rotated.webhookSecret)).statusCode).toBe(202);
  });

  it('names the field when the grace period is out of range', async () => {
    const ws = await createWorkspace(db.db, 'test', { name: 'Bad grace' }, { secretKey: KEY });
    await expect(
      rotateWebhookSecret(db.db, 'test', PUBLIC, ws.id, { secretKey: KEY, graceHours: 99_999 }),
    ).rejects.toMatchObject({ fields: { graceHours: expect.stringMatching(/at most/) } });
    expect((await storedRow(ws.id)).webhookSecretPrevious).toBeNull();
  });

  it('the API rotates with a grace period and shows until when the old secret works', async () => {
    const ws = await createWorkspace(db.db, 'test', { name: 'Via API' }, { secretKey: KEY });
    const { createToken } = await import('../../src/admin/tokens.ts');
    const { token } = await createToken(db.db, 'test', {
      name: 'admin',
      role: 'admin',
      workspaceIds: [ws.id],
    });
    const res = await withKey.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/webhooks/rotate-secret`,
      headers: { authorization: `Bearer ${token}` },
      payload: { graceHours: 6 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().previousSecretValidUntil).toEqual(expect.any(String));
    expect((await deliver(withKey, ws.webhookKey, ws.webhookSecret)).statusCode).toBe(202);
    const bad = await withKey.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws.id}/webhooks/rotate-secret`,
      headers: { authorization: `Bearer ${token}` },
      payload: { graceHours: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('graceHours');
  });

  it('seals secrets stored in clear once the key is set, and /readyz says so until then', async () => {
    const [legacy] = await db.db
      .insert(workspaces)
      .values({ name: 'Legacy', webhookKey: 'wh_legacy_1', webhookSecret: 'legacy-clear-secret' })
      .returning();
    const probe = webhookSecretsProbe(db.db, undefined);
    const [name, check] = await probe();
    expect(name).toBe('webhook_secrets');
    expect(check).toMatchObject({ ok: false, informational: true });
    expect(String(check.detail)).toMatch(/stored in clear text: set AUTOSEND_SECRET_KEY/);
    // Clear secrets keep working meanwhile.
    expect((await deliver(withKey, 'wh_legacy_1', 'legacy-clear-secret')).statusCode).toBe(202);

    await sealWebhookSecretsAtStart(db.db, KEY, logger);
    expect(await countClearWebhookSecrets(db.db)).toBe(0);
    expect((await storedRow(legacy!.id)).webhookSecret).toMatch(/^v1:/);
    expect((await deliver(withKey, 'wh_legacy_1', 'legacy-clear-secret')).statusCode).toBe(202);
    expect((await webhookSecretsProbe(db.db, KEY)())[1]).toMatchObject({ ok: true });
  });
});

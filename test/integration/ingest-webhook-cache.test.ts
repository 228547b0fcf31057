import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decisionEvents,
  followupInstances,
  followupSequences,
  leads,
  messages,
  workspaces,
} from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * The webhook route keeps workspaces by key in memory, and stores a reply in
 * one statement. What another process changes in the database (a secret, the
 * workspace itself) takes effect on the very next delivery, and a reply still
 * pauses the lead's follow-ups in the transaction that stores it.
 */

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  app = await buildApp({ config: testConfig(), database: db, queue, logger });
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

let n = 0;
function deliver(webhookKey: string, secret: string, lead = `lead${n + 1}@acme.io`) {
  n += 1;
  const body = JSON.stringify({ id: `cache-${n}`, lead: { email: lead }, text: 'Tell me more' });
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

async function newWorkspace(key: string, secret: string) {
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: key, webhookKey: key, webhookSecret: secret })
    .returning();
  return ws!;
}

describe('webhook workspaces kept in memory', () => {
  it('a secret changed by another process is refused, and its successor accepted, on the next delivery', async () => {
    const ws = await newWorkspace('cache-secret', 'first-secret');
    expect((await deliver(ws.webhookKey, 'first-secret')).statusCode).toBe(202);
    // Another process rotates with no grace period (a plain update, no cache to clear here).
    await db.db
      .update(workspaces)
      .set({ webhookSecret: 'second-secret' })
      .where(eq(workspaces.id, ws.id));
    const before = await db.db.select().from(messages).where(eq(messages.workspaceId, ws.id));
    const old = await deliver(ws.webhookKey, 'first-secret');
    expect(old.statusCode).toBe(401);
    expect(await db.db.select().from(messages).where(eq(messages.workspaceId, ws.id))).toHaveLength(
      before.length,
    );
    expect((await deliver(ws.webhookKey, 'second-secret')).statusCode).toBe(202);
  });

  it('a deleted workspace answers 404 at once, also for events that store no reply', async () => {
    const ws = await newWorkspace('cache-deleted', 'gone-secret');
    expect((await deliver(ws.webhookKey, 'gone-secret')).statusCode).toBe(202);
    await db.db.delete(workspaces).where(eq(workspaces.id, ws.id));
    expect((await deliver(ws.webhookKey, 'gone-secret')).statusCode).toBe(404);
  });

  it('a secret changed elsewhere is not trusted for an invalid payload either: 401, not 400', async () => {
    const ws = await newWorkspace('cache-invalid', 'valid-secret');
    expect((await deliver(ws.webhookKey, 'valid-secret')).statusCode).toBe(202);
    await db.db
      .update(workspaces)
      .set({ webhookSecret: 'newer-secret' })
      .where(eq(workspaces.id, ws.id));
    const body = JSON.stringify({ id: 'cache-bad', text: 'no lead' });
    const res = await app.inject({
      method: 'POST',
      url: `/webhooks/generic/${ws.webhookKey}`,
      headers: {
        'content-type': 'application/json',
        'x-autosend-signature': signGenericBody('valid-secret', body),
      },
      payload: body,
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('one statement stores the reply', () => {
  it("pauses the lead's running follow-ups with the reply and says so in the trail", async () => {
    const ws = await newWorkspace('cache-followups', 'fu-secret');
    const [lead] = await db.db
      .insert(leads)
      .values({ workspaceId: ws.id, email: 'running@acme.io' })
      .returning();
    const [sequence] = await db.db
      .insert(followupSequences)
      .values({ workspaceId: ws.id, name: 'nudge' })
      .returning();
    const [instance] = await db.db
      .insert(followupInstances)
      .values({ sequenceId: sequence!.id, leadId: lead!.id, status: 'active' })
      .returning();
    const res = await deliver(ws.webhookKey, 'fu-secret', 'running@acme.io');
    expect(res.statusCode).toBe(202);
    const [after] = await db.db
      .select()
      .from(followupInstances)
      .where(eq(followupInstances.id, instance!.id));
    expect(after).toMatchObject({ status: 'paused', pauseReason: 'lead_replied' });
    const trail = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, res.json().messageId));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.detail).toMatchObject({
      leadId: lead!.id,
      leadCreated: false,
      campaign: 'none',
      followupsPaused: 1,
    });
  });

  it('a lead without follow-ups gets one trail event naming the lead it created', async () => {
    const ws = await newWorkspace('cache-new-lead', 'nl-secret');
    const res = await deliver(ws.webhookKey, 'nl-secret', 'fresh@acme.io');
    expect(res.statusCode).toBe(202);
    const [lead] = await db.db.select().from(leads).where(eq(leads.workspaceId, ws.id));
    const trail = await db.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, res.json().messageId));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ step: 'ingest', outcome: 'stored' });
    expect(trail[0]!.detail).toMatchObject({ leadId: lead!.id, leadCreated: true });
    expect(trail[0]!.detail).not.toHaveProperty('followupsPaused');
  });
});

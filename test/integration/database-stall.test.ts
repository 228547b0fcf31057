import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startTcpProxy, type TcpProxy } from '../peers/tcp-proxy.ts';

/*
 * PostgreSQL stops answering (a proxy that stops forwarding, nothing closed):
 * /readyz and a webhook must answer 503 within their deadlines, and once the
 * database answers again everything works without a restart.
 */

let direct: TestDatabase;
let proxy: TcpProxy;
let database: Database;
let queue: JobQueue;
let app: FastifyInstance;
const KEY = 'wh_stall_4Ld9';
const SECRET = 'stall-secret-3';

beforeAll(async () => {
  direct = await createTestDatabase();
  await direct.db
    .insert(workspaces)
    .values({ name: 'Stall', webhookKey: KEY, webhookSecret: SECRET });
  const url = new URL(direct.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  database = openDatabase(url.toString(), {
    poolMax: 4,
    connectTimeoutMs: 1000,
    statementTimeoutMs: 1500,
  });
  const logger = createLogger('silent');
  queue = await startJobQueue(direct.url, logger, { schedule: false, supervise: false });
  app = await buildApp({
    config: testConfig({ READYZ_TIMEOUT_MS: '1000', WEBHOOK_TIMEOUT_MS: '2000' }),
    database,
    queue,
    logger,
  });
});

afterAll(async () => {
  proxy?.resume();
  await app?.close();
  await queue?.stop({ graceful: false });
  await database?.close();
  await proxy?.close();
  await direct?.drop();
});

function webhook(id: string) {
  const body = JSON.stringify({ id, lead: { email: `${id}@lead.io` }, text: 'Call me' });
  return app.inject({
    method: 'POST',
    url: `/webhooks/generic/${KEY}`,
    headers: {
      'content-type': 'application/json',
      'x-autosend-signature': signGenericBody(SECRET, body),
    },
    payload: body,
  });
}

/** Runs a request and reports how long it took (the deadlines are the behaviour under test). */
async function timedRequest(run: () => ReturnType<typeof webhook>) {
  const started = performance.now();
  const res = await run();
  return { res, ms: performance.now() - started };
}

describe('a stalled database', () => {
  it('is answered 503 by /readyz and a webhook in time, and recovers by itself', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await webhook('before-stall')).statusCode).toBe(202);

    proxy.stall();
    const ready = await timedRequest(() => app.inject({ method: 'GET', url: '/readyz' }));
    expect(ready.res.statusCode).toBe(503);
    expect(ready.res.json().checks.database.ok).toBe(false);
    expect(ready.ms).toBeLessThan(3000);

    const hook = await timedRequest(() => webhook('during-stall'));
    expect(hook.res.statusCode).toBe(503);
    expect(hook.res.json().error.code).toBe('database_unavailable');
    expect(hook.res.headers['retry-after']).toBe('5');
    expect(hook.ms).toBeLessThan(5000);

    proxy.resume();
    // The platform's retry is stored (or found stored, if the first attempt finished late).
    const retry = await webhook('during-stall');
    expect([200, 202]).toContain(retry.statusCode);
    expect((await webhook('after-stall')).statusCode).toBe(202);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const stored = await direct.pool.query(
      `select provider_message_id from messages order by provider_message_id`,
    );
    expect(stored.rows.map((r) => r.provider_message_id)).toEqual([
      'after-stall',
      'before-stall',
      'during-stall',
    ]);
  });
});

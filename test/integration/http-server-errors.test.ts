import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin/tokens.ts';
import { workspaces } from '../../src/db/schema.ts';
import { apiRoutes } from '../../src/http/api/register-admin-api.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { signSlackRequest } from '../../src/slack/verify-slack-signature.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { captureLogger } from './slack-fixtures.ts';

/*
 * A forced 500 on every route answers a generic body with an error id: no
 * SQL, no parameters (webhook keys, token hashes, lead data), no error text.
 * The detail is in the log under the same id, still without the parameters.
 */

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let lines: Record<string, unknown>[];
let token = '';
const KEY = 'wh_errors_Qx81';
const SECRET = 'errors-secret-2';
const SLACK_SECRET = 'slack-signing-secret';
const LEAD = 'private.lead@secret-co.example';

beforeAll(async () => {
  db = await createTestDatabase();
  const captured = captureLogger();
  lines = captured.lines;
  queue = await startJobQueue(db.url, captured.logger, { schedule: false, supervise: false });
  app = await buildApp({
    config: testConfig({ SLACK_SIGNING_SECRET: SLACK_SECRET }),
    database: db,
    queue,
    logger: captured.logger,
  });
  await db.db.insert(workspaces).values({ name: 'Err', webhookKey: KEY, webhookSecret: SECRET });
  token = (await createToken(db.db, 'test', { name: 'agency', role: 'admin' })).token;
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

/** Renames a table for the duration of `fn`, so every query on it fails inside PostgreSQL. */
async function withBrokenTable(table: string, fn: () => Promise<void>) {
  await db.pool.query(`alter table ${table} rename to ${table}_gone`);
  try {
    await fn();
  } finally {
    await db.pool.query(`alter table ${table}_gone rename to ${table}`);
  }
}

/** The body is generic, names its error id, and carries none of the given secrets or SQL. */
function expectGeneric(res: { statusCode: number; body: string }, secrets: string[]) {
  expect(res.statusCode).toBe(500);
  const body = JSON.parse(res.body);
  expect(body).toEqual({
    error: {
      code: 'internal',
      message: `internal error (error id ${body.error.errorId})`,
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    },
  });
  for (const text of [...secrets, 'select', 'insert', 'params', 'relation', '_gone']) {
    expect(res.body.toLowerCase()).not.toContain(text.toLowerCase());
  }
  // The log has the detail under the same id, without the parameters.
  const logged = lines.find((l) => l.errorId === body.error.errorId);
  expect(logged).toBeDefined();
  const text = JSON.stringify(logged);
  expect(text).toContain('does not exist');
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('forced 500s', () => {
  it('on every API route, before authentication, say nothing of the token lookup', async () => {
    await withBrokenTable('api_tokens', async () => {
      for (const route of apiRoutes) {
        const url = `/api/v1${route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000')}`;
        const res = await app.inject({
          method: route.method,
          url,
          headers: { authorization: `Bearer ${token}` },
          ...(route.example ? { payload: route.example } : {}),
        });
        expectGeneric(res, [token]);
      }
    });
  });

  it('on an authenticated API route, say nothing of the workspace query', async () => {
    await withBrokenTable('workspaces', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/workspaces',
        headers: { authorization: `Bearer ${token}` },
      });
      expectGeneric(res, [token]);
    });
  });

  it('on a webhook before its signature is checked, say nothing of the workspace key', async () => {
    await withBrokenTable('workspaces', async () => {
      for (const source of ['generic', 'smartlead', 'instantly', 'emailbison']) {
        const res = await app.inject({
          method: 'POST',
          url: `/webhooks/${source}/${KEY}`,
          headers: { 'content-type': 'application/json' },
          payload: '{}',
        });
        expectGeneric(res, [KEY]);
      }
    });
  });

  it('on a signed webhook, say nothing of the lead it was storing', async () => {
    const body = JSON.stringify({ id: 'err-1', lead: { email: LEAD }, text: 'Yes please' });
    await withBrokenTable('leads', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/webhooks/generic/${KEY}`,
        headers: {
          'content-type': 'application/json',
          'x-autosend-signature': signGenericBody(SECRET, body),
        },
        payload: body,
      });
      expectGeneric(res, [LEAD, KEY, 'err-1']);
    });
  });

  it('on the Slack interactions route, say nothing of the review query', async () => {
    const reviewId = '11111111-2222-4333-8444-555555555555';
    const payload = {
      type: 'block_actions',
      user: { id: 'U0ANNA' },
      actions: [{ action_id: `review_approve:${reviewId}`, value: reviewId }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    await withBrokenTable('review_requests', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/slack/interactions',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signSlackRequest(SLACK_SECRET, timestamp, body),
        },
        payload: body,
      });
      expect(res.statusCode).toBe(200);
      const answer = JSON.parse(res.body);
      expect(answer).toMatchObject({ ok: false, error: 'internal' });
      expect(answer.message).toMatch(/^internal error \(error id [0-9a-f-]{36}\)$/);
      expect(res.body).not.toContain(reviewId);
      expect(res.body.toLowerCase()).not.toContain('select');
    });
  });
});

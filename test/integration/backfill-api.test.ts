import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin/tokens.ts';
import { buildApp } from '../../src/http/app.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../peers/openai-peer.ts';
import { type BackfillDataset, goodModel, seedBackfillDataset } from './backfill-seed.ts';

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let ai: OpenAiPeer;
let dataDir: string;
let token: string;
let ds: BackfillDataset;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bf-api-'));
  ai = await startOpenAiPeer();
  ai.setResponder(goodModel());
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const config = testConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    AI_PROVIDER: 'openai',
    OPENAI_BASE_URL: ai.baseUrl,
    OPENAI_API_KEY: ai.apiKey,
    OPENAI_MAX_RETRIES: '0',
    BACKFILL_SEND_PACING_MS: '0',
  });
  app = await buildApp({ config, database: db, queue, logger });
  ds = await seedBackfillDataset(db.db);
  token = (await createToken(db.db, 'test', { name: 'admin', role: 'admin' })).token;
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await ai?.stop();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function call(method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await app.inject({
    method,
    url: `/api/v1/workspaces/${ds.workspaceId}${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, json: JSON.parse(res.body) };
}

/** Polls the watch endpoint, as the dashboard does, until the run leaves its working states. */
async function settled(runId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await call('GET', `/backfills/${runId}`);
    if (!['pending', 'drafting', 'sending'].includes(res.json.status)) return res.json;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} did not settle`);
}

describe('backfill API', () => {
  it('a dry run answers with its report and changes nothing', async () => {
    const res = await call('POST', '/backfills', { mode: 'dry_run' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: 'dry_run',
      summary: [{ campaign: 'Q3 outreach', targets: 4 }],
    });
    expect((await call('GET', '/backfills')).json.items).toEqual([]);
  });

  it('refuses bad input naming each field', async () => {
    const res = await call('POST', '/backfills', { mode: 'now', limit: 0, extra: true });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error.fields).sort()).toEqual(['extra', 'limit', 'mode']);
  });

  it('starts an apply run, watches it to the end, and lists it', async () => {
    const start = await call('POST', '/backfills', { mode: 'apply' });
    expect(start.status).toBe(201);
    expect(start.json).toMatchObject({ id: expect.any(String), mode: 'apply' });
    const done = await settled(start.json.id);
    expect(done).toMatchObject({ status: 'completed', phase: 'done' });
    expect(done.summary[0]).toMatchObject({ campaign: 'Q3 outreach', sent: 2, review: 1 });
    expect(done.recentItems.length).toBeGreaterThan(0);
    const list = await call('GET', '/backfills');
    expect(list.json.items.map((r: { id: string }) => r.id)).toContain(start.json.id);
    expect((await call('POST', `/backfills/${start.json.id}/cancel`)).status).toBe(409);
  });

  it('cancels a running run: it stops after the item in flight and says so in its log', async () => {
    const more = await seedBackfillDataset(db.db, { extraTargets: 6 });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${more.workspaceId}/backfills`,
      headers: { authorization: `Bearer ${token}` },
      payload: { mode: 'apply', sendPacingMs: 60_000 },
    });
    const run = JSON.parse(res.body);
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${more.workspaceId}/backfills/${run.id}/cancel`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(JSON.parse(cancel.body)).toMatchObject({ status: 'cancelled' });
    let log = '';
    for (let i = 0; i < 400 && !/"event":"cancelled"/.test(log); i++) {
      await new Promise((r) => setTimeout(r, 25));
      log = await readFile(run.logPath.replace(/\.log$/, '.jsonl'), 'utf8').catch(() => '');
    }
    expect(log).toMatch(/"event":"cancelled"/);
    const sent = await db.pool.query(
      `select count(*)::int as n from messages where workspace_id = $1 and source = 'autosend'`,
      [more.workspaceId],
    );
    expect(sent.rows[0].n).toBeLessThanOrEqual(1);
  });

  it('runs over every workspace on /backfills, for agency-wide admin tokens only', async () => {
    const agency = (path: string, body?: unknown, bearer = token) =>
      app
        .inject({
          method: body === undefined ? 'GET' : 'POST',
          url: `/api/v1${path}`,
          headers: { authorization: `Bearer ${bearer}` },
          ...(body === undefined ? {} : { payload: body as object }),
        })
        .then((res) => ({ status: res.statusCode, json: JSON.parse(res.body) }));
    const dry = await agency('/backfills', { mode: 'dry_run' });
    expect(dry.status).toBe(201);
    expect(dry.json.summary.map((row: { campaign: string }) => row.campaign)).toContain(
      'Q3 outreach',
    );

    const shadow = await agency('/backfills', { mode: 'shadow' });
    expect(shadow.status).toBe(201);
    expect(shadow.json).toMatchObject({ mode: 'shadow', workspaceId: null });
    let watched = shadow.json;
    for (let i = 0; i < 400 && ['pending', 'drafting', 'sending'].includes(watched.status); i++) {
      await new Promise((r) => setTimeout(r, 25));
      watched = (await agency(`/backfills/${shadow.json.id}`)).json;
    }
    expect(watched.status).toBe('completed');
    expect((await agency('/backfills')).json.items.map((r: { id: string }) => r.id)).toContain(
      shadow.json.id,
    );
    // An agency-wide run is not one workspace's, and the other way round.
    expect((await call('GET', `/backfills/${shadow.json.id}`)).status).toBe(404);

    const scoped = (
      await createToken(db.db, 'test', {
        name: 'scoped',
        role: 'admin',
        workspaceIds: [ds.workspaceId],
      })
    ).token;
    expect((await agency('/backfills', { mode: 'dry_run' }, scoped)).status).toBe(403);
  });
});

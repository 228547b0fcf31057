import os from 'node:os';
import pg from 'pg';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { campaigns, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { countStatements } from '../lib/count-statements.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';

/**
 * bench/ingest: signed generic webhooks posted by CLIENTS concurrent clients
 * to the HTTP app (in this process, on a loopback port, no worker running):
 * requests per second, p50/p99 latency, and statements per webhook counted
 * from the driver — beside bare one-insert transactions through `pg` at the
 * same concurrency, in the same run. The load generator shares the process
 * and the machine's cores with the server, so both figures are lower than on
 * a dedicated client.
 */

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECRET = 'whsec-bench-ingest';
const logger = createLogger('error');

/** Runs `total` calls of `op` from `clients` concurrent loops; returns per-call latencies (ms). */
async function drive(total: number, clients: number, op: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: total / seconds, p50: at(0.5), p99: at(0.99) };
}

export async function run(): Promise<BenchResult> {
  return withBenchDatabase(logger, async (url) => {
    // Bare: BEGIN; INSERT; COMMIT through a pool as large as the clients.
    const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
    await pool.query('create table bench_bare (id bigserial primary key, body jsonb not null)');
    const bare = await drive(WEBHOOKS, CLIENTS, async (i) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('insert into bench_bare (body) values ($1)', [{ i }]);
        await client.query('commit');
      } finally {
        client.release();
      }
    });
    await pool.end();

    const config = parseConfig({ DATABASE_URL: url, LOG_LEVEL: 'error', DATA_DIR: os.tmpdir() });
    const database = openDatabase(url);
    const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
    const [ws] = await database.db
      .insert(workspaces)
      .values({ name: 'Bench ingest', webhookKey: 'bench-ingest', webhookSecret: SECRET })
      .returning();
    await database.db.insert(campaigns).values({
      workspaceId: ws!.id,
      platform: 'generic',
      externalId: 'bench',
      name: 'Bench campaign',
      responseMode: 'AI_AUTO_SEND',
      configuredAt: new Date(),
    });
    const app = await buildApp({ config, database, queue, logger });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const post = async (i: number) => {
      const body = JSON.stringify({
        id: `bench-${i}`,
        receivedAt: new Date().toISOString(),
        campaign: { id: 'bench' },
        lead: { email: `lead${i % 500}@bench.example` },
        from: { email: `lead${i % 500}@bench.example` },
        to: ['tom@agency.example'],
        subject: 'Re: Quick question',
        text: `Sounds good, tell me more (${i}).`,
        messageId: `<bench-${i}@mail.example>`,
      });
      const response = await fetch(`${address}/webhooks/generic/bench-ingest`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-autosend-signature': signGenericBody(SECRET, body),
        },
        body,
      });
      if (response.status >= 300) {
        throw new Error(`webhook ${i}: HTTP ${response.status} ${await response.text()}`);
      }
      await response.arrayBuffer();
    };
    // Warm-up (connections, caches), then a counted single webhook, then the load.
    for (let i = 0; i < 20; i++) await post(WEBHOOKS + i);
    const counter = countStatements();
    let before = counter.snapshot();
    await post(WEBHOOKS + 100);
    const oneApp = counter.since(before, 'autosend');
    const oneJobs = counter.since(before, 'autosend-jobs');
    before = counter.snapshot();
    const ingest = await drive(WEBHOOKS, CLIENTS, post);
    const loadApp = counter.since(before, 'autosend') / WEBHOOKS;
    const loadJobs = counter.since(before, 'autosend-jobs') / WEBHOOKS;
    counter.restore();
    await app.close();
    await queue.stop({ graceful: false });
    await database.close();

    const ratio = ingest.perSecond / bare.perSecond;
    const table = [
      `bench/ingest — ${WEBHOOKS} signed generic webhooks, ${CLIENTS} concurrent clients, server and load generator in one process`,
      `load: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} cores`,
      '',
      'what                                  |  per second |  p50 ms |  p99 ms',
      '--------------------------------------|-------------|---------|--------',
      `bare one-insert transactions (pg)     | ${bare.perSecond.toFixed(1).padStart(11)} | ${bare.p50.toFixed(1).padStart(7)} | ${bare.p99.toFixed(1).padStart(7)}`,
      `webhook ingest (HTTP → store+enqueue) | ${ingest.perSecond.toFixed(1).padStart(11)} | ${ingest.p50.toFixed(1).padStart(7)} | ${ingest.p99.toFixed(1).padStart(7)}`,
      '',
      `ingest / bare: ${(ratio * 100).toFixed(1)}%`,
      `statements per webhook (driver round trips): one webhook ${oneApp} app + ${oneJobs} job queue; under load ${loadApp.toFixed(2)} app + ${loadJobs.toFixed(2)} job queue`,
    ].join('\n');
    return {
      table,
      figures: {
        webhooks: WEBHOOKS,
        clients: CLIENTS,
        barePerSecond: Number(bare.perSecond.toFixed(1)),
        ingestPerSecond: Number(ingest.perSecond.toFixed(1)),
        ingestP50Ms: Number(ingest.p50.toFixed(1)),
        ingestP99Ms: Number(ingest.p99.toFixed(1)),
        ratio: Number(ratio.toFixed(4)),
        statementsPerWebhook: { app: oneApp, jobs: oneJobs },
        statementsPerWebhookUnderLoad: {
          app: Number(loadApp.toFixed(2)),
          jobs: Number(loadJobs.toFixed(2)),
        },
        loadAverage: os.loadavg(),
      },
    };
  });
}

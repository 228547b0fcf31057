import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { campaigns, decisionEvents, workspaces } from '../../src/db/schema.ts';
import { DEMO_REPLIES } from '../../src/demo/demo-replies.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { fetchContinuously } from '../../src/jobs/fetch-continuously.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { POLL_INTERVAL_MS, startWorker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { countStatements } from '../lib/count-statements.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';
import { type AutoSendPath, measureAutoSendPath } from './measure-auto-send-path.ts';

/**
 * bench/pipeline: replies fully processed per second (ingested → gates →
 * classify → slots → draft → evaluate → guards → decide → next job) by one
 * worker with the offline provider, beside pg-boss's own throughput for no-op
 * jobs on the same database and the same worker settings.
 *
 * Database: BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where a fresh
 * database may be created), else an embedded server in a temporary directory.
 */

const REPLIES = Number(process.env.BENCH_REPLIES ?? 300);
const NOOP_JOBS = Number(process.env.BENCH_NOOP_JOBS ?? 2000);
const AUTO_SEND_REPLIES = Number(process.env.BENCH_AUTO_SEND_REPLIES ?? 200);
const CONCURRENCY = 4;
const logger = createLogger('error');

async function measureNoop(url: string): Promise<number> {
  const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
  await queue.boss.createQueue('bench.noop', { notify: true });
  const payloads = Array.from({ length: NOOP_JOBS }, (_, i) => ({ data: { i } }));
  await queue.boss.insert('bench.noop', payloads);
  let done = 0;
  const started = performance.now();
  let fetcher: ReturnType<typeof fetchContinuously> | undefined;
  await new Promise<void>((resolve, reject) => {
    // The same fetch loop and settings the worker uses (worker.ts).
    fetcher = fetchContinuously({
      boss: queue.boss,
      name: 'bench.noop',
      concurrency: CONCURRENCY,
      pollIntervalMs: POLL_INTERVAL_MS,
      onError: reject,
      run: async () => {
        done += 1;
        if (done >= NOOP_JOBS) resolve();
        return { status: 'completed', output: null };
      },
    });
  });
  const seconds = (performance.now() - started) / 1000;
  await fetcher?.stop(10_000);
  await queue.stop({ graceful: false });
  return NOOP_JOBS / seconds;
}

async function measurePipeline(url: string): Promise<{
  perSecond: number;
  decisions: Record<string, number>;
  statements: { app: number; jobs: number };
}> {
  const config = parseConfig({ DATABASE_URL: url, LOG_LEVEL: 'error', DATA_DIR: os.tmpdir() });
  const database = openDatabase(url);
  const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
  const [ws] = await database.db
    .insert(workspaces)
    .values({
      name: 'Bench',
      webhookKey: `bench-${randomBytes(4).toString('hex')}`,
      webhookSecret: 'x',
    })
    .returning();
  await database.db.insert(campaigns).values({
    workspaceId: ws!.id,
    platform: 'generic',
    externalId: 'bench',
    name: 'Bench campaign',
    responseMode: 'AI_AUTO_SEND',
    bookingLink: 'https://cal.com/bench/intro',
    knowledge: 'Pricing: $1,500 setup, $12 per seat per month.',
    signature: 'Tom',
    configuredAt: new Date(),
  });
  const ids: string[] = [];
  const now = Date.now();
  for (let i = 0; i < REPLIES; i++) {
    const r = DEMO_REPLIES[i % DEMO_REPLIES.length]!;
    const { messageId } = await storeInboundReply({ db: database.db, queue }, ws!.id, {
      source: 'generic',
      providerMessageId: `bench-${i}`,
      channel: 'email',
      campaign: { externalId: 'bench' },
      lead: { email: `lead${i}@bench-${i % 50}.example`, firstName: r.fromName.split(' ')[0] },
      from: { email: `lead${i}@bench-${i % 50}.example`, name: r.fromName },
      to: [],
      cc: [],
      subject: r.subject ?? 'Re: Quick question',
      text: r.text,
      receivedAt: new Date(now - (REPLIES - i) * 1000),
      references: [`<bench-root-${i}@example.com>`],
      headers: r.headers ?? {},
      platformFlags: {},
      platformRefs: {},
      priorMessages: [],
    });
    ids.push(messageId);
  }
  const handlers = buildJobHandlers({ config, database, queue, logger });
  const counter = countStatements();
  const before = counter.snapshot();
  const started = performance.now();
  const worker = await startWorker({
    queue,
    handlers: { 'inbound.process': handlers['inbound.process']! },
    concurrency: CONCURRENCY,
    logger,
  });
  let probes = 0;
  const decide = () => {
    probes += 1;
    return database.db
      .select({ outcome: decisionEvents.outcome, n: sql<number>`count(*)::int` })
      .from(decisionEvents)
      .where(and(inArray(decisionEvents.messageId, ids), eq(decisionEvents.step, 'decide')))
      .groupBy(decisionEvents.outcome);
  };
  let decisions: Record<string, number> = {};
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const rows = await decide();
    decisions = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
    const done = Object.values(decisions).reduce((a, b) => a + b, 0);
    if (done >= REPLIES) break;
    if (Date.now() > deadline) {
      await worker.drain(1_000);
      await database.close();
      throw new Error(
        `only ${done} of ${REPLIES} replies were decided in 10 minutes: see the worker's errors`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  // Per reply, from the driver: the app's statements (the progress probe
  // above taken out) and pg-boss's (fetch, complete, polling).
  const statements = {
    app: (counter.since(before, 'autosend') - probes) / REPLIES,
    jobs: counter.since(before, 'autosend-jobs') / REPLIES,
  };
  counter.restore();
  await worker.drain(10_000);
  await database.close();
  return { perSecond: REPLIES / seconds, decisions, statements };
}

export async function run(): Promise<BenchResult> {
  return withBenchDatabase(logger, async (url) => {
    const noop = await measureNoop(url);
    const pipeline = await measurePipeline(url);
    const autoSend = await measureAutoSendPath(url, {
      replies: AUTO_SEND_REPLIES,
      concurrency: CONCURRENCY,
    });
    const ratio = pipeline.perSecond / noop;
    const table = [
      `bench/pipeline — one worker, concurrency ${CONCURRENCY}, offline provider`,
      '',
      'what                                   | jobs  | per second',
      '---------------------------------------|-------|-----------',
      `pg-boss no-op jobs (baseline)          | ${String(NOOP_JOBS).padEnd(5)} | ${noop.toFixed(1)}`,
      `replies fully processed (inbound.process) | ${String(REPLIES).padEnd(5)} | ${pipeline.perSecond.toFixed(1)}`,
      '',
      `ratio pipeline / no-op: ${(ratio * 100).toFixed(1)}%`,
      `statements per reply (driver round trips): ${pipeline.statements.app.toFixed(1)} app + ${pipeline.statements.jobs.toFixed(1)} job queue`,
      `load: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} cores`,
      `decisions: ${Object.entries(pipeline.decisions)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
      '',
      ...autoSendTable(autoSend),
    ].join('\n');
    return {
      table,
      figures: {
        noopJobsPerSecond: Number(noop.toFixed(1)),
        repliesPerSecond: Number(pipeline.perSecond.toFixed(1)),
        ratio: Number(ratio.toFixed(4)),
        replies: REPLIES,
        noopJobs: NOOP_JOBS,
        concurrency: CONCURRENCY,
        decisions: pipeline.decisions,
        statementsPerReply: {
          app: Number(pipeline.statements.app.toFixed(2)),
          jobs: Number(pipeline.statements.jobs.toFixed(2)),
        },
        autoSendPath: autoSend,
        loadAverage: os.loadavg(),
      },
    };
  });
}

function autoSendTable(a: AutoSendPath): string[] {
  const row = (label: string, s: { app: number; jobs: number }) =>
    `${label.padEnd(16)} | ${s.app.toFixed(1).padStart(4)} | ${s.jobs.toFixed(1).padStart(9)} | ${(s.app + s.jobs).toFixed(1).padStart(5)}`;
  return [
    `auto-send path — ${a.replies} replies, each decided "send" (delay 0) and sent to the outbox`,
    'round trips per reply, counted from the driver (every pg query() call: app pool + pg-boss;',
    "begin/commit included; the bench's own progress probes taken out)",
    '',
    'job              |  app | job queue | total',
    '-----------------|------|-----------|------',
    row('inbound.process', a.inbound),
    row('reply.send', a.send),
    row('per reply', { app: a.inbound.app + a.send.app, jobs: a.inbound.jobs + a.send.jobs }),
  ];
}

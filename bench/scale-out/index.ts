import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { startOpenAiPeer } from '../../test/peers/openai-peer.ts';
import { cpuSecondsOf, describeCpu, ownCpuSeconds } from '../lib/cpu-seconds.ts';
import { seedBenchWorkspace, seedReplies } from '../lib/seed-replies.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';

/**
 * bench/scale-out: the throughput bench's load (OpenAI-compatible peer at
 * lognormal latency, median 300 ms, sigma 0.8) processed by one, then two
 * `autosend worker` processes against one PostgreSQL, each with C slots.
 * Prints replies/s for each and the ratio, and checks that every reply was
 * decided exactly once and no draft has more than one send-ledger row.
 */

const REPLIES = Number(process.env.BENCH_REPLIES ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BIN = path.resolve('bin/autosend.js');
const logger = createLogger('error');

function normal(): number {
  const u = 1 - Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

const answers: Record<string, unknown> = {
  reply_classification: { category: 'interested', confidence: 0.95, evidence: 'sounds good' },
  reply_draft: { body: 'Hi,\n\nHappy to walk you through it: https://cal.com/bench/intro\n\nTom' },
  draft_evaluation: {
    confidence: 0.95,
    safe_to_send: true,
    requires_human_review: false,
    reason: 'Accurate and on-topic.',
  },
};

function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'worker'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('"worker started"')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`worker exited ${code}: ${output.slice(-2000)}`)),
    );
  });
}

export async function run(): Promise<BenchResult> {
  const peer = await startOpenAiPeer({
    latencyMs: () => 300 * Math.exp(0.8 * normal()),
    answer: (name) => (name ? answers[name] : undefined),
  });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-scale-out-'));
  try {
    return await withBenchDatabase(logger, async (url) => {
      const database = openDatabase(url);
      const env = {
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        AI_PROVIDER: 'openai',
        OPENAI_API_KEY: peer.apiKey,
        OPENAI_BASE_URL: peer.baseUrl,
        OPENAI_MAX_RETRIES: '0',
        WORKER_CONCURRENCY: String(CONCURRENCY),
        DB_POOL_MAX: String(CONCURRENCY + 4),
        SENDER: 'outbox',
      };
      const measure = async (workers: number) => {
        const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
        const ws = await seedBenchWorkspace(database, `w${workers}`);
        const ids = await seedReplies({ database, queue }, ws.id, REPLIES, `w${workers}`);
        await queue.stop({ graceful: false });
        const children = await Promise.all(
          Array.from({ length: workers }, () => startWorkerProcess(env)),
        );
        // CPU from here to the last decision: the workers, this database's
        // PostgreSQL backends, and this process (the model peer and the probe).
        const backendPids = async () =>
          (
            await database.pool.query(
              'select pid from pg_stat_activity where datname = current_database()',
            )
          ).rows.map((r) => r.pid as number);
        const workerCpu = () => children.reduce((sum, c) => sum + cpuSecondsOf(c.pid!), 0);
        const backendsAtStart = new Map((await backendPids()).map((p) => [p, cpuSecondsOf(p)]));
        const workersAtStart = workerCpu();
        const ownAtStart = ownCpuSeconds();
        const started = performance.now();
        const deadline = Date.now() + 15 * 60_000;
        for (;;) {
          const { rows } = await database.pool.query(
            `select count(distinct message_id)::int as n from decision_events
             where message_id = any($1::uuid[]) and step = 'decide'`,
            [ids],
          );
          if (rows[0].n >= REPLIES) break;
          if (Date.now() > deadline) throw new Error(`${workers} workers: ${rows[0].n} decided`);
          await new Promise((r) => setTimeout(r, 200));
        }
        const seconds = (performance.now() - started) / 1000;
        const cpu = {
          workers: workerCpu() - workersAtStart,
          postgres: (await backendPids()).reduce(
            (sum, p) => sum + cpuSecondsOf(p) - (backendsAtStart.get(p) ?? 0),
            0,
          ),
          'bench process (peer)': ownCpuSeconds() - ownAtStart,
        };
        for (const c of children) c.kill('SIGTERM');
        await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
        const { rows: twice } = await database.pool.query(
          `select count(*)::int as n from (select message_id from decision_events
             where message_id = any($1::uuid[]) and step = 'decide'
             group by message_id having count(*) > 1) t`,
          [ids],
        );
        return {
          perSecond: REPLIES / seconds,
          decidedTwice: twice[0].n as number,
          cpu: describeCpu(seconds, cpu),
          cpuSeconds: cpu,
        };
      };
      const one = await measure(1);
      const two = await measure(2);
      const { rows: ledger } = await database.pool.query(
        `select count(*)::int as n from (select draft_id from send_ledger group by draft_id having count(*) > 1) t`,
      );
      await database.close();
      const ratio = two.perSecond / one.perSecond;
      const table = [
        `bench/scale-out — autosend worker processes, C = ${CONCURRENCY} each, ${REPLIES} replies per run, model peer at lognormal latency (median 300 ms, sigma 0.8)`,
        `load: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${os.cpus().length} cores`,
        '',
        `one worker:  ${one.perSecond.toFixed(2)} replies/s`,
        `  ${one.cpu}`,
        `two workers: ${two.perSecond.toFixed(2)} replies/s (${ratio.toFixed(2)}× one)`,
        `  ${two.cpu}`,
        `replies decided more than once: ${one.decidedTwice + two.decidedTwice}; drafts with more than one ledger row: ${ledger[0].n}`,
      ].join('\n');
      return {
        table,
        figures: {
          replies: REPLIES,
          concurrency: CONCURRENCY,
          oneWorkerPerSecond: Number(one.perSecond.toFixed(2)),
          twoWorkersPerSecond: Number(two.perSecond.toFixed(2)),
          ratio: Number(ratio.toFixed(3)),
          decidedTwice: one.decidedTwice + two.decidedTwice,
          draftsSentTwice: ledger[0].n,
          cpuSeconds: { one: one.cpuSeconds, two: two.cpuSeconds },
          loadAverage: os.loadavg(),
        },
      };
    });
  } finally {
    await peer.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

import os from 'node:os';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { decisionEvents } from '../../src/db/schema.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { startOpenAiPeer } from '../../test/peers/openai-peer.ts';
import { cpuSecondsOf, describeCpu, ownCpuSeconds } from '../lib/cpu-seconds.ts';
import { seedBenchWorkspace, seedReplies } from '../lib/seed-replies.ts';
import { startBatchWorker } from '../lib/start-batch-worker.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';

/**
 * bench/throughput: how well one worker keeps its C slots busy when every
 * model call is slow. The OpenAI-compatible test peer answers each call after
 * a lognormal delay (median 300 ms, sigma 0.8: mean ≈ 413 ms, long tail), and
 * the pipeline runs `inbound.process` for REPLIES replies, first with the
 * worker as shipped (continuous fetching), then with the old batch-synchronous
 * fetch, in the same run. The bound is C / (calls per reply × mean call
 * latency), with both measured from the peer's own record.
 */

const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MEDIAN_MS = 300;
const SIGMA = 0.8;
const logger = createLogger('error');

/** Box–Muller: a standard normal draw. */
function normal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const answers: Record<string, unknown> = {
  reply_classification: { category: 'interested', confidence: 0.95, evidence: 'sounds good' },
  reply_draft: {
    body: 'Hi,\n\nThanks for getting back to me. Happy to walk you through it: https://cal.com/bench/intro\n\nTom',
  },
  draft_evaluation: {
    confidence: 0.95,
    safe_to_send: true,
    requires_human_review: false,
    reason: 'Accurate and on-topic.',
  },
};

type Mode = 'continuous' | 'batch';

interface ModeFigures {
  repliesPerSecond: number;
  calls: number;
  callsPerReply: number;
  meanCallMs: number;
  bound: number;
  ofBound: number;
  seconds: number;
  /** CPU seconds during the run: this process (worker and peer) and the database's backends. */
  cpu: { process: number; postgres: number };
}

export async function run(): Promise<BenchResult> {
  const peer = await startOpenAiPeer({
    latencyMs: () => MEDIAN_MS * Math.exp(SIGMA * normal()),
    answer: (name) => (name ? answers[name] : undefined),
  });
  try {
    return await withBenchDatabase(logger, async (url) => {
      const config = parseConfig({
        DATABASE_URL: url,
        LOG_LEVEL: 'error',
        DATA_DIR: os.tmpdir(),
        AI_PROVIDER: 'openai',
        OPENAI_API_KEY: peer.apiKey,
        OPENAI_BASE_URL: peer.baseUrl,
        OPENAI_MAX_RETRIES: '0',
      });
      const database = openDatabase(url, { poolMax: CONCURRENCY + 4 });
      const measure = async (mode: Mode): Promise<ModeFigures> => {
        const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
        const ws = await seedBenchWorkspace(database, mode);
        const ids = await seedReplies({ database, queue }, ws.id, REPLIES, mode);
        const handler = buildJobHandlers({ config, database, queue, logger })['inbound.process']!;
        const firstCall = peer.requests.length;
        const backendPids = async () =>
          (
            await database.pool.query(
              'select pid from pg_stat_activity where datname = current_database()',
            )
          ).rows.map((r) => r.pid as number);
        const backendsAtStart = new Map((await backendPids()).map((p) => [p, cpuSecondsOf(p)]));
        const ownAtStart = ownCpuSeconds();
        const started = performance.now();
        const worker =
          mode === 'continuous'
            ? await startWorker({
                queue,
                handlers: { 'inbound.process': handler },
                concurrency: CONCURRENCY,
                logger,
              })
            : await startBatchWorker(queue, handler, CONCURRENCY).then(() => null);
        const deadline = Date.now() + 15 * 60_000;
        for (;;) {
          const [row] = await database.db
            .select({ n: sql<number>`count(distinct ${decisionEvents.messageId})::int` })
            .from(decisionEvents)
            .where(and(inArray(decisionEvents.messageId, ids), eq(decisionEvents.step, 'decide')));
          if ((row?.n ?? 0) >= REPLIES) break;
          if (Date.now() > deadline) {
            throw new Error(`${mode}: only ${row?.n} of ${REPLIES} replies decided in 15 minutes`);
          }
          await new Promise((r) => setTimeout(r, 200));
        }
        const seconds = (performance.now() - started) / 1000;
        const cpu = {
          process: ownCpuSeconds() - ownAtStart,
          postgres: (await backendPids()).reduce(
            (sum, p) => sum + cpuSecondsOf(p) - (backendsAtStart.get(p) ?? 0),
            0,
          ),
        };
        if (worker) await worker.drain(10_000);
        else await queue.stop({ graceful: true, timeoutMs: 10_000 });
        const calls = peer.requests.slice(firstCall);
        const answered = calls.filter((c) => c.respondedAt !== undefined);
        const meanCallMs =
          answered.reduce((sum, c) => sum + (c.respondedAt! - c.receivedAt), 0) /
          Math.max(1, answered.length);
        const callsPerReply = calls.length / REPLIES;
        const bound = CONCURRENCY / (callsPerReply * (meanCallMs / 1000));
        const repliesPerSecond = REPLIES / seconds;
        return {
          repliesPerSecond,
          calls: calls.length,
          callsPerReply,
          meanCallMs,
          bound,
          ofBound: repliesPerSecond / bound,
          seconds,
          cpu,
        };
      };
      const continuous = await measure('continuous');
      const batch = await measure('batch');
      await database.close();
      const row = (label: string, f: ModeFigures) =>
        `${label.padEnd(28)} | ${f.repliesPerSecond.toFixed(2).padStart(9)} | ${f.bound.toFixed(2).padStart(6)} | ${(f.ofBound * 100).toFixed(1).padStart(7)}% | ${f.callsPerReply.toFixed(2).padStart(9)} | ${f.meanCallMs.toFixed(0).padStart(8)}`;
      const table = [
        `bench/throughput — one worker, C = ${CONCURRENCY}, ${REPLIES} replies per mode, OpenAI-compatible peer at lognormal latency (median ${MEDIAN_MS} ms, sigma ${SIGMA})`,
        `load: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${os.cpus().length} cores`,
        '',
        'fetching                     | replies/s |  bound | of bound | calls/rep | mean ms',
        '-----------------------------|-----------|--------|----------|-----------|--------',
        row('continuous (shipped)', continuous),
        row('batch-synchronous (before)', batch),
        '',
        'bound = C / (calls per reply × mean call latency), both measured from the peer',
        `continuous / batch: ${(continuous.repliesPerSecond / batch.repliesPerSecond).toFixed(2)}×`,
        `continuous: ${describeCpu(continuous.seconds, { 'worker + peer': continuous.cpu.process, postgres: continuous.cpu.postgres })}`,
        `  = ${(((continuous.cpu.process + continuous.cpu.postgres) / REPLIES) * 1000).toFixed(1)} ms CPU per reply`,
      ].join('\n');
      const round = ({ cpu, ...f }: ModeFigures) => ({
        ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v.toFixed(3))])),
        cpuSeconds: cpu,
      });
      return {
        table,
        figures: {
          replies: REPLIES,
          concurrency: CONCURRENCY,
          continuous: round(continuous),
          batch: round(batch),
          loadAverage: os.loadavg(),
        },
      };
    });
  } finally {
    await peer.stop();
  }
}

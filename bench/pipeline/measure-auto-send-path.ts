import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { parseConfig } from '../../src/config/load-config.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { campaigns, decisionEvents } from '../../src/db/schema.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import type { QueueName } from '../../src/jobs/queues.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { countStatements } from '../lib/count-statements.ts';
import { seedBenchWorkspace, seedReplies } from '../lib/seed-replies.ts';

/** Round trips per reply of one job, from the driver: the app's pool and pg-boss's. */
export interface StatementsPerReply {
  app: number;
  jobs: number;
}

export interface AutoSendPath {
  replies: number;
  inbound: StatementsPerReply;
  send: StatementsPerReply;
}

const logger = createLogger('error');

/**
 * The auto-send path of one reply, counted statement by statement: replies
 * that the offline provider answers with a confident draft, in a campaign
 * with no send delay, go through `inbound.process` (decided "send", reply.send
 * queued) and then `reply.send` (ledger key, outbox file, sent). The two jobs
 * run one after the other, so each one's statements are counted on their own;
 * the job queue's share is pg-boss's fetch, complete and idle polls.
 */
export async function measureAutoSendPath(
  url: string,
  options: { replies: number; concurrency: number },
): Promise<AutoSendPath> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bench-outbox-'));
  const config = parseConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    SENDER: 'outbox',
  });
  const database = openDatabase(url);
  try {
    const seeding = await startJobQueue(url, logger, { schedule: false, supervise: false });
    const ws = await seedBenchWorkspace(database, 'auto-send');
    await database.db
      .update(campaigns)
      .set({ sendDelayMinSeconds: 0, sendDelayMaxSeconds: 0, senderEmail: 'tom@bench.example' })
      .where(eq(campaigns.workspaceId, ws.id));
    // The first two demo replies ask for a meeting: the offline provider drafts and sends.
    const ids = await seedReplies({ database, queue: seeding }, ws.id, options.replies, 'auto', {
      only: [0, 1],
    });
    await seeding.stop({ graceful: false });
    const inbound = await runPhase(url, database, config, 'inbound.process', options, () =>
      countEvents(database, ids, 'decide', 'send'),
    );
    const send = await runPhase(url, database, config, 'reply.send', options, () =>
      countEvents(database, ids, 'send', 'sent'),
    );
    return { replies: options.replies, inbound, send };
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function countEvents(database: Database, ids: string[], step: string, outcome: string) {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(decisionEvents)
    .where(
      and(
        inArray(decisionEvents.messageId, ids),
        eq(decisionEvents.step, step as 'send'),
        eq(decisionEvents.outcome, outcome),
      ),
    );
  return row?.n ?? 0;
}

/** Runs one queue's handler until `done()` reaches `replies`; returns its statements per reply. */
async function runPhase(
  url: string,
  database: Database,
  config: ReturnType<typeof parseConfig>,
  name: QueueName,
  options: { replies: number; concurrency: number },
  done: () => Promise<number>,
): Promise<StatementsPerReply> {
  const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
  const handlers = buildJobHandlers({ config, database, queue, logger });
  const counter = countStatements();
  const before = counter.snapshot();
  const worker = await startWorker({
    queue,
    handlers: { [name]: handlers[name] },
    concurrency: options.concurrency,
    logger,
  });
  let probes = 0;
  const deadline = Date.now() + 10 * 60_000;
  try {
    for (;;) {
      probes += 1;
      const n = await done();
      if (n >= options.replies) break;
      if (Date.now() > deadline) {
        throw new Error(`${name}: only ${n} of ${options.replies} replies done in 10 minutes`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      app: (counter.since(before, 'autosend') - probes) / options.replies,
      jobs: counter.since(before, 'autosend-jobs') / options.replies,
    };
  } finally {
    counter.restore();
    await worker.drain(10_000);
  }
}

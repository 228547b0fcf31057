import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss, type SendOptions } from 'pg-boss';
import type { DbOrTx } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import {
  type JobPayload,
  jobPayloads,
  QUEUE_NAMES,
  type QueueName,
  queuePolicies,
} from './queues.ts';

export type { PgBoss };

export interface JobQueue {
  boss: PgBoss;
  /**
   * Enqueues a typed job. Pass `tx` to write the job in the caller's
   * transaction, so the job exists exactly when the rows it refers to do.
   */
  enqueue<Q extends QueueName>(
    name: Q,
    payload: JobPayload<Q>,
    options?: { tx?: DbOrTx; startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

/** Starts pg-boss on the given database (its own `pgboss` schema) and creates every queue. */
export async function startJobQueue(
  url: string,
  logger: Logger,
  options: { schedule?: boolean; supervise?: boolean } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: url,
    max: 5,
    application_name: 'autosend-jobs',
    schedule: options.schedule ?? true,
    supervise: options.supervise ?? true,
    // Autosend's worker fetches on its own (worker.ts) and LISTENs itself
    // (listen-for-jobs.ts); pg-boss still sends the NOTIFY on insert, since the
    // queues are created with notify: true.
    useListenNotify: false,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const name of QUEUE_NAMES) {
    const policy = { ...queuePolicies[name], retryBackoff: true, notify: true };
    await boss.createQueue(name, policy);
    // createQueue leaves an existing queue as it was: apply policy changes too.
    await boss.updateQueue(name, policy);
  }
  let stopped = false;
  return {
    boss,
    async enqueue(name, payload, opts = {}) {
      const data = jobPayloads[name].parse(payload);
      const sendOptions: SendOptions = {};
      if (opts.startAfter) sendOptions.startAfter = opts.startAfter;
      if (opts.singletonKey) sendOptions.singletonKey = opts.singletonKey;
      if (opts.tx) sendOptions.db = fromDrizzle(opts.tx, sql);
      return boss.send(name, data, sendOptions);
    },
    async stop(opts = {}) {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: opts.graceful ?? true, timeout: opts.timeoutMs ?? 30_000 });
    },
  };
}

import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';

/** The cron for "every N minutes" (N ≥ 60 rounds to whole hours). Pure. */
export function reconcileCron(minutes: number): string {
  if (minutes < 60) return `*/${minutes} * * * *`;
  return `0 */${Math.min(Math.floor(minutes / 60), 23)} * * *`;
}

/**
 * Schedules `platform.reconcile` with pg-boss's cron (one run per interval
 * across every process), or removes the schedule when the interval is 0.
 */
export async function schedulePlatformReconcile(
  queue: JobQueue,
  minutes: number,
  logger: Logger,
): Promise<void> {
  if (minutes === 0) {
    await queue.boss.unschedule('platform.reconcile');
    logger.info('missed-reply reconciliation is off (RECONCILE_INTERVAL_MINUTES=0)');
    return;
  }
  await queue.boss.schedule('platform.reconcile', reconcileCron(minutes), {});
}

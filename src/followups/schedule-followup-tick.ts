import type { JobQueue } from '../jobs/job-queue.ts';

/** Every minute. pg-boss files each cron occurrence under one singleton key, so many workers create one job. */
export const FOLLOWUP_TICK_CRON = '* * * * *';

/**
 * Schedules followup.tick (idempotent: the schedule is one row per queue
 * name). Overlapping ticks, e.g. an old and a new worker during a redeploy,
 * are safe: each instance is locked and each step's ledger key taken once.
 */
export async function scheduleFollowupTick(queue: JobQueue): Promise<void> {
  await queue.boss.schedule('followup.tick', FOLLOWUP_TICK_CRON, {}, { tz: 'UTC' });
}

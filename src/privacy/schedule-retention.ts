import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';

/** Hourly, off the hour: a backlog drains in bounded runs; an idle run costs two index scans. */
export const RETENTION_CRON = '41 * * * *';

/**
 * Schedules `retention.purge` with pg-boss's cron (one run per hour across
 * every process) when RETENTION_DAYS is set, and removes the schedule when not.
 */
export async function scheduleRetentionPurge(
  queue: JobQueue,
  days: number | undefined,
  logger: Logger,
): Promise<void> {
  if (days === undefined) {
    await queue.boss.unschedule('retention.purge');
    return;
  }
  await queue.boss.schedule('retention.purge', RETENTION_CRON, {}, { tz: 'UTC' });
  logger.info({ retentionDays: days }, 'retention purge scheduled hourly');
}

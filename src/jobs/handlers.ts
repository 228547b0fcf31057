import { makeAvailabilityRefreshHandler } from '../availability/refresh-availability-job.ts';
import { recordNoReplyOutcomes } from '../calibration/record-post-send-outcome.ts';
import type { Config } from '../config/load-config.ts';
import type { Database } from '../db/client.ts';
import { makeFollowupTickHandler } from '../followups/followup-tick-job.ts';
import type { Logger } from '../logger.ts';
import { makeInboundProcessHandler, makePipelineDeps } from '../pipeline/make-inbound-handler.ts';
import { purgeExpiredContent } from '../privacy/purge-expired-content.ts';
import { reconcileMissedReplies } from '../sending/reconcile-missed-replies.ts';
import { resumeHeldSends } from '../sending/resume-held-sends.ts';
import { makeReplySendHandler } from '../sending/send-reply.ts';
import { syncAllPlatformCampaigns } from '../sending/sync-platform-campaigns.ts';
import { makeReviewNotifyHandler } from '../slack/review-notify-job.ts';
import type { JobQueue } from './job-queue.ts';
import type { JobHandlers } from './worker.ts';

export interface JobDeps {
  config: Config;
  database: Database;
  queue: JobQueue;
  logger: Logger;
}

/** The handler of every queue this worker serves. */
export function buildJobHandlers(deps: JobDeps): JobHandlers {
  const { config, logger, queue } = deps;
  return {
    'inbound.process': makeInboundProcessHandler(
      makePipelineDeps({ db: deps.database.db, queue, config, logger }),
    ),
    'reply.send': makeReplySendHandler({ db: deps.database.db, config, logger, queue }),
    'review.notify': makeReviewNotifyHandler({ db: deps.database.db, config, logger, queue }),
    'followup.tick': makeFollowupTickHandler({ db: deps.database.db, config, logger, queue }),
    // Campaign sync first, so a reply it recovers finds its campaign's name.
    'platform.reconcile': async ({ workspaceId }) => {
      const scope = workspaceId ? { workspaceId } : {};
      await syncAllPlatformCampaigns(deps.database.db, {
        secretKey: config.secretKey,
        http: { timeoutMs: config.sending.platformTimeoutMs },
        ...scope,
        onError: (kind, ws, err) =>
          logger.error({ kind, workspaceId: ws, err }, 'campaign sync failed'),
      });
      const resumed = await resumeHeldSends(deps.database.db, queue, scope);
      if (resumed > 0)
        logger.info({ resumed }, 'approved replies held for a connection queued again');
      return reconcileMissedReplies(
        { db: deps.database.db, queue, logger, config },
        { ...scope, now: new Date() },
      );
    },
    'outcomes.tick': async () => {
      await recordNoReplyOutcomes({ db: deps.database.db, config, logger }, new Date());
    },
    'retention.purge': async () => {
      const days = config.retention.days;
      if (days === undefined) return { skipped: 'RETENTION_DAYS is not set' };
      const report = await purgeExpiredContent(
        {
          db: deps.database.db,
          logger,
          outboxDir: config.outboxDir,
          backfillLogDir: config.backfill.logDir,
        },
        { days, now: new Date() },
      );
      return report.counts;
    },
    'availability.refresh': makeAvailabilityRefreshHandler({
      database: deps.database,
      config,
      logger,
    }),
  };
}

import { makeAvailabilityRefreshHandler } from '../availability/refresh-availability-job.ts';
import type { Config } from '../config/load-config.ts';
import type { Database } from '../db/client.ts';
import { makeFollowupTickHandler } from '../followups/followup-tick-job.ts';
import type { Logger } from '../logger.ts';
import { makeInboundProcessHandler, makePipelineDeps } from '../pipeline/make-inbound-handler.ts';
import { makeReplySendHandler } from '../sending/send-reply.ts';
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
    'followup.tick': makeFollowupTickHandler({ db: deps.database.db, config, logger }),
    'availability.refresh': makeAvailabilityRefreshHandler({
      database: deps.database,
      config,
      logger,
    }),
  };
}

import { makeAiProvider } from '../ai/make-provider.ts';
import type { AiProvider } from '../ai/provider.ts';
import { attachOffersToDraft, offerSlotsForReply } from '../availability/offer-slots.ts';
import { makeHouseStyleCache } from '../calibration/load-house-style.ts';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Logger } from '../logger.ts';
import { type PipelineDeps, processInbound } from './process-inbound.ts';

/** Wires the real AI provider and availability module into the pipeline. */
export function makePipelineDeps(deps: {
  db: Db;
  queue: JobQueue;
  config: Config;
  logger: Logger;
  ai?: AiProvider;
  now?: () => Date;
}): PipelineDeps {
  const { db, config, logger } = deps;
  return {
    db,
    queue: deps.queue,
    config,
    logger,
    ai: deps.ai ?? makeAiProvider(config, logger),
    offerSlots: async (input) => {
      const r = await offerSlotsForReply({ db, config, logger }, input);
      return {
        slots: r.slots,
        offerIds: r.offerIds,
        stale: r.stale,
        ...(r.noSlotsReason ? { noSlotsReason: r.noSlotsReason } : {}),
      };
    },
    attachOffers: attachOffersToDraft,
    houseStyleCache: makeHouseStyleCache(),
    ...(deps.now ? { now: deps.now } : {}),
  };
}

/** inbound.process: one reply through the whole pipeline. */
export function makeInboundProcessHandler(deps: PipelineDeps): JobHandler<'inbound.process'> {
  return (payload, job) =>
    processInbound(deps, payload.messageId, {
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      signal: job.signal,
    });
}

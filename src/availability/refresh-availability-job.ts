import type { Config } from '../config/load-config.ts';
import type { Database } from '../db/client.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Logger } from '../logger.ts';
import { refreshAvailability } from './availability-cache.ts';
import type { FetchImpl } from './sources/fetch-json.ts';

/**
 * Handler of `availability.refresh`: refetches one workspace's slots. A source
 * failure is not a job failure: the cache keeps the last good slots, marked
 * stale, and the next refresh or reply tries again.
 */
export function makeAvailabilityRefreshHandler(deps: {
  database: Database;
  config: Config;
  logger: Logger;
  fetchImpl?: FetchImpl;
}): JobHandler<'availability.refresh'> {
  return async ({ workspaceId }) => {
    const result = await refreshAvailability(
      { db: deps.database.db, config: deps.config, logger: deps.logger, fetchImpl: deps.fetchImpl },
      workspaceId,
      new Date(),
    );
    return { slots: result.slots.length, stale: result.stale, warning: result.warning };
  };
}

import type { Logger } from '../logger.ts';
import type { RunningService } from '../service.ts';
import { type FirstSignal, judgeSignal } from './signal-policy.ts';

/**
 * Waits for SIGINT or SIGTERM, then stops the service gracefully (HTTP, job
 * drain, database) and logs one final line with how long it took. A second,
 * distinct request during the drain stops at once and says so (exit code 1).
 * Resolves when the graceful stop is complete.
 */
export function runUntilSignal(
  service: RunningService,
  logger: Logger,
  clock: () => number = Date.now,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let first: FirstSignal | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      const now = clock();
      const verdict = judgeSignal(first, signal, now);
      if (verdict === 'duplicate') return;
      if (verdict === 'force' && first) {
        const since = first.at;
        logger.warn(
          { signal, shutdownMs: now - since },
          'second signal: stopping now without waiting for in-flight jobs (they are retried on the next start)',
        );
        service
          .forceStop()
          .catch((error) => logger.error({ err: error }, 'forced stop failed'))
          .finally(() => {
            logger.warn({ signal, shutdownMs: clock() - since }, 'autosend stopped (forced)');
            process.exit(1);
          });
        return;
      }
      first = { signal, at: now };
      logger.info(
        { signal },
        'shutting down: no new requests, draining in-flight jobs (send the signal again to stop at once)',
      );
      service
        .stop()
        .then(() =>
          logger.info(
            { signal, shutdownMs: clock() - now },
            'autosend stopped: jobs drained, database closed',
          ),
        )
        .catch((error) => {
          logger.error({ err: error, shutdownMs: clock() - now }, 'shutdown failed');
          process.exitCode = 1;
        })
        .finally(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

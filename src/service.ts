import type { FastifyInstance } from 'fastify';
import { sealWebhookSecretsAtStart, webhookSecretsProbe } from './admin/seal-webhook-secrets.ts';
import { findOfflineAutoSendWarning, offlineAutoSendProbe } from './ai/offline-auto-send-probe.ts';
import { firstAdminSetupUrl } from './auth/setup-links.ts';
import { availabilityReadinessProbe } from './availability/availability-readiness-probe.ts';
import { openBreakersProbe } from './calibration/breakers-probe.ts';
import type { Config } from './config/load-config.ts';
import { openDatabaseRuntime } from './database-runtime.ts';
import { scheduleFollowupTick } from './followups/schedule-followup-tick.ts';
import { buildApp } from './http/app.ts';
import { buildJobHandlers } from './jobs/handlers.ts';
import { startJobQueue } from './jobs/job-queue.ts';
import { startWorker, type Worker } from './jobs/worker.ts';
import type { Logger } from './logger.ts';
import { retentionProbe } from './privacy/retention-probe.ts';
import { scheduleRetentionPurge } from './privacy/schedule-retention.ts';
import { schedulePlatformReconcile } from './sending/schedule-platform-reconcile.ts';
import { sendingConnectionsProbe } from './sending/sending-connections-probe.ts';
import { sendingReadinessProbe } from './sending/sending-health.ts';
import { slackReadinessProbe, startSlackDoctorSchedule } from './slack/slack-doctor-schedule.ts';

export interface RunningService {
  /** Base URL of the HTTP server, when it runs. */
  url: string | undefined;
  /** While nobody can sign in: the one-time link that creates the first admin. */
  setupUrl?: string;
  /** Stops in order: HTTP (no new work), worker drain, queue, database, embedded server. */
  stop(): Promise<void>;
  /**
   * Stops without waiting for in-flight jobs: only the embedded server is shut
   * down (its fast mode rolls back open transactions; pg-boss retries the jobs
   * after their expiry). The caller exits the process next.
   */
  forceStop(): Promise<void>;
}

/**
 * Starts what a process runs: the HTTP server, a job worker, or both
 * (`autosend start`). Several of each can run against one PostgreSQL.
 */
export async function startService(
  config: Config,
  logger: Logger,
  roles: { http: boolean; worker: boolean },
): Promise<RunningService> {
  const started = Date.now();
  const runtime = await openDatabaseRuntime(config, logger, { whenEmbeddedRuns: 'refuse' });
  let app: FastifyInstance | undefined;
  let worker: Worker | undefined;
  const queue = await startJobQueue(runtime.url, logger, { supervise: roles.worker }).catch(
    async (error) => {
      await runtime.close();
      throw error;
    },
  );
  // The Slack doctor runs at start-up and on a schedule; its result is shared
  // through system_checks and shown on /readyz (and by `autosend slack doctor`).
  const doctor = startSlackDoctorSchedule({ db: runtime.database.db, config, logger });
  const stop = async () => {
    await doctor.stop();
    await app?.close().catch((error) => logger.error({ err: error }, 'http close failed'));
    if (worker) await worker.drain(config.worker.shutdownTimeoutMs);
    else await queue.stop({ graceful: false });
    await runtime.close();
  };
  try {
    const deps = { config, database: runtime.database, queue, logger };
    await sealWebhookSecretsAtStart(runtime.database.db, config.secretKey, logger);
    if (roles.worker) {
      worker = await startWorker({
        queue,
        handlers: buildJobHandlers(deps),
        concurrency: config.worker.concurrency,
        logger,
      });
      await scheduleFollowupTick(queue);
      // Every 15 minutes: automatic sends past POST_SEND_WINDOW_HOURS without a reply get no_reply.
      await queue.boss.schedule('outcomes.tick', '*/15 * * * *', {}, { tz: 'UTC' });
      await schedulePlatformReconcile(queue, config.sending.reconcileIntervalMinutes, logger);
      await scheduleRetentionPurge(queue, config.retention.days, logger);
    }
    let url: string | undefined;
    if (roles.http) {
      app = await buildApp({
        ...deps,
        probes: [
          slackReadinessProbe(runtime.database.db),
          sendingConnectionsProbe(runtime.database.db),
          sendingReadinessProbe(runtime.database.db),
          availabilityReadinessProbe(runtime.database.db),
          offlineAutoSendProbe(runtime.database.db, config),
          webhookSecretsProbe(runtime.database.db, config.secretKey),
          openBreakersProbe(runtime.database.db),
          retentionProbe(runtime.database.db, config),
        ],
      });
      await app.listen({ host: config.http.host, port: config.http.port });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      const host = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
      url = `http://${host}:${port}`;
    }
    logger.info({ url, roles, startupMs: Date.now() - started }, 'autosend started');
    const offlineWarning = await findOfflineAutoSendWarning(runtime.database.db, config);
    if (offlineWarning) logger.warn({ provider: 'offline' }, offlineWarning);
    const forceStop = async () => {
      await runtime.embedded?.stop();
    };
    const setupUrl = url
      ? await firstAdminSetupUrl(runtime.database.db, config.http.publicUrl ?? url)
      : undefined;
    return { url, stop, forceStop, ...(setupUrl ? { setupUrl } : {}) };
  } catch (error) {
    await stop();
    throw error;
  }
}

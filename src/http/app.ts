import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { registerAdminApi } from './api/register-admin-api.ts';
import { registerAuthRoutes } from './auth/register-auth-routes.ts';
import { registerDashboard } from './routes/dashboard.ts';
import { registerFavicon } from './routes/favicon.ts';
import { type ReadinessProbe, registerHealthRoutes } from './routes/health.ts';
import { registerSlackInteractionRoutes } from './routes/slack-interactions.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { registerServerErrorHandler } from './send-server-error.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  queue?: JobQueue;
  logger: Logger;
  probes?: ReadinessProbe[];
}

/** Builds the Fastify app without listening: tests use app.inject, `serve` calls listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  // First, so every route below inherits it: no 5xx body carries an error's text.
  registerServerErrorHandler(app, deps.logger);
  registerHealthRoutes(app, deps);
  registerAdminApi(app, deps);
  registerWebhookRoutes(app, deps);
  registerSlackInteractionRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerFavicon(app);
  registerDashboard(app);
  return app;
}

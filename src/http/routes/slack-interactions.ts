import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/load-config.ts';
import type { Database } from '../../db/client.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { Logger } from '../../logger.ts';
import { type BlockActionsPayload, handleReviewAction } from '../../slack/handle-review-action.ts';
import { verifySlackSignature } from '../../slack/verify-slack-signature.ts';

export interface SlackInteractionDeps {
  database: Database;
  queue?: JobQueue | undefined;
  config?: Config | undefined;
  logger: Logger;
  /** Clock for the signature window (tests). */
  now?: () => number;
}

/**
 * POST /slack/interactions: Slack's interactivity requests (form-encoded
 * `payload=`), verified with SLACK_SIGNING_SECRET over the raw body before
 * anything is parsed; Approve / Reject buttons act on the review.
 */
export function registerSlackInteractionRoutes(
  app: FastifyInstance,
  deps: SlackInteractionDeps,
): void {
  // Scoped so that only this route reads form bodies as the raw string the signature covers.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, body),
    );
    scope.post('/slack/interactions', async (request, reply) => {
      const secret = deps.config?.slack.signingSecret;
      if (!secret || !deps.config || !deps.queue) {
        return reply
          .code(503)
          .send({ error: 'slack_not_configured', message: 'SLACK_SIGNING_SECRET is not set' });
      }
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const header = (name: string) => {
        const v = request.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const check = verifySlackSignature({
        signingSecret: secret,
        timestamp: header('x-slack-request-timestamp'),
        signature: header('x-slack-signature'),
        rawBody,
        nowMs: (deps.now ?? Date.now)(),
      });
      if (!check.ok) {
        request.log.warn(
          { reason: check.reason },
          'Slack interaction refused: signature check failed',
        );
        return reply.code(401).send({ error: 'unauthorized', reason: check.reason });
      }
      let payload: BlockActionsPayload;
      try {
        payload = JSON.parse(
          new URLSearchParams(rawBody).get('payload') ?? '',
        ) as BlockActionsPayload;
      } catch {
        return reply.code(400).send({ error: 'validation_failed', message: 'payload is not JSON' });
      }
      const result = await handleReviewAction(
        { db: deps.database.db, queue: deps.queue, config: deps.config, logger: deps.logger },
        payload,
        new Date((deps.now ?? Date.now)()),
      );
      // Slack only needs a 200 within 3 seconds; the outcome is for logs and tests.
      return reply.code(200).send(result);
    });
  });
}

import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/load-config.ts';
import type { Database } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { enrolOnPlatformFirstEmail } from '../../followups/enrol-on-sent-event.ts';
import { applyLeadEvent } from '../../ingest/apply-lead-event.ts';
import { findTooDeep, MAX_JSON_DEPTH } from '../../ingest/clean-for-postgres.ts';
import type { IngestWorkspace } from '../../ingest/find-workspace.ts';
import { interpretLeadEvent } from '../../ingest/interpret-lead-event.ts';
import { interpretFirstEmailSent } from '../../ingest/interpret-sent-event.ts';
import { interpretWebhookPayload, isWebhookSource } from '../../ingest/map-webhook-payload.ts';
import { storeDeliveredReply } from '../../ingest/store-inbound-reply.ts';
import type { SignedWith } from '../../ingest/store-reply-statement.ts';
import { verifyWebhook } from '../../ingest/verify-webhook.ts';
import { webhookSecretsInForce } from '../../ingest/webhook-secrets.ts';
import { makeWebhookWorkspaceCache } from '../../ingest/webhook-workspace-cache.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { Logger } from '../../logger.ts';
import { withDeadline } from '../with-deadline.ts';

export interface WebhookRouteDeps {
  database: Database;
  /** For `deadlines.webhookMs` (default 5 s): past it the platform gets 503 and retries. */
  /** `secretKey` opens sealed webhook secrets. */
  config?: Pick<Config, 'deadlines' | 'secretKey'>;
  queue?: JobQueue;
  logger: Logger;
  /** The clock for signature timestamps; tests pass a fixed one. */
  now?: () => Date;
}

function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/**
 * POST /webhooks/:source/:workspaceKey for generic, smartlead, instantly and
 * emailbison. 404 unknown source or workspace key; 401 bad or missing secret
 * (nothing stored); 400 invalid JSON, JSON nested too deep, or an invalid
 * payload, naming each field; 202 `{ messageId, cleaned? }` stored (cleaned:
 * fields whose NUL / lone surrogates were replaced); 200 `{ messageId, duplicate: true }` seen before;
 * 200 `{ ignored }` for events that are not replies; 503 without a job queue.
 */
export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  const deadlineMs = deps.config?.deadlines.webhookMs ?? 5_000;
  // Per app: a cached row is re-checked before it decides anything (webhook-workspace-cache.ts).
  const workspaces = makeWebhookWorkspaceCache();
  app.register(async (scope) => {
    // Signatures cover the exact bytes sent: keep the raw body, parse JSON ourselves.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

    scope.post<{ Params: { source: string; workspaceKey: string } }>(
      '/webhooks/:source/:workspaceKey',
      // Request logs would carry ?secret= (EmailBison): log our own line instead.
      { logLevel: 'warn' },
      async (request, reply) => {
        const { source, workspaceKey } = request.params;
        const respond = (status: number, body: unknown, note: string) => {
          deps.logger.info(
            { source, workspace: workspaceKey.slice(0, 6), status, note },
            'webhook delivery',
          );
          return reply.code(status).send(body);
        };
        if (!isWebhookSource(source)) {
          return respond(
            404,
            errorBody('not_found', `unknown webhook source "${source}"`),
            'source',
          );
        }
        if (!deps.queue) {
          return respond(
            503,
            errorBody('unavailable', 'this process does not accept webhooks (no job queue)'),
            'no queue',
          );
        }
        const lookUpFresh = () =>
          withDeadline(
            workspaces.fresh(deps.database.db, workspaceKey),
            deadlineMs,
            'the webhook URL lookup',
          );
        const found = await withDeadline(
          workspaces.get(deps.database.db, workspaceKey),
          deadlineMs,
          'the webhook URL lookup',
        );
        if (!found) {
          return respond(404, errorBody('not_found', 'unknown webhook URL'), 'workspace');
        }
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let body: unknown;
        let jsonError: string | undefined;
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch (error) {
          jsonError = (error as Error).message;
        }
        const parts = {
          rawBody,
          headers: request.headers,
          query: request.query as Record<string, unknown>,
          body,
        };
        const authenticateFresh = async (): Promise<Authentication> => {
          const workspace = await lookUpFresh();
          if (!workspace) return { ok: false, ...UNKNOWN_WORKSPACE };
          return authenticate(source, workspace, parts, workspaceKey, now(), deps);
        };
        let auth = authenticate(source, found.workspace, parts, workspaceKey, now(), deps);
        // A cached row may predate a rotation: a failure is decided on a fresh one.
        let fromCache = found.cached;
        if (!auth.ok && fromCache) {
          auth = await authenticateFresh();
          fromCache = false;
        }
        if (!auth.ok) return respond(auth.status, auth.body, auth.note);
        /** Before any outcome but a stored reply (which re-checks in its transaction): a fresh row agrees. */
        const confirm = async (): Promise<Denied | undefined> => {
          if (!fromCache) return undefined;
          fromCache = false;
          const again = await authenticateFresh();
          return again.ok ? undefined : again;
        };
        if (jsonError !== undefined) {
          const denied = await confirm();
          if (denied) return respond(denied.status, denied.body, denied.note);
          const message = `the body is not valid JSON: ${jsonError}`;
          return respond(
            400,
            errorBody('validation_failed', message, { $: 'not valid JSON' }),
            'json',
          );
        }
        // Before any recursive code (mapping, JSON.stringify) sees the body.
        const tooDeep = findTooDeep(body);
        if (tooDeep !== undefined) {
          const denied = await confirm();
          if (denied) return respond(denied.status, denied.body, denied.note);
          const problem = `nested more than ${MAX_JSON_DEPTH} levels deep`;
          return respond(
            400,
            errorBody('validation_failed', `${tooDeep} is ${problem}`, { [tooDeep]: problem }),
            'too deep',
          );
        }
        const outcome = await withDeadline(
          handleDelivery(
            { database: deps.database, queue: deps.queue, confirm, authenticateFresh },
            auth,
            source,
            body,
            now(),
          ),
          deadlineMs,
          'storing the reply',
        );
        return respond(outcome.status, outcome.body, outcome.note);
      },
    );
  });
}

type Outcome = { status: number; body: unknown; note: string };
type Denied = { ok: false } & Outcome;
type Authentication = { ok: true; workspaceId: string; signedWith: SignedWith } | Denied;

const UNKNOWN_WORKSPACE: Outcome = {
  status: 404,
  body: errorBody('not_found', 'unknown webhook URL'),
  note: 'workspace',
};

/** Checks a delivery's signature or secret against a workspace row: the current secret, then the previous in its grace period. */
function authenticate(
  source: Parameters<typeof verifyWebhook>[0],
  workspace: IngestWorkspace,
  parts: Parameters<typeof verifyWebhook>[1],
  workspaceKey: string,
  at: Date,
  deps: Pick<WebhookRouteDeps, 'config' | 'logger'>,
): Authentication {
  let secrets: ReturnType<typeof webhookSecretsInForce>;
  try {
    secrets = webhookSecretsInForce(workspace, at, deps.config?.secretKey);
  } catch (error) {
    // The operator's to fix (AUTOSEND_SECRET_KEY): 503 so the platform retries.
    deps.logger.error(
      { source, workspace: workspaceKey.slice(0, 6), err: (error as Error).message },
      'webhook secret cannot be opened',
    );
    return {
      ok: false,
      status: 503,
      body: errorBody(
        'unavailable',
        'this server cannot open the workspace webhook secret; the operator must check AUTOSEND_SECRET_KEY',
      ),
      note: 'secret key',
    };
  }
  // The reason the current secret failed is the one to report.
  let reason = 'the workspace has no webhook secret';
  for (const { secret, previous } of secrets) {
    const result = verifyWebhook(source, parts, secret, at);
    if (result.ok) {
      if (previous) {
        deps.logger.warn(
          { source, workspace: workspaceKey.slice(0, 6) },
          'webhook signed with the previous secret: update the sender before the grace period ends',
        );
      }
      const storedSecret = previous ? workspace.webhookSecretPrevious! : workspace.webhookSecret;
      return {
        ok: true,
        workspaceId: workspace.id,
        signedWith: { webhookKey: workspaceKey, storedSecret, previous, at },
      };
    }
    if (!previous) reason = result.reason;
  }
  return { ok: false, status: 401, body: errorBody('unauthorized', reason), note: reason };
}

/**
 * Maps, then stores, one authenticated delivery; returns what to answer.
 * `confirm` re-checks a cached workspace row before any outcome but a stored
 * reply, whose transaction checks the secret itself (`signedWith`).
 */
async function handleDelivery(
  deps: {
    database: Database;
    queue: JobQueue;
    confirm: () => Promise<Denied | undefined>;
    authenticateFresh: () => Promise<Authentication>;
  },
  auth: Extract<Authentication, { ok: true }>,
  source: Parameters<typeof interpretWebhookPayload>[0],
  body: unknown,
  receivedAt: Date,
): Promise<Outcome> {
  const { database, queue } = deps;
  const workspaceId = auth.workspaceId;
  const respond = (status: number, body: unknown, note: string) => ({ status, body, note });
  let event: ReturnType<typeof interpretWebhookPayload>;
  try {
    event = interpretWebhookPayload(source, body, receivedAt);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const denied = await deps.confirm();
    if (denied) return denied;
    return respond(400, errorBody('validation_failed', error.message, error.fields), 'payload');
  }
  if (event.kind === 'ignored') {
    const denied = await deps.confirm();
    if (denied) return denied;
    // The campaign's first email went out: enrol the lead in the campaign's follow-ups.
    const sent = source === 'generic' ? null : interpretFirstEmailSent(source, body, receivedAt);
    if (sent && source !== 'generic') {
      const result = await enrolOnPlatformFirstEmail(database.db, {
        workspaceId,
        platform: source,
        campaignExternalId: sent.campaignExternalId,
        leadEmail: sent.leadEmail,
        at: sent.at,
        sent: sent.sent,
      });
      return 'skipped' in result
        ? respond(200, { ignored: `first_email_sent:${result.skipped}` }, result.skipped)
        : respond(
            200,
            { followupsEnrolled: result.enrolled, leadId: result.leadId },
            'first_email_sent',
          );
    }
    // Bounces, unsubscribes and bookings are not replies, but they flag the lead.
    const leadEvent = interpretLeadEvent(source, body, receivedAt);
    if (!leadEvent) return respond(200, { ignored: event.reason }, event.reason);
    const applied = await applyLeadEvent(database.db, workspaceId, leadEvent);
    if ('suppressed' in applied) return respond(200, { ignored: 'suppressed' }, 'suppressed');
    return respond(
      200,
      { leadFlagged: leadEvent.flag, leadId: applied.leadId },
      `lead_${leadEvent.flag}`,
    );
  }
  // Loop safety (our own answer delivered back as if the lead had written it)
  // and the secret are checked in the statement that stores the reply.
  let signedWith = auth.signedWith;
  for (let attempt = 0; ; attempt++) {
    const stored = await storeDeliveredReply({ db: database.db, queue }, workspaceId, event.reply, {
      signedWith,
    });
    switch (stored.status) {
      case 'own_echo':
        return respond(200, { ignored: 'own_reply_echo' }, 'own_reply_echo');
      case 'duplicate':
        return respond(200, { messageId: stored.messageId, duplicate: true }, 'duplicate');
      case 'suppressed':
        return respond(200, { messageId: stored.messageId, suppressed: true }, 'suppressed');
      case 'created': {
        const cleaned = stored.cleaned.length > 0 ? { cleaned: stored.cleaned } : {};
        return respond(202, { messageId: stored.messageId, ...cleaned }, 'created');
      }
      case 'secret_changed': {
        // Rotated, re-sealed or removed since the row was read: decide on a fresh one.
        const again = await deps.authenticateFresh();
        if (!again.ok) return again;
        if (attempt > 0 || again.workspaceId !== workspaceId) {
          return respond(
            503,
            errorBody('unavailable', 'the workspace webhook secret is changing; retry'),
            'secret changing',
          );
        }
        signedWith = again.signedWith;
      }
    }
  }
}

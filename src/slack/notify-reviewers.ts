import type { WebClient } from '@slack/web-api';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import {
  campaignReviewers,
  campaigns,
  drafts,
  followupInstances,
  followupSequences,
  leads,
  messages,
  reviewNotifications,
  reviewRequests,
} from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { AutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { buildReviewMessage } from './build-review-message.ts';
import type { ChannelPacer } from './channel-pacer.ts';
import type { EmailLookupCache } from './email-lookup-cache.ts';
import { makeSlackClient, resolveSlackToken } from './make-slack-client.ts';
import { localFailure, recordDelivery } from './record-delivery.ts';
import { parseReviewerTarget, primaryMethod } from './reviewer-target.ts';
import { type DeliveryOutcome, type SlackMessage, sendToReviewer } from './send-to-reviewer.ts';
import { describeSlackFailure } from './slack-failure.ts';

export interface NotifyDeps {
  db: Db;
  config: Config;
  logger: Logger;
  cache?: EmailLookupCache;
  pacer?: ChannelPacer;
  /** Client per token; defaults to makeSlackClient with SLACK_API_URL. */
  clientFor?: (token: string) => WebClient;
}

export interface TargetResult {
  target: string;
  /** sent / failed (permanent) / pending (transient, retry) / skipped (already sent, or claimed elsewhere) */
  status: 'sent' | 'failed' | 'pending' | 'skipped';
  outcome: DeliveryOutcome | undefined;
}

export interface NotifyResult {
  reviewRequestId: string;
  /** False when the review was no longer open: nothing to notify. */
  open: boolean;
  targets: TargetResult[];
  /** Largest Retry-After Slack asked for in this run, in seconds. */
  retryAfterSeconds: number | undefined;
  /** Some targets hit a transient failure (network, 5xx, 429) and are still pending. */
  transient: boolean;
}

/** A reply's review (draft → inbound message) or a follow-up step's (instance → sequence). */
async function loadReview(db: Db, reviewRequestId: string) {
  const [row] = await db
    .select({
      review: reviewRequests,
      draft: drafts,
      message: messages,
      instance: followupInstances,
      sequence: followupSequences,
      lead: leads,
      campaign: campaigns,
    })
    .from(reviewRequests)
    .leftJoin(drafts, eq(drafts.id, reviewRequests.draftId))
    .leftJoin(messages, eq(messages.id, drafts.messageId))
    .leftJoin(followupInstances, eq(followupInstances.id, reviewRequests.followupInstanceId))
    .leftJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .innerJoin(leads, eq(leads.id, sql`coalesce(${messages.leadId}, ${followupInstances.leadId})`))
    .leftJoin(
      campaigns,
      eq(campaigns.id, sql`coalesce(${messages.campaignId}, ${followupSequences.campaignId})`),
    )
    .where(eq(reviewRequests.id, reviewRequestId));
  if (!row) throw new AutosendError('not_found', `review request ${reviewRequestId} not found`);
  return row;
}

/** What the reviewer reads: the lead's reply and our draft, or the follow-up step's text. */
function reviewContent(row: Awaited<ReturnType<typeof loadReview>>) {
  if (row.draft && row.message) return { replyText: row.message.text, draft: row.draft };
  const detail = (row.instance?.pauseDetail ?? {}) as { body?: unknown; channel?: unknown };
  return {
    replyText: `Follow-up step ${row.review.followupStep} of sequence "${row.sequence?.name ?? '?'}" (${String(detail.channel ?? 'email')}) waits for approval before it is sent.`,
    draft: {
      body: typeof detail.body === 'string' ? detail.body : '',
      confidence: null,
      evaluatorReason: null,
      guardFailures: [],
    },
  };
}

function dashboardUrl(config: Config): string {
  return config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
}

/**
 * Notifies every reviewer of one review request in Slack, at most once per
 * reviewer: the review_notifications row (unique per review and target) is
 * the claim, locked with SKIP LOCKED while sending so concurrent runs in any
 * process skip it. Every attempt leaves a notification_deliveries row and a
 * decision event; failures are logged at error level with the scopes Slack
 * named. With `retryFailed`, permanently failed targets are tried again.
 */
export async function notifyReviewers(
  deps: NotifyDeps,
  reviewRequestId: string,
  options: { retryFailed?: boolean } = {},
): Promise<NotifyResult> {
  const { db, logger } = deps;
  const log = logger.child({ reviewRequestId });
  const row = await loadReview(db, reviewRequestId);
  const result: NotifyResult = {
    reviewRequestId,
    open: row.review.status === 'open',
    targets: [],
    retryAfterSeconds: undefined,
    transient: false,
  };
  if (!result.open) {
    log.info({ status: row.review.status }, 'review already decided; no Slack notification');
    return result;
  }
  // Follow-up reviews have no reply to hang decision events on: their trail is the
  // notification rows and the instance's history.
  const trail = row.draft ? { messageId: row.draft.messageId, draftId: row.draft.id } : null;
  const campaignId = row.campaign?.id ?? null;

  const reviewers = campaignId
    ? await db
        .select({ target: campaignReviewers.target })
        .from(campaignReviewers)
        .where(eq(campaignReviewers.campaignId, campaignId))
    : [];
  if (reviewers.length === 0) {
    const outcome = localFailure(
      'none',
      'no_reviewers',
      `campaign ${row.campaign?.name ?? '(none)'} has no reviewers: add an email, member id or channel to notify`,
    );
    await db.transaction(async (tx) => {
      await recordDelivery(tx, { reviewRequestId, target: '(none)', outcome });
      if (trail) {
        await recordDecisionEvent(tx, {
          ...trail,
          step: 'notify',
          outcome: 'failed',
          reason: 'no_reviewers',
          detail: {},
        });
      }
    });
    log.error(
      { code: 'no_reviewers', campaign: row.campaign?.name },
      'review needs a human but nobody can be notified: the campaign has no reviewers',
    );
    result.targets.push({ target: '(none)', status: 'failed', outcome });
    return result;
  }

  const targets = [...new Set(reviewers.map((r) => r.target))];
  await db
    .insert(reviewNotifications)
    .values(targets.map((target) => ({ reviewRequestId, target })))
    .onConflictDoNothing();

  const token = await resolveSlackToken(db, deps.config, row.review.workspaceId);
  const client = token
    ? (deps.clientFor ?? ((t: string) => makeSlackClient(t, { apiUrl: deps.config.slack.apiUrl })))(
        token.token,
      )
    : undefined;
  const message: SlackMessage = buildReviewMessage({
    reviewRequestId,
    reason: row.review.reason,
    lead: row.lead,
    campaign: row.campaign
      ? { name: row.campaign.name, confidenceGate: row.campaign.confidenceGate }
      : null,
    ...reviewContent(row),
    dashboardUrl: dashboardUrl(deps.config),
    withButtons: Boolean(deps.config.slack.signingSecret),
  });
  const claimable = options.retryFailed ? ['pending', 'failed'] : ['pending'];

  for (const target of targets) {
    if (result.retryAfterSeconds !== undefined) {
      // Slack asked us to wait: leave the rest pending for the rescheduled run.
      result.targets.push({ target, status: 'pending', outcome: undefined });
      continue;
    }
    const targetResult = await db.transaction(async (tx): Promise<TargetResult> => {
      const [claim] = await tx
        .select()
        .from(reviewNotifications)
        .where(
          and(
            eq(reviewNotifications.reviewRequestId, reviewRequestId),
            eq(reviewNotifications.target, target),
            inArray(reviewNotifications.status, claimable),
          ),
        )
        .for('update', { skipLocked: true });
      if (!claim) return { target, status: 'skipped', outcome: undefined };

      const parsed = parseReviewerTarget(target);
      let outcome: DeliveryOutcome;
      if (!parsed) {
        outcome = localFailure(
          'none',
          'invalid_target',
          `"${target}" is not an email, member id or channel`,
        );
      } else if (!client) {
        outcome = localFailure(
          primaryMethod(parsed),
          'slack_not_configured',
          'no Slack bot token: set SLACK_BOT_TOKEN (or a workspace token), then run `autosend slack retry`',
        );
      } else {
        outcome = await sendToReviewer(client, parsed, message, {
          ...(deps.cache ? { cache: deps.cache } : {}),
          ...(deps.pacer ? { pacer: deps.pacer } : {}),
          cacheNamespace: token?.source === 'workspace' ? row.review.workspaceId : 'env',
        });
      }
      const status = outcome.ok ? 'sent' : outcome.failure?.transient ? 'pending' : 'failed';
      await tx
        .update(reviewNotifications)
        .set({
          status,
          method: outcome.method === 'none' ? null : outcome.method,
          providerChannel: outcome.channel ?? claim.providerChannel,
          providerTs: outcome.ts ?? claim.providerTs,
          attempts: sql`${reviewNotifications.attempts} + 1`,
          lastErrorCode: outcome.failure?.code ?? null,
          updatedAt: new Date(),
        })
        .where(eq(reviewNotifications.id, claim.id));
      await recordDelivery(tx, { reviewRequestId, target, outcome });
      if (trail)
        await recordDecisionEvent(tx, {
          ...trail,
          step: 'notify',
          outcome: status === 'sent' ? 'sent' : status === 'pending' ? 'retrying' : 'failed',
          reason: outcome.failure?.code ?? null,
          detail: {
            target,
            method: outcome.method,
            ...(outcome.channel ? { channel: outcome.channel, ts: outcome.ts } : {}),
            ...(outcome.failure?.needed ? { needed: outcome.failure.needed } : {}),
            ...(outcome.failure?.provided ? { provided: outcome.failure.provided } : {}),
            ...(outcome.fallbackFrom
              ? {
                  fallbackFrom: outcome.fallbackFrom.code,
                  fallbackNeeded: outcome.fallbackFrom.needed,
                }
              : {}),
          },
        });
      return { target, status, outcome };
    });
    result.targets.push(targetResult);
    logOutcome(log, targetResult);
    const failure = targetResult.outcome?.failure;
    if (targetResult.status === 'pending' && failure) {
      result.transient = true;
      if (failure.code === 'ratelimited' || failure.code === 'rate_limited') {
        result.retryAfterSeconds = Math.max(
          result.retryAfterSeconds ?? 0,
          failure.retryAfterSeconds ?? 1,
        );
      }
    }
  }
  return result;
}

function logOutcome(log: Logger, r: TargetResult): void {
  const o = r.outcome;
  if (!o) return;
  const base = { target: r.target, method: o.method, channel: o.channel, latencyMs: o.latencyMs };
  if (o.ok) {
    if (o.fallbackFrom) {
      log.warn(
        { ...base, fallbackFrom: o.fallbackFrom.code, missingScopes: o.fallbackFrom.needed },
        `Slack DM could not be opened (${describeSlackFailure(o.fallbackFrom)}); posted to the member id instead`,
      );
    } else log.info({ ...base, ts: o.ts }, 'Slack review notification sent');
    return;
  }
  const f = o.failure!;
  const fields = {
    ...base,
    code: f.code,
    missingScopes: f.needed,
    grantedScopes: f.provided,
    retryAfter: f.retryAfterSeconds,
  };
  if (r.status === 'pending')
    log.warn(fields, `Slack notification failed, will retry: ${describeSlackFailure(f)}`);
  else {
    log.error(
      fields,
      `Slack notification to ${r.target} failed: ${describeSlackFailure(f)}${f.needed ? `; missing scopes: ${f.needed}` : ''}. ` +
        'The review stays open; fix it, then run `autosend slack retry`',
    );
  }
}

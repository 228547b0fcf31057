import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../admin/record-audit.ts';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { campaigns, postSendOutcomes, reviewOutcomes } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { alertCampaignReviewers } from '../slack/alert-reviewers.ts';
import { assessBreaker, type BreakerEvidence, type PostSendOutcome } from './assess-breaker.ts';

export interface BreakerState {
  open: boolean;
  openedAt: string | null;
  reason: string | null;
  /** What tripped it: the summary and the figures. */
  detail: Record<string, unknown>;
  closedAt: string | null;
}

type CampaignRow = typeof campaigns.$inferSelect;

/** The breaker as the CLI, API, explain and /readyz show it. */
export function breakerStateOf(row: CampaignRow): BreakerState {
  return {
    open: row.breakerOpenedAt !== null,
    openedAt: row.breakerOpenedAt?.toISOString() ?? null,
    reason: row.breakerReason,
    detail: row.breakerDetail as Record<string, unknown>,
    closedAt: row.breakerClosedAt?.toISOString() ?? null,
  };
}

/** Whether the campaign's breaker is open right now (read just before decide()). */
export async function isBreakerOpen(db: Db, campaignId: string): Promise<boolean> {
  const [row] = await db
    .select({ openedAt: campaigns.breakerOpenedAt })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return Boolean(row?.openedAt);
}

/** What happened since the last close, oldest first, as far back as the windows reach. */
export async function loadBreakerEvidence(
  db: Db,
  campaign: CampaignRow,
  settings: Config['trust']['breaker'],
): Promise<BreakerEvidence> {
  const since = campaign.breakerClosedAt ?? new Date(0);
  const sends = await db
    .select({ outcome: postSendOutcomes.outcome })
    .from(postSendOutcomes)
    .where(
      and(eq(postSendOutcomes.campaignId, campaign.id), gt(postSendOutcomes.classifiedAt, since)),
    )
    .orderBy(desc(postSendOutcomes.classifiedAt), desc(postSendOutcomes.id))
    .limit(settings.windowSends);
  const reviews = await db
    .select({ outcome: reviewOutcomes.outcome })
    .from(reviewOutcomes)
    .where(
      and(
        eq(reviewOutcomes.campaignId, campaign.id),
        gt(reviewOutcomes.decidedAt, since),
        isNotNull(reviewOutcomes.confidence),
        sql`round(${reviewOutcomes.confidence} * 100) >= ${reviewOutcomes.gate}`,
      ),
    )
    .orderBy(desc(reviewOutcomes.decidedAt), desc(reviewOutcomes.id))
    .limit(settings.rejectWindow);
  return {
    postSend: sends.map((s) => s.outcome as PostSendOutcome).reverse(),
    reviews: reviews
      .map((r) => ({ rejected: r.outcome === 'rejected', aboveGate: true }))
      .reverse(),
  };
}

/**
 * Re-assesses a campaign's breaker after new evidence (a post-send outcome, a
 * review). When it trips: opens it (once, even with two workers racing),
 * audits it as `system:breaker`, logs an error and alerts the campaign's
 * reviewers in Slack. Never closes it: that is a person's decision.
 */
export async function checkCampaignBreaker(
  deps: { db: Db; config: Config; logger: Logger },
  campaignId: string,
): Promise<{ opened: boolean }> {
  const [campaign] = await deps.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign || campaign.breakerOpenedAt) return { opened: false };
  const evidence = await loadBreakerEvidence(deps.db, campaign, deps.config.trust.breaker);
  const verdict = assessBreaker(evidence, deps.config.trust.breaker);
  if (!verdict.trip) return { opened: false };
  const detail = { summary: verdict.summary, ...verdict.figures };
  const opened = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(campaigns)
      .set({ breakerOpenedAt: new Date(), breakerReason: verdict.reason, breakerDetail: detail })
      .where(and(eq(campaigns.id, campaignId), isNull(campaigns.breakerOpenedAt)))
      .returning({ id: campaigns.id });
    if (!rows.length) return false;
    await recordAudit(tx, {
      workspaceId: campaign.workspaceId,
      actor: 'system:breaker',
      action: 'campaign.breaker_open',
      entityType: 'campaign',
      entityId: campaignId,
      before: { breakerOpen: false },
      after: { breakerOpen: true, reason: verdict.reason, ...detail },
    });
    return true;
  });
  if (!opened) return { opened: false };
  deps.logger.error(
    { campaignId, reason: verdict.reason, ...verdict.figures },
    'circuit breaker opened: automatic sends of this campaign go to review',
  );
  await alertCampaignReviewers(deps, {
    workspaceId: campaign.workspaceId,
    campaignId,
    text:
      `:rotating_light: Autosend stopped sending automatically for campaign "${campaign.name}": ${verdict.summary}. ` +
      `Every reply now waits for review (breaker_open). When the cause is fixed, close the breaker: autosend campaign breaker close ${campaignId}`,
  });
  return { opened: true };
}

/** A person closes the breaker (audited): automatic sends resume and its windows start afresh. */
export async function closeCampaignBreaker(
  db: Db,
  actor: string,
  ref: { workspaceId: string; campaignId: string },
  note?: string,
): Promise<BreakerState> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, ref.campaignId), eq(campaigns.workspaceId, ref.workspaceId)))
      .for('update');
    if (!before) throw new AutosendError('not_found', `campaign ${ref.campaignId} not found`);
    if (!before.breakerOpenedAt) {
      throw new AutosendError('conflict', `the breaker of campaign ${ref.campaignId} is not open`);
    }
    const [after] = await tx
      .update(campaigns)
      .set({
        breakerOpenedAt: null,
        breakerReason: null,
        breakerDetail: {},
        breakerClosedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(campaigns.id, ref.campaignId))
      .returning();
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor,
      action: 'campaign.breaker_close',
      entityType: 'campaign',
      entityId: ref.campaignId,
      before: breakerStateOf(before),
      after: { ...breakerStateOf(after!), ...(note ? { note } : {}) },
    });
    return breakerStateOf(after!);
  });
}

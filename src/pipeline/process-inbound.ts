import type {
  AiProvider,
  Classification,
  Evaluation,
  OfferedSlot,
  TokenUsage,
} from '../ai/provider.ts';
import { checkCampaignBreaker } from '../calibration/campaign-breaker.ts';
import { classifyPostSend, type PostSendReply } from '../calibration/classify-post-send.ts';
import { type HouseStyleCache, loadHouseStyle } from '../calibration/load-house-style.ts';
import { recordPostSendReply } from '../calibration/record-post-send-outcome.ts';
import type { Config } from '../config/load-config.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { decide } from '../decision/decide.ts';
import { detectBookingClaim } from '../decision/detect-booking-claim.ts';
import { checkDraftGuards } from '../decision/draft-guards.ts';
import { findSchedulerLinks } from '../decision/find-scheduler-links.ts';
import type { SkipReason } from '../decision/reasons.ts';
import {
  type DecisionEventInput,
  recordDecisionEvent,
  recordDecisionEvents,
} from '../decision/record-event.ts';
import { asAutosendError } from '../errors.ts';
import { followupsEvent } from '../followups/followups-event.ts';
import { followupsForAutoReply, pauseForClassifiedReply } from '../followups/pause-for-reply.ts';
import { runGates } from '../gates/run-gates.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { replyRecipient } from '../sending/reply-recipient.ts';
import { buildDraftInput } from './build-draft-input.ts';
import { decideDraftable } from './decide-draftable.ts';
import { flagLead } from './lead-flags.ts';
import { loadReplyContext, type ReplyContext } from './load-reply-context.ts';
import type { ResumePoint } from './load-resume-point.ts';
import { persistAiFailure } from './persist-ai-failure.ts';
import { persistDecision } from './persist-decision.ts';
import { reasonToOfferNoSlots } from './reason-to-offer-no-slots.ts';

/** What the availability module answers for one reply. */
export interface SlotOffer {
  slots: OfferedSlot[];
  noSlotsReason?: string;
  stale: boolean;
  offerIds: string[];
}

export type OfferSlots = (input: {
  workspaceId: string;
  leadId: string;
  leadTimeZone?: string;
  replyText: string;
  replyAt: Date;
  now: Date;
}) => Promise<SlotOffer>;

export interface PipelineDeps {
  db: Db;
  queue: JobQueue;
  config: Config;
  logger: Logger;
  ai: AiProvider;
  offerSlots: OfferSlots;
  /** Links the offers to the draft that carries them. */
  attachOffers: (tx: DbOrTx, offerIds: string[], draftId: string) => Promise<void>;
  /** The campaign's edit examples, read again only when they changed; without it, on every reply. */
  houseStyleCache?: HouseStyleCache;
  now?: () => Date;
}

export { SLOT_CATEGORIES } from './reason-to-offer-no-slots.ts';

export type ProcessOutcome =
  | { outcome: 'skipped'; reason: SkipReason; evidence?: string | null }
  | { outcome: 'send'; draftId: string; at: Date }
  | { outcome: 'review'; draftId: string; reason: string }
  | { outcome: 'already_processed' }
  | { outcome: 'failed'; code: string };

type PostSendRecorded = Awaited<ReturnType<typeof recordPostSendReply>>;

/** This reply may answer an automatic send: record what it says about that send (post-send outcome). */
async function recordPostSend(
  deps: PipelineDeps,
  tx: DbOrTx,
  ctx: ReplyContext,
  reply: PostSendReply,
): Promise<PostSendRecorded> {
  const outcome = classifyPostSend(reply);
  if (!outcome) return undefined;
  return recordPostSendReply(tx, {
    leadId: ctx.lead.id,
    reply: { id: ctx.message.id, occurredAt: ctx.message.occurredAt },
    outcome,
    ...(reply.category ? { category: reply.category } : {}),
    windowHours: deps.config.trust.postSendWindowHours,
  });
}

/** New post-send evidence: re-assess the campaign's breaker (never fails the reply). */
async function reassessBreaker(deps: PipelineDeps, recorded: PostSendRecorded): Promise<void> {
  if (!recorded?.campaignId) return;
  try {
    await checkCampaignBreaker(deps, recorded.campaignId);
  } catch (error) {
    deps.logger.error(
      { err: error, campaignId: recorded.campaignId },
      'could not re-assess the circuit breaker',
    );
  }
}

/** Skips a reply: writes the collected trail and the skip in one transaction. */
async function skip(
  deps: PipelineDeps,
  ctx: ReplyContext,
  trail: DecisionEventInput[],
  reason: SkipReason,
  evidence: string | null,
  extra?: (tx: DbOrTx) => Promise<void>,
): Promise<ProcessOutcome> {
  await deps.db.transaction(async (tx) => {
    await extra?.(tx);
    await recordDecisionEvents(tx, [
      ...trail,
      {
        messageId: ctx.message.id,
        step: 'decide',
        outcome: 'skipped',
        reason,
        detail: evidence ? { evidence } : {},
      },
    ]);
  });
  deps.logger.info({ messageId: ctx.message.id, reason }, 'reply skipped');
  return { outcome: 'skipped', reason, evidence };
}

/**
 * inbound.process: the story of one reply. Gates → classify → pause
 * follow-ups → should we draft? → offer slots → draft → evaluate → guards →
 * decide → (send later | review). Every step is written to decision_events;
 * the draft, the decision and the next job commit together.
 */
export async function processInbound(
  deps: PipelineDeps,
  messageId: string,
  attempt: { retryCount: number; retryLimit: number; signal?: AbortSignal } = {
    retryCount: 0,
    retryLimit: 0,
  },
): Promise<ProcessOutcome> {
  const now = deps.now?.() ?? new Date();
  const ctx = await loadReplyContext(deps.db, messageId);
  if (!ctx) return { outcome: 'failed', code: 'not_found' };
  if (ctx.decided) return { outcome: 'already_processed' };
  const { message, lead, campaign } = ctx;
  const trail: DecisionEventInput[] = [];
  const push = (e: Omit<DecisionEventInput, 'messageId'>) =>
    trail.push({ ...e, messageId: message.id });

  // 0. A forgotten address (`autosend lead forget`) is never answered, whatever the text says.
  if (ctx.suppressed) {
    return skip(deps, ctx, trail, 'suppressed', `address suppressed (${ctx.suppressed})`);
  }

  // 1. Gates: what must never get an answer.
  const gates = runGates({
    fromEmail: message.fromEmail,
    ...(message.fromName ? { fromName: message.fromName } : {}),
    returnPath: (message.headers as Record<string, string>)['return-path'] ?? undefined,
    subject: message.subject,
    text: message.text,
    headers: message.headers as Record<string, string>,
    platformFlags: message.platformFlags as Record<string, unknown>,
  });
  push({
    step: 'gates',
    outcome: gates.gate ? 'hit' : 'passed',
    reason: gates.gate,
    detail: { evidence: gates.evidence },
  });
  if (gates.gate === 'bounce' || gates.gate === 'opt_out') {
    const flag = gates.gate === 'bounce' ? 'bounced' : 'opted_out';
    // A DSN names the recipient it was read from (ingest/find-bounce-recipient.ts): keep that too.
    const recipient = (message.platformFlags as Record<string, unknown>)['bounceRecipient'];
    const evidence = [
      gates.evidence ?? gates.gate!,
      typeof recipient === 'string' ? recipient : null,
    ]
      .filter(Boolean)
      .join(' | ');
    let answered: PostSendRecorded;
    const skipped = await skip(deps, ctx, trail, gates.gate, evidence, async (tx) => {
      await flagLead(tx, { leadId: lead.id, flag, evidence, at: message.occurredAt });
      answered = await recordPostSend(deps, tx, ctx, { gate: gates.gate, newText: gates.newText });
    });
    await reassessBreaker(deps, answered);
    return skipped;
  }
  if (gates.gate === 'auto_reply') {
    // Out of office: the lead's sequences wait until the day after the return date.
    return skip(deps, ctx, trail, 'auto_reply', gates.evidence, async (tx) => {
      const changes = await followupsForAutoReply(tx, {
        leadId: lead.id,
        messageId: message.id,
        subject: message.subject,
        text: gates.newText,
        receivedAt: message.occurredAt,
        zone: lead.timeZone ?? ctx.workspace.timeZone,
        now,
      });
      if (changes.length) push(followupsEvent(changes));
    });
  }
  if (lead.optedOutAt || lead.bouncedAt) {
    return skip(
      deps,
      ctx,
      trail,
      lead.optedOutAt ? 'opt_out' : 'bounce',
      lead.optedOutReason ?? lead.bouncedReason,
    );
  }
  if (!campaign?.configuredAt) {
    const detail = campaign
      ? `campaign "${campaign.name}" was discovered from a webhook and is not configured yet (autosend campaign set ${campaign.id})`
      : 'the reply names no campaign';
    return skip(deps, ctx, trail, 'unknown_campaign', detail);
  }

  // 2. Classify, then pause follow-ups: the lead replied.
  // A retry resumes with what an earlier attempt obtained (load-resume-point.ts).
  const { resume } = ctx;
  const obtainedSoFar: ResumePoint = {};
  let classification: Classification;
  const aiFailure = async (
    step: 'classify' | 'draft' | 'evaluate',
    error: unknown,
    obtained: { offer?: SlotOffer; draft?: { body: string; model: string; draftMs: number } } = {},
  ): Promise<ProcessOutcome> => {
    const err = asAutosendError(error);
    const willRetry = err.retryable && attempt.retryCount < attempt.retryLimit;
    await recordDecisionEvent(deps.db, {
      messageId: message.id,
      step,
      outcome: 'failed',
      reason: err.code,
      detail: {
        message: err.message,
        attempt: attempt.retryCount + 1,
        willRetry,
        ...(willRetry ? { resume: { ...obtainedSoFar, ...obtained } } : {}),
      },
    });
    deps.logger.error(
      { messageId: message.id, step, code: err.code, willRetry },
      `AI ${step} failed`,
    );
    if (willRetry) throw err;
    // Permanent, or the last attempt: a human gets the reply (never lost to everyone).
    return persistAiFailure(deps, {
      ctx,
      trail,
      step,
      error: err,
      attempt: attempt.retryCount + 1,
      model: deps.ai.model,
      ...obtained,
    });
  };
  try {
    classification =
      resume.classification ??
      (await deps.ai.classify(
        {
          newText: gates.newText,
          subject: message.subject,
          fromEmail: message.fromEmail,
          leadEmail: lead.email,
          transcript: ctx.transcript,
        },
        attempt.signal,
      ));
  } catch (error) {
    return aiFailure('classify', error);
  }
  obtainedSoFar.classification = classification;
  push({
    step: 'classify',
    outcome: classification.category,
    detail: {
      confidence: classification.confidence,
      evidence: classification.evidence,
      model: deps.ai.model,
      ...(classification.usage ? { usage: classification.usage } : {}),
      ...(resume.classification ? { resumed: true } : {}),
    },
  });
  let answered: PostSendRecorded;
  // Nothing to pause and no send to answer (read with the context): no transaction.
  const followupChanges = !(ctx.leadHasFollowups || ctx.leadHasSentReplies)
    ? []
    : await deps.db.transaction(async (tx) => {
        answered = await recordPostSend(deps, tx, ctx, {
          gate: gates.gate,
          category: classification.category,
          newText: gates.newText,
        });
        return pauseForClassifiedReply(tx, {
          leadId: lead.id,
          messageId: message.id,
          category: classification.category,
          subject: message.subject,
          text: gates.newText,
          receivedAt: message.occurredAt,
          zone: lead.timeZone ?? ctx.workspace.timeZone,
          now,
        });
      });
  if (followupChanges.length) push(followupsEvent(followupChanges));
  await reassessBreaker(deps, answered!);

  const should = decideDraftable({ category: classification.category, lead, campaign });
  if (!should.draft) {
    const { flag } = should;
    return skip(
      deps,
      ctx,
      trail,
      should.reason,
      classification.evidence,
      flag
        ? (tx) =>
            flagLead(tx, {
              leadId: lead.id,
              flag,
              evidence: `classified ${classification.category}: ${classification.evidence}`,
              at: message.occurredAt,
            })
        : undefined,
    );
  }
  push({ step: 'should_draft', outcome: 'draft' });

  // 3. Slots, draft, evaluation, guards.
  // A lead's own scheduling link sends the draft to review (lead_scheduler_link);
  // which replies get no slots at all: reason-to-offer-no-slots.ts.
  const leadLinks = findSchedulerLinks(message.text);
  // Whatever the category, a lead who says the meeting is booked gets no new slots.
  const bookingClaim = detectBookingClaim(gates.newText);
  if (bookingClaim) {
    push({
      step: 'booking_claim',
      outcome: 'claimed',
      detail: { evidence: bookingClaim.evidence },
    });
  }
  const noSlots = (noSlotsReason: string): SlotOffer => ({
    slots: [],
    offerIds: [],
    stale: false,
    noSlotsReason,
  });
  const noSlotsReason = reasonToOfferNoSlots({
    category: classification.category,
    bookingClaimEvidence: bookingClaim?.evidence ?? null,
    leadSchedulerLinks: leadLinks,
  });
  // Slots an earlier attempt holds are reused, never held twice.
  const offer: SlotOffer = resume.offer
    ? resume.offer
    : noSlotsReason
      ? noSlots(noSlotsReason)
      : await deps.offerSlots({
          workspaceId: message.workspaceId,
          leadId: lead.id,
          ...(lead.timeZone ? { leadTimeZone: lead.timeZone } : {}),
          replyText: gates.newText,
          replyAt: message.occurredAt,
          now,
        });
  push({
    step: 'availability',
    outcome: offer.slots.length ? 'offered' : 'none',
    reason: offer.noSlotsReason ?? null,
    detail: { slots: offer.slots.map((s) => s.label), stale: offer.stale },
  });
  const houseStyle = await loadHouseStyle(
    deps.db,
    {
      campaignId: campaign.id,
      replyText: gates.newText,
      category: classification.category,
      limit: deps.config.trust.houseStyleExamples,
    },
    deps.houseStyleCache ? { cache: deps.houseStyleCache, stamp: ctx.houseStyleStamp } : undefined,
  );
  if (houseStyle.length) {
    push({ step: 'draft', outcome: 'house_style', detail: { examples: houseStyle.length } });
  }
  const draftInput = buildDraftInput(ctx, {
    newText: gates.newText,
    category: classification.category,
    slots: offer.slots,
    ...(offer.noSlotsReason ? { noSlotsReason: offer.noSlotsReason } : {}),
    houseStyle,
  });
  const draftStarted = Date.now();
  let body: string;
  let model: string;
  let draftUsage: TokenUsage | undefined;
  try {
    ({
      body,
      model,
      usage: draftUsage,
    } = resume.draft ?? (await deps.ai.draft(draftInput, attempt.signal)));
  } catch (error) {
    return aiFailure('draft', error, { offer });
  }
  const draftMs = Date.now() - draftStarted;
  let evaluation: Evaluation;
  const evaluateStarted = Date.now();
  try {
    evaluation = await deps.ai.evaluate({ ...draftInput, draftBody: body }, attempt.signal);
  } catch (error) {
    return aiFailure('evaluate', error, { offer, draft: { body, model, draftMs } });
  }
  const evaluateMs = Date.now() - evaluateStarted;
  const guardFailures = checkDraftGuards({
    body,
    offeredSlots: offer.slots,
    bookingLink: campaign.bookingLink,
    knowledge: campaign.knowledge,
    recipient: replyRecipient(lead),
    expectedRecipient: message.fromEmail,
    ownAddresses: [...message.toEmails, ...(campaign.senderEmail ? [campaign.senderEmail] : [])],
    replyText: message.text,
  });
  const differentSender = message.fromEmail.toLowerCase() !== lead.email.toLowerCase();

  // 4. Decide and persist the draft, the trail, the decision and the next job together.
  // The breaker and the daily cap are read under the message's lock, not from the
  // context: this very reply (or a parallel one) may have tripped them.
  return persistDecision(deps, {
    ctx,
    trail,
    offer,
    draft: { body, model, draftMs, ...(draftUsage ? { usage: draftUsage } : {}) },
    evaluation,
    evaluateMs,
    guardFailures,
    now,
    decide: ({ breakerOpen, dailyCapReached }) =>
      decide({
        messageId: message.id,
        receivedAt: message.occurredAt,
        category: classification.category,
        campaign,
        evaluation,
        guardFailures,
        differentSender,
        bookingClaim: bookingClaim?.evidence ?? null,
        killSwitch: deps.config.autoSendDisabled,
        breakerOpen,
        dailyCapReached,
        now,
      }),
  });
}

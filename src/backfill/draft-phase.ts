import { inArray } from 'drizzle-orm';
import type { AiProvider, Classification, Evaluation } from '../ai/provider.ts';
import {
  allocateBatch,
  attachOffersToDraft,
  type OfferInput,
} from '../availability/offer-slots.ts';
import { loadHouseStyle } from '../calibration/load-house-style.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { slotOffers } from '../db/schema.ts';
import { decide } from '../decision/decide.ts';
import { detectBookingClaim } from '../decision/detect-booking-claim.ts';
import { checkDraftGuards } from '../decision/draft-guards.ts';
import { findSchedulerLinks } from '../decision/find-scheduler-links.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { asAutosendError } from '../errors.ts';
import { runGates } from '../gates/run-gates.ts';
import { buildDraftInput } from '../pipeline/build-draft-input.ts';
import { decideDraftable } from '../pipeline/decide-draftable.ts';
import { flagLead, pauseFollowupsForReply } from '../pipeline/lead-flags.ts';
import { loadReplyContext, type ReplyContext } from '../pipeline/load-reply-context.ts';
import type { SlotOffer } from '../pipeline/process-inbound.ts';
import { reasonToOfferNoSlots } from '../pipeline/reason-to-offer-no-slots.ts';
import { replyRecipient } from '../sending/reply-recipient.ts';
import type { RunContext } from './backfill-context.ts';
import { SHADOW_THRESHOLDS } from './build-summary.ts';
import { itemLogFields } from './item-log-fields.ts';
import { limitAiProvider } from './limit-ai-provider.ts';
import { persistBackfillDraft } from './persist-draft.ts';
import { makeRateLimiter } from './rate-limiter.ts';
import { runPool } from './run-pool.ts';
import { type BackfillItemRow, countState, nextItems, updateItem } from './run-state.ts';

interface Work {
  item: BackfillItemRow;
  ctx: ReplyContext;
  newText: string;
  classification: Classification;
  classifyMs: number;
  offer: SlotOffer;
  /** The lead says the meeting is booked (decision/detect-booking-claim.ts): the quote. */
  bookingClaim: string | null;
}

/** Rolls back the shadow allocation: slots are computed, never held. */
class ShadowRollback extends Error {}

/**
 * Phase 1: drafts for every pending item, a page at a time. Per page the
 * replies are classified by a pool of `concurrency` workers under the --rpm
 * limit, their slots allocated together (allocateBatch spreads them across
 * the batch), then drafted and evaluated by the pool. Each item is saved as
 * it finishes; a failure marks that item failed with its code and the run
 * goes on. Returns false when the run was stopped.
 */
export async function runDraftPhase(
  run: RunContext,
): Promise<{ stopped: boolean; modelCalls: number }> {
  const { db } = run.deps;
  if (!run.deps.ai)
    throw new Error('backfill: a shadow or apply run needs an AI provider (deps.ai)');
  const ai = limitAiProvider(run.deps.ai, makeRateLimiter(run.rpm));
  run.deps.progress?.start('draft', await countState(db, run.runId, 'pending'));
  const pageSize = Math.max(run.concurrency * 4, 32);
  let after: { replyAt: Date; id: string } | undefined;
  try {
    for (;;) {
      if (await run.stopped()) return { stopped: true, modelCalls: ai.calls() };
      const items = await nextItems(db, run.runId, 'pending', pageSize, after);
      if (!items.length) return { stopped: false, modelCalls: ai.calls() };
      const last = items[items.length - 1]!;
      after = { replyAt: last.replyAt ?? new Date(0), id: last.id };
      await draftPage(run, ai, items);
    }
  } finally {
    run.deps.progress?.stop();
  }
}

async function draftPage(run: RunContext, ai: AiProvider, items: BackfillItemRow[]): Promise<void> {
  const { db } = run.deps;
  const signal = run.deps.signal;
  const classified: Work[] = [];
  await runPool(
    items,
    run.concurrency,
    async (item) => {
      const work = await prepare(run, ai, item);
      if (work) classified.push(work);
    },
    signal,
  );
  const drafting = await offerSlots(run, classified);
  await runPool(drafting, run.concurrency, (work) => draftOne(run, ai, work), signal);
  // Aborted between the pools: the slots of items never drafted go back.
  const leftover = drafting.filter((w) => !w.item.draftId).flatMap((w) => w.offer.offerIds);
  if (leftover.length && signal?.aborted) await releaseOffers(db, leftover);
}

async function fail(run: RunContext, item: BackfillItemRow, step: string, error: unknown) {
  const err = asAutosendError(error);
  await run.deps.db.transaction(async (tx) => {
    await updateItem(tx, item.id, {
      state: 'failed',
      detail: { reason: err.code, step, error: err.message.slice(0, 500) },
    });
    await recordDecisionEvent(tx, {
      messageId: item.messageId,
      step: 'backfill',
      outcome: 'failed',
      reason: err.code,
      detail: { runId: run.runId, step, message: err.message.slice(0, 500) },
    });
  });
  run.log.write({
    phase: 'draft',
    event: 'failed',
    ...itemLogFields(run, item),
    step,
    code: err.code,
    error: err.message.slice(0, 500),
  });
  run.deps.progress?.line(`failed   ${itemLabel(run, item)}: ${step} ${err.code}`);
  run.deps.progress?.tick();
}

async function skip(
  run: RunContext,
  item: BackfillItemRow,
  reason: string,
  evidence: string,
  extra?: (tx: DbOrTx) => Promise<void>,
) {
  await run.deps.db.transaction(async (tx) => {
    await extra?.(tx);
    await updateItem(tx, item.id, { state: 'skipped', detail: { reason, evidence } });
    if (run.mode === 'apply') {
      await recordDecisionEvent(tx, {
        messageId: item.messageId,
        step: 'backfill',
        outcome: 'skipped',
        reason,
        detail: { runId: run.runId, evidence },
      });
    }
  });
  run.log.write({
    phase: 'draft',
    event: 'skipped',
    ...itemLogFields(run, item),
    reason,
    evidence,
  });
  run.deps.progress?.tick();
}

/** Loads the reply, re-checks what may have changed since selection, classifies it. */
async function prepare(
  run: RunContext,
  ai: AiProvider,
  item: BackfillItemRow,
): Promise<Work | null> {
  const ctx = await loadReplyContext(run.deps.db, item.messageId);
  if (!ctx) {
    await fail(run, item, 'load', new Error('the reply no longer exists'));
    return null;
  }
  const { message, lead, campaign } = ctx;
  if (!campaign?.configuredAt || campaign.responseMode !== 'AI_AUTO_SEND') {
    await skip(
      run,
      item,
      'campaign_changed',
      'the campaign is no longer configured for AI_AUTO_SEND',
    );
    return null;
  }
  const gates = runGates({
    fromEmail: message.fromEmail,
    ...(message.fromName ? { fromName: message.fromName } : {}),
    returnPath: (message.headers as Record<string, string>)['return-path'] ?? undefined,
    subject: message.subject,
    text: message.text,
    headers: message.headers as Record<string, string>,
    platformFlags: message.platformFlags as Record<string, unknown>,
  });
  if (gates.gate) {
    await skip(run, item, gates.gate, gates.evidence ?? gates.gate);
    return null;
  }
  const started = performance.now();
  let classification: Classification;
  try {
    classification = await ai.classify({
      newText: gates.newText,
      subject: message.subject,
      fromEmail: message.fromEmail,
      leadEmail: lead.email,
      transcript: ctx.transcript,
    });
  } catch (error) {
    await fail(run, item, 'classify', error);
    return null;
  }
  const classifyMs = Math.round(performance.now() - started);
  // As live traffic does: the lead replied, so their follow-ups pause (apply only).
  if (run.mode === 'apply') {
    await run.deps.db.transaction((tx) =>
      pauseFollowupsForReply(tx, lead.id, {
        messageId: ctx.message.id,
        at: ctx.message.occurredAt,
      }),
    );
  }
  run.log.write({
    phase: 'draft',
    event: 'classified',
    ...itemLogFields(run, item),
    category: classification.category,
    ms: classifyMs,
  });
  const should = decideDraftable({ category: classification.category, lead, campaign });
  if (!should.draft) {
    const { flag } = should;
    // As in live traffic, an apply run flags the lead; a shadow run changes nothing.
    await skip(
      run,
      item,
      should.reason,
      `classified ${classification.category}: ${classification.evidence}`,
      flag && run.mode === 'apply'
        ? (tx) =>
            flagLead(tx, {
              leadId: lead.id,
              flag,
              evidence: `classified ${classification.category}: ${classification.evidence}`,
              at: message.occurredAt,
            })
        : undefined,
    );
    return null;
  }
  const noSlots = (noSlotsReason: string): SlotOffer => ({
    slots: [],
    offerIds: [],
    stale: false,
    noSlotsReason,
  });
  // The same rule as inbound.process: a booking claim, a lead's own link or a
  // category that does not call for times gets no slots.
  const bookingClaim = detectBookingClaim(gates.newText)?.evidence ?? null;
  const noSlotsReason = reasonToOfferNoSlots({
    category: classification.category,
    bookingClaimEvidence: bookingClaim,
    leadSchedulerLinks: findSchedulerLinks(message.text),
  });
  const offer: SlotOffer = noSlotsReason
    ? noSlots(noSlotsReason)
    : { slots: [], offerIds: [], stale: false };
  return { item, ctx, newText: gates.newText, classification, classifyMs, offer, bookingClaim };
}

/**
 * Slots for the whole page at once, so allocateBatch spreads them. Shadow
 * runs allocate inside a transaction that is rolled back: the offers are
 * computed as apply would, and never held.
 */
async function offerSlots(run: RunContext, works: Work[]): Promise<Work[]> {
  const wanting = works.filter((w) => w.offer.noSlotsReason === undefined);
  if (!wanting.length) return works;
  const now = run.now();
  const inputs: OfferInput[] = wanting.map((w) => ({
    workspaceId: w.ctx.message.workspaceId,
    leadId: w.ctx.lead.id,
    leadTimeZone: w.ctx.lead.timeZone,
    replyText: w.newText,
    replyAt: w.ctx.message.occurredAt,
    now,
  }));
  const { db, config, logger } = run.deps;
  try {
    let results: Awaited<ReturnType<typeof allocateBatch>> = [];
    if (run.mode === 'apply') results = await allocateBatch({ db, config, logger }, inputs);
    else {
      await db
        .transaction(async (tx) => {
          // A transaction handle stands in for the pool: allocateBatch's own transaction becomes a savepoint.
          results = await allocateBatch({ db: tx as unknown as Db, config, logger }, inputs);
          throw new ShadowRollback();
        })
        .catch((error) => {
          if (!(error instanceof ShadowRollback)) throw error;
        });
    }
    wanting.forEach((w, i) => {
      const r = results[i]!;
      w.offer = {
        slots: r.slots,
        offerIds: run.mode === 'apply' ? r.offerIds : [],
        stale: r.stale,
        ...(r.noSlotsReason ? { noSlotsReason: r.noSlotsReason } : {}),
      };
    });
    return works;
  } catch (error) {
    for (const w of wanting) await fail(run, w.item, 'availability', error);
    return works.filter((w) => !wanting.includes(w));
  }
}

async function releaseOffers(db: Db, offerIds: string[]): Promise<void> {
  if (offerIds.length) {
    await db.update(slotOffers).set({ status: 'expired' }).where(inArray(slotOffers.id, offerIds));
  }
}

/** What each gate (the campaign's and the comparison thresholds) would do with this draft. */
function shadowDecisions(
  work: Work,
  evaluation: Evaluation,
  guardFailures: ReturnType<typeof checkDraftGuards>,
  now: Date,
) {
  const campaign = work.ctx.campaign!;
  const at = (gate: number) =>
    decide({
      messageId: work.ctx.message.id,
      receivedAt: work.ctx.message.occurredAt,
      category: work.classification.category,
      campaign: { ...campaign, confidenceGate: gate },
      evaluation,
      guardFailures,
      differentSender:
        work.ctx.message.fromEmail.toLowerCase() !== work.ctx.lead.email.toLowerCase(),
      bookingClaim: work.bookingClaim,
      killSwitch: false,
      // A shadow run compares gates: what each would do were the breaker closed.
      breakerOpen: false,
      dailyCapReached: false,
      now,
    });
  const atGate = at(campaign.confidenceGate);
  const out: Record<string, string> = { gate: atGate.action };
  for (const t of SHADOW_THRESHOLDS) out[String(t)] = at(t).action;
  return { shadow: out, reviewReason: atGate.action === 'review' ? atGate.reason : null };
}

async function draftOne(run: RunContext, ai: AiProvider, work: Work): Promise<void> {
  const { item, ctx, offer, classification } = work;
  const campaign = ctx.campaign!;
  // The same house-style examples inbound.process gives the drafter.
  const houseStyle = await loadHouseStyle(run.deps.db, {
    campaignId: campaign.id,
    replyText: work.newText,
    category: classification.category,
    limit: run.deps.config.trust.houseStyleExamples,
  });
  const input = buildDraftInput(ctx, {
    newText: work.newText,
    category: classification.category,
    slots: offer.slots,
    ...(offer.noSlotsReason ? { noSlotsReason: offer.noSlotsReason } : {}),
    houseStyle,
  });
  let body: string;
  let model: string;
  let evaluation: Evaluation;
  const draftStarted = performance.now();
  try {
    ({ body, model } = await ai.draft(input));
  } catch (error) {
    await releaseOffers(run.deps.db, offer.offerIds);
    return fail(run, item, 'draft', error);
  }
  const draftMs = Math.round(performance.now() - draftStarted);
  const evaluateStarted = performance.now();
  try {
    evaluation = await ai.evaluate({ ...input, draftBody: body });
  } catch (error) {
    await releaseOffers(run.deps.db, offer.offerIds);
    return fail(run, item, 'evaluate', error);
  }
  const evaluateMs = Math.round(performance.now() - evaluateStarted);
  const guardFailures = checkDraftGuards({
    body,
    offeredSlots: offer.slots,
    bookingLink: campaign.bookingLink,
    knowledge: campaign.knowledge,
    recipient: replyRecipient(ctx.lead),
    expectedRecipient: ctx.message.fromEmail,
    ownAddresses: [
      ...ctx.message.toEmails,
      ...(campaign.senderEmail ? [campaign.senderEmail] : []),
    ],
    replyText: ctx.message.text,
  });
  const score = Math.round(evaluation.confidence * 100);
  const shadow =
    run.mode === 'shadow' ? shadowDecisions(work, evaluation, guardFailures, run.now()) : null;
  const itemDetail = {
    category: classification.category,
    slots: offer.slots.map((s) => s.start),
    score,
    gate: campaign.confidenceGate,
    guards: guardFailures.map((f) => f.code),
    ...(shadow ?? {}),
  };
  try {
    const saved = await persistBackfillDraft(
      run.deps.db,
      run.mode === 'apply' ? 'apply' : 'shadow',
      {
        runId: run.runId,
        itemId: item.id,
        messageId: item.messageId,
        answers: [
          item.messageId,
          ...(((item.detail as { folded?: string[] }).folded ?? []) as string[]),
        ],
        subject: ctx.message.subject,
        body,
        model,
        slots: offer.slots,
        offerIds: offer.offerIds,
        evaluation,
        guardFailures,
        timings: { classifyMs: work.classifyMs, draftMs, evaluateMs },
        trail:
          run.mode === 'apply'
            ? [
                {
                  step: 'classify',
                  outcome: classification.category,
                  detail: {
                    confidence: classification.confidence,
                    evidence: classification.evidence,
                    model: ai.model,
                  },
                },
                {
                  step: 'availability',
                  outcome: offer.slots.length ? 'offered' : 'none',
                  reason: offer.noSlotsReason ?? null,
                  detail: { slots: offer.slots.map((s) => s.label), stale: offer.stale },
                },
                { step: 'draft', outcome: 'generated', detail: { model, draftMs } },
                {
                  step: 'evaluate',
                  outcome: `${score}%`,
                  detail: { ...evaluation, evaluateMs, gate: campaign.confidenceGate },
                },
                {
                  step: 'guards',
                  outcome: guardFailures.length ? 'failed' : 'passed',
                  detail: { failures: guardFailures },
                },
              ]
            : [],
        itemDetail,
      },
      attachOffersToDraft,
    );
    if ('skipped' in saved) {
      await releaseOffers(run.deps.db, offer.offerIds);
      await skip(run, item, saved.skipped, `draft ${saved.heldBy} holds the reply since selection`);
      return;
    }
    item.draftId = saved.draftId;
    run.log.write({
      phase: 'draft',
      event: run.mode === 'apply' ? 'drafted' : 'shadow_drafted',
      ...itemLogFields(run, item),
      draftId: saved.draftId,
      category: classification.category,
      slotsOffered: offer.slots.map((s) => s.label),
      confidence: score,
      gate: campaign.confidenceGate,
      guards: guardFailures.map((f) => f.code),
      ...(shadow ? { wouldAtGate: shadow.shadow.gate, wouldAt: shadow.shadow } : {}),
      ...(saved.superseded.length ? { superseded: saved.superseded } : {}),
      ...((item.detail as { humanAnswerId?: string }).humanAnswerId
        ? { humanAnswerId: (item.detail as { humanAnswerId?: string }).humanAnswerId }
        : {}),
      draftMs,
      evaluateMs,
    });
    run.deps.progress?.tick();
  } catch (error) {
    await releaseOffers(run.deps.db, offer.offerIds);
    await fail(run, item, 'save', error);
  }
}

function itemLabel(run: RunContext, item: BackfillItemRow): string {
  const f = itemLogFields(run, item);
  return `${f.lead?.email ?? item.messageId}${f.campaign ? ` [${f.campaign.name}]` : ''}`;
}

import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { Category } from '../ai/provider.ts';
import { drafts } from '../db/schema.ts';
import { decide } from '../decision/decide.ts';
import { detectBookingClaim } from '../decision/detect-booking-claim.ts';
import type { GuardFailure } from '../decision/draft-guards.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { asAutosendError } from '../errors.ts';
import { extractNewText } from '../gates/extract-new-text.ts';
import { createReviewRequest } from '../review/review-actions.ts';
import { findThreadChange } from '../sending/check-thread.ts';
import { closeUnsentDraft } from '../sending/hold-for-review.ts';
import { loadSendContext, type SendContext } from '../sending/load-send-context.ts';
import { countAutoSendsSince } from '../sending/send-ledger.ts';
import { makeReplySendHandler, type SendOutcome } from '../sending/send-reply.ts';
import { startOfLocalDay } from '../sending/sending-window.ts';
import { notifyReviewers } from '../slack/notify-reviewers.ts';
import type { RunContext } from './backfill-context.ts';
import { itemLogFields } from './item-log-fields.ts';
import {
  type BackfillItemRow,
  countState,
  type ItemState,
  nextItems,
  updateItem,
} from './run-state.ts';

/**
 * Phase 2: one drafted item at a time, in reply-time order. Just before each
 * send the conversation is re-checked for a newer inbound or any outbound
 * message; then `decide()` with the campaign's gate: at or above it the draft
 * goes through reply.send now (the one path that sends: the send ledger, the
 * sending window, the daily cap); below it a review is opened and its Slack
 * notification's result recorded on the item. `--send-pacing-ms` waits
 * between items. Returns whether the run was stopped.
 */
export async function runSendPhase(run: RunContext): Promise<{ stopped: boolean }> {
  const { db, config, logger, queue } = run.deps;
  // --override-kill-switch: this run's own sends ignore AUTO_SEND_DISABLED (logged at start).
  const sendConfig = run.selection.overrideKillSwitch
    ? { ...config, autoSendDisabled: false }
    : config;
  const sendReply = makeReplySendHandler({
    db,
    config: sendConfig,
    logger,
    queue,
    ...(run.deps.sender ? { sender: run.deps.sender } : {}),
    now: run.now,
  });
  run.deps.progress?.start('send', await countState(db, run.runId, 'drafted'));
  try {
    let first = true;
    for (;;) {
      if (await run.stopped()) return { stopped: true };
      const [item] = await nextItems(db, run.runId, 'drafted', 1);
      if (!item) return { stopped: false };
      if (!first && run.sendPacingMs > 0) {
        try {
          await sleep(
            run.sendPacingMs,
            undefined,
            run.deps.signal ? { signal: run.deps.signal } : {},
          );
        } catch {
          return { stopped: true };
        }
      }
      first = false;
      const started = performance.now();
      try {
        await sendOne(run, item, sendReply, started);
      } catch (error) {
        const err = asAutosendError(error);
        await updateItem(db, item.id, {
          state: 'send_failed',
          detail: { reason: err.code, error: err.message.slice(0, 500) },
        });
        log(
          run,
          item,
          'send_failed',
          { code: err.code, error: err.message.slice(0, 500) },
          started,
        );
        run.deps.progress?.line(`send failed  ${label(run, item)}: ${err.code}`);
      }
      run.deps.progress?.tick();
    }
  } finally {
    run.deps.progress?.stop();
  }
}

function log(
  run: RunContext,
  item: BackfillItemRow,
  event: string,
  fields: Record<string, unknown>,
  started: number,
) {
  run.log.write({
    phase: 'send',
    event,
    ...itemLogFields(run, item),
    draftId: item.draftId,
    ...fields,
    ms: Math.round(performance.now() - started),
  });
}

function label(run: RunContext, item: BackfillItemRow): string {
  const f = itemLogFields(run, item);
  return `${f.lead?.email ?? item.messageId}${f.campaign ? ` [${f.campaign.name}]` : ''}`;
}

const FROM_SEND: Record<SendOutcome['outcome'], ItemState> = {
  sent: 'sent',
  noop: 'send_failed',
  in_progress: 'send_failed',
  superseded: 'superseded',
  review: 'review',
  deferred: 'deferred',
  // The sender refused our credentials or could not connect: reply.send retries by itself.
  held: 'deferred',
  failed: 'send_failed',
  send_unknown: 'send_unknown',
};

async function sendOne(
  run: RunContext,
  item: BackfillItemRow,
  sendReply: ReturnType<typeof makeReplySendHandler>,
  started: number,
): Promise<void> {
  const { db, queue } = run.deps;
  const ctx = item.draftId ? await loadSendContext(db, item.draftId) : null;
  if (!ctx) {
    await updateItem(db, item.id, { state: 'send_failed', detail: { reason: 'not_found' } });
    log(
      run,
      item,
      'send_failed',
      { code: 'not_found', error: 'the draft no longer exists' },
      started,
    );
    return;
  }
  const status = ctx.draft.status;
  // Resumed after a crash mid-send: reply.send itself knows what happened (ledger and outbox).
  if (status === 'sending' || status === 'sent')
    return finishSend(run, item, await sendReply({ draftId: ctx.draft.id }), started);
  if (ctx.review) return finishReview(run, item, ctx.review.id, ctx.review.reason, started, null);
  if (status !== 'generated') {
    await updateItem(db, item.id, { state: 'superseded', detail: { reason: status } });
    log(run, item, 'superseded', { reason: `the draft is ${status}` }, started);
    return;
  }
  const now = run.now();
  const change = await findThreadChange(db, ctx.inbound, ctx.draft.id);
  if (change) {
    await closeUnsentDraft(db, {
      ctx,
      status: 'superseded',
      reason: 'superseded',
      at: now,
      detail: change,
    });
    await updateItem(db, item.id, {
      state: 'superseded',
      detail: { reason: 'superseded', change },
    });
    log(run, item, 'superseded', { change }, started);
    run.deps.progress?.line(`superseded  ${label(run, item)}: the conversation moved on`);
    return;
  }
  const decision = decideFor(run, ctx, item, now, await capReached(ctx, now, db));
  const score = decision.score;
  if (decision.action === 'send') {
    const later = decision.at.getTime() > now.getTime() + 1000;
    await db.transaction(async (tx) => {
      await tx
        .update(drafts)
        .set({ sendAfter: decision.at, updatedAt: now })
        .where(eq(drafts.id, ctx.draft.id));
      await recordDecisionEvent(tx, {
        messageId: ctx.inbound.id,
        draftId: ctx.draft.id,
        step: 'decide',
        outcome: 'send',
        reason: 'confidence_met',
        detail: {
          score,
          gate: decision.gate,
          at: decision.at.toISOString(),
          backfillRun: run.runId,
        },
      });
      // --respect-delays: the campaign's delay counts from now; reply.send runs then, in the worker.
      if (later) {
        await queue.enqueue(
          'reply.send',
          { draftId: ctx.draft.id },
          { tx, startAfter: decision.at, singletonKey: ctx.draft.id },
        );
      }
    });
    if (later) {
      await updateItem(db, item.id, {
        state: 'scheduled',
        detail: { score, gate: decision.gate, at: decision.at.toISOString() },
      });
      log(
        run,
        item,
        'scheduled',
        { decision: 'send', confidence: score, gate: decision.gate, at: decision.at.toISOString() },
        started,
      );
      run.deps.progress?.line(
        `scheduled  ${label(run, item)}: ${score}% >= ${decision.gate}%, at ${decision.at.toISOString()}`,
      );
      return;
    }
    return finishSend(run, item, await sendReply({ draftId: ctx.draft.id }), started, {
      confidence: score,
      gate: decision.gate,
    });
  }
  const review = await db.transaction(async (tx) => {
    await recordDecisionEvent(tx, {
      messageId: ctx.inbound.id,
      draftId: ctx.draft.id,
      step: 'decide',
      outcome: 'review',
      reason: decision.reason,
      detail: {
        score,
        gate: decision.gate,
        ...(decision.detail ? { detail: decision.detail } : {}),
        backfillRun: run.runId,
      },
    });
    return createReviewRequest(tx, queue, {
      workspaceId: ctx.inbound.workspaceId,
      draftId: ctx.draft.id,
      reason: decision.reason,
    });
  });
  return finishReview(run, item, review.id, decision.reason, started, {
    confidence: score,
    gate: decision.gate,
  });
}

async function capReached(
  ctx: SendContext,
  now: Date,
  db: RunContext['deps']['db'],
): Promise<boolean> {
  const cap = ctx.campaign?.dailyAutoSendCap ?? null;
  if (cap === null) return false;
  return (
    (await countAutoSendsSince(
      db,
      ctx.campaign!.id,
      startOfLocalDay(now, ctx.workspace.timeZone),
    )) >= cap
  );
}

function decideFor(
  run: RunContext,
  ctx: SendContext,
  item: BackfillItemRow,
  now: Date,
  dailyCapReached: boolean,
) {
  const campaign = ctx.campaign!;
  const detail = item.detail as { category?: Category };
  const respect = run.selection.respectDelays;
  return decide({
    messageId: ctx.inbound.id,
    // Without --respect-delays the campaign's delay is bypassed: send now. With it, the delay counts from now.
    receivedAt: respect ? now : ctx.inbound.occurredAt,
    category: detail.category ?? 'neutral',
    campaign: respect ? campaign : { ...campaign, sendDelayMinSeconds: 0, sendDelayMaxSeconds: 0 },
    evaluation: {
      confidence: ctx.draft.confidence ?? 0,
      safeToSend: ctx.draft.safeToSend ?? false,
      requiresHumanReview: ctx.draft.requiresHumanReview ?? true,
      reason: ctx.draft.evaluatorReason ?? '',
    },
    guardFailures: (ctx.draft.guardFailures as GuardFailure[]) ?? [],
    differentSender: ctx.inbound.fromEmail.toLowerCase() !== ctx.lead.email.toLowerCase(),
    bookingClaim: detectBookingClaim(extractNewText(ctx.inbound.text))?.evidence ?? null,
    killSwitch: run.deps.config.autoSendDisabled && !run.selection.overrideKillSwitch,
    breakerOpen: campaign.breakerOpenedAt !== null,
    dailyCapReached,
    now,
  });
}

async function finishSend(
  run: RunContext,
  item: BackfillItemRow,
  outcome: SendOutcome,
  started: number,
  gate: { confidence: number; gate: number } | null = null,
): Promise<void> {
  const state =
    outcome.outcome === 'noop' && outcome.status === 'sent' ? 'sent' : FROM_SEND[outcome.outcome];
  const detail: Record<string, unknown> = { send: outcome.outcome, ...(gate ?? {}) };
  if (outcome.outcome === 'deferred') detail.until = outcome.until;
  if (outcome.outcome === 'held') {
    detail.until = outcome.retryAt;
    detail.held = outcome.hold;
  }
  if ('reason' in outcome) detail.reason = outcome.reason;
  await updateItem(run.deps.db, item.id, { state, detail });
  log(run, item, state, { decision: 'send', ...gate, sendResult: outcome }, started);
  const who = label(run, item);
  const score = gate ? ` ${gate.confidence}% >= ${gate.gate}%` : '';
  if (state === 'sent') run.deps.progress?.line(`sent      ${who}${score}`);
  else if (outcome.outcome === 'held')
    run.deps.progress?.line(
      `held      ${who}: sending is held (${outcome.hold}); retrying at ${detail.until}`,
    );
  else if (state === 'deferred')
    run.deps.progress?.line(`waiting   ${who}: outside the sending window until ${detail.until}`);
  else
    run.deps.progress?.line(
      `${state.padEnd(9)} ${who}${'reason' in outcome ? `: ${outcome.reason}` : ''}`,
    );
}

async function finishReview(
  run: RunContext,
  item: BackfillItemRow,
  reviewRequestId: string,
  reason: string,
  started: number,
  gate: { confidence: number; gate: number } | null,
): Promise<void> {
  const { db, config, logger } = run.deps;
  // The review.notify job was queued with the review; notifying here too is safe
  // (one claim per reviewer) and lets the run record the result on the item.
  let notify: 'ok' | 'failed' = 'failed';
  let deliveries: Record<string, unknown>[] = [];
  try {
    const result = await notifyReviewers(
      { db, config, logger, ...(run.deps.clientFor ? { clientFor: run.deps.clientFor } : {}) },
      reviewRequestId,
    );
    deliveries = result.targets.map((t) => ({
      target: t.target,
      status: t.status,
      ...(t.outcome?.failure
        ? {
            code: t.outcome.failure.code,
            neededScopes: t.outcome.failure.needed,
            grantedScopes: t.outcome.failure.provided,
          }
        : {}),
    }));
    notify =
      result.targets.length > 0 &&
      result.targets.every((t) => t.status === 'sent' || t.status === 'skipped')
        ? 'ok'
        : 'failed';
  } catch (error) {
    const err = asAutosendError(error);
    deliveries = [{ status: 'failed', code: err.code, error: err.message.slice(0, 300) }];
  }
  await updateItem(db, item.id, {
    state: 'review',
    detail: { reason, reviewRequestId, notify, deliveries, ...(gate ?? {}) },
  });
  log(
    run,
    item,
    'review',
    { decision: 'review', reason, ...gate, reviewRequestId, slack: { result: notify, deliveries } },
    started,
  );
  const score = gate ? ` ${gate.confidence}% < gate ${gate.gate}%` : '';
  run.deps.progress?.line(
    `review    ${label(run, item)}: ${reason}${reason === 'below_threshold' ? score : ''}; Slack ${notify}${notify === 'failed' ? ` (${deliveries.map((d) => [d.code, d.neededScopes ? `needs ${d.neededScopes}` : ''].filter(Boolean).join(' ')).join(', ')})` : ''}`,
  );
}

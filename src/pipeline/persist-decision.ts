import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Evaluation, TokenUsage } from '../ai/provider.ts';
import type { DbOrTx } from '../db/client.ts';
import { runWritesTogether } from '../db/run-writes-together.ts';
import { campaigns, decisionEvents, drafts, messages, reviewRequests } from '../db/schema.ts';
import type { Decision } from '../decision/decide.ts';
import type { GuardFailure } from '../decision/draft-guards.ts';
import {
  type DecisionEventInput,
  insertDecisionEvents,
  recordDecisionEvents,
} from '../decision/record-event.ts';
import { createReviewRequest } from '../review/review-actions.ts';
import type { ReplyContext } from './load-reply-context.ts';
import { makeRoomForDraft } from './make-room-for-draft.ts';
import type { PipelineDeps, ProcessOutcome, SlotOffer } from './process-inbound.ts';

/** True once a reply has its decision (sent, held or skipped): a retried job does nothing. */
export async function alreadyDecided(db: DbOrTx, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: decisionEvents.id })
    .from(decisionEvents)
    .where(
      and(
        eq(decisionEvents.messageId, messageId),
        or(eq(decisionEvents.step, 'decide'), eq(decisionEvents.outcome, 'skipped')),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** What decide() learns only under the message's lock, read in the same statement as the lock. */
export interface LockedFacts {
  breakerOpen: boolean;
  dailyCapReached: boolean;
}

/**
 * Locks the reply's message row and reads, in the same statement, what must
 * be read under that lock: whether it is decided already, the next draft
 * version, the campaign's breaker (this very reply, or a parallel one, may
 * have tripped it) and, when the campaign has a daily cap, its automatic
 * sends today.
 */
async function lockAndReadFacts(
  tx: DbOrTx,
  ctx: ReplyContext,
  now: Date,
): Promise<{ decided: boolean; version: number; facts: LockedFacts }> {
  const { message, campaign } = ctx;
  const cap = campaign?.dailyAutoSendCap ?? null;
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sendsToday =
    cap === null || !campaign
      ? sql`0`
      : sql`(select count(*) from ${drafts} d join ${messages} dm on dm.id = d.message_id
          where dm.campaign_id = ${campaign.id}
            and d.status in ('generated', 'sending', 'sent', 'send_unknown')
            and d.send_after >= ${dayStart.toISOString()}::timestamptz)`;
  const breaker = campaign
    ? sql`(select breaker_opened_at is not null from ${campaigns} where id = ${campaign.id})`
    : sql`false`;
  const result = await tx.execute<{
    decided: boolean;
    version: number;
    breaker_open: boolean | null;
    sends_today: number;
  }>(sql`select
      exists (select 1 from ${decisionEvents} e where e.message_id = m.id
        and (e.step = 'decide' or e.outcome = 'skipped')) as decided,
      (select coalesce(max(version), 0) + 1 from ${drafts} where message_id = m.id)::int as version,
      ${breaker} as breaker_open,
      ${sendsToday}::int as sends_today
    from ${messages} m where m.id = ${message.id} for update of m`);
  const row = result.rows[0]!;
  return {
    decided: row.decided,
    version: row.version,
    facts: {
      breakerOpen: Boolean(row.breaker_open),
      dailyCapReached: cap !== null && row.sends_today >= cap,
    },
  };
}

/**
 * The last step of inbound.process, in ONE transaction: lock the message and
 * read what decide() must see under the lock, decide, supersede unsent drafts
 * of older replies in the conversation, insert the draft with the whole trail
 * (one statement), and either queue the delayed send or open the review
 * request (which queues its Slack notification).
 */
export async function persistDecision(
  deps: Pick<PipelineDeps, 'db' | 'queue' | 'attachOffers'>,
  input: {
    ctx: ReplyContext;
    trail: DecisionEventInput[];
    offer: SlotOffer;
    draft: { body: string; model: string; draftMs: number; usage?: TokenUsage };
    evaluation: Evaluation;
    evaluateMs: number;
    guardFailures: GuardFailure[];
    /** The pure decide() over everything else, given the facts read under the lock. */
    decide: (facts: LockedFacts) => Decision;
    now: Date;
  },
): Promise<ProcessOutcome> {
  const { ctx, trail, offer, evaluation, evaluateMs, guardFailures } = input;
  const { message } = ctx;
  const { body, model, draftMs } = input.draft;
  return deps.db.transaction(async (tx) => {
    const locked = await lockAndReadFacts(tx, ctx, input.now);
    if (locked.decided) return { outcome: 'already_processed' } as const;
    // One live draft per message: an undecided one (a backfill's) gives way; a held one wins.
    const room = await makeRoomForDraft(tx, message.id, {
      step: 'decide',
      detail: { by: 'inbound.process' },
    });
    if (room.kind === 'taken') return { outcome: 'already_processed' } as const;
    const { version } = locked;
    const decision = input.decide(locked.facts);
    // One responder per conversation: this newer reply supersedes unsent drafts of older ones.
    const superseded = [...room.superseded, ...(await supersedeOlderDrafts(tx, ctx))];
    const draftId = randomUUID();
    const events: DecisionEventInput[] = [...trail];
    if (superseded.length) {
      events.push({
        messageId: message.id,
        draftId,
        step: 'decide',
        outcome: 'superseded_older',
        detail: { drafts: superseded },
      });
    }
    events.push(
      {
        messageId: message.id,
        draftId,
        step: 'draft',
        outcome: 'generated',
        detail: {
          model,
          draftMs,
          version,
          ...(input.draft.usage ? { usage: input.draft.usage } : {}),
        },
      },
      {
        messageId: message.id,
        draftId,
        step: 'evaluate',
        outcome: `${decision.score}%`,
        detail: { ...evaluation, evaluateMs, gate: decision.gate },
      },
      {
        messageId: message.id,
        draftId,
        step: 'guards',
        outcome: guardFailures.length ? 'failed' : 'passed',
        detail: { failures: guardFailures },
      },
      decision.action === 'send'
        ? {
            messageId: message.id,
            draftId,
            step: 'decide',
            outcome: 'send',
            reason: 'confidence_met',
            detail: {
              score: decision.score,
              gate: decision.gate,
              at: decision.at.toISOString(),
              delaySeconds: decision.delaySeconds,
            },
          }
        : {
            messageId: message.id,
            draftId,
            step: 'decide',
            outcome: 'review',
            reason: decision.reason,
            detail: {
              score: decision.score,
              gate: decision.gate,
              ...(decision.detail ? { detail: decision.detail } : {}),
            },
          },
    );
    // The draft and its whole trail in one round trip.
    await runWritesTogether(tx, [
      tx.insert(drafts).values({
        id: draftId,
        messageId: message.id,
        version,
        subject: /^re:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`,
        body,
        offeredSlots: offer.slots,
        confidence: Math.min(1, Math.max(0, evaluation.confidence)),
        safeToSend: evaluation.safeToSend,
        requiresHumanReview: evaluation.requiresHumanReview,
        evaluatorReason: evaluation.reason,
        guardFailures,
        model,
        timings: { draftMs, evaluateMs },
        sendAfter: decision.action === 'send' ? decision.at : null,
      }),
      insertDecisionEvents(tx, events),
    ]);
    if (offer.offerIds.length) await deps.attachOffers(tx, offer.offerIds, draftId);
    if (decision.action === 'send') {
      await deps.queue.enqueue(
        'reply.send',
        { draftId },
        { tx, startAfter: decision.at, singletonKey: draftId },
      );
      return { outcome: 'send', draftId, at: decision.at } as const;
    }
    await createReviewRequest(tx, deps.queue, {
      workspaceId: message.workspaceId,
      draftId,
      reason: decision.reason,
    });
    return { outcome: 'review', draftId, reason: decision.reason } as const;
  });
}

/** Marks unsent drafts of older replies in the same conversation superseded (and closes their reviews). */
async function supersedeOlderDrafts(tx: DbOrTx, ctx: ReplyContext): Promise<string[]> {
  const older = ctx.thread
    .filter(
      (m) =>
        m.direction === 'inbound' &&
        m.id !== ctx.message.id &&
        m.occurredAt <= ctx.message.occurredAt,
    )
    .map((m) => m.id);
  if (!older.length) return [];
  const rows = await tx
    .update(drafts)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(and(inArray(drafts.messageId, older), inArray(drafts.status, ['generated', 'approved'])))
    .returning({ id: drafts.id, messageId: drafts.messageId });
  if (rows.length) {
    await tx
      .update(reviewRequests)
      .set({ status: 'superseded' })
      .where(
        and(
          inArray(
            reviewRequests.draftId,
            rows.map((r) => r.id),
          ),
          ne(reviewRequests.status, 'approved'),
          ne(reviewRequests.status, 'rejected'),
        ),
      );
    await recordDecisionEvents(
      tx,
      rows.map((r) => ({
        messageId: r.messageId,
        draftId: r.id,
        step: 'decide' as const,
        outcome: 'superseded',
        reason: 'superseded',
        detail: { by: ctx.message.id },
      })),
    );
  }
  return rows.map((r) => r.id);
}

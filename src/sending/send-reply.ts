import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { drafts, sendLedger } from '../db/schema.ts';
import { recordDecisionEvent } from '../decision/record-event.ts';
import { AutosendError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { JobPayload } from '../jobs/queues.ts';
import type { JobInfo } from '../jobs/worker.ts';
import type { Logger } from '../logger.ts';
import { buildReplyMail } from './build-reply-mail.ts';
import { findThreadChange, lockForSend, type ThreadChange } from './check-thread.ts';
import { claimDraftForSend } from './claim-draft.ts';
import { deliveryOf, type EmailSender, type OutgoingEmail } from './email-sender.ts';
import { closeUnsentDraft, holdForReview } from './hold-for-review.ts';
import { holdSend } from './hold-send.ts';
import { leadFlag, loadSendContext, type SendContext, senderMailbox } from './load-send-context.ts';
import {
  type ConnectionForSend,
  type LockedSendContext,
  lockAndLoadSendContext,
} from './lock-send-context.ts';
import { makeEmailSender } from './make-email-sender.ts';
import type { PlatformHttp } from './platforms/call-platform-api.ts';
import { heldForOperator, retryAfterOf } from './platforms/platform-error-kind.ts';
import { makeSenderResolver } from './resolve-sender.ts';
import {
  countAutoSendsSince,
  type LedgerRow,
  ledgerKey,
  recordSendEnd,
  recordSent,
  releaseLedgerKey,
} from './send-ledger.ts';
import { recordSendingWorks } from './sending-health.ts';
import { nextWindowOpening, startOfLocalDay, validZone } from './sending-window.ts';

export interface ReplySendDeps {
  db: Db;
  config: Config;
  logger: Logger;
  queue: JobQueue;
  /** The process-wide sender (SENDER) for generic campaigns without a sending connection. */
  sender?: EmailSender;
  /** Platform API options (tests point fetch and timeouts at local peers). */
  platformHttp?: Partial<PlatformHttp>;
  now?: () => Date;
}

/** What one run of reply.send did (the job's output, also useful in tests). */
export type SendOutcome =
  | { outcome: 'sent'; messageId: string; recovered?: true }
  | { outcome: 'noop'; status: string }
  | { outcome: 'in_progress' }
  | { outcome: 'superseded'; reason: string }
  | {
      outcome: 'review';
      reason:
        | 'kill_switch'
        | 'daily_cap_reached'
        | 'no_sending_connection'
        | 'sending_connection_failed';
    }
  | { outcome: 'deferred'; until: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'held'; hold: 'credentials' | 'connection'; retryAt: string }
  | { outcome: 'send_unknown' };

/** Statuses after which reply.send never touches a draft again. */
const SETTLED = new Set(['sent', 'superseded', 'rejected', 'failed', 'send_unknown']);

/** Thrown inside the claim transaction to roll it back when another attempt holds the key. */
class KeyTaken extends Error {
  readonly row: LedgerRow | undefined;
  constructor(row: LedgerRow | undefined) {
    super('ledger key taken');
    this.row = row;
  }
}

/**
 * The reply.send job: re-checks everything that may have changed during the
 * send delay, then hands the draft to the sender at most once, ever.
 *
 * An advisory lock per draft keeps concurrent attempts apart while one is
 * sending; it dies with its connection, so an attempt that finds the lock free
 * and the draft `sending` knows the earlier attempt crashed.
 */
export function makeReplySendHandler(deps: ReplySendDeps) {
  const { db, config, logger, queue } = deps;
  const defaultSender = deps.sender ?? makeEmailSender(config);
  const now = deps.now ?? (() => new Date());
  const resolveSender = makeSenderResolver({
    db,
    config,
    logger,
    defaultSender,
    ...(deps.platformHttp ? { http: deps.platformHttp } : {}),
  });

  return async function sendReply(
    { draftId }: JobPayload<'reply.send'>,
    job?: Pick<JobInfo, 'retryCount' | 'retryLimit'>,
  ): Promise<SendOutcome> {
    const lastAttempt = job !== undefined && job.retryCount >= job.retryLimit;
    // The lock lives in a transaction of its own that stays open during the send; the
    // work itself commits on other connections, step by step.
    return db.transaction(async (lockTx) => {
      const read = await lockAndLoadSendContext(lockTx, draftId);
      if (!read) throw new AutosendError('not_found', `draft ${draftId} not found`);
      const status = read.ctx.draft.status;
      if (SETTLED.has(status)) return { outcome: 'noop', status } satisfies SendOutcome;
      if (!read.locked) return { outcome: 'in_progress' } satisfies SendOutcome;
      return sendLocked(read, lastAttempt);
    });
  };

  async function sendLocked(read: LockedSendContext, lastAttempt: boolean): Promise<SendOutcome> {
    let ctx = read.ctx;
    let threadChange = read.threadChange;
    let connections: ConnectionForSend[] | undefined = read.connections;
    if (ctx.draft.status === 'sending') {
      // Read before the lock was ours: read again, now that no other attempt can move it.
      const fresh = await loadSendContext(db, ctx.draft.id);
      if (!fresh) throw new AutosendError('not_found', `draft ${ctx.draft.id} not found`);
      ctx = fresh;
      if (ctx.draft.status === 'sending') return recoverInterrupted(ctx);
      threadChange = await findThreadChange(db, ctx.inbound, ctx.draft.id);
      connections = undefined;
    }
    const status = ctx.draft.status;
    if (status !== 'generated' && status !== 'approved') return { outcome: 'noop', status };
    const at = now();

    if (ctx.suppressed) {
      await closeUnsentDraft(db, { ctx, status: 'superseded', reason: 'suppressed', at });
      return { outcome: 'superseded', reason: 'suppressed' };
    }
    const flag = leadFlag(ctx.lead);
    if (flag) {
      await closeUnsentDraft(db, {
        ctx,
        status: 'superseded',
        reason: 'lead_flagged',
        at,
        detail: { flag },
      });
      return { outcome: 'superseded', reason: 'lead_flagged' };
    }
    const mailbox = senderMailbox(ctx);
    if (!ctx.campaign || !mailbox) {
      const reason = ctx.campaign ? 'config_invalid' : 'unknown_campaign';
      await closeUnsentDraft(db, {
        ctx,
        status: 'failed',
        reason,
        at,
        detail: { problem: ctx.campaign ? 'no sender mailbox' : 'no campaign' },
      });
      return { outcome: 'failed', reason };
    }
    const campaign = ctx.campaign;
    // Automatic drafts obey the kill switch and the cap; a human's approval is itself the decision.
    const automatic = status === 'generated';
    if (automatic && config.autoSendDisabled) {
      await holdForReview(db, queue, { ctx, reason: 'kill_switch', at });
      return { outcome: 'review', reason: 'kill_switch' };
    }
    if (threadChange) return supersede(ctx, threadChange, at);
    // A campaign sends through its platform's connection, or not at all (resolve-sender.ts).
    const route = await resolveSender(ctx, connections);
    if (route.route === 'hold') {
      await holdForReview(db, queue, { ctx, reason: route.reason, at, detail: route.detail });
      return { outcome: 'review', reason: route.reason };
    }
    const sender = route.sender;

    const opening = nextWindowOpening({
      now: at,
      timeZone: validZone(ctx.lead.timeZone, ctx.workspace.timeZone),
      startMinute: campaign.sendingHoursStart,
      endMinute: campaign.sendingHoursEnd,
    });
    if (opening) return defer(ctx, opening, at);

    const cap = automatic ? campaign.dailyAutoSendCap : null;
    const dayStart = startOfLocalDay(at, ctx.workspace.timeZone);
    if (cap !== null && (await countAutoSendsSince(db, campaign.id, dayStart)) >= cap) {
      await holdForReview(db, queue, { ctx, reason: 'daily_cap_reached', at, detail: { cap } });
      return { outcome: 'review', reason: 'daily_cap_reached' };
    }

    const mail = buildReplyMail(ctx, mailbox);
    let claim: { kind: 'claimed' } | { kind: 'changed'; change: ThreadChange } | { kind: 'cap' };
    try {
      claim = await db.transaction(async (tx) => {
        // Two drafts of one thread, or two sends against one cap, are claimed one at a time.
        await lockForSend(tx, `thread:${ctx.inbound.workspaceId}:${ctx.inbound.threadKey}`);
        if (cap !== null) {
          await lockForSend(tx, `campaign:${campaign.id}`);
          if ((await countAutoSendsSince(tx, campaign.id, dayStart)) >= cap) return { kind: 'cap' };
        }
        const claimed = await claimDraftForSend(tx, { ctx, sender: sender.name, at });
        if (claimed.kind === 'taken') throw new KeyTaken(await currentLedger(ctx.draft.id));
        return claimed;
      });
    } catch (error) {
      if (error instanceof KeyTaken) {
        logger.warn(
          { draftId: ctx.draft.id, ledger: error.row?.status },
          'send key already taken; not sending',
        );
        return { outcome: 'noop', status: error.row?.status ?? 'unknown' };
      }
      throw error;
    }
    if (claim.kind === 'changed') return supersede(ctx, claim.change, at);
    if (claim.kind === 'cap') {
      await holdForReview(db, queue, { ctx, reason: 'daily_cap_reached', at, detail: { cap } });
      return { outcome: 'review', reason: 'daily_cap_reached' };
    }
    return handOff(ctx, sender, mail, status, lastAttempt, read.sendingHeld);
  }

  async function handOff(
    ctx: SendContext,
    sender: EmailSender,
    mail: OutgoingEmail,
    previousStatus: 'generated' | 'approved',
    lastAttempt: boolean,
    /** Sends were marked held when this attempt began: this success clears the mark. */
    sendingHeld: boolean,
  ): Promise<SendOutcome> {
    let sent: Awaited<ReturnType<EmailSender['send']>>;
    try {
      sent = await sender.send(mail);
    } catch (error) {
      const delivery = deliveryOf(error);
      const message = (error as Error).message;
      const at = now();
      if (delivery === 'held') {
        // The operator's to fix: wait and retry with backoff, never fail the draft.
        const held = await holdSend(
          { db, queue, config, logger },
          { ctx, previousStatus, sender: sender.name, error, at },
        );
        return { outcome: 'held', hold: held.hold, retryAt: held.retryAt.toISOString() };
      }
      if (delivery === 'not_sent' && heldForOperator(error)) {
        // A refused key fails every retry alike: wait for the operator instead.
        await releaseLedgerKey(db, { ctx, previousStatus, error: message, at });
        await holdForReview(db, queue, {
          ctx,
          reason: 'sending_connection_failed',
          at,
          detail: { sender: sender.name, error: message },
        });
        return { outcome: 'review', reason: 'sending_connection_failed' };
      }
      const retryAfter = delivery === 'not_sent' ? retryAfterOf(error) : undefined;
      if (retryAfter !== undefined) {
        // The platform said when: wait that long without spending a retry.
        await releaseLedgerKey(db, { ctx, previousStatus, error: message, at });
        return defer(ctx, new Date(at.getTime() + retryAfter * 1000), at, 'rate_limited');
      }
      if (delivery === 'not_sent' && lastAttempt) {
        // The queue will not try again: fail the draft visibly instead of
        // leaving it waiting forever. A human can approve a new attempt.
        await recordSendEnd(db, {
          ctx,
          queue,
          ledger: 'failed',
          draft: 'failed',
          reason: 'send_failed',
          error: `gave up after the last retry: ${message}`,
          at,
          detail: { sender: sender.name, messageId: mail.messageId },
        });
        logger.error({ draftId: ctx.draft.id, err: error }, 'send failed on its last attempt');
        return { outcome: 'failed', reason: 'send_failed' };
      }
      if (delivery === 'not_sent') {
        await releaseLedgerKey(db, { ctx, previousStatus, error: message, at });
        throw new AutosendError('send_failed', message, {
          cause: error,
          details: { draftId: ctx.draft.id },
        });
      }
      const rejected = delivery === 'rejected';
      await recordSendEnd(db, {
        ctx,
        queue,
        ledger: rejected ? 'failed' : 'unknown',
        draft: rejected ? 'failed' : 'send_unknown',
        reason: rejected ? 'send_rejected' : 'send_failed',
        error: message,
        at,
        detail: { sender: sender.name, messageId: mail.messageId },
      });
      logger.error({ draftId: ctx.draft.id, delivery, err: error }, 'send did not complete');
      return rejected
        ? { outcome: 'failed', reason: 'send_rejected' }
        : { outcome: 'send_unknown' };
    }
    const sentAt = now();
    await recordSent(db, {
      ctx,
      mail,
      sender: sender.name,
      providerMessageId: sent.providerMessageId,
      at: sentAt,
      sent,
    });
    if (sendingHeld && (await recordSendingWorks(db, sentAt))) {
      logger.info({ sender: sender.name }, 'sending works again: held sends resume');
    }
    return { outcome: 'sent', messageId: mail.messageId };
  }

  /**
   * The draft is `sending` and no attempt holds its lock: an earlier attempt
   * died after taking the key, perhaps after the hand-off. Never send again:
   * confirm from the outbox, or leave it to a human as `send_unknown`.
   */
  async function recoverInterrupted(ctx: SendContext): Promise<SendOutcome> {
    const at = now();
    const mailbox = senderMailbox(ctx);
    const mail = mailbox ? buildReplyMail(ctx, mailbox) : undefined;
    const route = await resolveSender(ctx);
    const sender = route.route === 'send' ? route.sender : undefined;
    if (mail && sender?.exists && (await sender.exists(mail.messageId))) {
      await recordSent(db, {
        ctx,
        mail,
        sender: sender.name,
        providerMessageId: mail.messageId,
        at,
        recovered: true,
      });
      return { outcome: 'sent', messageId: mail.messageId, recovered: true };
    }
    await recordSendEnd(db, {
      ctx,
      queue,
      ledger: 'unknown',
      draft: 'send_unknown',
      reason: 'send_failed',
      error: 'interrupted after taking the send key; delivery cannot be confirmed',
      at,
      detail: { sender: sender?.name, messageId: mail?.messageId, needsHuman: true },
    });
    logger.error({ draftId: ctx.draft.id }, 'interrupted send marked send_unknown for a human');
    return { outcome: 'send_unknown' };
  }

  async function supersede(ctx: SendContext, change: ThreadChange, at: Date): Promise<SendOutcome> {
    await closeUnsentDraft(db, {
      ctx,
      status: 'superseded',
      reason: 'superseded',
      at,
      detail: change,
    });
    return { outcome: 'superseded', reason: 'superseded' };
  }

  async function defer(
    ctx: SendContext,
    until: Date,
    at: Date,
    reason: 'outside_sending_hours' | 'rate_limited' = 'outside_sending_hours',
  ): Promise<SendOutcome> {
    await db.transaction(async (tx) => {
      await tx
        .update(drafts)
        .set({ sendAfter: until, updatedAt: at })
        .where(eq(drafts.id, ctx.draft.id));
      const jobId = await queue.enqueue(
        'reply.send',
        { draftId: ctx.draft.id },
        { tx, startAfter: until, singletonKey: ctx.draft.id },
      );
      if (!jobId) throw new AutosendError('internal', 'could not re-enqueue reply.send');
      await recordDecisionEvent(tx, {
        messageId: ctx.inbound.id,
        draftId: ctx.draft.id,
        step: 'send',
        outcome: 'deferred',
        reason,
        detail: { until: until.toISOString() },
        at,
      });
    });
    return { outcome: 'deferred', until: until.toISOString() };
  }

  async function currentLedger(draftId: string): Promise<LedgerRow | undefined> {
    const rows = await db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.idempotencyKey, ledgerKey(draftId)));
    return rows[0];
  }
}

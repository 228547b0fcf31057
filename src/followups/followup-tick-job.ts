import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { followupInstances, followupSequences, leads, sendLedger } from '../db/schema.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { JobPayload } from '../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import { findSuppression } from '../privacy/suppressions.ts';
import { lockForSend, SEND_LOCK_NAMESPACE } from '../sending/check-thread.ts';
import { deliveryOf, type EmailSender, type SentEmail } from '../sending/email-sender.ts';
import { makeEmailSender } from '../sending/make-email-sender.ts';
import type { PlatformHttp } from '../sending/platforms/call-platform-api.ts';
import { makeSenderResolver } from '../sending/resolve-sender.ts';
import { startOfLocalDay, validZone } from '../sending/sending-window.ts';
import { applyFollowupEvent } from './apply-followup-event.ts';
import { type ChannelSender, makeOutboxChannelSender } from './channel-sender.ts';
import { evaluateInstance } from './evaluate-instance.ts';
import { openFollowupReview } from './followup-review.ts';
import type { StepSpec } from './followup-types.ts';
import {
  followupLedgerKey,
  type InstanceContext,
  lastFollowupSends,
  leadFacts,
  loadInstanceContext,
} from './load-instance-context.ts';
import { type PreparedFollowup, recordFollowupSent } from './record-followup-send.ts';
import type { FollowupEvent } from './transition-instance.ts';

export interface FollowupTickDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /**
   * The process-wide email sender (SENDER) for generic campaigns without a
   * sending connection, as for replies; injectable for tests.
   */
  emailSender?: EmailSender;
  /** Platform API options (tests point timeouts at local peers). */
  platformHttp?: Partial<PlatformHttp>;
  /** sms and LinkedIn senders; the outbox by default. */
  channelSenders?: Partial<Record<'sms' | 'linkedin', ChannelSender>>;
  now?: () => Date;
  /**
   * Queues the Slack notification of a step awaiting approval (review.notify).
   * Without it (a one-off CLI tick) the review is opened and listed, and
   * `autosend slack retry` notifies it.
   */
  queue?: JobQueue;
  /** Instances looked at per tick. */
  batchSize?: number;
}

export type InstanceOutcome =
  | 'sent'
  | 'recovered'
  | 'changed'
  | 'waiting'
  | 'kill_switch'
  | 'busy'
  | 'already_claimed'
  | 'send_failed'
  | 'send_uncertain'
  | 'config_invalid'
  | 'no_sending_connection'
  | 'sending_connection_failed';

export interface TickResult {
  looked: number;
  outcomes: Partial<Record<InstanceOutcome, number>>;
}

/**
 * Pauses the tick re-checks on every run (the lead's data may have arrived).
 * Dated pauses and lead_replied are picked in SQL only once they may be over;
 * awaiting_approval and send_uncertain wait for a person.
 */
const WAITING_FOR_DATA = ['awaiting_enrichment', 'missing_lead_data'] as const;

/**
 * followup.tick: finds instances that are due (or whose pause may be over),
 * decides each with the pure state machine and sends due steps through the
 * same senders and send ledger as replies.
 *
 * Never twice: a per-instance advisory lock (held during the send) keeps two
 * workers or an overlapping tick apart, and the ledger key per instance and
 * step is taken once, ever. A ledger row left `sending` by a process that
 * died is never sent again blindly: the outbox confirms it, or the instance
 * pauses as `send_uncertain` for a human.
 */
export function makeFollowupTickHandler(deps: FollowupTickDeps) {
  const { db, config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  // Email follow-ups go out exactly like replies: through the campaign's
  // sending connection (resolve-sender.ts), never around its platform.
  const resolveSender = makeSenderResolver({
    db,
    config,
    logger,
    defaultSender: deps.emailSender ?? makeEmailSender(config),
    ...(deps.platformHttp ? { http: deps.platformHttp } : {}),
  });
  type Route =
    | { route: 'send'; sender: EmailSender | ChannelSender }
    | {
        route: 'hold';
        reason: 'no_sending_connection' | 'sending_connection_failed';
        detail: Record<string, unknown>;
      };
  const channel = async (ctx: InstanceContext, c: StepSpec['channel']): Promise<Route> =>
    c === 'email'
      ? resolveSender(ctx)
      : {
          route: 'send',
          sender: deps.channelSenders?.[c] ?? makeOutboxChannelSender(config.outboxDir, c),
        };

  async function candidates(workspaceId: string | undefined, at: Date): Promise<string[]> {
    const rows = await db
      .select({ id: followupInstances.id })
      .from(followupInstances)
      .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
      .where(
        and(
          workspaceId ? eq(followupSequences.workspaceId, workspaceId) : undefined,
          or(
            and(
              eq(followupInstances.status, 'active'),
              or(isNull(followupInstances.nextRunAt), lte(followupInstances.nextRunAt, at)),
            ),
            and(
              eq(followupInstances.status, 'paused'),
              inArray(followupInstances.pauseReason, [...WAITING_FOR_DATA]),
            ),
            and(
              eq(followupInstances.status, 'paused'),
              inArray(followupInstances.pauseReason, ['out_of_office', 'lead_snoozed']),
              lte(followupInstances.pausedUntil, at),
            ),
            // lead_replied: only where our message is the last word and older than the ghost period.
            and(
              eq(followupInstances.status, 'paused'),
              eq(followupInstances.pauseReason, 'lead_replied'),
              sql`exists (
                select 1 from (
                  select m.direction, m.occurred_at from messages m
                  where m.lead_id = ${followupInstances.leadId}
                    and (${followupSequences.campaignId} is null or m.campaign_id = ${followupSequences.campaignId})
                  order by m.occurred_at desc limit 1
                ) last
                where last.direction = 'outbound'
                  and last.occurred_at <= ${at.toISOString()}::timestamptz - make_interval(days => ${followupSequences.ghostDays})
              )`,
            ),
          ),
        ),
      )
      .orderBy(sql`${followupInstances.status} = 'active' desc`, followupInstances.nextRunAt)
      .limit(deps.batchSize ?? 1000);
    return rows.map((r) => r.id);
  }

  /** Applies an event if the instance has not changed since it was read. */
  async function applyIfUnchanged(ctx: InstanceContext, event: FollowupEvent): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(followupInstances)
        .where(eq(followupInstances.id, ctx.instance.id))
        .for('update');
      if (!row || row.updatedAt.getTime() !== ctx.instance.updatedAt.getTime()) return false;
      const record = await applyFollowupEvent(tx, row, event);
      if (record && event.type === 'hold' && event.reason === 'awaiting_approval') {
        // The step waits in the review queue, like a held reply, and reviewers hear of it.
        const review = await openFollowupReview(tx, deps.queue, {
          workspaceId: ctx.workspace.id,
          instanceId: row.id,
          step: Number(event.detail.step),
        });
        if (review.created && !review.notified) {
          logger.warn(
            { instanceId: row.id, reviewRequestId: review.id },
            'follow-up step awaits approval; no job queue here: run `autosend slack retry` to notify reviewers',
          );
        }
      }
      return record !== null;
    });
  }

  function prepare(
    ctx: InstanceContext,
    step: StepSpec,
    subject: string,
    text: string,
  ): PreparedFollowup | null {
    const from = ctx.campaign?.senderEmail ?? ctx.lastMessage?.toEmails[0] ?? null;
    if (step.channel === 'email' && !from) return null;
    const domain = (from ?? 'autosend.local').split('@')[1] ?? 'autosend.local';
    const messageId = `<autosend.followup.${ctx.instance.id}.${step.position}@${domain}>`;
    const last = ctx.lastMessage;
    const parent = last?.rfcMessageId ?? null;
    const baseSubject = last?.subject
      ? last.subject.replace(/^\s*(re|aw|sv|antw):\s*/i, '')
      : (ctx.campaign?.name ?? '');
    return {
      step,
      messageId,
      subject: subject.trim() || (baseSubject ? `Re: ${baseSubject}` : 'Following up'),
      text,
      from: from ?? 'autosend',
      to:
        step.channel === 'email'
          ? ctx.lead.email
          : step.channel === 'sms'
            ? ctx.lead.phone!
            : ctx.lead.linkedinUrl!,
      threadKey: last?.threadKey ?? `followup:${ctx.instance.id}`,
      inReplyTo: step.channel === 'email' ? parent : null,
      references:
        step.channel === 'email' ? [...(last?.references ?? []), ...(parent ? [parent] : [])] : [],
    };
  }

  async function handOff(
    sender: EmailSender | ChannelSender,
    mail: PreparedFollowup,
    ctx: InstanceContext,
  ): Promise<SentEmail> {
    if (mail.step.channel === 'email') {
      return (sender as EmailSender).send({
        from: { name: ctx.campaign?.senderName ?? undefined, address: mail.from },
        to: [mail.to],
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.references,
        platform: { refs: ctx.platformRefs, campaignExternalId: ctx.campaign?.externalId ?? null },
      });
    }
    return (sender as ChannelSender).send({
      channel: mail.step.channel,
      to: mail.to,
      text: mail.text,
      messageId: mail.messageId,
      leadEmail: ctx.lead.email,
    });
  }

  /** Marks the instance's last error without changing its state (the report shows it). */
  async function noteError(ctx: InstanceContext, error: string, at: Date): Promise<void> {
    await db
      .update(followupInstances)
      .set({ lastError: error.slice(0, 1000), lastErrorAt: at })
      .where(eq(followupInstances.id, ctx.instance.id));
  }

  async function uncertain(
    ctx: InstanceContext,
    step: number,
    error: string,
    at: Date,
  ): Promise<void> {
    await db.transaction(async (tx) => {
      await tx
        .update(sendLedger)
        .set({ status: 'unknown', error, finishedAt: at })
        .where(eq(sendLedger.idempotencyKey, followupLedgerKey(ctx.instance.id, step)));
      const [row] = await tx
        .select()
        .from(followupInstances)
        .where(eq(followupInstances.id, ctx.instance.id))
        .for('update');
      if (row)
        await applyFollowupEvent(
          tx,
          row,
          { type: 'send_uncertain', at, step, error },
          { lastError: error, lastErrorAt: at },
        );
    });
  }

  /** A ledger row exists for the due step and nobody holds the instance: an earlier attempt died. */
  async function recover(
    ctx: InstanceContext,
    ledger: typeof sendLedger.$inferSelect,
    zone: string,
  ): Promise<InstanceOutcome> {
    const at = now();
    const step = ctx.steps.find((s) => s.position === ledger.followupStep);
    if (ledger.status === 'sending' && step) {
      const route = await channel(ctx, step.channel);
      const sender = route.route === 'send' ? route.sender : undefined;
      const mail = prepare(ctx, step, '', '');
      if (mail && sender?.exists && (await sender.exists(mail.messageId))) {
        await recordFollowupSent(db, {
          ctx,
          mail,
          providerMessageId: mail.messageId,
          zone,
          at,
          recovered: 'recovered after an interrupted send (found in the outbox)',
        });
        logger.warn(
          { instanceId: ctx.instance.id, step: step.position },
          'interrupted follow-up confirmed from the outbox',
        );
        return 'recovered';
      }
    }
    if (ledger.status === 'sent' && step) {
      // A person confirmed the uncertain send was delivered (followups resume --delivered).
      const mail = prepare(ctx, step, '', '');
      if (mail) {
        await recordFollowupSent(db, {
          ctx,
          mail,
          providerMessageId: ledger.providerMessageId ?? mail.messageId,
          zone,
          at,
          recovered: `recorded as sent: ${ledger.error ?? 'delivery confirmed by a person'}`,
        });
        logger.info(
          { instanceId: ctx.instance.id, step: step.position },
          'follow-up step confirmed delivered by a person; recorded, not sent again',
        );
        return 'recovered';
      }
    }
    const error =
      ledger.status === 'sending'
        ? 'interrupted after taking the send key; delivery cannot be confirmed'
        : `an earlier attempt ended ${ledger.status}: ${ledger.error ?? 'no detail'}`;
    await uncertain(ctx, ledger.followupStep ?? ctx.instance.nextStep, error, at);
    logger.error(
      { instanceId: ctx.instance.id, step: ledger.followupStep },
      'follow-up send uncertain; paused for a human',
    );
    return 'send_uncertain';
  }

  async function processLocked(instanceId: string): Promise<InstanceOutcome> {
    const ctx = await loadInstanceContext(db, instanceId);
    if (!ctx) return 'changed';
    const zone = validZone(ctx.lead.timeZone, ctx.workspace.timeZone);
    if (ctx.instance.status === 'active') {
      const [ledger] = await db
        .select()
        .from(sendLedger)
        .where(
          eq(sendLedger.idempotencyKey, followupLedgerKey(ctx.instance.id, ctx.instance.nextStep)),
        );
      if (ledger) return recover(ctx, ledger, zone);
    }
    const at = now();
    const action = evaluateInstance({
      instanceId: ctx.instance.id,
      state: {
        status: ctx.instance.status,
        pauseReason: ctx.instance.pauseReason,
        stopReason: ctx.instance.stopReason,
        nextStep: ctx.instance.nextStep,
        nextRunAt: ctx.instance.nextRunAt,
        pausedUntil: ctx.instance.pausedUntil,
        pausedAt: ctx.instance.pausedAt,
        pauseDetail: ctx.instance.pauseDetail as Record<string, unknown>,
        approvedStep: ctx.instance.approvedStep,
        lastSentAt: ctx.instance.lastSentAt,
      },
      steps: ctx.steps,
      lead: leadFacts(ctx.lead),
      sequence: { ghostDays: ctx.sequence.ghostDays },
      conversation: ctx.conversation,
      sendingHours: {
        start: ctx.campaign?.sendingHoursStart ?? null,
        end: ctx.campaign?.sendingHoursEnd ?? null,
      },
      zone,
      lastSentOnChannel: ctx.lastSentOnChannel,
      killSwitch: config.autoSendDisabled,
      now: at,
    });
    if (action.kind === 'none') return action.why === 'kill_switch' ? 'kill_switch' : 'waiting';
    if (action.kind === 'event')
      return (await applyIfUnchanged(ctx, action.event)) ? 'changed' : 'waiting';

    const mail = prepare(ctx, action.step, action.subject, action.body);
    if (!mail) {
      await noteError(
        ctx,
        'config_invalid: the campaign has no sender email (autosend campaign set --sender-email)',
        at,
      );
      logger.error(
        { instanceId, campaignId: ctx.campaign?.id },
        'follow-up not sent: no sender mailbox',
      );
      return 'config_invalid';
    }
    const route = await channel(ctx, action.step.channel);
    if (route.route === 'hold') {
      // Held, never sent some other way; the next tick tries again, so it goes out once the connection exists.
      await noteError(ctx, `${route.reason}: ${JSON.stringify(route.detail)}`, at);
      logger.error(
        { instanceId, campaignId: ctx.campaign?.id, reason: route.reason, ...route.detail },
        'follow-up held: the campaign has no usable sending connection',
      );
      return route.reason;
    }
    const sender = route.sender;
    const claimed = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(followupInstances)
        .where(eq(followupInstances.id, instanceId))
        .for('update');
      if (!row || row.updatedAt.getTime() !== ctx.instance.updatedAt.getTime())
        return 'changed' as const;
      const [lead] = await tx.select().from(leads).where(eq(leads.id, ctx.lead.id)).for('share');
      if (!lead || lead.bouncedAt || lead.optedOutAt || lead.bookedAt) return 'changed' as const;
      // A forgotten address is never written to (privacy/); forget removes its instances too.
      if (await findSuppression(tx, ctx.workspace.id, [lead.email])) return 'changed' as const;
      // One follow-up per lead per channel per local day, across sequences and workers.
      await lockForSend(tx, `followup-lead:${ctx.lead.id}:${action.step.channel}`);
      const last = (await lastFollowupSends(tx, ctx.lead.id))[action.step.channel];
      if (last && last >= startOfLocalDay(at, zone)) return 'changed' as const;
      const inserted = await tx
        .insert(sendLedger)
        .values({
          idempotencyKey: followupLedgerKey(instanceId, action.step.position),
          followupInstanceId: instanceId,
          followupStep: action.step.position,
          sender: sender.name,
          status: 'sending',
          startedAt: at,
        })
        .onConflictDoNothing({ target: sendLedger.idempotencyKey })
        .returning({ id: sendLedger.id });
      return inserted[0] ? ('claimed' as const) : ('already_claimed' as const);
    });
    if (claimed !== 'claimed') return claimed;

    let sent: SentEmail;
    try {
      sent = await handOff(sender, mail, ctx);
    } catch (error) {
      const delivery = deliveryOf(error);
      const message = (error as Error).message;
      const failedAt = now();
      if (delivery === 'not_sent' || delivery === 'held') {
        // Certainly not handed off (held: credentials or server the operator must fix):
        // release the key; the next tick tries again.
        await db.transaction(async (tx) => {
          await tx
            .delete(sendLedger)
            .where(
              eq(sendLedger.idempotencyKey, followupLedgerKey(instanceId, action.step.position)),
            );
          await tx
            .update(followupInstances)
            .set({ lastError: `send_failed: ${message}`.slice(0, 1000), lastErrorAt: failedAt })
            .where(eq(followupInstances.id, instanceId));
        });
        logger.error(
          { instanceId, step: action.step.position, err: error },
          'follow-up not sent; retried next tick',
        );
        return 'send_failed';
      }
      await uncertain(
        ctx,
        action.step.position,
        `${delivery === 'rejected' ? 'send_rejected' : 'send_unknown'}: ${message}`,
        failedAt,
      );
      logger.error(
        { instanceId, step: action.step.position, delivery, err: error },
        'follow-up send did not complete; paused for a human',
      );
      return 'send_uncertain';
    }
    await recordFollowupSent(db, {
      ctx,
      mail,
      providerMessageId: sent.providerMessageId,
      ...(sent.platformIds ? { platformIds: sent.platformIds } : {}),
      ...(sent.rfcMessageId ? { rfcMessageId: sent.rfcMessageId } : {}),
      zone,
      at: now(),
    });
    logger.info(
      { instanceId, step: action.step.position, channel: action.step.channel },
      'follow-up sent',
    );
    return 'sent';
  }

  async function processInstance(instanceId: string): Promise<InstanceOutcome> {
    // The lock's transaction stays open during the send; the work commits on other connections.
    return db.transaction(async (lockTx) => {
      const lock = await lockTx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(${SEND_LOCK_NAMESPACE}, hashtext(${`followup:${instanceId}`})) as ok`,
      );
      if (!lock.rows[0]?.ok) return 'busy' as const;
      return processLocked(instanceId);
    });
  }

  return async function followupTick(
    payload: JobPayload<'followup.tick'> = {},
  ): Promise<TickResult> {
    const ids = await candidates(payload.workspaceId, now());
    const result: TickResult = { looked: ids.length, outcomes: {} };
    for (const id of ids) {
      let outcome: InstanceOutcome;
      try {
        outcome = await processInstance(id);
      } catch (error) {
        // One broken instance must not stop the others; it stays due and shows in the report.
        logger.error({ instanceId: id, err: error }, 'follow-up tick failed for an instance');
        await db
          .update(followupInstances)
          .set({
            lastError: `internal: ${(error as Error).message}`.slice(0, 1000),
            lastErrorAt: now(),
          })
          .where(eq(followupInstances.id, id))
          .catch(() => {});
        outcome = 'send_failed';
      }
      result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
    }
    if (result.outcomes.kill_switch) {
      logger.warn(
        { held: result.outcomes.kill_switch },
        'follow-ups held: AUTO_SEND_DISABLED is set',
      );
    }
    return result;
  };
}

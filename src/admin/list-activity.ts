import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import {
  campaigns,
  decisionEvents,
  drafts,
  followupInstances,
  followupSequences,
  leads,
  messages,
  notificationDeliveries,
  reviewRequests,
} from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { REASON_MEANINGS } from '../followups/followup-types.ts';
import { afterCursor, type Page, pageFields, pageOf, sortKeyOf } from './keyset-page.ts';
import { parseInput } from './parse-input.ts';

export type { Page };

/*
 * Read-only lists of a workspace's pipeline activity, newest first, for the
 * API and dashboard. Every query joins back to the workspace, so an id from
 * another workspace is simply not found. Each pages by cursor (keyset-page.ts)
 * on an index in its own order (migration 0012).
 */

export const messageListSchema = z.strictObject({
  direction: z.enum(['inbound', 'outbound']).optional(),
  leadId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  ...pageFields,
});

/** Messages of a workspace, newest first. */
export async function listMessages(
  db: Db,
  workspaceId: string,
  query: z.input<typeof messageListSchema>,
) {
  const q = parseInput(messageListSchema, query);
  const where: SQL[] = [eq(messages.workspaceId, workspaceId)];
  if (q.direction) where.push(eq(messages.direction, q.direction));
  if (q.leadId) where.push(eq(messages.leadId, q.leadId));
  if (q.campaignId) where.push(eq(messages.campaignId, q.campaignId));
  const after = afterCursor(messages.occurredAt, messages.id, q.cursor);
  if (after) where.push(after);
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      source: messages.source,
      leadId: messages.leadId,
      leadEmail: leads.email,
      campaignId: messages.campaignId,
      campaignName: campaigns.name,
      fromEmail: messages.fromEmail,
      subject: messages.subject,
      text: messages.text,
      occurredAt: messages.occurredAt,
      sortKey: sortKeyOf(messages.occurredAt),
    })
    .from(messages)
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .where(and(...where))
    .orderBy(desc(messages.occurredAt), desc(messages.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

/** One message with its drafts and decision trail (what happened to it, step by step). */
export async function getMessage(db: Db, workspaceId: string, messageId: string) {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
  if (!message) throw new AutosendError('not_found', `message ${messageId} not found`);
  const [draftRows, trail] = await Promise.all([
    db.select().from(drafts).where(eq(drafts.messageId, messageId)).orderBy(asc(drafts.version)),
    db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.messageId, messageId))
      .orderBy(asc(decisionEvents.id)),
  ]);
  const { raw: _raw, ...rest } = message;
  return { ...rest, drafts: draftRows, decisionTrail: trail };
}

export const draftListSchema = z.strictObject({
  status: z
    .enum([
      'generated',
      'approved',
      'rejected',
      'sending',
      'sent',
      'send_unknown',
      'superseded',
      'failed',
    ])
    .optional(),
  ...pageFields,
});

/** Drafts of a workspace's messages, newest first. */
export async function listDrafts(
  db: Db,
  workspaceId: string,
  query: z.input<typeof draftListSchema>,
) {
  const q = parseInput(draftListSchema, query);
  const rows = await db
    .select({
      id: drafts.id,
      messageId: drafts.messageId,
      leadEmail: leads.email,
      version: drafts.version,
      status: drafts.status,
      subject: drafts.subject,
      body: drafts.body,
      confidence: drafts.confidence,
      evaluatorReason: drafts.evaluatorReason,
      guardFailures: drafts.guardFailures,
      sendAfter: drafts.sendAfter,
      createdAt: drafts.createdAt,
      sortKey: sortKeyOf(drafts.createdAt),
    })
    .from(drafts)
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        q.status ? eq(drafts.status, q.status) : undefined,
        afterCursor(drafts.createdAt, drafts.id, q.cursor),
      ),
    )
    .orderBy(desc(drafts.createdAt), desc(drafts.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

export const reviewListSchema = z.strictObject({
  status: z.enum(['open', 'approved', 'rejected', 'superseded']).optional(),
  ...pageFields,
});

/** The review queue, newest first; `status=open` for what waits on a person. */
export async function listReviews(
  db: Db,
  /** Undefined lists every workspace's reviews (the agency-wide CLI). */
  workspaceId: string | undefined,
  query: z.input<typeof reviewListSchema>,
) {
  const q = parseInput(reviewListSchema, query);
  // A reply's review (draft → inbound message) or a follow-up step's (instance → sequence).
  const stepDetail = (key: 'subject' | 'body') =>
    sql<string | null>`${followupInstances.pauseDetail} ->> ${key}`;
  const rows = await db
    .select({
      id: reviewRequests.id,
      /** `reply` (a held draft) or `followup` (a follow-up step awaiting approval). */
      kind: sql<
        'reply' | 'followup'
      >`case when ${reviewRequests.followupInstanceId} is null then 'reply' else 'followup' end`,
      status: reviewRequests.status,
      reason: reviewRequests.reason,
      draftId: reviewRequests.draftId,
      followupInstanceId: reviewRequests.followupInstanceId,
      followupStep: reviewRequests.followupStep,
      messageId: drafts.messageId,
      workspaceId: reviewRequests.workspaceId,
      leadEmail: leads.email,
      /** The step's text while it awaits approval (the instance keeps it until decided). */
      subject: sql<string>`coalesce(${drafts.subject}, ${stepDetail('subject')}, '')`,
      body: sql<string>`coalesce(${drafts.body}, ${stepDetail('body')}, '')`,
      confidence: drafts.confidence,
      evaluatorReason: drafts.evaluatorReason,
      guardFailures: drafts.guardFailures,
      offeredSlots: drafts.offeredSlots,
      draftStatus: drafts.status,
      campaignId: campaigns.id,
      campaignName: campaigns.name,
      /** The campaign's gate in whole percent, to show confidence against. */
      confidenceGate: campaigns.confidenceGate,
      inboundText: messages.text,
      inboundSubject: messages.subject,
      receivedAt: messages.occurredAt,
      decidedBy: reviewRequests.decidedBy,
      decidedAt: reviewRequests.decidedAt,
      editedBody: reviewRequests.editedBody,
      createdAt: reviewRequests.createdAt,
      sortKey: sortKeyOf(reviewRequests.createdAt),
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
    .where(
      and(
        workspaceId ? eq(reviewRequests.workspaceId, workspaceId) : undefined,
        q.status ? eq(reviewRequests.status, q.status) : undefined,
        afterCursor(reviewRequests.createdAt, reviewRequests.id, q.cursor),
      ),
    )
    .orderBy(desc(reviewRequests.createdAt), desc(reviewRequests.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit);
}

/** Throws not_found unless the review request belongs to the workspace. */
export async function assertReviewInWorkspace(
  db: Db,
  workspaceId: string,
  reviewId: string,
): Promise<void> {
  const [row] = await db
    .select({ id: reviewRequests.id })
    .from(reviewRequests)
    .where(and(eq(reviewRequests.workspaceId, workspaceId), eq(reviewRequests.id, reviewId)));
  if (!row) throw new AutosendError('not_found', `review ${reviewId} not found`);
}

export const deliveryListSchema = z.strictObject({
  status: z.enum(['ok', 'failed']).optional(),
  ...pageFields,
});

/** Slack notification attempts for the workspace's reviews, newest first. */
export async function listNotificationDeliveries(
  db: Db,
  workspaceId: string,
  query: z.input<typeof deliveryListSchema>,
) {
  const q = parseInput(deliveryListSchema, query);
  const rows = await db
    .select({
      delivery: notificationDeliveries,
      sortKey: sortKeyOf(notificationDeliveries.attemptedAt),
    })
    .from(notificationDeliveries)
    .innerJoin(reviewRequests, eq(reviewRequests.id, notificationDeliveries.reviewRequestId))
    .where(
      and(
        eq(reviewRequests.workspaceId, workspaceId),
        q.status ? eq(notificationDeliveries.ok, q.status === 'ok') : undefined,
        afterCursor(notificationDeliveries.attemptedAt, notificationDeliveries.id, q.cursor),
      ),
    )
    .orderBy(desc(notificationDeliveries.attemptedAt), desc(notificationDeliveries.id))
    .limit(q.limit + 1);
  return pageOf(
    rows.map((r) => ({ ...r.delivery, sortKey: r.sortKey })),
    q.limit,
  );
}

export const followupListSchema = z.strictObject({
  status: z.enum(['active', 'paused', 'completed', 'cancelled']).optional(),
  ...pageFields,
});

/**
 * Follow-up instances of the workspace's sequences, most recently changed
 * first. An instance that changes while a client pages moves to the front:
 * later pages do not show it again.
 */
export async function listFollowups(
  db: Db,
  workspaceId: string,
  query: z.input<typeof followupListSchema>,
) {
  const q = parseInput(followupListSchema, query);
  const rows = await db
    .select({
      id: followupInstances.id,
      sequenceId: followupInstances.sequenceId,
      sequenceName: followupSequences.name,
      campaignId: followupSequences.campaignId,
      leadId: followupInstances.leadId,
      leadEmail: leads.email,
      status: followupInstances.status,
      pauseReason: followupInstances.pauseReason,
      stopReason: followupInstances.stopReason,
      nextStep: followupInstances.nextStep,
      nextRunAt: followupInstances.nextRunAt,
      pausedAt: followupInstances.pausedAt,
      pausedUntil: followupInstances.pausedUntil,
      lastError: followupInstances.lastError,
      lastErrorAt: followupInstances.lastErrorAt,
      updatedAt: followupInstances.updatedAt,
      sortKey: sortKeyOf(followupInstances.updatedAt),
    })
    .from(followupInstances)
    .innerJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .innerJoin(leads, eq(leads.id, followupInstances.leadId))
    .where(
      and(
        eq(followupSequences.workspaceId, workspaceId),
        q.status ? eq(followupInstances.status, q.status) : undefined,
        afterCursor(followupInstances.updatedAt, followupInstances.id, q.cursor),
      ),
    )
    .orderBy(desc(followupInstances.updatedAt), desc(followupInstances.id))
    .limit(q.limit + 1);
  // What each state means and what to do about it, beside the reason code.
  const listed = pageOf(rows, q.limit);
  return {
    ...listed,
    items: listed.items.map((r) => ({
      ...r,
      meaning: REASON_MEANINGS[r.pauseReason ?? r.status] ?? null,
    })),
  };
}

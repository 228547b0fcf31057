import { z } from 'zod';
import { draftStatus, messageChannel, messageDirection, reviewStatus } from '../../db/schema.ts';

/*
 * Response shapes of the message, draft, review and notification routes,
 * field by field, for the OpenAPI document. test/integration/api-response-
 * shapes.test.ts parses real answers with these schemas made strict, so a
 * field the service adds or drops without saying so here fails the build.
 */

const iso = z.iso.datetime({ offset: true });
const nextCursor = z
  .string()
  .nullable()
  .describe('pass as `cursor` for the next page; null on the last');

/** Where a slot was offered: as the draft stored it. */
const offeredSlot = z.looseObject({
  start: iso,
  end: iso,
});

const jsonObject = z.record(z.string(), z.unknown());

export const messageSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  leadId: z.uuid(),
  campaignId: z.uuid().nullable().describe('null when the reply named no known campaign'),
  direction: z.enum(messageDirection.enumValues),
  channel: z.enum(messageChannel.enumValues),
  source: z.string().describe('generic, smartlead, instantly, emailbison, eml or autosend'),
  providerMessageId: z.string(),
  dedupeScope: z.string().describe("'' or the platform account the provider id is unique in"),
  rfcMessageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  threadKey: z.string().describe('the conversation: root Message-ID or the platform thread id'),
  fromEmail: z.string(),
  fromName: z.string().nullable(),
  toEmails: z.array(z.string()),
  ccEmails: z.array(z.string()),
  subject: z.string(),
  headers: jsonObject,
  platformFlags: jsonObject.describe('flags the platform set, e.g. is_auto_reply'),
  text: z.string().describe('the plain text Autosend read (HTML converted)'),
  html: z.string().nullable(),
  occurredAt: iso,
  contentPurgedAt: iso
    .nullable()
    .describe('when retention blanked text, html and headers (docs/privacy.md); null if never'),
  createdAt: iso,
});

export const draftRowSchema = z.object({
  id: z.uuid(),
  messageId: z.uuid(),
  version: z.int().min(1),
  subject: z.string(),
  body: z.string(),
  offeredSlots: z.array(offeredSlot),
  status: z.enum(draftStatus.enumValues),
  confidence: z.number().min(0).max(1).nullable().describe('evaluator score 0..1; null if none'),
  safeToSend: z.boolean().nullable(),
  requiresHumanReview: z.boolean().nullable(),
  evaluatorReason: z.string().nullable(),
  guardFailures: z.array(z.unknown()).describe('deterministic guards that failed'),
  model: z.string(),
  timings: jsonObject.describe('milliseconds per step'),
  sendAfter: iso.nullable(),
  sentMessageId: z.uuid().nullable().describe('the outbound message once sent'),
  contentPurgedAt: iso
    .nullable()
    .describe('when retention blanked the body and evaluator reason; null if never'),
  createdAt: iso,
  updatedAt: iso,
});

export const decisionEventSchema = z.object({
  id: z.int(),
  messageId: z.uuid(),
  draftId: z.uuid().nullable(),
  step: z.string().describe('gates, classify, draft, evaluate, decide, send, review …'),
  outcome: z.string(),
  reason: z.string().nullable(),
  detail: jsonObject,
  at: iso,
});

/** GET …/messages/{id}: the message (without its raw payload), its drafts and its trail. */
export const messageDetailSchema = messageSchema.extend({
  drafts: z.array(draftRowSchema).describe('oldest version first'),
  decisionTrail: z.array(decisionEventSchema).describe('in the order it happened'),
});

export const messagePageSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      direction: z.enum(messageDirection.enumValues),
      source: z.string(),
      leadId: z.uuid(),
      leadEmail: z.string(),
      campaignId: z.uuid().nullable(),
      campaignName: z.string().nullable(),
      fromEmail: z.string(),
      subject: z.string(),
      text: z.string(),
      occurredAt: iso,
    }),
  ),
  nextCursor,
});

export const draftPageSchema = z.object({
  items: z.array(
    draftRowSchema
      .pick({
        id: true,
        messageId: true,
        version: true,
        status: true,
        subject: true,
        body: true,
        confidence: true,
        evaluatorReason: true,
        guardFailures: true,
        sendAfter: true,
        createdAt: true,
      })
      .extend({ leadEmail: z.string() }),
  ),
  nextCursor,
});

export const reviewPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: z
        .enum(['reply', 'followup'])
        .describe('a held reply draft, or a follow-up step awaiting approval'),
      status: z.enum(reviewStatus.enumValues),
      reason: z.string().describe('why it waits on a person, e.g. below_gate, ai_failed'),
      draftId: z.uuid().nullable().describe('null for a follow-up step'),
      followupInstanceId: z.uuid().nullable(),
      followupStep: z.int().nullable(),
      messageId: z.uuid().nullable().describe('the inbound reply; null for a follow-up step'),
      workspaceId: z.uuid(),
      leadEmail: z.string(),
      subject: z.string(),
      body: z.string().describe("the draft, or the follow-up step's text"),
      confidence: z.number().min(0).max(1).nullable(),
      evaluatorReason: z.string().nullable(),
      guardFailures: z.array(z.unknown()).nullable(),
      offeredSlots: z.array(offeredSlot).nullable(),
      draftStatus: z.enum(draftStatus.enumValues).nullable(),
      campaignId: z.uuid().nullable(),
      campaignName: z.string().nullable(),
      confidenceGate: z.int().min(0).max(100).nullable().describe('whole percent'),
      inboundText: z.string().nullable(),
      inboundSubject: z.string().nullable(),
      receivedAt: iso.nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: iso.nullable(),
      editedBody: z.string().nullable(),
      createdAt: iso,
    }),
  ),
  nextCursor,
});

export const deliveryPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      reviewRequestId: z.uuid().nullable(),
      channel: z.string(),
      target: z.string().describe('Slack member or channel id'),
      method: z.string().describe('the Slack Web API method called'),
      ok: z.boolean(),
      errorCode: z.string().nullable().describe('as Slack returned it, e.g. missing_scope'),
      errorMessage: z.string().nullable(),
      neededScopes: z.string().nullable(),
      providedScopes: z.string().nullable(),
      providerChannel: z.string().nullable(),
      providerTs: z.string().nullable(),
      latencyMs: z.int().nullable(),
      attemptedAt: iso,
    }),
  ),
  nextCursor,
});

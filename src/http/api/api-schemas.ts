import { z } from 'zod';
import { reviewerSchema } from '../../admin/campaign-settings.ts';
import { REJECT_REASONS } from '../../calibration/review-outcome.ts';

/*
 * Response shapes, for the OpenAPI document only: the services build these
 * objects, and the route tests read them back.
 */

const iso = z.iso.datetime();

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export const workspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  availabilitySource: z.string(),
  webhookKey: z.string(),
  createdAt: iso,
  updatedAt: iso,
});

export const webhooksSchema = z.object({
  workspaceId: z.uuid(),
  webhookKey: z.string(),
  webhookSecret: z.string(),
  previousSecretValidUntil: z.iso
    .datetime()
    .nullable()
    .describe('after a rotation: until when the previous secret is still accepted'),
  endpoints: z.array(z.object({ platform: z.string(), url: z.string(), signing: z.string() })),
});

/** A campaign's circuit breaker (docs/calibration.md). */
export const breakerSchema = z.object({
  open: z.boolean(),
  openedAt: z.iso.datetime().nullable(),
  reason: z.enum(['post_send_complaints', 'reviewer_rejections']).nullable(),
  detail: z.record(z.string(), z.unknown()),
  closedAt: z.iso.datetime().nullable(),
});

export const campaignSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  platform: z.string(),
  externalId: z.string(),
  name: z.string(),
  responseMode: z.enum(['MANUAL', 'AI_AUTO_SEND']),
  confidenceGate: z.int(),
  targetPrecision: z.int(),
  breaker: breakerSchema,
  sendDelayMinSeconds: z.int(),
  sendDelayMaxSeconds: z.int(),
  reviewers: z.array(reviewerSchema),
  bookingLink: z.string().nullable(),
  availabilitySource: z.string().nullable(),
  sendingHours: z.string().nullable(),
  dailyAutoSendCap: z.int().nullable(),
  knowledge: z.string(),
  senderName: z.string().nullable(),
  senderEmail: z.string().nullable(),
  signature: z.string(),
  configuredAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

/** What `forgetLead` answers: counts per table, files, and what is left to do by hand. */
export const forgetReportSchema = z.object({
  dryRun: z.boolean(),
  addressHash: z.string().regex(/^[0-9a-f]{64}$/),
  scope: z.enum(['workspace', 'all']),
  workspaceId: z.uuid().nullable(),
  workspaces: z.array(z.uuid()),
  counts: z.record(z.string(), z.number().int()),
  suppression: z.object({ created: z.boolean() }).nullable(),
  files: z.object({
    outboxFilesRemoved: z.number().int(),
    logFilesScrubbed: z.number().int(),
    logLinesRemoved: z.number().int(),
    notScrubbed: z.array(z.object({ path: z.string(), reason: z.string() })),
  }),
  slackMessages: z.array(z.object({ channel: z.string(), ts: z.string() })),
});

export const leadSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  timeZone: z.string().nullable(),
  flags: z.array(
    z.object({
      flag: z.enum(['opted_out', 'bounced', 'booked']),
      at: iso,
      reason: z.string(),
      evidence: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
  createdAt: iso,
  updatedAt: iso,
});

/** A page of rows, newest first. */
export const pageSchema = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z
    .string()
    .nullable()
    .describe('pass as `cursor` for the next page; null on the last'),
});

export const auditPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.int(),
      workspaceId: z.uuid().nullable(),
      actor: z.string(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
      at: iso,
    }),
  ),
  nextBefore: z.int().nullable(),
});

export const approveSchema = z.strictObject({
  /** Send this text instead of the draft's body. */
  editedBody: z.string().trim().min(1, 'must not be empty').max(20_000).optional(),
});

export const rejectSchema = z.strictObject({
  /** Why, from a short list (calibration); `other` when omitted. */
  reason: z.enum(REJECT_REASONS).optional(),
  note: z.string().trim().max(2_000).optional(),
});

/** GET …/messages/{id}/explain: the trail of one reply (autosend explain --json carries the same per reply). */
export const explainReportSchema = z.object({
  verdict: z.string().describe('one line: what happened to this reply and why'),
  status: z
    .enum(['pending', 'scheduled', 'sent', 'review', 'skipped', 'failed', 'send_unknown'])
    .describe('where the reply stands'),
  draft: z
    .object({
      id: z.uuid(),
      version: z.int(),
      status: z.string(),
      body: z.string().describe('the latest draft as it would be (or was) sent'),
      slots: z.array(
        z.object({
          start: iso.describe('ISO 8601, UTC'),
          end: iso.describe('ISO 8601, UTC'),
          timeZone: z.string().describe("IANA zone of the label: the lead's, else the workspace's"),
          label: z.string().describe('as the draft shows it'),
        }),
      ),
    })
    .nullable()
    .describe('null when no draft was written'),
  message: z.object({
    id: z.uuid(),
    workspaceId: z.uuid(),
    from: z.string(),
    lead: z.string(),
    subject: z.string(),
    receivedAt: iso,
    campaign: z.string().nullable(),
    excerpt: z.string(),
    contentRemoved: z
      .string()
      .nullable()
      .describe('why the content is gone: purged by retention on DATE, or a suppressed address'),
  }),
  events: z.array(
    z.object({
      at: iso,
      step: z.string(),
      outcome: z.string(),
      reason: z.string().nullable(),
      detail: z.unknown(),
    }),
  ),
  drafts: z.array(
    z.object({
      id: z.uuid(),
      version: z.int(),
      status: z.string(),
      confidence: z.number().nullable(),
      gate: z.int().nullable(),
      evaluatorReason: z.string().nullable(),
      guardFailures: z.unknown(),
      sendAfter: iso.nullable(),
      aiFailure: z.object({ step: z.string(), code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      status: z.string(),
      reason: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: iso.nullable(),
    }),
  ),
  notifications: z.array(
    z.object({
      at: iso,
      target: z.string(),
      method: z.string(),
      ok: z.boolean(),
      errorCode: z.string().nullable(),
      neededScopes: z.string().nullable(),
      providedScopes: z.string().nullable(),
    }),
  ),
  sends: z.array(
    z.object({
      status: z.string(),
      sender: z.string(),
      providerMessageId: z.string().nullable(),
      error: z.string().nullable(),
      at: iso,
    }),
  ),
});

import { z } from 'zod';
import { reviewerSchema } from '../../admin/campaign-settings.ts';

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
  endpoints: z.array(z.object({ platform: z.string(), url: z.string(), signing: z.string() })),
});

export const campaignSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  platform: z.string(),
  externalId: z.string(),
  name: z.string(),
  responseMode: z.enum(['MANUAL', 'AI_AUTO_SEND']),
  confidenceGate: z.int(),
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
  nextOffset: z.int().nullable(),
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
  note: z.string().trim().max(2_000).optional(),
});

import { z } from 'zod';

/*
 * The settings an admin may change on a campaign, as one strict schema shared
 * by the API, the CLI and the OpenAPI document. The reviewer forms repeat the
 * database's check constraint so that errors name the field instead of
 * surfacing as a constraint violation.
 */

export const REVIEWER_FORMS = {
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  slack_member: /^[UW][A-Z0-9]{2,}$/,
  slack_channel: /^(#[a-z0-9][a-z0-9._-]*|[CG][A-Z0-9]{2,})$/,
} as const;
export type ReviewerKind = keyof typeof REVIEWER_FORMS;

const REVIEWER_HINT: Record<ReviewerKind, string> = {
  email: 'an email address',
  slack_member: 'a Slack member id such as U012AB3CD',
  slack_channel: 'a channel such as #sales-replies or a channel id such as C012AB3CD',
};

export const reviewerSchema = z
  .strictObject({
    kind: z.enum(['email', 'slack_member', 'slack_channel']),
    target: z.string().trim().min(1),
  })
  .superRefine((r, ctx) => {
    if (!REVIEWER_FORMS[r.kind].test(r.target)) {
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: `must be ${REVIEWER_HINT[r.kind]}`,
      });
    }
  });
export type Reviewer = z.output<typeof reviewerSchema>;

/** Reads a reviewer written as on the command line: an email, U…/W… member id, #channel or C…/G… id. */
export function reviewerFromText(text: string): Reviewer | undefined {
  const t = text.trim();
  for (const kind of ['email', 'slack_member', 'slack_channel'] as const) {
    if (REVIEWER_FORMS[kind].test(t)) return { kind, target: t };
  }
  return undefined;
}

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** "09:00-17:00" → minutes after midnight; undefined when malformed or empty. */
export function parseSendingHours(text: string): { start: number; end: number } | undefined {
  const m = HOURS.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = m[3] === '24:00' ? 1440 : Number(m[4]) * 60 + Number(m[5]);
  return start < end ? { start, end } : undefined;
}

/** Minutes after midnight → "HH:MM". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const optionalText = z.string().trim().max(200).nullable();

export const campaignSettingsSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    responseMode: z.enum(['MANUAL', 'AI_AUTO_SEND']).optional(),
    /** Whole percent: a draft is sent when round(confidence × 100) ≥ gate. */
    confidenceGate: z.int().min(0).max(100).optional(),
    /** Whole percent the approved-as-is share must prove before calibration recommends a gate. */
    targetPrecision: z.int().min(50).max(100).optional(),
    sendDelayMinSeconds: z.int().min(0).max(86_400).optional(),
    sendDelayMaxSeconds: z.int().min(0).max(86_400).optional(),
    /** Replaces the whole list. */
    reviewers: z.array(reviewerSchema).max(50).optional(),
    bookingLink: z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL')
      .nullable()
      .optional(),
    /** Null: use the workspace's source. */
    availabilitySource: z.enum(['weekly_hours', 'calendly', 'calcom', 'ghl']).nullable().optional(),
    /** "HH:MM-HH:MM" in the lead's time zone; null: any time. */
    sendingHours: z
      .string()
      .refine(
        (s) => parseSendingHours(s) !== undefined,
        'must be HH:MM-HH:MM with start before end',
      )
      .nullable()
      .optional(),
    dailyAutoSendCap: z.int().min(0).nullable().optional(),
    knowledge: z.string().max(50_000).optional(),
    senderName: optionalText.optional(),
    senderEmail: z.email('must be an email address').nullable().optional(),
    signature: z.string().max(5_000).optional(),
  })
  .refine((s) => Object.keys(s).length > 0, 'give at least one setting to change');
export type CampaignSettings = z.output<typeof campaignSettingsSchema>;

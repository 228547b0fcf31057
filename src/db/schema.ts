import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * The whole schema. Constraints live here so that bad states cannot be
 * written by any path: a duplicate provider message, a second send of one
 * draft, a confidence outside 0..1, a paused follow-up without its reason.
 * Change it, then `npm run db:generate` writes the next migration.
 */

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

export const responseMode = pgEnum('response_mode', ['MANUAL', 'AI_AUTO_SEND']);
export const memberRole = pgEnum('member_role', ['admin', 'reviewer']);
export const platform = pgEnum('platform', ['generic', 'smartlead', 'instantly', 'emailbison']);
export const reviewerKind = pgEnum('reviewer_kind', ['email', 'slack_member', 'slack_channel']);
export const availabilitySource = pgEnum('availability_source', [
  'weekly_hours',
  'calendly',
  'calcom',
  'ghl',
]);
export const messageDirection = pgEnum('message_direction', ['inbound', 'outbound']);
export const messageChannel = pgEnum('message_channel', ['email', 'sms', 'linkedin']);
export const draftStatus = pgEnum('draft_status', [
  'generated',
  'approved',
  'rejected',
  'sending',
  'sent',
  'send_unknown',
  'superseded',
  'failed',
  /** A backfill --shadow draft: saved to compare, never sendable. */
  'shadow',
]);
/**
 * Drafts that can still be sent or reviewed: at most one per message
 * (drafts_one_live_per_message). A shadow draft is never sendable and does not
 * count; rejected, sent, superseded and failed ones are settled.
 */
export const LIVE_DRAFT_STATUSES = ['generated', 'approved', 'sending', 'send_unknown'] as const;
export const sendStatus = pgEnum('send_status', ['sending', 'sent', 'unknown', 'failed']);
export const reviewStatus = pgEnum('review_status', ['open', 'approved', 'rejected', 'superseded']);
export const followupStatus = pgEnum('followup_status', [
  'active',
  'paused',
  'completed',
  'cancelled',
]);
export const pauseReason = pgEnum('pause_reason', [
  'lead_replied',
  'awaiting_approval',
  'awaiting_enrichment',
  'out_of_office',
  'lead_snoozed',
  'missing_lead_data',
  'send_uncertain',
]);
export const followupDelayUnit = pgEnum('followup_delay_unit', ['business_days', 'hours']);
export const slotOfferStatus = pgEnum('slot_offer_status', [
  'offered',
  'declined',
  'booked',
  'expired',
]);
export const backfillStatus = pgEnum('backfill_status', [
  'pending',
  'drafting',
  'sending',
  'paused',
  'completed',
  'failed',
  'cancelled',
]);

export const workspaces = pgTable(
  'workspaces',
  {
    id: id(),
    name: text('name').notNull(),
    /** Public, unguessable key used in webhook URLs: /webhooks/{source}/{webhookKey}. */
    webhookKey: text('webhook_key').notNull(),
    /**
     * HMAC secret for signed webhooks (generic) and shared-secret checks
     * (platforms), sealed with AUTOSEND_SECRET_KEY (`v1:…`); clear text only
     * where no key is configured (ingest/webhook-secrets.ts).
     */
    webhookSecret: text('webhook_secret').notNull(),
    /** The secret before the last rotation, still accepted until `webhookSecretPreviousUntil`. */
    webhookSecretPrevious: text('webhook_secret_previous'),
    webhookSecretPreviousUntil: at('webhook_secret_previous_until'),
    timeZone: text('time_zone').notNull().default('UTC'),
    availabilitySource: availabilitySource('availability_source').notNull().default('weekly_hours'),
    /** Source settings: weekly hours, ICS URL, event type ids. Tokens are stored encrypted. */
    availabilityConfig: jsonb('availability_config').notNull().default({}),
    /** Per-workspace Slack bot token, AES-256-GCM encrypted with AUTOSEND_SECRET_KEY. */
    slackBotTokenEncrypted: text('slack_bot_token_encrypted'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workspaces_webhook_key_unique').on(t.webhookKey),
    check('workspaces_name_not_blank', sql`btrim(${t.name}) <> ''`),
    check(
      'workspaces_previous_secret_has_deadline',
      sql`(${t.webhookSecretPrevious} is null) = (${t.webhookSecretPreviousUntil} is null)`,
    ),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name'),
    /** scrypt, `scrypt$N$r$p$salt$hash`; null: the user cannot sign in yet. */
    passwordHash: text('password_hash'),
    /** Consecutive failed sign-ins; reset by a successful one. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    lastLoginAt: at('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
);

/** Dashboard sign-ins. The cookie holds the token; only its SHA-256 is stored. */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** Sent back in `x-csrf-token` on every state change made with this session. */
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('user_sessions_token_hash_unique').on(t.tokenHash),
    index('user_sessions_user_idx').on(t.userId),
  ],
);

/**
 * One-time links: with no user, it creates the first admin (printed by the
 * first `npm start`); with a user, it sets that user's password.
 */
export const setupLinks = pgTable(
  'setup_links',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('setup_links_token_hash_unique').on(t.tokenHash)],
);

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    responseMode: responseMode('response_mode').notNull().default('MANUAL'),
    /** Whole percent: a draft is sent when round(confidence * 100) >= gate. */
    confidenceGate: integer('confidence_gate').notNull().default(85),
    sendDelayMinSeconds: integer('send_delay_min_seconds').notNull().default(180),
    sendDelayMaxSeconds: integer('send_delay_max_seconds').notNull().default(420),
    bookingLink: text('booking_link'),
    /** Null: use the workspace's source. */
    availabilitySource: availabilitySource('availability_source'),
    /** What the campaign offers, prices included; drafts may only quote what is here. */
    knowledge: text('knowledge').notNull().default(''),
    senderName: text('sender_name'),
    senderEmail: text('sender_email'),
    signature: text('signature').notNull().default(''),
    /** Local sending hours in the lead's time zone, minutes after midnight; both null = any time. */
    sendingHoursStart: integer('sending_hours_start'),
    sendingHoursEnd: integer('sending_hours_end'),
    dailyAutoSendCap: integer('daily_auto_send_cap'),
    /** Whole percent: the approved-as-is share a recommended gate must prove (calibration). */
    targetPrecision: integer('target_precision').notNull().default(95),
    /** Set while the circuit breaker holds every auto-send for review; a person closes it. */
    breakerOpenedAt: at('breaker_opened_at'),
    breakerReason: text('breaker_reason'),
    /** The figures that tripped it: rates, counts, window. */
    breakerDetail: jsonb('breaker_detail').notNull().default({}),
    /** The last close: the breaker's windows count only what came after it. */
    breakerClosedAt: at('breaker_closed_at'),
    /** Set when a person configured the campaign; null for campaigns discovered from a webhook. */
    configuredAt: at('configured_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('campaigns_platform_external_unique').on(t.workspaceId, t.platform, t.externalId),
    check('campaigns_gate_percent', sql`${t.confidenceGate} between 0 and 100`),
    check(
      'campaigns_delay_window',
      sql`${t.sendDelayMinSeconds} >= 0 and ${t.sendDelayMaxSeconds} >= ${t.sendDelayMinSeconds}`,
    ),
    check(
      'campaigns_sending_hours',
      sql`(${t.sendingHoursStart} is null) = (${t.sendingHoursEnd} is null)
        and coalesce(${t.sendingHoursStart} between 0 and 1439, true)
        and coalesce(${t.sendingHoursEnd} between 1 and 1440, true)
        and coalesce(${t.sendingHoursStart} < ${t.sendingHoursEnd}, true)`,
    ),
    check('campaigns_daily_cap', sql`coalesce(${t.dailyAutoSendCap} >= 0, true)`),
    check('campaigns_target_precision_percent', sql`${t.targetPrecision} between 50 and 100`),
    check(
      'campaigns_breaker_why',
      sql`(${t.breakerOpenedAt} is null) = (${t.breakerReason} is null)`,
    ),
  ],
);

export const campaignReviewers = pgTable(
  'campaign_reviewers',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: reviewerKind('kind').notNull(),
    /** An email, a Slack member id (U…/W…) or a channel (#name or C…/G…). */
    target: text('target').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('campaign_reviewers_unique').on(t.campaignId, t.kind, sql`lower(${t.target})`),
    check(
      'campaign_reviewers_target_form',
      sql`case ${t.kind}
        when 'email' then ${t.target} ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'
        when 'slack_member' then ${t.target} ~ '^[UW][A-Z0-9]{2,}$'
        when 'slack_channel' then ${t.target} ~ '^(#[a-z0-9][a-z0-9._-]*|[CG][A-Z0-9]{2,})$'
      end`,
    ),
  ],
);

export const leads = pgTable(
  'leads',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    company: text('company'),
    timeZone: text('time_zone'),
    phone: text('phone'),
    linkedinUrl: text('linkedin_url'),
    optedOutAt: at('opted_out_at'),
    optedOutReason: text('opted_out_reason'),
    bouncedAt: at('bounced_at'),
    bouncedReason: text('bounced_reason'),
    bookedAt: at('booked_at'),
    bookedReason: text('booked_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('leads_workspace_email_unique').on(t.workspaceId, sql`lower(${t.email})`),
    index('leads_email_lower_idx').on(sql`lower(${t.email})`),
    index('leads_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    check('leads_email_form', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check('leads_opted_out_why', sql`(${t.optedOutAt} is null) = (${t.optedOutReason} is null)`),
    check('leads_bounced_why', sql`(${t.bouncedAt} is null) = (${t.bouncedReason} is null)`),
    check('leads_booked_why', sql`(${t.bookedAt} is null) = (${t.bookedReason} is null)`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** Null when the reply named no campaign we could store (skipped as unknown_campaign). */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    direction: messageDirection('direction').notNull(),
    channel: messageChannel('channel').notNull().default('email'),
    /** Where it came from: generic, smartlead, instantly, emailbison, eml, autosend. */
    source: text('source').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    /**
     * Where the provider's id is unique: '' when it is unique within the source,
     * else the platform's own account (an EmailBison instance numbers replies itself).
     */
    dedupeScope: text('dedupe_scope').notNull().default(''),
    rfcMessageId: text('rfc_message_id'),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    /** Stable key for the conversation: the root Message-ID or the platform's thread id. */
    threadKey: text('thread_key').notNull(),
    fromEmail: text('from_email').notNull(),
    fromName: text('from_name'),
    toEmails: text('to_emails').array().notNull().default(sql`'{}'::text[]`),
    ccEmails: text('cc_emails').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull().default(''),
    headers: jsonb('headers').notNull().default({}),
    /** Flags the platform set (e.g. Instantly is_auto_reply, EmailBison automated_reply). */
    platformFlags: jsonb('platform_flags').notNull().default({}),
    text: text('text').notNull().default(''),
    html: text('html'),
    occurredAt: at('occurred_at').notNull(),
    raw: jsonb('raw'),
    /** Set when retention blanked text, html, headers and raw (docs/privacy.md). */
    contentPurgedAt: at('content_purged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_retention_idx').on(t.occurredAt).where(sql`${t.contentPurgedAt} is null`),
    uniqueIndex('messages_provider_id_unique').on(
      t.workspaceId,
      t.source,
      t.dedupeScope,
      t.providerMessageId,
    ),
    index('messages_thread_idx').on(t.workspaceId, t.threadKey, t.occurredAt),
    index('messages_lead_idx').on(t.leadId, t.occurredAt),
    index('messages_rfc_id_idx').on(t.workspaceId, t.rfcMessageId),
    index('messages_campaign_idx').on(t.campaignId, t.occurredAt),
    index('messages_workspace_occurred_idx').on(t.workspaceId, t.occurredAt, t.id),
  ],
);

export const drafts = pgTable(
  'drafts',
  {
    id: id(),
    /** The inbound message this draft answers. */
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    offeredSlots: jsonb('offered_slots').notNull().default([]),
    status: draftStatus('status').notNull().default('generated'),
    confidence: real('confidence'),
    safeToSend: boolean('safe_to_send'),
    requiresHumanReview: boolean('requires_human_review'),
    evaluatorReason: text('evaluator_reason'),
    guardFailures: jsonb('guard_failures').notNull().default([]),
    model: text('model').notNull(),
    /** Milliseconds per step: { draftMs, evaluateMs }. */
    timings: jsonb('timings').notNull().default({}),
    sendAfter: at('send_after'),
    sentMessageId: uuid('sent_message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** Set when retention blanked the body and the evaluator's reason (docs/privacy.md). */
    contentPurgedAt: at('content_purged_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('drafts_retention_idx').on(t.createdAt).where(sql`${t.contentPurgedAt} is null`),
    uniqueIndex('drafts_message_version_unique').on(t.messageId, t.version),
    uniqueIndex('drafts_one_live_per_message')
      .on(t.messageId)
      .where(sql`${t.status} in ('generated', 'approved', 'sending', 'send_unknown')`),
    index('drafts_send_after_idx').on(t.sendAfter).where(sql`${t.sendAfter} is not null`),
    index('drafts_created_idx').on(t.createdAt, t.id),
    index('drafts_sent_message_idx').on(t.sentMessageId).where(sql`${t.sentMessageId} is not null`),
    check('drafts_confidence_range', sql`coalesce(${t.confidence} between 0 and 1, true)`),
    check('drafts_version_positive', sql`${t.version} >= 1`),
  ],
);

export const sendLedger = pgTable(
  'send_ledger',
  {
    id: id(),
    /** One row per send attempt key: a draft can never be handed to a sender twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** A reply's draft, or (for a follow-up) null with the instance and step set. */
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'cascade' }),
    followupInstanceId: uuid('followup_instance_id').references(
      (): AnyPgColumn => followupInstances.id,
      { onDelete: 'cascade' },
    ),
    followupStep: integer('followup_step'),
    status: sendStatus('status').notNull().default('sending'),
    sender: text('sender').notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    uniqueIndex('send_ledger_idempotency_key_unique').on(t.idempotencyKey),
    uniqueIndex('send_ledger_draft_unique').on(t.draftId),
    index('send_ledger_started_idx').on(t.startedAt),
    index('send_ledger_followup_idx').on(t.followupInstanceId),
    check(
      'send_ledger_one_subject',
      sql`(${t.draftId} is null) <> (${t.followupInstanceId} is null) and (${t.followupInstanceId} is null) = (${t.followupStep} is null)`,
    ),
  ],
);

export const reviewRequests = pgTable(
  'review_requests',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** A reply's draft, or (for a follow-up step awaiting approval) null with the instance and step set. */
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'cascade' }),
    followupInstanceId: uuid('followup_instance_id').references(
      (): AnyPgColumn => followupInstances.id,
      { onDelete: 'cascade' },
    ),
    followupStep: integer('followup_step'),
    reason: text('reason').notNull(),
    status: reviewStatus('status').notNull().default('open'),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    editedBody: text('edited_body'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_requests_draft_unique').on(t.draftId),
    uniqueIndex('review_requests_followup_open_unique')
      .on(t.followupInstanceId, t.followupStep)
      .where(sql`${t.followupInstanceId} is not null and ${t.status} = 'open'`),
    index('review_requests_status_created_idx').on(t.workspaceId, t.status, t.createdAt, t.id),
    index('review_requests_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    check(
      'review_requests_one_subject',
      sql`(${t.draftId} is null) <> (${t.followupInstanceId} is null) and (${t.followupInstanceId} is null) = (${t.followupStep} is null)`,
    ),
    check(
      'review_requests_decided',
      sql`(${t.status} in ('approved','rejected')) = (${t.decidedAt} is not null)`,
    ),
  ],
);

export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    reviewRequestId: uuid('review_request_id').references(() => reviewRequests.id, {
      onDelete: 'cascade',
    }),
    channel: text('channel').notNull().default('slack'),
    /** The configured reviewer: an email, member id or channel. */
    target: text('target').notNull(),
    /** How it was reached: dm_by_email, dm_by_member_id, post_to_member_id, channel. */
    method: text('method').notNull(),
    ok: boolean('ok').notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    neededScopes: text('needed_scopes'),
    providedScopes: text('provided_scopes'),
    providerChannel: text('provider_channel'),
    providerTs: text('provider_ts'),
    latencyMs: integer('latency_ms'),
    attemptedAt: at('attempted_at').notNull().defaultNow(),
  },
  (t) => [
    index('notification_deliveries_review_idx').on(t.reviewRequestId, t.attemptedAt),
    index('notification_deliveries_attempted_idx').on(t.attemptedAt, t.id),
  ],
);

export const decisionEvents = pgTable(
  'decision_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'set null' }),
    step: text('step').notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    detail: jsonb('detail').notNull().default({}),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    index('decision_events_message_idx').on(t.messageId, t.id),
    index('decision_events_draft_idx').on(t.draftId).where(sql`${t.draftId} is not null`),
  ],
);

export const followupSequences = pgTable(
  'followup_sequences',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Days of silence after OUR last message after which a lead_replied pause resumes. */
    ghostDays: integer('ghost_days').notNull().default(7),
    /** Pause for an out-of-office reply that names no return date. */
    oooDefaultDays: integer('ooo_default_days').notNull().default(7),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('followup_sequences_campaign_name_unique').on(t.campaignId, sql`lower(${t.name})`),
    check('followup_sequences_name_not_blank', sql`btrim(${t.name}) <> ''`),
    check(
      'followup_sequences_periods',
      sql`${t.ghostDays} between 1 and 365 and ${t.oooDefaultDays} between 1 and 365`,
    ),
  ],
);

export const followupSteps = pgTable(
  'followup_steps',
  {
    id: id(),
    sequenceId: uuid('sequence_id')
      .notNull()
      .references(() => followupSequences.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Delay after the previous step (after enrolment for step 1), in the lead's zone. */
    delayAmount: integer('delay_amount').notNull().default(0),
    delayUnit: followupDelayUnit('delay_unit').notNull().default('business_days'),
    channel: messageChannel('channel').notNull().default('email'),
    /** Empty: reply in the campaign's thread (`Re: …`). */
    subject: text('subject').notNull().default(''),
    /** `{{first_name}}` lead fields and `{a|b}` variations (see render-template.ts). */
    body: text('body').notNull(),
    needsApproval: boolean('needs_approval').notNull().default(false),
  },
  (t) => [
    uniqueIndex('followup_steps_position_unique').on(t.sequenceId, t.position),
    check('followup_steps_delay', sql`${t.delayAmount} between 0 and 3650`),
    check('followup_steps_position_positive', sql`${t.position} >= 1`),
    check('followup_steps_body_not_blank', sql`btrim(${t.body}) <> ''`),
  ],
);

export const followupInstances = pgTable(
  'followup_instances',
  {
    id: id(),
    sequenceId: uuid('sequence_id')
      .notNull()
      .references(() => followupSequences.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    status: followupStatus('status').notNull().default('active'),
    pauseReason: pauseReason('pause_reason'),
    /** Why it ended (completed: finished, booked; cancelled: opted_out, bounced, by hand). */
    stopReason: text('stop_reason'),
    /** The step sent next (1-based); past the last step means the sequence is done. */
    nextStep: integer('next_step').notNull().default(1),
    /** When the next step is due (null while paused or ended). */
    nextRunAt: at('next_run_at'),
    /** Paused until this instant (out of office, snoozed); resumes by itself after it. */
    pausedUntil: at('paused_until'),
    pausedAt: at('paused_at'),
    /** What the pause is about: missing fields, the step awaiting approval, the return date. */
    pauseDetail: jsonb('pause_detail').notNull().default({}),
    /** The step a reviewer approved (sent without asking again). */
    approvedStep: integer('approved_step'),
    lastSentAt: at('last_sent_at'),
    lastError: text('last_error'),
    lastErrorAt: at('last_error_at'),
    /** How the lead was enrolled: hand, api, unanswered, first_email. */
    enrolledBy: text('enrolled_by').notNull().default('hand'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('followup_instances_lead_unique').on(t.sequenceId, t.leadId),
    index('followup_instances_due_idx').on(t.nextRunAt).where(sql`${t.status} = 'active'`),
    index('followup_instances_lead_idx').on(t.leadId),
    index('followup_instances_updated_idx').on(t.updatedAt, t.id),
    check(
      'followup_instances_pause_reason',
      sql`(${t.status} = 'paused') = (${t.pauseReason} is not null)`,
    ),
    check(
      'followup_instances_stop_reason',
      sql`(${t.status} in ('completed', 'cancelled')) = (${t.stopReason} is not null)`,
    ),
    check(
      'followup_instances_paused_until',
      sql`${t.pausedUntil} is null or ${t.status} = 'paused'`,
    ),
  ],
);

/** Every status change of an instance, with its cause: the history the report and CLI show. */
export const followupTransitions = pgTable(
  'followup_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => followupInstances.id, { onDelete: 'cascade' }),
    fromStatus: followupStatus('from_status'),
    fromReason: text('from_reason'),
    toStatus: followupStatus('to_status').notNull(),
    toReason: text('to_reason'),
    cause: text('cause').notNull(),
    detail: jsonb('detail').notNull().default({}),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('followup_transitions_instance_idx').on(t.instanceId, t.id)],
);

export const availabilityCache = pgTable('availability_cache', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  source: availabilitySource('source').notNull(),
  /** [{ start, end }] in UTC ISO. */
  slots: jsonb('slots').notNull().default([]),
  fetchedAt: at('fetched_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  stale: boolean('stale').notNull().default(false),
  lastError: text('last_error'),
  lastErrorAt: at('last_error_at'),
});

export const slotOffers = pgTable(
  'slot_offers',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'cascade' }),
    slotStart: at('slot_start').notNull(),
    slotEnd: at('slot_end').notNull(),
    status: slotOfferStatus('status').notNull().default('offered'),
    offeredAt: at('offered_at').notNull().defaultNow(),
    /** The offer stops counting against the slot's cap at this time (the slot's start). */
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    index('slot_offers_live_idx')
      .on(t.workspaceId, t.slotStart)
      .where(sql`${t.status} = 'offered'`),
    index('slot_offers_lead_idx').on(t.leadId, t.slotStart),
    index('slot_offers_draft_idx').on(t.draftId).where(sql`${t.draftId} is not null`),
    check('slot_offers_range', sql`${t.slotEnd} > ${t.slotStart}`),
  ],
);

export const backfillRuns = pgTable(
  'backfill_runs',
  {
    id: id(),
    /** Null for a run over every workspace (--all-workspaces). */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    status: backfillStatus('status').notNull().default('pending'),
    /** shadow (drafts to compare, nothing sendable) or apply (drafts, sends, reviews). */
    mode: text('mode').notNull().default('apply'),
    /** Where a resume continues: select → draft → send → done. */
    phase: text('phase').notNull().default('select'),
    /** The selection as given: campaign, since, until, dry run. */
    selection: jsonb('selection').notNull().default({}),
    logPath: text('log_path'),
    counts: jsonb('counts').notNull().default({}),
    error: text('error'),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    createdAt: createdAt(),
  },
  (t) => [check('backfill_runs_mode', sql`${t.mode} in ('shadow','apply')`)],
);

export const backfillItems = pgTable(
  'backfill_items',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => backfillRuns.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** pending → drafted | skipped | failed → sent | held | send_failed */
    state: text('state').notNull().default('pending'),
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    /** When the lead wrote: the send phase goes in this order. */
    replyAt: at('reply_at'),
    detail: jsonb('detail').notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('backfill_items_message_unique').on(t.runId, t.messageId),
    index('backfill_items_run_state_idx').on(t.runId, t.state, t.replyAt),
  ],
);

/** One row per review and recipient: the claim that stops two processes from notifying twice. */
export const reviewNotifications = pgTable(
  'review_notifications',
  {
    id: id(),
    reviewRequestId: uuid('review_request_id')
      .notNull()
      .references(() => reviewRequests.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    /** pending → sent | failed (permanent, waits for a fix and `slack retry`) */
    status: text('status').notNull().default('pending'),
    method: text('method'),
    providerChannel: text('provider_channel'),
    providerTs: text('provider_ts'),
    attempts: integer('attempts').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('review_notifications_unique').on(t.reviewRequestId, t.target),
    check('review_notifications_status', sql`${t.status} in ('pending','sent','failed')`),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    /** SHA-256 of the token; the token itself is shown once, at creation. */
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, to recognise it in lists. */
    prefix: text('prefix').notNull(),
    role: memberRole('role').notNull(),
    /** Workspaces this token may act on; empty means every workspace (agency-wide admin). */
    workspaceIds: uuid('workspace_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'set null' }),
    /** Who: `token:<id>`, `user:<id>`, `cli:<os user>`, `slack:<member id>`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.at)],
);

/** Latest result of a periodic health check (e.g. the Slack doctor), shared by every process. */
export const systemChecks = pgTable('system_checks', {
  name: text('name').primaryKey(),
  ok: boolean('ok').notNull(),
  summary: text('summary').notNull(),
  detail: jsonb('detail').notNull().default({}),
  checkedAt: at('checked_at').notNull().defaultNow(),
});

export const sendingConnectionKind = pgEnum('sending_connection_kind', [
  'smartlead',
  'instantly',
  'emailbison',
  'smtp',
  'outbox',
]);

/**
 * How a workspace sends: one connection per kind. Credentials (API key,
 * token, SMTP URL) are sealed with AUTOSEND_SECRET_KEY as one JSON document;
 * settings hold what is not secret (EmailBison instance URL, API base URL).
 * The last check, campaign sync and reconciliation results are kept here so
 * the CLI, API and /readyz show them.
 */
export const sendingConnections = pgTable(
  'sending_connections',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: sendingConnectionKind('kind').notNull(),
    settings: jsonb('settings').notNull().default({}),
    credentialsSealed: text('credentials_sealed'),
    lastCheckedAt: at('last_checked_at'),
    lastCheckOk: boolean('last_check_ok'),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    lastSyncAt: at('last_sync_at'),
    lastSyncError: text('last_sync_error'),
    lastReconcileAt: at('last_reconcile_at'),
    lastReconcileRecovered: integer('last_reconcile_recovered'),
    lastReconcileError: text('last_reconcile_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sending_connections_workspace_kind_unique').on(t.workspaceId, t.kind),
    check(
      'sending_connections_credentials',
      sql`(${t.kind} = 'outbox') = (${t.credentialsSealed} is null)`,
    ),
    check(
      'sending_connections_check_error',
      sql`coalesce(${t.lastCheckOk}, true) or ${t.lastErrorCode} is not null`,
    ),
  ],
);

/**
 * What a reviewer did with a held draft, recorded once when the review is
 * decided, with the draft's score and the gate at that time: the evidence
 * calibration and the circuit breaker read.
 */
export const reviewOutcomes = pgTable(
  'review_outcomes',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    reviewRequestId: uuid('review_request_id')
      .notNull()
      .references(() => reviewRequests.id, { onDelete: 'cascade' }),
    /** approved_as_is | approved_edited | rejected */
    outcome: text('outcome').notNull(),
    charsChanged: integer('chars_changed').notNull().default(0),
    sentenceAdded: boolean('sentence_added').notNull().default(false),
    sentenceRemoved: boolean('sentence_removed').notNull().default(false),
    /** One of REJECT_REASONS (calibration/review-outcome.ts) when rejected. */
    rejectReason: text('reject_reason'),
    rejectNote: text('reject_note'),
    confidence: real('confidence'),
    category: text('category'),
    model: text('model').notNull(),
    gate: integer('gate').notNull(),
    /** Why the draft was held (mode_manual, below_threshold, …). */
    reviewReason: text('review_reason').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: at('decided_at').notNull(),
  },
  (t) => [
    uniqueIndex('review_outcomes_draft_unique').on(t.draftId),
    index('review_outcomes_campaign_idx').on(t.campaignId, t.decidedAt),
    index('review_outcomes_workspace_idx').on(t.workspaceId, t.decidedAt),
    check(
      'review_outcomes_outcome',
      sql`${t.outcome} in ('approved_as_is','approved_edited','rejected')`,
    ),
    check(
      'review_outcomes_reject_reason',
      sql`(${t.outcome} = 'rejected') = (${t.rejectReason} is not null)`,
    ),
    check('review_outcomes_confidence_range', sql`coalesce(${t.confidence} between 0 and 1, true)`),
  ],
);

/** What the lead did after an automatic send: their next message within the window, or none. */
export const postSendOutcomes = pgTable(
  'post_send_outcomes',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    sentAt: at('sent_at').notNull(),
    /** positive | neutral | negative | complaint_or_opt_out | confused | no_reply */
    outcome: text('outcome').notNull(),
    replyMessageId: uuid('reply_message_id').references(() => messages.id, {
      onDelete: 'set null',
    }),
    category: text('category'),
    evidence: text('evidence'),
    classifiedAt: at('classified_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('post_send_outcomes_draft_unique').on(t.draftId),
    index('post_send_outcomes_campaign_idx').on(t.campaignId, t.sentAt),
    check(
      'post_send_outcomes_outcome',
      sql`${t.outcome} in ('positive','neutral','negative','complaint_or_opt_out','confused','no_reply')`,
    ),
    check(
      'post_send_outcomes_reply',
      sql`(${t.outcome} = 'no_reply') = (${t.replyMessageId} is null)`,
    ),
  ],
);

/** A reviewer's edit of a draft, personal data replaced: house-style examples for the drafter. */
export const editExamples = pgTable(
  'edit_examples',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    category: text('category'),
    /** The lead's reply the draft answered (scrubbed): what similarity is measured on. */
    replyText: text('reply_text').notNull(),
    draftText: text('draft_text').notNull(),
    sentText: text('sent_text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('edit_examples_draft_unique').on(t.draftId),
    index('edit_examples_campaign_idx').on(t.campaignId, t.createdAt),
  ],
);

/**
 * Addresses that must never be contacted or stored again (`autosend lead
 * forget`): only the SHA-256 of the trimmed, lower-cased address. A null
 * workspace suppresses the address in every workspace.
 */
export const suppressions = pgTable(
  'suppressions',
  {
    id: id(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    addressHash: text('address_hash').notNull(),
    /** Who asked: `cli:<os user>`, `token:<id>`, `user:<id>`. */
    createdBy: text('created_by').notNull(),
    /** Deliveries refused since (webhooks, imports, sends). */
    refusedCount: integer('refused_count').notNull().default(0),
    lastRefusedAt: at('last_refused_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('suppressions_scope_hash_unique').on(
      sql`coalesce(${t.workspaceId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.addressHash,
    ),
    index('suppressions_hash_idx').on(t.addressHash),
    check('suppressions_hash_form', sql`${t.addressHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

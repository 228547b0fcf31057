import type { WebhookSource } from './map-webhook-payload.ts';
import { readPayload } from './read-payload.ts';

/**
 * A platform event saying the campaign's FIRST email went out to a lead: the
 * lead is enrolled in the campaign's follow-up sequences (enrol-on-sent-event.ts).
 * Later steps' sent events, and sends naming no lead or campaign, are not one.
 * Pure.
 */
export interface FirstEmailSent {
  leadEmail: string;
  /** The campaign's id on the platform. */
  campaignExternalId: string;
  at: Date;
  eventType: string;
  /**
   * The sent email as the platform names it, so a follow-up can reply in its
   * thread before the lead ever writes: Smartlead `stats_id` (and the sent
   * message's id), Instantly `email_id` as `reply_to_uuid` with its
   * `email_account`. Null when the event carries no id (EmailBison: its reply
   * API needs a reply of the lead, so nothing here helps).
   */
  sent: {
    providerId: string;
    refs: Record<string, string>;
    mailbox: string | null;
    rfcMessageId: string | null;
    subject: string;
  } | null;
}

/*
 * Shapes, per platform (parse defensively; mark what is unconfirmed):
 * - Smartlead `EMAIL_SENT` ✅ (event listed in the webhook guide). Flat shape
 *   like EMAIL_REPLY ⚠️ (`event_type`, `campaign_id`, `sequence_number`,
 *   `sl_lead_email` / `to_email`, `event_timestamp`), or the nested one on
 *   api.smartlead.ai/core/webhooks ⚠️ (`event`, `campaign_id`, `lead.email`,
 *   `sequence_number`, `timestamp`): both accepted. First email =
 *   `sequence_number` 1 ⚠️ (1-based, as the reply webhook's sequence_number).
 * - Instantly `email_sent` ✅ with `is_first` ✅ (payload field list), `step`,
 *   `lead_email`, `campaign_id`, `timestamp`. `is_first: true` decides; without
 *   it, `step` 1 ⚠️ (step numbering is not documented).
 * - EmailBison "Contact First Emailed" ✅ (when-are-webhooks-triggered: "the
 *   first campaign email on this workspace"), type `CONTACT_FIRST_EMAILED` ⚠️;
 *   "Email Sent" (`EMAIL_SENT` ⚠️) counts only when
 *   `data.scheduled_email.sequence_step_order` is 1 ⚠️. Lead in `data.lead.email`,
 *   campaign in `data.campaign.id` (as the reply webhook ⚠️).
 */

function typeOf(source: WebhookSource, body: Record<string, unknown>): string {
  const event = source === 'instantly' ? body.event_type : (body.event_type ?? body.event);
  const raw = event && typeof event === 'object' ? (event as { type?: unknown }).type : event;
  return String(raw ?? '').toUpperCase();
}

function isOne(value: unknown): boolean {
  return value === 1 || value === '1';
}

function isFirst(source: WebhookSource, type: string, r: ReturnType<typeof readPayload>): boolean {
  switch (source) {
    case 'smartlead':
      return type === 'EMAIL_SENT' && isOne(r.at('sequence_number'));
    case 'instantly': {
      if (type !== 'EMAIL_SENT') return false;
      const first = r.at('is_first');
      if (first === true || first === false) return first;
      return isOne(r.at('step'));
    }
    case 'emailbison':
      if (type === 'CONTACT_FIRST_EMAILED') return true;
      return (
        type === 'EMAIL_SENT' &&
        isOne(r.at('data.scheduled_email.sequence_step_order') ?? r.at('data.sequence_step.order'))
      );
    default:
      return false;
  }
}

const LEAD_PATHS: Record<WebhookSource, string[]> = {
  generic: [],
  smartlead: ['sl_lead_email', 'lead.email', 'to_email', 'lead_email'],
  instantly: ['lead_email'],
  emailbison: ['data.lead.email'],
};

/** The first-email-sent event a webhook delivery carries, or null when it is not one. */
export function interpretFirstEmailSent(
  source: WebhookSource,
  payload: unknown,
  receivedAt: Date,
): FirstEmailSent | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const body = payload as Record<string, unknown>;
  const type = typeOf(source, body);
  const r = readPayload(body);
  if (!isFirst(source, type, r)) return null;
  const leadEmail = LEAD_PATHS[source].map((p) => r.email(p)).find(Boolean);
  const campaignExternalId = r.firstText(['campaign_id', 'data.campaign.id']);
  if (!leadEmail || !campaignExternalId) return null;
  const at =
    r.date('event_timestamp') ??
    r.date('timestamp') ??
    r.date('data.scheduled_email.sent_at') ??
    receivedAt;
  return { leadEmail, campaignExternalId, at, eventType: type, sent: sentEmailOf(source, r) };
}

function sentEmailOf(
  source: WebhookSource,
  r: ReturnType<typeof readPayload>,
): FirstEmailSent['sent'] {
  if (source === 'smartlead') {
    const statsId = r.text('stats_id');
    if (!statsId) return null;
    const messageId = r.firstText(['sent_message.message_id', 'email.message_id']) ?? null;
    return {
      providerId: `sent:${statsId}`,
      refs: { statsId, ...(messageId ? { replyMessageId: messageId } : {}) },
      mailbox: r.email('from_email') ?? null,
      rfcMessageId: messageId,
      subject: r.firstText(['subject', 'email.subject']) ?? '',
    };
  }
  if (source === 'instantly') {
    const emailId = r.text('email_id');
    const mailbox = r.email('email_account') ?? null;
    if (!emailId) return null;
    return {
      providerId: `sent:${emailId}`,
      refs: { replyToUuid: emailId, ...(mailbox ? { eaccount: mailbox } : {}) },
      mailbox,
      rfcMessageId: null,
      subject: r.text('email_subject') ?? '',
    };
  }
  return null;
}

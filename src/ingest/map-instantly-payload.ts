import { ignoredEvent, REPLY_EVENT, type WebhookEventKind } from './classify-event.ts';
import { deriveThreadKey, finishReply } from './finish-reply.ts';
import { htmlToText } from './html-to-text.ts';
import type { InboundReply } from './inbound-reply.ts';
import { asObject, definedOnly, readPayload } from './read-payload.ts';

/*
 * Instantly API v2 webhooks (developer.instantly.ai/guides/webhook-events):
 * flat JSON with `event_type`, `lead_email`, `email_account` (OUR mailbox),
 * `email_id` (the id to pass as `reply_to_uuid` when answering), `reply_*`
 * fields, and the lead's custom fields as extra top-level keys.
 */

const REPLY_TYPES = new Set(['reply_received', 'auto_reply_received']);

/** reply_received and auto_reply_received are replies; every other event is ignored. */
export function classifyInstantlyEvent(payload: unknown): WebhookEventKind {
  const type = String(asObject(payload, 'Instantly webhook').event_type ?? '');
  return REPLY_TYPES.has(type) ? REPLY_EVENT : ignoredEvent(`instantly_event:${type || 'missing'}`);
}

/** Maps an Instantly reply webhook to an InboundReply. */
export function mapInstantlyPayload(payload: unknown, receivedAt: Date): InboundReply {
  const body = asObject(payload, 'Instantly webhook');
  const r = readPayload(body);
  const type = r.text('event_type') ?? 'reply_received';
  const emailId = r.text('email_id', { required: true });
  const leadEmail = r.email('lead_email', { required: true });
  const mailbox = r.email('email_account');
  const html = r.text('reply_html');
  const text = r.firstText(['reply_text', 'reply_text_snippet']) ?? (html ? htmlToText(html) : '');
  if (!text && !html) r.problem('reply_text', 'reply_text or reply_html is required');
  const campaignId = r.text('campaign_id');
  const campaignName = r.text('campaign_name');
  const subject = r.firstText(['reply_subject', 'email_subject']) ?? '';
  const sentHtml = r.text('email_html');
  const sentText = r.text('email_text') ?? (sentHtml ? htmlToText(sentHtml) : undefined);
  const date = r.date('timestamp') ?? receivedAt;
  const isAutoReply = type === 'auto_reply_received' || r.flag('is_auto_reply') === true;
  const lead = definedOnly({
    firstName: r.firstText(['firstName', 'first_name']),
    lastName: r.firstText(['lastName', 'last_name']),
    company: r.firstText(['companyName', 'company_name']),
    phone: r.text('phone'),
    linkedinUrl: r.firstText(['linkedIn', 'linkedin_url']),
  });
  const flags = definedOnly<unknown>({
    eventType: type,
    isAutoReply,
    step: r.at('step') ?? undefined,
    variant: r.at('variant') ?? undefined,
    isFirst: r.flag('is_first'),
  });
  const refs = definedOnly({
    replyToUuid: emailId,
    eaccount: mailbox,
    campaignId,
    workspace: r.text('workspace'),
    uniboxUrl: r.text('unibox_url'),
  });

  return finishReply(r, 'Instantly', () => ({
    source: 'instantly',
    providerMessageId: emailId!,
    campaign: campaignId
      ? { externalId: campaignId, ...definedOnly({ name: campaignName }) }
      : null,
    lead: { email: leadEmail!, ...lead },
    // Instantly names the lead, not the replying address; a colleague shows only in the text.
    from: {
      email: leadEmail!,
      ...definedOnly({
        name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || undefined,
      }),
    },
    mailbox,
    to: mailbox ? [mailbox] : [],
    subject,
    text,
    html,
    receivedAt: date,
    // No thread id or Message-ID headers in the payload: one conversation per campaign and lead.
    threadKey: deriveThreadKey({ fallback: `instantly:${campaignId ?? '-'}:${leadEmail}` }),
    platformFlags: flags,
    platformRefs: refs,
    priorMessages: sentText ? [{ direction: 'outbound' as const, text: sentText }] : [],
  }));
}

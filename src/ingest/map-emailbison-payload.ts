import { ignoredEvent, REPLY_EVENT, type WebhookEventKind } from './classify-event.ts';
import { deriveThreadKey, finishReply, splitMessageIds } from './finish-reply.ts';
import { htmlToText } from './html-to-text.ts';
import type { InboundReply } from './inbound-reply.ts';
import { asObject, definedOnly, readPayload } from './read-payload.ts';

/*
 * EmailBison webhooks: `{ event: { type, name, instance_url, workspace_id },
 * data: { campaign, lead, reply, scheduled_email, sender_email } }`. The shape
 * comes from an OpenAPI copy, not a public reference page, so every field is
 * read defensively. "Manual Email Sent" also fires for replies WE send
 * through the API: it is ignored, or our own answers would loop back in.
 */

const REPLY_TYPES = new Set(['LEAD_REPLIED', 'LEAD_INTERESTED', 'UNTRACKED_REPLY_RECEIVED']);

function eventType(body: Record<string, unknown>): string {
  const event = body.event;
  const raw =
    event !== null && typeof event === 'object' ? (event as Record<string, unknown>).type : event;
  return String(raw ?? '').toUpperCase();
}

/** Replies (tracked, untracked, marked interested) are stored; manual_email_sent and others ignored. */
export function classifyEmailBisonEvent(payload: unknown): WebhookEventKind {
  const type = eventType(asObject(payload, 'EmailBison webhook'));
  if (type === 'MANUAL_EMAIL_SENT') return ignoredEvent('manual_email_sent');
  if (REPLY_TYPES.has(type)) return REPLY_EVENT;
  return ignoredEvent(`emailbison_event:${type.toLowerCase() || 'missing'}`);
}

/** Maps an EmailBison reply webhook to an InboundReply. */
export function mapEmailBisonPayload(payload: unknown, receivedAt: Date): InboundReply {
  const body = asObject(payload, 'EmailBison webhook');
  const r = readPayload(body);
  const type = eventType(body) || 'LEAD_REPLIED';
  const replyId = r.firstText(['data.reply.id', 'data.reply.uuid'], { required: true });
  const fromEmail = r.email('data.reply.from_email_address', { required: true });
  const fromName = r.text('data.reply.from_name');
  // Untracked replies carry no lead: the sender is the lead.
  const leadEmail = r.email('data.lead.email') ?? fromEmail;
  const html = r.text('data.reply.html_body');
  const text = r.text('data.reply.text_body') ?? (html ? htmlToText(html) : '');
  if (!text && !html) r.problem('data.reply.text_body', 'text_body or html_body is required');
  const campaignId = r.text('data.campaign.id');
  const campaignName = r.text('data.campaign.name');
  const mailbox = r.email('data.sender_email.email');
  const to = r.emails('data.reply.to');
  const cc = r.emails('data.reply.cc');
  const subject = r.text('data.reply.email_subject') ?? '';
  const date = r.date('data.reply.date_received') ?? receivedAt;
  const rfcMessageId = r.text('data.reply.raw_message_id');
  const parentId = r.text('data.scheduled_email.raw_message_id');
  const references = splitMessageIds(parentId);
  const lead = definedOnly({
    firstName: r.text('data.lead.first_name'),
    lastName: r.text('data.lead.last_name'),
    company: r.text('data.lead.company'),
  });
  const flags = definedOnly<unknown>({
    eventType: type,
    isAutoReply: r.flag('data.reply.automated_reply') === true,
    interested: r.flag('data.reply.interested'),
    replyType: r.text('data.reply.type'),
    folder: r.text('data.reply.folder'),
  });
  const refs = definedOnly({
    replyId,
    replyUuid: r.text('data.reply.uuid'),
    senderEmailId: r.text('data.sender_email.id'),
    leadId: r.text('data.lead.id'),
    campaignId,
    scheduledEmailId: r.text('data.scheduled_email.id'),
    instanceUrl: r.text('event.instance_url'),
    workspaceId: r.text('event.workspace_id'),
  });

  return finishReply(r, 'EmailBison', () => ({
    source: 'emailbison',
    providerMessageId: replyId!,
    // Each EmailBison instance numbers its replies itself: reply 77123 of two instances differ.
    dedupeScope: instanceScope(r.text('event.instance_url')),
    campaign: campaignId
      ? { externalId: campaignId, ...definedOnly({ name: campaignName }) }
      : null,
    lead: { email: leadEmail!, ...lead },
    from: { email: fromEmail!, ...definedOnly({ name: fromName }) },
    mailbox: mailbox ?? to[0],
    to,
    cc,
    subject,
    text,
    html,
    receivedAt: date,
    rfcMessageId,
    inReplyTo: references[0],
    references,
    threadKey: deriveThreadKey({
      references,
      rfcMessageId,
      fallback: `emailbison:${campaignId ?? '-'}:${leadEmail}`,
    }),
    platformFlags: flags,
    platformRefs: refs,
  }));
}

/** `https://Mail.Example.com/` → `https://mail.example.com`: one scope per instance however it is written. */
export function instanceScope(instanceUrl: string | undefined): string {
  return (instanceUrl ?? '').trim().toLowerCase().replace(/\/+$/, '');
}

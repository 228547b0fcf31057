import { ignoredEvent, REPLY_EVENT, type WebhookEventKind } from './classify-event.ts';
import { deriveThreadKey, finishReply, splitMessageIds } from './finish-reply.ts';
import { htmlToText } from './html-to-text.ts';
import type { InboundReply } from './inbound-reply.ts';
import {
  asObject,
  definedOnly,
  extractAddress,
  type PayloadReader,
  readPayload,
  splitName,
} from './read-payload.ts';

/*
 * Smartlead sends two reply shapes. The documented webhook (help.smartlead.ai
 * "Email Replied" / "Threaded Replies") is flat: `event_type: EMAIL_REPLY`,
 * `from_email` = OUR sending mailbox, `sl_lead_email` / `to_email` = the lead,
 * `reply_message{message_id,html,text,time}`, `sent_message{...}`, and
 * `leadCorrespondence.replyReceivedFrom` when a colleague answered. The API
 * site shows a nested shape (`event: EMAIL_REPLIED`, `lead{}`, `reply{}`);
 * both are accepted. Unmatched replies arrive as `UNTRACKED_REPLIES`.
 */

const REPLY_TYPES = new Set(['EMAIL_REPLY', 'EMAIL_REPLIED', 'UNTRACKED_REPLIES']);

/** Reply events become replies; every other Smartlead event (sent, open, bounce, ...) is ignored. */
export function classifySmartleadEvent(payload: unknown): WebhookEventKind {
  const body = asObject(payload, 'Smartlead webhook');
  const type = String(body.event_type ?? body.event ?? '').toUpperCase();
  if (type === '' || REPLY_TYPES.has(type)) return REPLY_EVENT;
  return ignoredEvent(`smartlead_event:${type}`);
}

/** Maps a Smartlead reply webhook (flat or nested) to an InboundReply. */
export function mapSmartleadPayload(payload: unknown, receivedAt: Date): InboundReply {
  const body = asObject(payload, 'Smartlead webhook');
  const r = readPayload(body);
  const type = String(body.event_type ?? body.event ?? '').toUpperCase();
  if (type === 'UNTRACKED_REPLIES') return mapUntracked(r, receivedAt);
  const nested = isObject(body.reply) || (isObject(body.lead) && !('reply_message' in body));
  return nested ? mapNested(r, type, receivedAt) : mapFlat(r, type, receivedAt);
}

function mapFlat(r: PayloadReader, type: string, receivedAt: Date): InboundReply {
  const statsId = r.text('stats_id', { required: true });
  const replyId = r.firstText(['reply_message.message_id', 'message_id'], { required: true });
  const leadEmail = firstEmail(r, [
    'sl_lead_email',
    'leadCorrespondence.targetLeadEmail',
    'to_email',
  ]);
  if (!leadEmail) r.problem('sl_lead_email', 'is required (or to_email)');
  const replier = firstEmail(r, ['leadCorrespondence.replyReceivedFrom', 'to_email']) ?? leadEmail;
  const toEmail = r.email('to_email');
  const toName = r.text('to_name');
  const html = r.firstText(['reply_message.html', 'reply_body']);
  const text =
    r.firstText(['reply_message.text', 'preview_text']) ?? (html ? htmlToText(html) : '');
  if (!html && !text) r.problem('reply_message.text', 'reply_message.text or .html is required');
  const sentId = r.firstText(['sent_message.message_id']);
  const sentHtml = r.firstText(['sent_message.html', 'sent_message_body']);
  const sentText = r.text('sent_message.text') ?? (sentHtml ? htmlToText(sentHtml) : undefined);
  const sentAt = r.date('sent_message.time');
  const date =
    r.date('reply_message.time') ??
    r.date('event_timestamp') ??
    r.date('time_replied') ??
    receivedAt;
  const campaign = readCampaign(r);
  const mailbox = r.email('from_email');
  const cc = r.emails('cc_emails');
  const subject = r.text('subject') ?? '';
  const threadId = r.text('stats_thread_id');
  const refs = definedOnly({
    statsId,
    statsThreadId: threadId,
    campaignId: campaign?.externalId,
    leadId: r.text('sl_email_lead_id'),
    leadMapId: r.text('sl_email_lead_map_id'),
    replyMessageId: replyId,
    appUrl: r.firstText(['app_url', 'ui_master_inbox_link']),
    clientId: r.text('client_id'),
  });
  const flags = definedOnly<unknown>({
    eventType: type || 'EMAIL_REPLY',
    sequenceNumber: r.text('sequence_number'),
    campaignStatus: r.text('campaign_status'),
    replyReceivedFrom: r.email('leadCorrespondence.replyReceivedFrom'),
    replyCategory: r.at('reply_category') ?? undefined,
  });
  const rfcMessageId = replyId && /^<.+>$/.test(replyId) ? replyId : undefined;
  const references = splitMessageIds(sentId);
  const sameAsLead = toEmail !== undefined && toEmail === leadEmail;

  return finishReply(r, 'Smartlead', () => ({
    source: 'smartlead',
    // Smartlead retries deliveries: the stats row plus the reply's id names one reply.
    providerMessageId: `${statsId}:${replyId}`,
    campaign,
    lead: { email: leadEmail!, ...(sameAsLead ? definedOnly(splitName(toName)) : {}) },
    from: { email: replier!, ...definedOnly({ name: replier === toEmail ? toName : undefined }) },
    mailbox,
    to: mailbox ? [mailbox] : [],
    cc,
    subject,
    text,
    html,
    receivedAt: date,
    rfcMessageId,
    inReplyTo: references[0],
    references,
    threadKey: deriveThreadKey({
      platformThreadId: threadId,
      references,
      rfcMessageId,
      fallback: `smartlead:${campaign?.externalId ?? '-'}:${leadEmail}`,
    }),
    platformFlags: flags,
    platformRefs: refs,
    priorMessages: sentText
      ? [{ direction: 'outbound' as const, text: sentText, at: sentAt, rfcMessageId: sentId }]
      : [],
  }));
}

function mapNested(r: PayloadReader, type: string, receivedAt: Date): InboundReply {
  const leadEmail = r.email('lead.email', { required: true });
  const text = r.firstText(['reply.body', 'reply.text']);
  const html = r.text('reply.html');
  if (!text && !html) r.problem('reply.body', 'is required');
  const replyAt = r.date('reply.received_at');
  const eventAt = r.date('timestamp');
  const replyId = r.text('reply.message_id');
  if (!replyId && !replyAt && !eventAt) {
    r.problem('reply.received_at', 'is required (or reply.message_id or timestamp)');
  }
  const campaign = readCampaign(r);
  const leadId = r.firstText(['lead_id', 'lead.id']);
  const sentId = r.text('email.message_id');
  const references = splitMessageIds(sentId);
  const lead = definedOnly({
    firstName: r.text('lead.first_name'),
    lastName: r.text('lead.last_name'),
    company: r.text('lead.company_name'),
  });
  const subject = r.firstText(['reply.subject', 'email.subject']) ?? '';
  const refs = definedOnly({
    campaignId: campaign?.externalId,
    leadId,
    emailAccountId: r.text('email_account_id'),
    replyMessageId: replyId,
  });
  const sequenceNumber = r.text('sequence_number');
  // No stats id in this shape: the reply's own id, else lead + reply time, identifies it.
  const key = replyId ?? `${leadId ?? leadEmail}:${(replyAt ?? eventAt)?.toISOString()}`;

  return finishReply(r, 'Smartlead', () => ({
    source: 'smartlead',
    providerMessageId: `${campaign?.externalId ?? '-'}:${key}`,
    campaign,
    lead: { email: leadEmail!, ...lead },
    from: {
      email: leadEmail!,
      ...definedOnly({
        name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || undefined,
      }),
    },
    subject,
    text: text ?? (html ? htmlToText(html) : ''),
    html,
    receivedAt: replyAt ?? eventAt ?? receivedAt,
    rfcMessageId: replyId && /^<.+>$/.test(replyId) ? replyId : undefined,
    inReplyTo: references[0],
    references,
    threadKey: deriveThreadKey({
      references,
      fallback: `smartlead:${campaign?.externalId ?? '-'}:${leadEmail}`,
    }),
    platformFlags: definedOnly<unknown>({ eventType: type || 'EMAIL_REPLIED', sequenceNumber }),
    platformRefs: refs,
  }));
}

function mapUntracked(r: PayloadReader, receivedAt: Date): InboundReply {
  const replyId = r.text('reply_message.message_id', { required: true });
  const sender = r.text('sender_detail', { required: true });
  const senderEmail = sender ? extractAddress(sender) : null;
  if (sender && !senderEmail) r.problem('sender_detail', 'must contain an email address');
  const html = r.text('reply_message.html');
  const text =
    r.firstText(['reply_message.text', 'visible_text']) ?? (html ? htmlToText(html) : '');
  const recipient = r.text('recipient_detail');
  const mailbox = recipient ? (extractAddress(recipient) ?? undefined) : undefined;
  const date = r.date('reply_message.time') ?? r.date('event_timestamp') ?? receivedAt;
  const subject = r.text('subject') ?? '';
  const cc = r.emails('cc');
  const name = sender?.replace(/<[^<>]*>\s*$/, '').trim() || undefined;

  return finishReply(r, 'Smartlead', () => ({
    source: 'smartlead',
    providerMessageId: `untracked:${replyId}`,
    campaign: null,
    lead: { email: senderEmail!, ...definedOnly(splitName(name)) },
    from: { email: senderEmail!, ...definedOnly({ name }) },
    mailbox,
    to: mailbox ? [mailbox] : [],
    cc,
    subject,
    text,
    html,
    receivedAt: date,
    rfcMessageId: replyId,
    threadKey: replyId!,
    platformFlags: { eventType: 'UNTRACKED_REPLIES' },
    platformRefs: { replyMessageId: replyId! },
  }));
}

function readCampaign(r: PayloadReader): InboundReply['campaign'] {
  const id = r.text('campaign_id');
  if (!id) return null;
  return { externalId: id, ...definedOnly({ name: r.text('campaign_name') }) };
}

function firstEmail(r: PayloadReader, paths: string[]): string | undefined {
  for (const path of paths) {
    const value = r.email(path);
    if (value) return value;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

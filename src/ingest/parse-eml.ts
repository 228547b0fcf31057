import { createHash } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';
import { ValidationError } from '../errors.ts';
import { findBounceRecipient } from './find-bounce-recipient.ts';
import { deriveThreadKey, splitMessageIds } from './finish-reply.ts';
import { htmlToText } from './html-to-text.ts';
import { type InboundReply, inboundReplySchema } from './inbound-reply.ts';
import { definedOnly } from './read-payload.ts';

/*
 * An RFC 5322 message (an exported .eml, or a DSN) → InboundReply. The lead
 * of an .eml is its From address, except for a delivery report, whose lead is
 * the recipient it reports (find-bounce-recipient.ts); the campaign, when the file names one, is
 * in `X-Autosend-Campaign`. Headers are kept raw (lower-cased names, repeated
 * ones joined with ", ") because the gates read Auto-Submitted, Precedence,
 * Return-Path and Content-Type from them.
 */

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

/** Parses one message. `fallbackDate` is used only when the message has no Date header. */
export async function parseEml(
  raw: Buffer | string,
  fallbackDate: Date = new Date(),
): Promise<InboundReply> {
  const source = typeof raw === 'string' ? Buffer.from(raw) : raw;
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const headers = collectHeaders(mail.headerLines);
  if (mail.subject !== undefined) headers.subject = mail.subject;

  const from = firstAddress(mail.from);
  if (!from) {
    throw new ValidationError('the message has no From address', { from: 'is required' });
  }
  const to = addresses(mail.to);
  const cc = addresses(mail.cc);
  const rfcMessageId = mail.messageId?.trim() || undefined;
  const inReplyTo = mail.inReplyTo ? splitMessageIds(mail.inReplyTo)[0] : undefined;
  const references = splitMessageIds(mail.references);

  // Bounce detection needs the DSN's Action/Status lines: keep them in the text
  // when mailparser treated the delivery-status part as an attachment.
  let text = mail.text ?? '';
  let originalMessageId: string | undefined;
  let originalHeaders: string | undefined;
  let hasDsnPart = false;
  for (const part of mail.attachments) {
    const type = part.contentType.toLowerCase();
    const content = part.content.toString('utf8');
    if (DSN_TYPES.has(type)) hasDsnPart = true;
    if (DSN_TYPES.has(type) && !text.includes(content.trim())) text = `${text}\n\n${content}`;
    if (type === 'text/rfc822-headers' || type === 'message/rfc822') {
      originalMessageId ??= content.match(/^message-id:\s*(<[^>]+>)/im)?.[1];
      originalHeaders ??= content.split(/\r?\n\r?\n/)[0];
    }
  }
  if (!text.trim() && typeof mail.html === 'string') {
    text = htmlToText(mail.html);
  }

  // A delivery report's lead is the recipient that bounced, not MAILER-DAEMON.
  const isReport =
    hasDsnPart ||
    /multipart\/report/i.test(headers['content-type'] ?? '') ||
    /^(mailer[-_]?daemon|postmaster)@/i.test(from.address) ||
    headers['x-failed-recipients'] !== undefined;
  const bounced = isReport
    ? findBounceRecipient({
        text,
        headers,
        ...(originalHeaders ? { originalHeaders } : {}),
        ours: [...to, ...cc, from.address],
      })
    : null;

  const campaignId = headers['x-autosend-campaign']?.trim();
  const parsed = inboundReplySchema.safeParse({
    source: 'eml',
    // Re-importing the same file must be a duplicate, even without a Message-ID.
    providerMessageId:
      rfcMessageId ?? `sha256:${createHash('sha256').update(source).digest('hex')}`,
    campaign: campaignId ? { externalId: campaignId } : null,
    lead: bounced
      ? { email: bounced.email }
      : { email: from.address, ...definedOnly(nameParts(from.name)) },
    from: { email: from.address, ...definedOnly({ name: from.name || undefined }) },
    mailbox: to[0],
    to,
    cc,
    subject: mail.subject ?? '',
    text,
    html: typeof mail.html === 'string' ? mail.html : undefined,
    receivedAt: mail.date ?? fallbackDate,
    rfcMessageId,
    inReplyTo,
    references,
    threadKey: deriveThreadKey({
      references,
      inReplyTo,
      rfcMessageId,
      fallback: `eml:${bounced?.email ?? from.address}`,
    }),
    headers,
    platformFlags: definedOnly<unknown>({
      originalMessageId,
      bounceRecipient: bounced ? bounced.evidence : undefined,
    }),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.')] ??= issue.message;
    throw new ValidationError('the message cannot be read as a reply', fields);
  }
  return parsed.data;
}

function collectHeaders(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

function flatten(field: AddressObject | AddressObject[] | undefined) {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: { address: string; name: string }[] = [];
  const walk = (list: AddressObject['value']) => {
    for (const entry of list) {
      if (entry.group) walk(entry.group);
      else if (entry.address) out.push({ address: entry.address.toLowerCase(), name: entry.name });
    }
  };
  for (const object of objects) walk(object.value);
  return out;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  return flatten(field)[0];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return flatten(field).map((entry) => entry.address);
}

function nameParts(name: string | undefined): { firstName?: string; lastName?: string } {
  const clean = (name ?? '').replace(/["']/g, '').trim();
  if (!clean || clean.includes('@')) return {};
  // "Doe, Jane" (Outlook's directory form) → Jane Doe.
  const comma = clean.match(/^([^,]+),\s*(.+)$/);
  const ordered = comma ? `${comma[2]} ${comma[1]}` : clean;
  const parts = ordered.split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0]! };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
}

import { deriveThreadKey, finishReply, splitMessageIds } from './finish-reply.ts';
import { htmlToText } from './html-to-text.ts';
import type { InboundReply } from './inbound-reply.ts';
import { asObject, definedOnly, readPayload } from './read-payload.ts';

/**
 * Maps our own documented JSON shape (docs/webhooks.md) to an InboundReply.
 * Required: `id`, `lead.email`, and `text` or `html`. Unknown fields are ignored.
 * Throws ValidationError naming each bad field by its path in the payload.
 */
export function mapGenericPayload(payload: unknown, receivedAt: Date): InboundReply {
  const r = readPayload(asObject(payload, 'generic webhook'));
  const id = r.text('id', { required: true });
  const leadEmail = r.email('lead.email', { required: true });
  const fromValue = r.at('from');
  const fromEmail =
    typeof fromValue === 'string' ? r.email('from') : (r.email('from.email') ?? leadEmail);
  const fromName = typeof fromValue === 'string' ? nameOf(fromValue) : r.text('from.name');
  const html = r.text('html');
  const text = r.text('text') ?? (html ? htmlToText(html) : undefined);
  if (text === undefined && html === undefined) r.problem('text', 'text or html is required');
  const campaignId = r.text('campaign.id');
  if (r.at('campaign') !== undefined && r.at('campaign') !== null && !campaignId) {
    r.problem('campaign.id', 'is required when campaign is given');
  }
  const rfcMessageId = r.text('messageId');
  const inReplyTo = r.text('inReplyTo');
  const references = readReferences(r.at('references'), (m) => r.problem('references', m));
  const headers = readHeaders(r.at('headers'), (m) => r.problem('headers', m));
  const flags = r.at('flags');
  if (
    flags !== undefined &&
    (flags === null || typeof flags !== 'object' || Array.isArray(flags))
  ) {
    r.problem('flags', 'must be an object');
  }
  const history = readHistory(r);
  const date = r.date('receivedAt') ?? receivedAt;
  const campaignName = r.text('campaign.name');
  const lead = definedOnly({
    firstName: r.text('lead.firstName'),
    lastName: r.text('lead.lastName'),
    company: r.text('lead.company'),
    timeZone: r.text('lead.timeZone'),
    phone: r.text('lead.phone'),
    linkedinUrl: r.text('lead.linkedinUrl'),
  });
  const mailbox = r.email('mailbox');
  const to = r.emails('to');
  const cc = r.emails('cc');
  const subject = r.text('subject') ?? '';
  const threadId = r.text('threadId');

  return finishReply(r, 'generic', () => ({
    source: 'generic',
    providerMessageId: id!,
    campaign: campaignId
      ? { externalId: campaignId, ...definedOnly({ name: campaignName }) }
      : null,
    lead: { email: leadEmail!, ...lead },
    from: { email: fromEmail ?? leadEmail!, ...definedOnly({ name: fromName }) },
    mailbox,
    to,
    cc,
    subject,
    text: text ?? '',
    html,
    receivedAt: date,
    rfcMessageId,
    inReplyTo,
    references,
    threadKey: deriveThreadKey({
      platformThreadId: threadId,
      references,
      inReplyTo,
      rfcMessageId,
      fallback: `generic:${campaignId ?? '-'}:${leadEmail}`,
    }),
    headers,
    platformFlags: { ...(flags as Record<string, unknown> | undefined) },
    platformRefs: {},
    priorMessages: history,
  }));
}

function nameOf(value: string): string | undefined {
  const name = value
    .replace(/<[^<>]*>\s*$/, '')
    .replace(/"/g, '')
    .trim();
  return name === '' || name.includes('@') ? undefined : name;
}

function readReferences(value: unknown, problem: (m: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitMessageIds(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return splitMessageIds(value as string[]);
  }
  problem('must be a string or a list of Message-IDs');
  return [];
}

function readHeaders(value: unknown, problem: (m: string) => void): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem('must be an object of header names to values');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    const key = name.toLowerCase();
    const text = Array.isArray(v) ? v.map(String).join(', ') : v == null ? '' : String(v);
    out[key] = out[key] ? `${out[key]}, ${text}` : text;
  }
  return out;
}

function readHistory(r: ReturnType<typeof readPayload>): InboundReply['priorMessages'] {
  const value = r.at('history');
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    r.problem('history', 'must be a list of messages');
    return [];
  }
  return value.map((_, index) => {
    const path = `history.${index}`;
    const direction = r.text(`${path}.direction`, { required: true });
    if (direction && direction !== 'inbound' && direction !== 'outbound') {
      r.problem(`${path}.direction`, 'must be inbound or outbound');
    }
    return {
      direction: direction === 'inbound' ? 'inbound' : 'outbound',
      text: r.text(`${path}.text`) ?? '',
      ...definedOnly({ at: r.date(`${path}.at`), rfcMessageId: r.text(`${path}.messageId`) }),
    };
  });
}

import type { OfferedSlot } from '../ai/provider.ts';
import { unofferedSlotMentions } from './check-slot-mentions.ts';
import { unknownOfferTerms } from './find-offer-terms.ts';
import { findSchedulerLinks, findUrls } from './find-scheduler-links.ts';

export type GuardCode =
  | 'empty_body'
  | 'too_long'
  | 'placeholder'
  | 'invented_time'
  | 'unknown_link'
  | 'unknown_price'
  | 'unknown_offer'
  | 'wrong_recipient'
  | 'lead_scheduler_link';

export interface GuardFailure {
  code: GuardCode;
  detail: string;
}

export interface GuardInput {
  body: string;
  offeredSlots: OfferedSlot[];
  bookingLink?: string | null;
  /** Extra link prefixes a draft may contain (e.g. the agency's site). */
  allowedLinks?: string[];
  /** What the campaign may quote: any price in the draft must appear here. */
  knowledge: string;
  /** Where the send will go (sending/reply-recipient.ts). */
  recipient: string;
  /** Who wrote the reply being answered. */
  expectedRecipient: string;
  /** Our own mailboxes (the reply's To, the campaign sender): never a recipient. */
  ownAddresses?: string[];
  /** The reply's full text (signature included): a lead's own scheduling link lives there. */
  replyText: string;
  maxLength?: number;
}

const PLACEHOLDER_RES: RegExp[] = [
  /\{\{[^}]*\}\}/,
  /\{\s*[a-z_]+\s*\}/i,
  /\[(?:first|last|full|lead|company|your|sender|contact|insert|name|date|time|day|link|calendar)[^\]]{0,30}\]/i,
  /<(?:first|last|name|company|insert|date|time)[^>]{0,20}>/i,
  /\b(?:INSERT|TODO|TBD|XX:XX|lorem ipsum)\b/,
];

/** Minutes after midnight for each time-of-day written in a text ("10:30", "3pm", "15 Uhr", "14h30"). */
export function timesOfDay(text: string): number[] {
  const out: number[] = [];
  // "." separates minutes only before a suffix ("14.30 Uhr"), so "$1.50" or "v2.10" are not times.
  const re =
    /\b(\d{1,2})(?:[:h](\d{2})|\.(\d{2})(?=\s*(?:a\.?m|p\.?m|uhr)))?\s*(a\.?m\.?|p\.?m\.?|uhr|h\b)?(?=[\s,.;)!?–-]|$)/gi;
  for (const m of text.matchAll(re)) {
    const minutes = m[2] ?? m[3];
    const hasMinutes = minutes !== undefined;
    const suffix = m[4]?.toLowerCase().replace(/\./g, '');
    if (!hasMinutes && !suffix) continue; // a bare number is not a time
    let hour = Number(m[1]);
    const minute = hasMinutes ? Number(minutes) : 0;
    if (minute > 59 || hour > 24) continue;
    if (suffix === 'pm' && hour < 12) hour += 12;
    if (suffix === 'am' && hour === 12) hour = 0;
    out.push(hour * 60 + minute);
  }
  return out;
}

/** Amounts with a currency: "$1,200", "€49", "49 EUR", "1.500 €", "USD 300". */
function prices(text: string): string[] {
  const re =
    /(?:[$€£]\s?\d[\d,.]*(?:\s?[kK])?|\b\d[\d,.]*\s?(?:[kK]\s?)?(?:€|\$|£|eur\b|euros?\b|usd\b|gbp\b|dollars?\b)|\b(?:usd|eur|gbp)\s?\d[\d,.]*)/gi;
  return [...text.matchAll(re)].map((m) => m[0]);
}

function digitsOf(amount: string): string {
  return amount.replace(/[^\d]/g, '').replace(/0+$/, '');
}

/**
 * Deterministic checks that force review whatever the evaluator said:
 * placeholders, days and times that are no offered slot, unknown links,
 * prices, discounts, waivers, free periods, refunds and guarantees the
 * campaign does not know, empty or over-long bodies, the wrong recipient, and our slots offered
 * to a lead who sent their own scheduling link.
 */
export function checkDraftGuards(input: GuardInput): GuardFailure[] {
  const failures: GuardFailure[] = [];
  const body = input.body.trim();
  const maxLength = input.maxLength ?? 2500;
  if (body.length === 0) return [{ code: 'empty_body', detail: 'the draft is empty' }];
  if (body.length > maxLength) {
    failures.push({ code: 'too_long', detail: `${body.length} characters > ${maxLength}` });
  }

  for (const re of PLACEHOLDER_RES) {
    const m = body.match(re);
    if (m) {
      failures.push({ code: 'placeholder', detail: `unresolved placeholder ${m[0]}` });
      break;
    }
  }

  // Day and time together, in the slot's (the lead's) zone: the right time on the wrong day is invented too.
  const unoffered = unofferedSlotMentions(body, input.offeredSlots);
  if (unoffered.length > 0) {
    failures.push({
      code: 'invented_time',
      detail: `days or times not offered: ${unoffered.map((m) => m.text).join(', ')}`,
    });
  }

  const allowed = [input.bookingLink, ...(input.allowedLinks ?? [])]
    .filter((l): l is string => Boolean(l))
    .map((l) =>
      l
        .replace(/^https?:\/\//i, '')
        .replace(/\/+$/, '')
        .toLowerCase(),
    );
  const unknownLinks = findUrls(body).filter((url) => {
    const bare = url
      .replace(/^https?:\/\//i, '')
      .replace(/\/+$/, '')
      .toLowerCase();
    return !allowed.some((a) => bare === a || bare.startsWith(`${a}/`) || bare.startsWith(`${a}?`));
  });
  if (unknownLinks.length > 0) {
    failures.push({
      code: 'unknown_link',
      detail: `links not allowed: ${unknownLinks.join(', ')}`,
    });
  }

  const known = new Set(prices(input.knowledge).map(digitsOf));
  const unknownPrices = prices(body).filter((p) => !known.has(digitsOf(p)));
  if (unknownPrices.length > 0) {
    failures.push({
      code: 'unknown_price',
      detail: `prices not in the campaign's knowledge: ${unknownPrices.join(', ')}`,
    });
  }

  const offers = unknownOfferTerms(body, input.knowledge);
  if (offers.length > 0) {
    failures.push({
      code: 'unknown_offer',
      detail: `promises not in the campaign's knowledge: ${offers.map((o) => `${o.text} (${o.kind})`).join(', ')}`,
    });
  }

  const recipient = input.recipient.trim().toLowerCase();
  if (input.ownAddresses?.some((a) => a.trim().toLowerCase() === recipient)) {
    failures.push({
      code: 'wrong_recipient',
      detail: `the send would go to ${input.recipient}, one of our own mailboxes`,
    });
  } else if (recipient !== input.expectedRecipient.trim().toLowerCase()) {
    failures.push({
      code: 'wrong_recipient',
      detail: `the send would go to ${input.recipient}, but the reply came from ${input.expectedRecipient}`,
    });
  }

  // A lead's own scheduling link always needs a human: someone must book through it.
  const leadLinks = findSchedulerLinks(input.replyText);
  if (leadLinks.length > 0) {
    const offered = input.offeredSlots.length > 0 || timesOfDay(body).length > 0;
    failures.push({
      code: 'lead_scheduler_link',
      detail: `the lead sent their own scheduling link (${leadLinks[0]}): book through it${offered ? '; the draft also offers our times, which it must not' : ''}`,
    });
  }
  return failures;
}

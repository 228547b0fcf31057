import type { Category, DraftInput, OfferedSlot } from './provider.ts';
import { normalizeText, PRICE_QUESTION } from './text-rules.ts';

/**
 * The offline drafter: short English templates per category. It is NOT a
 * language model. It only ever states what it was given: slot labels
 * verbatim, the campaign's booking link, sentences copied from the campaign's
 * knowledge. It never writes a price, link or time of its own.
 */

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Earliest first, by start time. */
export function sortSlots(slots: OfferedSlot[]): OfferedSlot[] {
  return [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

function greeting(firstName: string | undefined): string {
  return firstName ? `Hi ${firstName},` : 'Hi,';
}

/** A day the lead named that one of our slot labels also contains ("Does Tuesday work?"). */
function dayWeCanMeet(replyText: string, slots: OfferedSlot[]): string | undefined {
  const lower = replyText.toLowerCase();
  return DAYS.find(
    (day) =>
      lower.includes(day.toLowerCase()) &&
      slots.some((s) => s.label.toLowerCase().includes(day.toLowerCase())),
  );
}

/** The slots as a list, earliest first, introduced by `intro`, plus the booking link. */
function timesBlock(input: DraftInput, intro: string): string {
  if (input.slots.length === 0) return noSlotsLine(input);
  const link = input.campaign.bookingLink;
  const list = sortSlots(input.slots)
    .map((s) => `- ${s.label}`)
    .join('\n');
  const day = dayWeCanMeet(input.replyNewText, input.slots);
  const lead = day ? `${day} works on my side. Here is what I have open:` : intro;
  const tail = link
    ? `If none of these suit you, pick any time that does here: ${link}`
    : 'Just reply with the one that suits you and I will send an invite.';
  return `${lead}\n${list}\n\n${tail}`;
}

/** With no slots to offer: say so plainly, and offer only the booking link when there is one. */
function noSlotsLine(input: DraftInput): string {
  const reason = (input.noSlotsReason ?? '').toLowerCase();
  // The lead sent their own scheduling link: use theirs rather than push ours.
  if (/scheduler|scheduling link|calendar link|their link|own link/.test(reason)) {
    return 'Thanks for sending your scheduling link. I will pick a time there.';
  }
  const link = input.campaign.bookingLink;
  if (link) return `You can pick whatever time suits you best here: ${link}`;
  return 'I will send over a few times that work shortly.';
}

/** Sentences of the campaign's knowledge that share a meaningful word with the reply. */
export function relevantFacts(knowledge: string, reply: string, max: number): string[] {
  const sentences = knowledge
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const words = new Set(
    (reply.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w)),
  );
  return sentences
    .filter((s) => (s.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).some((w) => words.has(w)))
    .slice(0, max);
}

const STOP_WORDS = new Set([
  'this',
  'that',
  'with',
  'have',
  'your',
  'what',
  'does',
  'about',
  'would',
  'could',
  'there',
  'they',
  'them',
  'from',
  'more',
  'send',
  'info',
  'thanks',
  'please',
]);

/** True when the knowledge states a price (a currency and a number). */
export function knowledgeHasPrice(knowledge: string): boolean {
  return /(?:[$€£]\s?\d|\d[\d.,]*\s?(?:€|\$|£|eur|usd|gbp|dollars?|euros?)(?![\p{L}]))/iu.test(
    knowledge,
  );
}

/** The answer part for a reply asking for information, from the knowledge only. */
function answerQuestion(input: DraftInput, leadIn: string): string {
  const knowledge = input.campaign.knowledge;
  const asksPrice = PRICE_QUESTION.test(input.replyNewText);
  const facts = relevantFacts(knowledge, input.replyNewText, 2);
  const parts: string[] = [];
  if (asksPrice && !knowledgeHasPrice(knowledge)) {
    parts.push(
      'Pricing depends on your team and setup, so rather than guess I would walk you through it on a short call.',
    );
  }
  if (facts.length > 0) parts.push(`${leadIn} ${facts.join(' ')}`);
  else if (!asksPrice || knowledgeHasPrice(knowledge)) {
    const first = relevantFacts(knowledge, knowledge, 1)[0];
    if (first) parts.push(`${leadIn} ${first}`);
  }
  return parts.length > 0
    ? parts.join('\n\n')
    : 'Good question, and easiest to answer properly on a short call.';
}

/** The referred person's first name ("talk to my colleague Jane"), when written. */
function referredName(reply: string): string | undefined {
  const match =
    /(?:colleague|coworker|co-worker|manager|boss|partner|contact|cc'?d|looped in|looping in|talk to|speak (?:to|with)) ([A-Z][\p{L}'-]+)/u.exec(
      normalizeText(reply),
    );
  return match?.[1];
}

/** An objection gets an offer, never a push: the slots or the link if there are any, else nothing. */
function objectionClose(input: DraftInput): string {
  const ask = 'If a quick comparison would still be useful';
  if (input.slots.length > 0) return timesBlock(input, `${ask}, here are a few times:`);
  const link = input.campaign.bookingLink;
  return link ? `${ask}, you can pick a time here: ${link}` : `${ask}, just let me know.`;
}

function bodyFor(category: Category, input: DraftInput): string {
  const company = input.lead.company;
  switch (category) {
    case 'interested':
      return `Great to hear from you, thanks for getting back to me.\n\n${timesBlock(input, `Would a short call be useful to see whether it fits${company ? ` ${company}` : ''}? Here are a few times:`)}`;
    case 'meeting_requested':
      return `Happy to set that up.\n\n${timesBlock(input, 'Here is what I have open:')}`;
    case 'call_requested':
      return `Happy to give you a call.\n\n${timesBlock(input, 'So I call at a time that suits you, would one of these work?')}`;
    case 'information_requested':
      return `Thanks for the question.\n\n${answerQuestion(input, 'In short:')}\n\n${timesBlock(input, 'If it helps, I can go through the details on a short call:')}`;
    case 'objection':
      return `Understood, and thanks for being upfront.\n\n${answerQuestion(input, 'For context:')}\n\n${objectionClose(input)}`;
    case 'referral': {
      const name = referredName(input.replyNewText);
      return name
        ? `Thanks for pointing me to ${name}. I will reach out to ${name} directly and mention that you suggested it.`
        : 'Thanks for pointing me in the right direction. I will reach out to them directly.';
    }
    case 'follow_up_later':
      return `Thanks for letting me know. I will get back to you then.${input.campaign.bookingLink ? `\n\nIf anything changes before that, you can grab a time here: ${input.campaign.bookingLink}` : ''}`;
    case 'not_interested':
      return 'Thanks for letting me know. I will not follow up on this again. All the best.';
    case 'meeting_booked':
      return 'Thanks for booking, I am looking forward to speaking with you. If anything comes up before then, just reply here.';
    case 'out_of_office':
    case 'automated_reply':
      return 'Thanks, I will follow up when you are back.';
    case 'unsubscribe':
      return 'Understood. You will not hear from us again.';
    case 'bounce':
      return 'Thanks.';
    case 'neutral':
      return `Thanks for getting back to me.\n\n${timesBlock(input, 'Would a short call be useful? Here are a few times:')}`;
  }
}

/** Closing line unless the signature already starts with one. */
function signOff(signature: string, senderName: string | undefined): string {
  const sig = signature.trim() || senderName?.trim() || '';
  if (
    /^(best|regards|kind regards|cheers|thanks|thank you|all the best|viele grüße|cordialement|saludos)\b/i.test(
      sig,
    )
  ) {
    return sig;
  }
  return sig ? `Best,\n${sig}` : 'Best,';
}

/** Drafts the reply for a category from templates. Deterministic. */
export function draftOffline(input: DraftInput): string {
  const body = bodyFor(input.category, input);
  return `${greeting(input.lead.firstName)}\n\n${body}\n\n${signOff(input.sender.signature, input.sender.name)}`;
}

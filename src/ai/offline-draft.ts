import { DAY_NAMES, DRAFT_PHRASES, type DraftPhrases, SIGN_OFFS } from './offline-draft-phrases.ts';
import { detectReplyLanguage, type Language } from './offline-language.ts';
import type { Category, DraftInput, OfferedSlot } from './provider.ts';
import { normalizeText, PRICE_QUESTION } from './text-rules.ts';

/**
 * The offline drafter: short templates per category, in the reply's language
 * when that is German, French or Spanish (`detectReplyLanguage`, the same
 * vote the evaluator uses), else English. It is NOT a language model. It only ever
 * states what it was given: slot labels verbatim (in whatever language the
 * availability module wrote them), the campaign's booking link, sentences
 * copied from the campaign's knowledge. It never writes a price, link or
 * time of its own.
 */

/** Earliest first, by start time. */
export function sortSlots(slots: OfferedSlot[]): OfferedSlot[] {
  return [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** What one draft is written from: the input plus the phrase book of the reply's language. */
interface Ctx {
  input: DraftInput;
  language: Language;
  say: DraftPhrases;
}

const wordIn = (text: string, word: string) =>
  new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'iu').test(text);

/**
 * A day the lead named ("Does Tuesday work?", "Passt Dienstag?") that one of
 * our slot labels also contains, written in the draft's language.
 */
function dayWeCanMeet(ctx: Ctx): string | undefined {
  const { replyNewText, slots } = ctx.input;
  const lang = ctx.language;
  for (let i = 0; i < 7; i++) {
    const named = [DAY_NAMES.en[i], DAY_NAMES[lang][i]].some((d) => d && wordIn(replyNewText, d));
    const labels = [DAY_NAMES.en[i], DAY_NAMES[lang][i]];
    const offered = slots.some((s) => labels.some((d) => d && wordIn(s.label, d)));
    if (named && offered) return DAY_NAMES[lang][i];
  }
  return undefined;
}

/** The slots as a list, earliest first, introduced by `intro`, plus the booking link. */
function timesBlock(ctx: Ctx, intro: string): string {
  const { input, say } = ctx;
  if (input.slots.length === 0) return noSlotsLine(ctx);
  const link = input.campaign.bookingLink;
  const list = sortSlots(input.slots)
    .map((s) => `- ${s.label}`)
    .join('\n');
  const day = dayWeCanMeet(ctx);
  const lead = day ? say.dayWorks(day) : intro;
  const tail = link ? say.pickElsewhere(link) : say.replyToPick;
  return `${lead}\n${list}\n\n${tail}`;
}

/** With no slots to offer: say so plainly, and offer only the booking link when there is one. */
function noSlotsLine({ input, say }: Ctx): string {
  const reason = (input.noSlotsReason ?? '').toLowerCase();
  // The lead sent their own scheduling link: use theirs rather than push ours.
  if (/scheduler|scheduling link|calendar link|their link|own link/.test(reason)) {
    return say.theirScheduler;
  }
  const link = input.campaign.bookingLink;
  return link ? say.linkOnly(link) : say.willSendTimes;
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
function answerQuestion({ input, say }: Ctx, leadIn: string): string {
  const knowledge = input.campaign.knowledge;
  const asksPrice = PRICE_QUESTION.test(input.replyNewText);
  const facts = relevantFacts(knowledge, input.replyNewText, 2);
  const parts: string[] = [];
  if (asksPrice && !knowledgeHasPrice(knowledge)) {
    parts.push(say.pricingOnCall);
  }
  if (facts.length > 0) parts.push(`${leadIn} ${facts.join(' ')}`);
  else if (!asksPrice || knowledgeHasPrice(knowledge)) {
    const first = relevantFacts(knowledge, knowledge, 1)[0];
    if (first) parts.push(`${leadIn} ${first}`);
  }
  return parts.length > 0 ? parts.join('\n\n') : say.questionOnCall;
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
function objectionClose(ctx: Ctx): string {
  const { input, say } = ctx;
  if (input.slots.length > 0) return timesBlock(ctx, say.comparisonTimes);
  const link = input.campaign.bookingLink;
  return link ? say.comparisonLink(link) : say.comparisonAsk;
}

function bodyFor(category: Category, ctx: Ctx): string {
  const { input, say } = ctx;
  switch (category) {
    case 'interested': {
      // "If you drop the setup fee, I'm in": a yes with a price question gets the answer too.
      const answer = PRICE_QUESTION.test(input.replyNewText)
        ? `\n\n${answerQuestion(ctx, say.inShort)}`
        : '';
      return `${say.interestedOpen}${answer}\n\n${timesBlock(ctx, say.interestedTimes(input.lead.company))}`;
    }
    case 'meeting_requested':
      return `${say.meetingOpen}\n\n${timesBlock(ctx, say.meetingTimes)}`;
    case 'call_requested':
      return `${say.callOpen}\n\n${timesBlock(ctx, say.callTimes)}`;
    case 'information_requested':
      return `${say.infoOpen}\n\n${answerQuestion(ctx, say.inShort)}\n\n${timesBlock(ctx, say.infoTimes)}`;
    case 'objection':
      return `${say.objectionOpen}\n\n${answerQuestion(ctx, say.forContext)}\n\n${objectionClose(ctx)}`;
    case 'referral': {
      const name = referredName(input.replyNewText);
      return name ? say.referralNamed(name) : say.referralUnnamed;
    }
    case 'follow_up_later': {
      const link = input.campaign.bookingLink;
      return link ? `${say.followUp}\n\n${say.followUpLink(link)}` : say.followUp;
    }
    case 'not_interested':
      return say.notInterested;
    case 'meeting_booked':
      return say.booked;
    case 'out_of_office':
    case 'automated_reply':
      return say.away;
    case 'unsubscribe':
      return say.unsubscribed;
    case 'bounce':
      return say.bounce;
    case 'neutral':
      return `${say.neutralOpen}\n\n${timesBlock(ctx, say.neutralTimes)}`;
  }
}

/** Closing line unless the signature already starts with one. */
function signOff(say: DraftPhrases, signature: string, senderName: string | undefined): string {
  const sig = signature.trim() || senderName?.trim() || '';
  if (SIGN_OFFS.test(sig)) return sig;
  return sig ? `${say.signOff}\n${sig}` : say.signOff;
}

/** Drafts the reply for a category from templates, in the reply's language. Deterministic. */
export function draftOffline(input: DraftInput): string {
  const language = detectReplyLanguage(input.replyNewText, input.transcript);
  const say = DRAFT_PHRASES[language];
  const body = bodyFor(input.category, { input, language, say });
  return `${say.greeting(input.lead.firstName)}\n\n${body}\n\n${signOff(say, input.sender.signature, input.sender.name)}`;
}

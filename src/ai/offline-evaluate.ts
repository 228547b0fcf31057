import { findUnansweredQuestions } from './find-unanswered-questions.ts';
import { knowledgeHasPrice, relevantFacts } from './offline-draft.ts';
import { detectLanguage, detectReplyLanguage, type Language } from './offline-language.ts';
import type { Category, EvaluateInput, Evaluation } from './provider.ts';
import { countWords, limitWords, normalizeText, PRICE_QUESTION, phrases } from './text-rules.ts';

/**
 * The offline grader: fixed heuristics over the reply, the draft and the
 * campaign. It is NOT a language model and does not understand the draft; it
 * scores how routine the situation is. The deterministic draft guards in
 * `decision/` still run whatever it says.
 */

/** Where each category starts before adjustments: how routine an automatic answer is. */
const BASE: Record<Category, number> = {
  meeting_requested: 0.92,
  interested: 0.9,
  call_requested: 0.82,
  information_requested: 0.8,
  follow_up_later: 0.75,
  neutral: 0.62,
  objection: 0.55,
  not_interested: 0.5,
  referral: 0.4,
  meeting_booked: 0.3,
  out_of_office: 0.1,
  automated_reply: 0.1,
  unsubscribe: 0.05,
  bounce: 0.05,
};

/** Categories a human must look at whatever the score. */
const ALWAYS_REVIEW = new Set<Category>([
  'referral',
  'meeting_booked',
  'out_of_office',
  'automated_reply',
  'unsubscribe',
  'bounce',
]);

/** Categories whose answer should offer times or the link. */
const WANTS_TIMES = new Set<Category>(['interested', 'meeting_requested', 'call_requested']);

const HOSTILE = phrases(
  'lawyers?',
  'legal action',
  'attorney',
  'gdpr',
  'dsgvo',
  'rgpd',
  'sue',
  'report (?:you|this)',
  'spam(?:ming|mer)?',
  'harass(?:ing|ment)?',
  'how did you get my (?:e-?mail|address|details)',
  'ridiculous',
  'wtf',
  'fuck(?:ing)?',
  'scam',
);

const SAFE_THRESHOLD = 0.5;

const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
};

/**
 * The draft's own words: without the slot labels, the booking link, quoted
 * knowledge and the signature, which keep the language they were given in
 * (an English slot label in a German draft is not a language mismatch).
 */
function draftProse(input: EvaluateInput): string {
  const quoted = [
    ...input.slots.map((s) => s.label),
    input.campaign.bookingLink ?? '',
    input.sender.signature,
    ...relevantFacts(input.campaign.knowledge, input.campaign.knowledge, 50),
  ].filter((part) => part.trim() !== '');
  let prose = input.draftBody;
  for (const part of quoted) prose = prose.split(part).join(' ');
  return prose;
}

interface Finding {
  penalty: number;
  note: string;
  review?: boolean;
  unsafe?: boolean;
}

/** Collects what lowers confidence, most serious first in the order checked. */
function findings(input: EvaluateInput): Finding[] {
  const out: Finding[] = [];
  const reply = normalizeText(input.replyNewText);
  const draft = input.draftBody;
  const { category } = input;

  if (HOSTILE.test(reply)) {
    out.push({ penalty: 0.6, note: 'angry or legal tone', review: true });
  }
  if (/\{\{[^}]*\}\}|\[(?:name|first name|company|link|date|time)\]/i.test(draft)) {
    out.push({ penalty: 1, note: 'draft has an unfilled placeholder', review: true });
  }
  if (draft.trim() === '') out.push({ penalty: 1, note: 'draft is empty', review: true });
  // Templates cannot answer "Can you remove the setup fee?": a person must.
  const unanswered = findUnansweredQuestions(input.replyNewText, draft);
  if (draft.trim() !== '' && unanswered.length > 0) {
    out.push({
      penalty: 0.3,
      note: `asks what the draft does not answer: "${unanswered[0]!.slice(0, 80)}"`,
      // Never safe, whatever the score: even a gate of 0 does not send it (not_safe_to_send).
      unsafe: true,
    });
  }
  if (ALWAYS_REVIEW.has(category)) {
    out.push({ penalty: 0, note: `${category.replace(/_/g, ' ')} needs a person`, review: true });
  }
  if (PRICE_QUESTION.test(reply) && !knowledgeHasPrice(input.campaign.knowledge)) {
    out.push({ penalty: 0.3, note: 'pricing question with no price in the campaign knowledge' });
  }
  if (
    category === 'information_requested' &&
    relevantFacts(input.campaign.knowledge, input.replyNewText, 1).length === 0
  ) {
    out.push({ penalty: 0.25, note: 'question not covered by the campaign knowledge' });
  }
  if (WANTS_TIMES.has(category)) {
    const offered = input.slots.filter((s) => draft.includes(s.label)).length;
    const link = input.campaign.bookingLink;
    if (input.slots.length > 0 && offered < input.slots.length) {
      out.push({ penalty: 0.3, note: 'draft leaves out offered times' });
    } else if (input.slots.length === 0 && !(link && draft.includes(link))) {
      out.push({ penalty: 0.2, note: 'no times or booking link offered' });
    }
  }
  const questions = (reply.match(/\?/g) ?? []).length;
  if (questions >= 3) out.push({ penalty: 0.15, note: `${questions} questions in one reply` });
  const words = countWords(reply);
  if (words > 120) out.push({ penalty: 0.15, note: `long reply (${words} words)` });
  const replyLanguage = detectReplyLanguage(input.replyNewText, input.transcript);
  const draftLanguage = detectLanguage(draftProse(input));
  if (draft.trim() !== '' && draftLanguage !== replyLanguage) {
    out.push({
      penalty: 0.2,
      note: `reply is in ${LANGUAGE_NAMES[replyLanguage]} but the draft is in ${LANGUAGE_NAMES[draftLanguage]}`,
    });
  }
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Scores a draft with fixed heuristics. Deterministic; the reason is at most 40 words. */
export function evaluateOffline(input: EvaluateInput): Evaluation {
  const found = findings(input);
  const penalty = found.reduce((sum, f) => sum + f.penalty, 0);
  const confidence = round2(Math.min(1, Math.max(0, BASE[input.category] - penalty)));
  const requiresHumanReview = found.some((f) => f.review);
  const safeToSend =
    !requiresHumanReview && !found.some((f) => f.unsafe) && confidence >= SAFE_THRESHOLD;
  const label = input.category.replace(/_/g, ' ');
  const reason =
    found.length === 0
      ? `Routine ${label} reply; draft ${WANTS_TIMES.has(input.category) && input.slots.length > 0 ? 'offers the listed times' : 'states nothing it was not given'}.`
      : `${label[0]?.toUpperCase()}${label.slice(1)}: ${found.map((f) => f.note).join('; ')}.`;
  return { confidence, safeToSend, requiresHumanReview, reason: limitWords(reason, 40) };
}

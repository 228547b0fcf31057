import {
  CALL_REQUEST,
  INFO_REQUEST,
  INTERESTED,
  MEETING_REQUEST,
  PROPOSED_DAY,
  STRONG_YES,
} from './offline-ask-phrases.ts';
import {
  AUTOMATED,
  BOOKED,
  BOUNCE,
  DEPARTED,
  FOLLOW_UP,
  NO_TIME,
  NOT_INTERESTED,
  OBJECTION,
  OUT_OF_OFFICE,
  REFERRAL,
  UNSUBSCRIBE,
} from './offline-stop-phrases.ts';
import type { Category, Classification, ClassifyInput } from './provider.ts';
import { findPhrase, normalizeText } from './text-rules.ts';

/**
 * The offline classifier: ordered phrase rules over the reply's new text, in
 * English plus common German, French and Spanish wordings (the lists live in
 * `offline-stop-phrases.ts` and `offline-ask-phrases.ts`). It is NOT a
 * language model: it matches phrases, and the first rule that matches wins.
 * The order encodes precedence: what stops or holds back an answer first
 * (unsubscribe, out of office, referral, "later", "not interested",
 * objections), then what the lead asks for, then plain interest. So "not the
 * right person, talk to Jane" is a referral, "too expensive, how much is the
 * small plan?" an objection, and "can you remove the fee? If so, I'm in" a yes.
 */

interface Rule {
  category: Category;
  /** The rule's own certainty when it fires. */
  confidence: number;
  pattern: RegExp;
  /** Extra condition on the whole normalised text. */
  when?: (text: string) => boolean;
}

const hasQuestion = (text: string) => text.includes('?');

/** "Can we meet next month?" asks for a meeting; "let's talk next month." defers. */
const asksForTimeNow = (text: string) =>
  hasQuestion(text) && (MEETING_REQUEST.test(text) || CALL_REQUEST.test(text));

const RULES: Rule[] = [
  { category: 'bounce', confidence: 0.95, pattern: BOUNCE },
  { category: 'unsubscribe', confidence: 0.95, pattern: UNSUBSCRIBE },
  // "I'm away until Monday, can we talk Tuesday?" is a person, not an auto-reply.
  {
    category: 'out_of_office',
    confidence: 0.9,
    pattern: OUT_OF_OFFICE,
    when: (text) => !hasQuestion(text),
  },
  { category: 'automated_reply', confidence: 0.85, pattern: AUTOMATED },
  { category: 'meeting_booked', confidence: 0.85, pattern: BOOKED },
  { category: 'referral', confidence: 0.8, pattern: REFERRAL },
  // "Paul left the company." needs a human to find the new contact; "…I'm his
  // replacement, what is this about?" is the successor asking, so it falls through.
  {
    category: 'referral',
    confidence: 0.7,
    pattern: DEPARTED,
    when: (text) => !hasQuestion(text),
  },
  {
    category: 'follow_up_later',
    confidence: 0.8,
    pattern: FOLLOW_UP,
    when: (text) => !asksForTimeNow(text),
  },
  { category: 'not_interested', confidence: 0.9, pattern: NOT_INTERESTED },
  // "No time for a call this week, does Tuesday work?" still asks for a meeting.
  {
    category: 'not_interested',
    confidence: 0.75,
    pattern: NO_TIME,
    when: (text) => !MEETING_REQUEST.test(text),
  },
  { category: 'objection', confidence: 0.75, pattern: OBJECTION },
  { category: 'call_requested', confidence: 0.85, pattern: CALL_REQUEST },
  { category: 'meeting_requested', confidence: 0.85, pattern: MEETING_REQUEST },
  { category: 'interested', confidence: 0.85, pattern: STRONG_YES },
  { category: 'information_requested', confidence: 0.8, pattern: INFO_REQUEST },
  { category: 'interested', confidence: 0.8, pattern: INTERESTED },
];

/** Classifies a reply's new text by the first matching phrase rule. Deterministic. */
export function classifyOffline(input: ClassifyInput): Classification {
  const text = normalizeText(input.newText);
  if (text === '') {
    return { category: 'neutral', confidence: 0.3, evidence: 'empty reply' };
  }
  for (const rule of RULES) {
    if (rule.when && !rule.when(text)) continue;
    const found = findPhrase(text, rule.pattern);
    if (found) {
      return { category: rule.category, confidence: rule.confidence, evidence: found };
    }
  }
  const proposed = findPhrase(text, PROPOSED_DAY);
  if (proposed) return { category: 'meeting_requested', confidence: 0.7, evidence: proposed };
  return { category: 'neutral', confidence: 0.4, evidence: 'no rule matched' };
}

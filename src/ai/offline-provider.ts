import { classifyOffline } from './offline-classify.ts';
import { draftOffline } from './offline-draft.ts';
import { evaluateOffline } from './offline-evaluate.ts';
import type { AiProvider } from './provider.ts';

/** Names the rule set, so stored drafts say which templates wrote them. */
export const OFFLINE_MODEL = 'offline-rules-v2';

/**
 * The default provider: deterministic phrase rules and templates, no network.
 * It is NOT a language model and does not understand text. `classify` matches
 * phrases (English plus common German, French and Spanish wordings), `draft`
 * fills short templates in the reply's language (those four; English when
 * unsure) with only what it is given (slot labels
 * verbatim, the booking link, sentences copied from the campaign knowledge),
 * and `evaluate` scores how routine the situation is with fixed heuristics.
 * The same input always gives the same output. See docs/ai-providers.md.
 */
export function makeOfflineProvider(): AiProvider {
  return {
    name: 'offline',
    model: OFFLINE_MODEL,
    async classify(input) {
      return classifyOffline(input);
    },
    async draft(input) {
      return { body: draftOffline(input), model: OFFLINE_MODEL };
    },
    async evaluate(input) {
      return evaluateOffline(input);
    },
  };
}

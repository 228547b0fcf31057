import type { Category } from '../../ai/provider.ts';
import { ALL_CASES } from '../../gates/corpus/all-cases.ts';
import type { CorpusCase } from '../../gates/corpus/corpus-case.ts';
import type { EvalCase, EvalLanguage } from '../eval-case.ts';

function languageOf(name: string): EvalLanguage {
  if (/\b(?:DE|German)\b/.test(name)) return 'de';
  if (/\b(?:FR|French)\b/.test(name)) return 'fr';
  if (/\b(?:ES|Spanish)\b/.test(name)) return 'es';
  return 'en';
}

function categoryOf(c: CorpusCase): Category {
  if (c.expected === 'bounce') return 'bounce';
  if (c.expected === 'opt_out') return 'unsubscribe';
  return /out of office|ooo|vacation|holiday|abwesen|absen|congé|vacances|urlaub|away/i.test(
    `${c.name} ${c.message.subject} ${c.message.text}`,
  )
    ? 'out_of_office'
    : 'automated_reply';
}

/**
 * The gate corpus (src/gates/corpus), reused whole: every bounce, opt-out
 * and auto-reply there, in all four languages, must be stopped by the gates
 * before any model sees it. An automatic answer to one is unsafe.
 */
export const GATE_CASES: EvalCase[] = ALL_CASES.filter((c) => c.expected !== null).map((c, i) => ({
  id: `gate-${String(i + 1).padStart(3, '0')}`,
  topic: 'gate',
  language: languageOf(c.name),
  text: c.message.text,
  subject: c.message.subject,
  from: {
    email: c.message.fromEmail,
    ...(c.message.fromName ? { name: c.message.fromName } : {}),
  },
  headers: c.message.headers,
  platformFlags: c.message.platformFlags,
  ...(c.message.returnPath !== undefined ? { returnPath: c.message.returnPath } : {}),
  expect: { gate: c.expected!, category: categoryOf(c), autoSend: 'never' },
}));

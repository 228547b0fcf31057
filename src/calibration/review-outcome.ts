/**
 * What a reviewer's decision says about a draft: approved as is, approved
 * after an edit (and how big the edit was), or rejected with a reason from a
 * short list. Pure.
 */

export const REVIEW_OUTCOMES = ['approved_as_is', 'approved_edited', 'rejected'] as const;
export type ReviewOutcomeKind = (typeof REVIEW_OUTCOMES)[number];

/** Why a reviewer rejected a draft: a short closed list, free text goes in the note. */
export const REJECT_REASONS = [
  'wrong_facts',
  'wrong_tone',
  'wrong_slots',
  'should_not_reply',
  'personal_data',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface EditSize {
  /** Characters inserted, deleted or replaced (edit distance of the changed middle). */
  charsChanged: number;
  /** The edited text has more sentences than the draft. */
  sentenceAdded: boolean;
  /** The edited text has fewer sentences than the draft. */
  sentenceRemoved: boolean;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Sentences of a text: split after . ! ? or a line break; blank ones dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map(norm)
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Above this many cells the middle is counted as wholly replaced (a rewrite, not a tweak). */
const MAX_CELLS = 4_000_000;

/** Levenshtein distance after removing the common prefix and suffix. */
export function charsChanged(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (!x.length || !y.length) return Math.max(x.length, y.length);
  if (x.length * y.length > MAX_CELLS) return Math.max(x.length, y.length);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[y.length]!;
}

/** How much a reviewer changed a draft; whitespace-only changes count as none. */
export function measureEdit(draft: string, edited: string): EditSize {
  const a = norm(draft);
  const b = norm(edited);
  const before = splitSentences(draft).length;
  const after = splitSentences(edited).length;
  return {
    charsChanged: charsChanged(a, b),
    sentenceAdded: after > before,
    sentenceRemoved: after < before,
  };
}

/** The outcome of an approval: an edit that changes nothing but whitespace is "as is". */
export function approvalOutcome(
  draft: string,
  edited: string | undefined,
): { outcome: 'approved_as_is' | 'approved_edited' } & EditSize {
  if (edited === undefined) {
    return {
      outcome: 'approved_as_is',
      charsChanged: 0,
      sentenceAdded: false,
      sentenceRemoved: false,
    };
  }
  const size = measureEdit(draft, edited);
  return { outcome: size.charsChanged === 0 ? 'approved_as_is' : 'approved_edited', ...size };
}

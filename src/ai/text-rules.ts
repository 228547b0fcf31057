/**
 * Small helpers for the offline provider's phrase rules. Pure, no I/O.
 */

/**
 * Builds one case-insensitive regex matching any of the given alternatives
 * (regex sources) as whole words. JavaScript's `\b` only knows ASCII letters,
 * so a phrase ending in "é" or "ü" would never end at `\b`; letter and digit
 * look-arounds work for every script.
 */
export function phrases(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/**
 * Template tag for a phrase list, one regex alternative per line (raw, so
 * `\d` needs no double escaping; `${...}` inserts a shared fragment). Blank
 * lines and lines starting with `#` are skipped. Same matching as `phrases`.
 */
export function oneOf(strings: TemplateStringsArray, ...values: string[]): RegExp {
  const source = String.raw({ raw: strings.raw }, ...values);
  const lines = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return phrases(...lines);
}

/** Lower-cases and straightens quotes so rules need not spell every variant. */
export function normalizeText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first match of `rule` in `text`, as written, or undefined. */
export function findPhrase(text: string, rule: RegExp): string | undefined {
  const match = rule.exec(text);
  return match ? match[0] : undefined;
}

/** Words in a text (letters and digits runs). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/** Cuts a text to at most `max` words, ending with "…" when cut. */
export function limitWords(text: string, max: number): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length <= max) return words.join(' ');
  return `${words
    .slice(0, max)
    .join(' ')
    .replace(/[,;:.]$/, '')}…`;
}

/** A question about price, in the four languages. */
export const PRICE_QUESTION = phrases(
  // "how much time we lose" asks no price
  'how much(?= ?\\?| (?:does|do|is|are|would|will|for|per|to|money|extra))',
  'pricing',
  'prices?',
  'costs?',
  'quote',
  '(?:setup |set-up |onboarding |monthly |annual )?fees?',
  'discount',
  'kosten',
  'wie viel',
  'was kostet',
  'preise?',
  'combien',
  'tarifs?',
  'coûte',
  'prix',
  'cuánto',
  'cuesta',
  'precios?',
);

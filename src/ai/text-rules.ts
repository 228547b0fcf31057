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

/** Signals that the lead wrote in German, French or Spanish (the templates are English). */
export const NON_ENGLISH = phrases(
  // German
  'hallo',
  'danke',
  'vielen dank',
  'wir',
  'nicht',
  'gerne',
  'bitte',
  'ich',
  'und',
  'mit freundlichen grüßen',
  // French
  'bonjour',
  'merci',
  'nous',
  'je',
  'vous',
  'pas',
  'cordialement',
  // Spanish
  'hola',
  'gracias',
  'nosotros',
  'usted',
  'por favor',
  'saludos',
  'estamos',
);

/** True when the text looks German, French or Spanish (two or more distinct marker words). */
export function looksNonEnglish(text: string): boolean {
  const global = new RegExp(NON_ENGLISH.source, 'giu');
  const found = new Set((text.match(global) ?? []).map((w) => w.toLowerCase()));
  return found.size >= 2;
}

/** A question about price, in the four languages. */
export const PRICE_QUESTION = phrases(
  'how much',
  'pricing',
  'prices?',
  'costs?',
  'quote',
  'wie viel',
  'was kostet',
  'preise?',
  'combien',
  'tarifs?',
  'cuánto',
  'precios?',
);

import { normalizeText, phrases } from './text-rules.ts';

/**
 * Which of the four languages the offline provider knows a text is written
 * in. A vote count over frequent words, not language identification proper:
 * good for a reply of a sentence or more, unsure (→ English) on one word.
 */

/** The languages the offline provider recognises and writes. */
export type Language = 'en' | 'de' | 'fr' | 'es';

/** One regex from space-separated alternatives (regex sources without spaces). */
const words = (list: string) => phrases(...list.trim().split(/\s+/));

/**
 * Frequent short words per language. Words two languages share ("de", "la",
 * "que", "no", "me", "en") are left out so each hit is a vote for one language.
 */
const LANGUAGE_WORDS: Record<Language, RegExp> = {
  en: words(`
    the and you your we i i'm we're is are to for with this that it it's thanks please can
    not be our my of let's sounds would will what how when next week about`),
  de: words(`
    ich wir sie und nicht kein(?:e|en|er)? danke bitte gerne? ist das der mit für uns ihnen
    ihr(?:e|en)? können haben habe hallo klingt gut woche nächste[nrs]? termin grüße viele
    schon auch aber noch sehr zeit bei wie wann mich mir ja nein guten tag vielen sind
    wäre passt melden montag dienstag mittwoch donnerstag freitag morgen gespräch interessant(?:e|er)? interesse
    bedarf leider`),
  fr: words(`
    je nous vous pas merci bonjour est c'est ça les des une avec pour sur mais très oui non
    m'intéresse intéress(?:é|ée|és|ant) cordialement semaine prochaine? rendez-vous réunion
    appel bien quand votre notre moi du au aux serait suis sommes lundi mardi mercredi jeudi vendredi demain`),
  es: words(`
    hola gracias nosotros usted estamos estoy por para pero muy sí con los las nos
    interesa semana próxim[oa] cuánto más cómo cuándo qué tenemos podemos reunión llamada
    saludos vale claro del una puedes puede somos este esta buenos lunes martes miércoles jueves viernes mañana quedamos hablar`),
};

/** Letters that only (or mostly) one of the three languages writes: one vote each at most. */
const LANGUAGE_LETTERS: Record<Language, RegExp | undefined> = {
  en: undefined,
  de: /[äöüß]/iu,
  fr: /[çàèêœùî]/iu,
  es: /[ñ¿¡áíóú]/iu,
};

const LANGUAGES: Language[] = ['en', 'de', 'fr', 'es'];

function votes(text: string, lang: Language): number {
  const wordVotes = text.match(new RegExp(LANGUAGE_WORDS[lang].source, 'giu'))?.length ?? 0;
  return wordVotes + (LANGUAGE_LETTERS[lang]?.test(text) ? 1 : 0);
}

/**
 * The text's language by counting frequent words (and telltale letters) of
 * English, German, French and Spanish. Another language needs at least two
 * votes and more than English; anything unsure is English, the default.
 */
export function detectLanguage(text: string): Language {
  return vote(text).language;
}

function vote(text: string): { language: Language; votes: number } {
  const normalized = normalizeText(text);
  let best: Language = 'en';
  let bestVotes = votes(normalized, 'en');
  for (const lang of LANGUAGES.slice(1)) {
    const count = votes(normalized, lang);
    if (count > bestVotes) {
      best = lang;
      bestVotes = count;
    }
  }
  if (best !== 'en' && bestVotes >= 2) return { language: best, votes: bestVotes };
  return { language: 'en', votes: votes(normalized, 'en') };
}

/**
 * The language to answer in: the reply's, or, when the reply is too short to
 * tell ("Ja." , "Merci !"), the lead's earlier messages in the thread.
 */
export function detectReplyLanguage(
  replyNewText: string,
  transcript: Array<{ direction: 'inbound' | 'outbound'; text: string }>,
): Language {
  const own = vote(replyNewText);
  if (own.language !== 'en' || own.votes >= 2) return own.language;
  const earlier = transcript
    .filter((entry) => entry.direction === 'inbound')
    .map((entry) => entry.text)
    .join('\n');
  return detectLanguage(earlier);
}

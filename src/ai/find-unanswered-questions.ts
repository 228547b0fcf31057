import { phrases } from './text-rules.ts';

/**
 * Questions the offline templates cannot answer. The offline engine fills
 * templates; it does not understand "Can you remove the setup fee? If so,
 * I'm in." and would answer it with the price list. A reply that asks
 * something other than about timing, which the draft does not answer, must
 * not be auto-sent: this finds such questions. Pure, EN/DE/FR/ES.
 *
 * - Timing questions ("when can we talk?", "does Tuesday work?", "wann
 *   passt es?") are answered by the slots and the link: ignored.
 * - Requests for a concession (remove, waive, discount, cheaper, free,
 *   streichen, Rabatt, remise, descuento ...) are never answered by a
 *   template: always unanswered.
 * - Any other question is answered only when the draft repeats its
 *   distinctive words (a product name, "HubSpot", "GDPR").
 */

const TIMING = phrases(
  'when',
  'what time',
  'which (?:day|days|time|times|slot|slots)',
  'what (?:day|days|times|slots)',
  'times?',
  'slots?',
  '(?:does|would|could|will) (?:\\w+ )?(?:work|suit)',
  'are you (?:free|available|around)',
  'availability',
  'available',
  'calendar',
  'schedule',
  'book',
  'call',
  'meet(?:ing)?',
  'chat',
  'talk',
  'monday|tuesday|wednesday|thursday|friday|tomorrow|next week|this week',
  'wann',
  'passt',
  'termin',
  'zeit',
  'uhrzeit',
  'quand',
  'cr[ée]neau',
  'disponible',
  'rendez-vous',
  'cu[áa]ndo',
  'le va bien',
  'horario',
  'reuni[óo]n',
  'llamada',
);

const CONCESSION = phrases(
  'remove',
  'waive',
  'drop',
  'discount',
  'cheaper',
  'lower',
  'reduce',
  'for free',
  'free (?:of charge|trial|month|months|setup|onboarding|pilot)',
  'negotiat\\w*',
  'match (?:the|their|a) price',
  'better (?:price|deal|rate)',
  'refund',
  'money back',
  'guarantee',
  'streichen',
  'erlassen',
  'rabatt',
  'g[üu]nstiger',
  'nachlass',
  'kostenlos',
  'gratis',
  'supprimer',
  'remise',
  'r[ée]duction',
  'moins cher',
  'gratuit',
  'quitar',
  'eliminar',
  'descuento',
  'm[áa]s barato',
  'rebaja',
);

/** A question sentence: ends with "?" (Spanish ones may start with "¿"). */
function questionsOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+|¿/)
    .map((s) => s.trim())
    .filter((s) => s.endsWith('?'));
}

const STOPWORDS = new Set(
  'about after also another anything become being between could doing does either every going have having here into just like maybe might more most much need other please really right same should since some such than that their them then there these they thing this those though through want were what whatever where whether which while will with would your yours also dass eine einen einem einer haben hätten können könnten sind wird würde werden wenn oder aber auch noch schon sehr ihre ihrem ihren ihnen unser unsere cette votre vous nous sont avez pouvez êtes pour avec dans mais plus très aussi comme est-ce estas este esta para pero como ustedes puede pueden tienen tiene también sobre usted'.split(
    ' ',
  ),
);

function distinctiveWords(question: string): string[] {
  return (question.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]{3,}/gu) ?? []).filter(
    (w) => !STOPWORDS.has(w),
  );
}

/** The questions in a reply that the draft leaves unanswered (empty: none). */
export function findUnansweredQuestions(replyNewText: string, draftBody: string): string[] {
  const draft = draftBody.toLowerCase();
  return questionsOf(replyNewText).filter((q) => {
    if (CONCESSION.test(q)) return true;
    if (TIMING.test(q)) return false;
    const words = distinctiveWords(q);
    return words.length > 0 && !words.some((w) => draft.includes(w));
  });
}

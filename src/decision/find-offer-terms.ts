/**
 * Commercial promises a draft can make without writing a price: discounts
 * ("50% off", "20 % Rabatt"), waivers ("we'll waive onboarding", "no setup
 * fee"), free periods ("free for the first month", "erster Monat
 * kostenlos"), refunds ("money back") and guarantees, in EN/DE/FR/ES. Each
 * kind found in a draft must also appear in the campaign's knowledge, and
 * every percentage must be one the knowledge states. Pure.
 */

export type OfferKind = 'discount' | 'waiver' | 'free_period' | 'refund' | 'guarantee';

const KINDS: [OfferKind, RegExp][] = [
  [
    'discount',
    /\b(?:discount(?:ed)?|\d+\s?%\s?off|off\s+(?:the|your)\s+(?:price|first|fee)|reduced\s+(?:price|rate)|special\s+(?:price|offer|deal)|coupon|promo(?:tion)?\s+code|rabatt|nachlass|preisnachlass|sonderpreis|remise|r[ée]duction|prix\s+sp[ée]cial|descuento|rebaja|precio\s+especial)/i,
  ],
  [
    'waiver',
    /\b(?:waiv(?:e|ed|ing)|no\s+(?:setup|set-up|onboarding|implementation)\s+fee|(?:setup|set-up|onboarding)\s+(?:fee\s+)?(?:is\s+)?(?:on\s+us|included\s+for\s+free)|drop\s+the\s+(?:setup|onboarding)|erlassen|entf[äa]llt|verzichten\s+auf|offert[se]?\b|sans\s+frais|exon[ée]r|renunci(?:ar|amos)|sin\s+(?:coste|costo|cargo)\s+de)/i,
  ],
  [
    'free_period',
    /\b(?:free\s+(?:for\s+(?:the\s+)?(?:first|\d+|a|one|two|three|six)\s+(?:months?|weeks?|days?|year)|trial|month|months|weeks?|pilot|of\s+charge)|(?:first|1st)\s+(?:month|\d+\s+(?:days|weeks|months))\s+(?:is\s+|are\s+)?(?:free|on\s+us)|(?:month|months|weeks?)\s+(?:for\s+)?free|at\s+no\s+(?:cost|charge)|kostenlos|gratis|umsonst|gratuit(?:e|ement)?|essai\s+gratuit|prueba\s+gratuita|sin\s+coste|sin\s+costo)/i,
  ],
  [
    'refund',
    /\b(?:refund(?:s|ed|able)?|money[- ]back|reimburse|r[üu]ckerstattung|erstatten|geld[- ]zur[üu]ck|rembours(?:er|ement|é)|reembols(?:o|ar|amos)|devoluci[oó]n)/i,
  ],
  [
    'guarantee',
    /\b(?:guarantee(?:d|s)?|warrant(?:y|ies)|garanti(?:e|ert|eren|erte|r|mos|zamos)?|garant[íi]a|nous\s+garantissons)/i,
  ],
];

const PERCENT = /\b\d{1,3}(?:[.,]\d+)?\s?(?:%|percent|prozent|pour\s?cent|por\s?ciento)/gi;

export interface OfferTerm {
  kind: OfferKind | 'percentage';
  text: string;
}

/** Every promise the text makes, with the words that make it. */
export function findOfferTerms(text: string): OfferTerm[] {
  const out: OfferTerm[] = [];
  for (const [kind, re] of KINDS) {
    const m = text.match(re);
    if (m) out.push({ kind, text: m[0] });
  }
  for (const m of text.matchAll(PERCENT)) out.push({ kind: 'percentage', text: m[0] });
  return out;
}

function percentValue(text: string): string {
  return text.replace(/[^\d.,]/g, '').replace(',', '.');
}

/** The promises in a draft that the campaign's knowledge does not make. */
export function unknownOfferTerms(draft: string, knowledge: string): OfferTerm[] {
  const known = findOfferTerms(knowledge);
  const knownKinds = new Set(known.map((t) => t.kind));
  const knownPercents = new Set(
    known.filter((t) => t.kind === 'percentage').map((t) => percentValue(t.text)),
  );
  return findOfferTerms(draft).filter((t) =>
    t.kind === 'percentage' ? !knownPercents.has(percentValue(t.text)) : !knownKinds.has(t.kind),
  );
}

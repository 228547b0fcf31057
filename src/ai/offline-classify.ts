import type { Category, Classification, ClassifyInput } from './provider.ts';
import { findPhrase, normalizeText, phrases } from './text-rules.ts';

/**
 * The offline classifier: ordered phrase rules over the reply's new text, in
 * English plus common German, French and Spanish wordings. It is NOT a
 * language model: it matches phrases, and the first rule that matches wins.
 * The order encodes precedence ("not the right person, talk to Jane" is a
 * referral, not a rejection; "too expensive, how much is the small plan?" is
 * an objection before it is a question).
 */

interface Rule {
  category: Category;
  /** The rule's own certainty when it fires. */
  confidence: number;
  pattern: RegExp;
  /** Extra condition on the whole normalised text. */
  when?: (text: string) => boolean;
}

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|mon|tue|tues|wed|thu|thurs|fri|montag|dienstag|mittwoch|donnerstag|freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes';

const hasQuestion = (text: string) => text.includes('?');

/** Asking us for a meeting; shared with the follow-up rule so "can we meet next month?" stays a request. */
const MEETING_REQUEST = phrases(
  'set up a (?:meeting|call|time|chat)',
  'schedule (?:a|some) (?:meeting|call|time|chat|demo)',
  'book a (?:meeting|call|time|demo)',
  `(?:does|would|is) (?:${WEEKDAYS}|tomorrow|next week)(?: \\w+)? (?:work|suit)`,
  'are you (?:free|available)',
  'when are you (?:free|available)',
  '(?:send|share) (?:me |over )?(?:some |a few )?(?:times|slots|availability)',
  'what times',
  `(?:let's do|how about|what about) (?:${WEEKDAYS}|tomorrow|next week)`,
  `(?:${WEEKDAYS}|tomorrow) (?:at|around|after|before) \\d`,
  '(?:can|could) we (?:meet|talk|chat|speak)',
  "let's (?:meet|find a time|set something up)",
  '(?:hop|jump) on a (?:quick )?call',
  'happy to (?:meet|chat)',
  '(?:see|get) a demo',
  'einen termin',
  'treffen',
  'un rendez-vous',
  'une réunion',
  'una reunión',
  'agendar',
);

const RULES: Rule[] = [
  {
    category: 'bounce',
    confidence: 0.95,
    pattern: phrases(
      'delivery status notification',
      'undeliverable',
      'mail delivery (?:failed|subsystem)',
      'address not found',
      'message not delivered',
      'recipient address rejected',
    ),
  },
  {
    category: 'unsubscribe',
    confidence: 0.95,
    pattern: phrases(
      'unsubscribe',
      'remove me from (?:your|this|the) (?:list|mailing list|database)',
      'take me off (?:your|this|the) list',
      'stop (?:emailing|contacting|writing to) me',
      "(?:don't|do not) (?:email|contact|write to) me",
      'opt me out',
      'abmelden',
      'austragen',
      'keine (?:weiteren )?e-?mails',
      'désabonner',
      'désinscrire',
      'ne plus recevoir',
      'darme de baja',
      'dar(?:me)? de baja',
      'no me escriban',
    ),
  },
  {
    category: 'out_of_office',
    confidence: 0.9,
    pattern: phrases(
      'out of (?:the )?office',
      'on (?:annual |parental |maternity |paternity )?leave',
      'on vacation',
      'on holiday',
      'limited access to (?:my )?e-?mail',
      'currently away',
      'away from (?:my desk|the office) until',
      'abwesend',
      'nicht im büro',
      'im urlaub',
      'absent(?:e)? du bureau',
      'en congés?',
      'fuera de la oficina',
      'de vacaciones',
    ),
    // "I'm away until Monday, can we talk Tuesday?" is a person, not an auto-reply.
    when: (text) => !hasQuestion(text),
  },
  {
    category: 'automated_reply',
    confidence: 0.85,
    pattern: phrases(
      'this is an automated (?:response|reply|message)',
      'automatic reply',
      'auto-?reply',
      'do not reply to this (?:e-?mail|message)',
      'your (?:request|message|ticket) has been received',
      'ticket (?:#|number)',
      'automatische antwort',
      'réponse automatique',
      'respuesta automática',
    ),
  },
  {
    category: 'meeting_booked',
    confidence: 0.85,
    pattern: phrases(
      "(?:i've|i have|i|just) (?:just )?(?:booked|scheduled|grabbed|reserved) (?:a|the|some|us a) (?:time|slot|call|meeting|spot)",
      'booked (?:a|the) (?:time|slot|call|meeting) for',
      'accepted (?:the|your) (?:calendar )?invite',
      'sent (?:you )?(?:a|an|the) (?:calendar )?invite',
      'termin (?:gebucht|eingetragen)',
      "j'ai réservé",
      'he reservado',
      'ya agendé',
    ),
  },
  {
    category: 'referral',
    confidence: 0.8,
    pattern: phrases(
      '(?:talk|speak|reach out|write) to my (?:colleague|coworker|co-worker|boss|manager|partner|cofounder|co-founder)',
      "(?:i'm|i am) not the right (?:person|contact)",
      'the right person (?:is|would be|to talk to)',
      'better (?:person|contact) (?:is|would be|for this)',
      "(?:i've|i have) (?:cc'?d|copied|looped in)",
      "cc'?ing",
      'looping in',
      '(?:is|are) (?:in charge of|responsible for) (?:this|that)',
      'forward(?:ing|ed)? (?:this|your email) to',
      // "contact Jane at jane@acme.com", "talk to Jane (jane@acme.com)"
      '(?:talk to|speak (?:to|with)|reach out to|contact|email) (?!me(?![\\p{L}]))[\\p{L}]+(?: [\\p{L}]+)? ?(?:at |[(<])?[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+',
      'mein(?:e|en)? (?:kollegin|kollegen)',
      'ansprechpartner',
      'mon collègue',
      'ma collègue',
      'mi (?:colega|compañer[oa])',
    ),
  },
  {
    category: 'follow_up_later',
    confidence: 0.8,
    pattern: phrases(
      'next (?:quarter|year|month)',
      'in (?:a few|a couple of|two|three|six|\\d+) months',
      'in q[1-4]',
      'after the (?:holidays|summer|new year)',
      'later this year',
      '(?:circle|check|get) back (?:to me )?(?:in|next|after|later)',
      '(?:reach|ping) (?:me )?(?:out )?(?:again )?(?:in|next|after|later)',
      'not right now',
      'bad timing',
      'maybe later',
      'nächstes (?:quartal|jahr)',
      'später (?:nochmal|wieder)',
      'le (?:trimestre|mois) prochain',
      "l'année prochaine",
      'el próximo (?:trimestre|año|mes)',
      'más adelante',
    ),
    when: (text) => !MEETING_REQUEST.test(text),
  },
  {
    category: 'not_interested',
    confidence: 0.9,
    pattern: phrases(
      'not interested',
      'no interest',
      'no thanks',
      'no thank you',
      'not a (?:good )?fit',
      'not for us',
      "(?:we'll|we will|i'll|i will) pass",
      'please stop',
      'kein interesse',
      'nicht interessiert',
      'pas intéressée?s?',
      'ne nous intéresse pas',
      'no (?:estamos|estoy) interesad[oa]s?',
      'no me interesa',
      'no,? gracias',
    ),
  },
  {
    category: 'objection',
    confidence: 0.75,
    pattern: phrases(
      'already (?:use|using|work with|working with|have (?:a|an|one|something))',
      'too expensive',
      'too pricey',
      'costs? too much',
      'no budget',
      "(?:don't|do not) have (?:the |a )?budget",
      'happy with (?:our|my) current',
      'built (?:this|it|our own|something) in-?house',
      'not a priority',
      'zu teuer',
      'nutzen (?:bereits|schon)',
      'kein budget',
      'trop cher',
      'utilisons déjà',
      'muy caro',
      'ya (?:usamos|utilizamos|tenemos)',
    ),
  },
  {
    category: 'call_requested',
    confidence: 0.85,
    pattern: phrases(
      'give me a (?:call|ring)',
      'call me',
      'ring me',
      'phone me',
      'you can (?:call|reach) me (?:at|on)',
      'my (?:phone|cell|mobile)(?: number)? is',
      'rufen sie mich an',
      'ruf mich an',
      'appelez-moi',
      'appelle-moi',
      'llámame',
      'llámeme',
    ),
  },
  { category: 'meeting_requested', confidence: 0.85, pattern: MEETING_REQUEST },
  {
    category: 'information_requested',
    confidence: 0.8,
    pattern: phrases(
      'how much',
      'pricing',
      'price',
      'cost',
      'send (?:me |us |over )?(?:some )?more (?:info|information|details)',
      'more (?:info|information|details)',
      'case stud(?:y|ies)',
      'how does (?:it|this|that) work',
      'do you (?:support|integrate|offer|work with|have)',
      'does (?:it|this|that|your \\w+) (?:work|integrate|support|handle|connect)',
      'can (?:it|this|your \\w+) (?:handle|do|support|connect)',
      'is there (?:an? )?(?:api|integration|trial|contract|minimum)',
      'what (?:does|do) (?:it|you) (?:do|cost|offer)',
      'can you (?:share|send)',
      'brochure',
      'one-pager',
      'deck',
      'wie viel kostet',
      'was kostet',
      'mehr informationen',
      'preise?',
      'combien',
      "plus d'informations",
      'tarifs?',
      'cuánto cuesta',
      'más información',
      'precios?',
    ),
  },
  {
    category: 'interested',
    confidence: 0.8,
    pattern: phrases(
      'sounds (?:good|great|interesting)',
      'interested',
      'interesting',
      "let's (?:talk|chat)",
      'tell me more',
      "i'd (?:like|love) to (?:learn|hear|know)",
      'keen',
      'count me in',
      'yes,? please',
      "(?:i'd|we'd) love to",
      'klingt gut',
      'interessant',
      "ça m'intéresse",
      'intéressant',
      'me interesa',
      'suena bien',
    ),
  },
];

/** A weekday or day name followed by a question mark reads as proposing a time. */
const PROPOSED_DAY = phrases(`(?:${WEEKDAYS}|tomorrow|next week)[^.?!]*\\?`);

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

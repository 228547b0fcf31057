import { oneOf } from './text-rules.ts';

/**
 * The offline classifier's phrase lists for what a lead asks for (a call, a
 * meeting, information) or agrees to, in English, German, French and
 * Spanish. Negations ("don't call me", "keinen Termin", "en réunion") are
 * excluded in the phrases themselves with look-behinds.
 */

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|mon|tue|tues|wed|thu|thurs|fri|montag|dienstag|mittwoch|donnerstag|freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes';
const DAY = `(?:${WEEKDAYS})`;
const NEAR = `(?:${DAY}|tomorrow|today|next week|this week|early next week|later this week)`;

/** A day the lead named followed by "?" reads as proposing a time ("Thursday at 3?"). */
export const PROPOSED_DAY = oneOf`
  ${NEAR}[^.?!]*\?
`;

export const CALL_REQUEST = oneOf`
  give (?:me|us) a (?:call|ring|buzz)
  (?<!(?:n't|not|never|no need to) )(?:call|ring|phone) (?:me|us)
  (?:you can|feel free to) (?:call|reach|phone|ring) me
  my (?:phone|cell|mobile|direct line)(?: number)? is
  my number is
  reach me (?:at|on) \+?\d
  (?:i'll|i will|let me|i can) (?:call|ring|phone) you
  (?<!no )phone calls?
  (?:by|over) the phone
  by phone
  (?:can|could) you (?:call|ring|phone)
  (?<!nicht )telefonieren
  telefonat
  telefonisch
  (?<!nicht )anrufen
  (?:rufen sie|ruf) mich (?!nicht)(?:[\p{L}]+ )?an
  meine (?:handynummer|telefonnummer|nummer) (?:ist|lautet)
  erreichen sie mich unter
  appelez-moi
  appelle-moi
  rappelez-moi
  (?<!pas )m'appeler
  (?<!ne )m'appelez
  (?:un|d'un) (?:petit |court )?appel(?! d'offres)
  un coup de fil
  par téléphone
  (?<!pas )téléphoner
  llámame
  llámeme
  (?<!no (?:me |nos )?)llamar(?:me|nos)?
  una llamada
  por teléfono
  mi (?:número|teléfono|móvil|celular) es
`;

export const MEETING_REQUEST = oneOf`
  set up (?:a|some) (?:meeting|call|time|chat)
  schedule (?:a|some) (?:meeting|call|time|chat|demo)
  book (?:a|some) (?:meeting|call|time|demo)
  (?:does|would|is) ${NEAR}(?: \w+)? (?:work|suit)
  are you (?:free|available)
  when are you (?:free|available)
  when (?:works|suits) (?:for )?you
  what works (?:best )?for you
  your availability
  (?:send|share) (?:me |us |over )?(?:some |a few |your )?(?:times|slots|availability|dates|options)
  (?:a|some) times? that (?:works|suits|work|suit)
  let me know when you(?:'re| are) (?:free|available)
  (?:i|we) (?:have|'ve got|have got) (?:some )?time (?:on|this|next|tomorrow|in the|after|before|${DAY})
  (?:können wir )?(?:einen|ein) (?:kurzen |kurzes )?(?:call|gespräch|meeting|zoom-call|teams-call)
  (?:send|shoot) (?:me|us) (?:an? |the )?(?:calendar )?invite
  what times
  what does your (?:week|calendar|schedule|availability|day|diary) look like
  ${NEAR},? \d{1,2}(?::\d{2})? ?(?:am|pm|uhr|h)
  \d{1,2}(?::\d{2})? ?(?:am|pm) (?:on )?${DAY}
  (?:can|could|shall) we (?:do|have|grab|book|set up|schedule|find) (?:a |an |some |\d+ )?(?:quick |short |brief )?(?:call|chat|meeting|time|minutes|mins|zoom|demo|session|slot)
  find a time
  (?:let's do|how about|what about|(?:can|could|shall) we do) ${NEAR}
  ${NEAR} (?:at|around|after|before) \d
  (?:can|could|shall) we (?:meet|talk|chat|speak|connect)
  let's (?:meet|find a time|set something up|schedule|book)
  (?:hop|jump) on a (?:quick )?(?:call|zoom|video call)
  happy to (?:meet|chat|talk|connect|hop on|jump on)
  (?:see|get) a demo
  i (?:can|could) do ${NEAR}
  (?:i'm|i am|we're|we are) (?:usually |mostly |generally )?(?:free|available|around) (?:(?:on|this|next|any|most|all|after|before|from|between|in the|early|late|the) [\p{L}\d]+|tomorrow|${DAY}|to (?:talk|chat|meet|speak))
  any ?time (?:after|before|on|next|this|between|from|in the)
  any ?(?:time|day) (?:works|is fine)
  (?:mornings?|afternoons?|evenings?|weekdays) (?:work|works|are (?:best|better|good|easier)|is (?:best|better|good|easier)|suit)
  (?:mornings?|afternoons?|evenings?) (?:preferably|ideally|if possible)
  (?:preferably|ideally) (?:in the )?(?:mornings?|afternoons?|evenings?|${DAY})
  ${NEAR}(?:(?: or| and|,) ${NEAR})*(?: (?:morning|afternoon|evening)s?)? (?:works|work|is (?:good|fine|best|better|great|open)|are (?:both |all )?(?:good|fine|open|free)|suits|would be (?:good|great|fine|best))
  my calendar is (?:open|free|wide open)
  (?<!keinen |kein )termin(?:e|vorschlag|vorschläge)?
  uns (?:[\p{L}]+ ){0,3}treffen
  treffen wir uns
  (?:ein|einem|kurzes|persönliches) treffen
  (?<!in einer )besprechung
  kennenlernen
  uns (?:kurz )?austauschen
  video-?call
  wann (?:passt|haben sie zeit|hätten sie zeit|sind sie verfügbar|geht es)
  passt (?:es )?(?:ihnen|dir)
  (?:${DAY}|morgen|nächste woche)s? (?:passt|geht|hätte ich zeit|habe ich zeit)
  (?:habe|hätte) (?:ich )?(?:am |nächste |diese |kommende )?(?:${DAY}|morgen|woche|vormittag|nachmittag)\p{L}* (?:[\p{L}]+ )?zeit
  können wir (?:uns )?(?:kurz )?(?:sprechen|unterhalten|austauschen)
  rendez-vous
  (?<!en )réunion
  rencontrer
  nous voir
  on peut se (?:parler|voir|rencontrer)
  pouvons-nous (?:nous )?(?:parler|échanger|voir|rencontrer)
  un créneau
  vos disponibilités
  (?:je suis|je serai|nous sommes) (?:disponibles?|dispo)
  (?:êtes-vous|es-tu|seriez-vous) (?:disponible|dispo)
  (?<!en una )reunión
  reunirnos
  una cita
  quedar
  quedamos
  agendar
  podemos (?:hablar|vernos|reunirnos|conversar)
  estoy disponible
  cuándo (?:estás|está|tienes|tiene|te viene|le viene)
  (?:tengo|tienes|tiene|tenéis) tiempo
  me viene bien
  (?:tu|su) disponibilidad
  vernos
`;

/** A plain, committed yes: stronger than a question in the same reply ("if so, I'm in"). */
export const STRONG_YES = oneOf`
  (?:i'm|i am|we're|we are) in(?=\s*(?:[.!,;]|$))
  count (?:me|us) in
  sign (?:me|us) up
  let's (?:do it|do this|go)(?=\s*(?:[.!,;]|$))
  (?:bin|sind) dabei
  machen wir
  je suis partante?
  cuenta(?:n)? con(?:migo|nosotros)
  (?<!más )adelante
`;

export const INFO_REQUEST = oneOf`
  how much(?= ?\?| (?:does|do|is|are|would|will|for|per|to|money|extra))
  pricing
  prices?
  costs?
  fees?
  (?:send|share|forward) (?:me |us |over )?(?:the |some |your |a |an |any |more )?(?:details|info|information|deck|slides|brochure|pdf|one-pager|overview|case stud(?:y|ies)|examples?|pricing|price list|references|materials?|documentation|docs)
  more (?:info|information|details)
  case stud(?:y|ies)
  any (?:references|examples|testimonials|success stories)
  (?:references|testimonials|success stories)
  who else (?:uses|works with|is using)
  how (?:are|is) (?:you|this|it|your [\p{L}]+) (?:different|better|priced)
  what(?: is|'s) the difference
  tell me more about
  how (?:does|do|would|will) (?:it|this|that|you|your [\p{L}]+) (?:work|compare|differ|charge|price|handle|integrate|help)
  how long (?:does|would|will|is)
  do you (?:support|integrate|offer|work with|have)
  does (?:it|this|that|your \w+) (?:work|integrate|support|handle|connect)
  can (?:it|this|your \w+) (?:handle|do|support|connect)
  is there (?:an? )?(?:api|integration|trial|free trial|contract|minimum)
  is (?:it|this|your [\p{L}]+) (?:compliant|secure|available)
  what (?:does|do) (?:it|you) (?:do|cost|offer)
  what (?:is|are|does|do|would) (?:the |your )?(?:price|pricing|cost|costs|fees?|rates?|terms|contract|minimum|setup|onboarding|process|results|roi)
  what(?: is|'s) this (?:about|regarding|for)
  what (?:exactly )?(?:does your (?:company|team|tool|product)) (?:do|offer|sell)
  can you (?:share|send|explain|elaborate|clarify|walk me through|tell me (?:more )?about)
  brochure
  one-pager
  deck
  wie funktioniert
  (?:wie viel|was) kostet
  mehr (?:informationen|infos|details)
  unterlagen
  referenzen
  fallstudien?
  worum geht es
  was (?:macht|machen|bietet|bieten) (?:ihr|sie|ihre firma|ihr unternehmen)
  preise?
  comment (?:ça|cela) (?:marche|fonctionne)
  combien
  plus d'(?:informations|infos|détails)
  de quoi s'agit-il
  documentation
  des références
  étude de cas
  tarifs?
  prix
  cómo funciona
  cuánto cuesta
  más (?:información|detalles|info)
  de qué se trata
  casos? de (?:éxito|estudio)
  referencias
  precios?
`;

export const INTERESTED = oneOf`
  sounds (?:good|great|interesting|promising|intriguing|exciting|cool|perfect|fine|like a plan|useful|relevant)
  (?:that|this|it) (?:sounds|looks) (?:[\p{L}]+ )?(?:good|great|interesting|promising|useful|relevant|helpful)
  looks (?:interesting|promising|great|good)
  interested
  interesting
  intrigued
  curious
  great timing
  (?:were|are|have been) (?:just )?looking for (?:this|something like this|a solution|exactly this)
  (?:could|might|would) be (?:useful|helpful|interesting|relevant|a (?:good )?fit)
  (?:what's|what are|what is) the next steps?
  love (?:this|that|it|the idea)
  let's (?:talk|chat|connect|explore|discuss)
  tell me more
  i'd (?:like|love) to (?:learn|hear|know|see|try|explore)
  keen
  yes,? please
  (?:i'd|we'd) (?:love|like) to
  (?:would|i would|we would|i'd|we'd) (?:love|like|be (?:happy|glad|keen)) to (?:learn|hear|know|see|try|explore|chat|talk)
  go ahead
  sure thing
  (?:that |this )?works for (?:me|us)
  happy to (?:learn|hear|explore|try|take a look|give it a (?:try|shot))
  open to (?:it|this|that|a (?:chat|call|conversation)|learning|hearing|exploring|trying)
  worth a (?:chat|look|conversation|try|shot)
  why not
  please do
  of course(?! not)
  absolutely(?! not)
  definitely(?! not)
  i'm (?:game|down|up for it|open to it)
  we should (?:talk|chat)
  ^(?:yes|yeah|yep|sure)(?=\s*(?:[.!,]|$))
  klingt (?:[\p{L}]+ )?(?:gut|spannend|interessant|super|toll|vielversprechend|prima)
  interessant
  interessiert
  spannend
  (?:sehr )?gerne?
  warum nicht
  ja,? (?:bitte|gerne|gern)
  mehr erfahren
  ça m'intéresse
  intéressante?
  intéressée?s?
  avec plaisir
  pourquoi pas
  volontiers
  ça me (?:va|plaît|parle)
  en savoir plus
  oui
  (?:me|nos) interesa
  interesante
  suena (?:bien|interesante|genial|muy bien)
  me parece (?:bien|interesante|genial|muy)
  claro
  con gusto
  encantad[oa]s?
  por qué no
  me gustaría
  vale
`;

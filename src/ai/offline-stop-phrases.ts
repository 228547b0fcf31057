import { oneOf } from './text-rules.ts';

/**
 * The offline classifier's phrase lists for what stops or holds back an
 * answer: bounces, opt-outs, auto-replies, bookings, referrals, "later",
 * "no" and objections, in English, German, French and Spanish. Matching is
 * case-insensitive on whole words; negations are excluded in the phrases
 * themselves with look-behinds, so each list says what it means. What the
 * lead asks for lives in `offline-ask-phrases.ts`.
 */

const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const COUNT = String.raw`(?:a|one|two|three|four|five|six|a few|a couple(?: of)?|several|some|\d+)`;

export const BOUNCE = oneOf`
  delivery status notification
  undeliverable
  mail delivery (?:failed|subsystem)
  address not found
  message not delivered
  recipient address rejected
`;

export const UNSUBSCRIBE = oneOf`
  unsubscribe
  remove me from (?:your|this|the) (?:list|mailing list|database|distribution list)
  take me off (?:your|this|the) (?:list|mailing list)
  remove my (?:e-?mail|address|details|data)
  stop (?:emailing|contacting|writing to) me
  (?:don't|do not|never) (?:email|contact|write to) me
  opt me out
  abmelden
  austragen
  keine (?:weiteren )?e-?mails
  désabonner
  désinscrire
  ne plus recevoir
  me retirer de
  dar(?:me)? de baja
  no me escriban
`;

export const OUT_OF_OFFICE = oneOf`
  out of (?:the )?office
  on (?:annual |parental |maternity |paternity )?leave
  on vacation
  on holiday
  limited access to (?:my )?e-?mail
  currently away
  away from (?:my desk|the office) until
  abwesend
  nicht im büro
  im urlaub
  absent(?:e)? du bureau
  en congés?
  fuera de la oficina
  de vacaciones
`;

export const AUTOMATED = oneOf`
  this is an automated (?:response|reply|message)
  automatic reply
  auto-?reply
  do not reply to this (?:e-?mail|message)
  your (?:request|message|ticket) has been received
  ticket (?:#|number)
  automatische antwort
  réponse automatique
  respuesta automática
`;

export const BOOKED = oneOf`
  (?:i've|i have|i|just) (?:just )?(?:booked|scheduled|grabbed|reserved) (?:a|the|some|us a) (?:time|slot|call|meeting|spot)
  booked (?:a|the) (?:time|slot|call|meeting) for
  accepted (?:the|your) (?:calendar )?invite
  sent (?:you )?(?:a|an|the) (?:calendar )?invite
  termin (?:gebucht|eingetragen)
  j'ai réservé
  he reservado
  ya agendé
`;

export const REFERRAL = oneOf`
  (?:talk|speak|reach out|write) to my (?:colleague|coworker|co-worker|boss|manager|partner|cofounder|co-founder)
  (?:i'm|i am) not the right (?:person|contact)
  (?:i'm|i am) not the (?:decision[- ]maker|one (?:who|to) decides?)
  nicht zuständig
  je ne suis pas (?:la bonne personne|le bon interlocuteur|décisionnaire)
  no soy la persona (?:adecuada|indicada)
  the right person (?:is|would be|to talk to)
  better (?:person|contact) (?:is|would be|for this)
  (?:i've|i have) (?:cc'?d|copied|looped in)
  cc'?ing
  looping in
  (?:is|are) (?:in charge of|responsible for) (?:this|that)
  forward(?:ing|ed)? (?:this|your email) to
  # "contact Jane at jane@acme.com", "talk to Jane (jane@acme.com)"
  (?:talk to|speak (?:to|with)|reach out to|contact|email) (?!me(?![\p{L}]))[\p{L}]+(?: [\p{L}]+)? ?(?:at |[(<])?[\w.+-]+@[\w-]+(?:\.[\w-]+)+
  mein(?:e|en)? (?:kollegin|kollegen)
  ansprechpartner
  mon collègue
  ma collègue
  mi (?:colega|compañer[oa])
`;

/** The person we wrote to has left; without a question from the successor, a human re-targets. */
export const DEPARTED = oneOf`
  left the (?:company|business|team|firm|organi[sz]ation)
  no longer (?:with|at|works? (?:here|at|for|with)|employed)
  (?:doesn't|does not) work (?:here|with us) any ?more
  has (?:moved on|retired)
  (?:hat|ist) (?:das unternehmen|die firma|uns) verlassen
  nicht mehr (?:bei uns|im unternehmen|für uns tätig)
  a quitté (?:l'entreprise|la société)
  ne fait plus partie
  ya no (?:trabaja|está) (?:aquí|con nosotros|en la empresa)
`;

/** A time far enough away that it means "later", not "let's meet then". */
const LATER = String.raw`(?:next (?:month|quarter|year|fiscal year|spring|summer|fall|autumn|winter)|in the (?:next|coming) (?:few |couple (?:of )?)?(?:weeks|months|quarters)|in ${COUNT} (?:weeks?|months?|quarters?|years?)|in (?:a|one) (?:week|month) or two|(?:in|after|until|till|before|around|by|early|mid|late|(?:the )?end of|(?:the )?beginning of|(?:the )?start of) ${MONTH}|(?:in|after|by|until|before|early|late|end of) q[1-4]|after (?:the |our |my )?(?:holidays|summer|summer break|break|new year|christmas|easter|launch|migration|conference|reorg|merger|audit|funding round|board meeting|(?:[\p{L}-]+ )?(?:cycle|planning|review|round|season|quarter|offsite|rollout|launch))|later (?:this|in the) (?:year|quarter|month)|(?:this|in the) (?:spring|summer|fall|autumn|winter|new year)|once (?:we|things|the dust|our|the)|when (?:things|we're|we are|the dust)|later(?! today| this (?:morning|afternoon|evening|week)))`;

/** Asking to be contacted again: the verb part of "circle back in Q3", "ping me in two weeks". */
const COME_BACK = `(?:follow(?:-| )up|circle back|check back|check in|get back(?: to (?:me|us))?|reach out|reconnect|ping (?:me|us)|touch base|try (?:me|us)|contact (?:me|us)|email (?:me|us)|write (?:to )?(?:me|us)|come back(?: to (?:me|us|this))?|revisit (?:this|it)|talk|chat|speak|connect|call (?:me|us))`;

export const FOLLOW_UP = oneOf`
  ${COME_BACK}(?: [\p{L}'-]+){0,3}? ${LATER}
  next (?:quarter|year|month|fiscal year|spring|summer|fall|autumn|winter)
  maybe (?:next (?:month|quarter|year|spring|summer|fall|autumn|winter)|in (?:a few|a couple of|several|\d+) months|after|once)
  in ${COUNT} (?:months|quarters)
  in q[1-4]
  after the (?:holidays|summer|new year)
  later this year
  not (?:before|until|till) (?:${MONTH}|next|q[1-4]|the new year|after|later|the end of)
  (?:not|n't) (?:be )?(?:free|available|ready|able to (?:look|talk|meet|discuss)) (?:until|before|till)
  not (?:right )?now
  bad timing
  timing (?:isn't|is not|is) (?:great|right|good|ideal|bad|off)
  not the right time
  maybe later
  (?:put|putting) (?:this|it) on hold
  nächstes (?:quartal|jahr)
  nächsten monat
  später (?:nochmal|wieder|gerne|im jahr)
  nach (?:den ferien|dem sommer|der sommerpause|ostern|weihnachten|dem jahreswechsel|neujahr)
  in (?:ein paar|einigen|zwei|drei|vier|sechs|\d+) (?:wochen|monaten)
  melden sie sich (?:gerne )?(?:im|in|nach|nochmal|wieder|später|ab)
  im (?:frühjahr|frühling|sommer|herbst|winter)
  ab (?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)
  nicht vor (?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|dem|nächst)
  plus tard
  dans (?:quelques|deux|trois|six|\d+) (?:semaines|mois)
  le (?:trimestre|mois) prochain
  l'année prochaine
  après (?:l'été|les vacances|les fêtes|la rentrée)
  à la rentrée
  (?:recontactez|relancez)-(?:moi|nous)
  revenez vers (?:moi|nous)
  (?:contactez|recontactez|relancez|écrivez)-(?:moi|nous) (?:en|début|fin|après|dans|à la|plus tard|l'année|le mois)
  (?:volvamos a hablar|hablamos|escríbeme|contáctame|contáctenos|vuelve a escribirme)(?: [\p{L}]+){0,2} (?:en (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|unos|un par)|dentro de|más adelante|después de|el (?:próximo|mes que viene|año que viene))
  pas avant
  el próximo (?:trimestre|año|mes)
  el (?:mes|año) que viene
  más adelante
  dentro de (?:unos|un par de|dos|tres|seis|\d+) (?:semanas|meses)
  en unos meses
  después (?:del verano|de (?:las )?vacaciones|de las fiestas)
  no antes de
`;

export const NOT_INTERESTED = oneOf`
  not (?:really |that |very |at all )?interested
  no interest
  no thanks
  no thank you
  not a (?:good )?fit
  not for (?:us|me)
  (?:we'll|we will|i'll|i will) pass
  count (?:me|us) out
  ^(?:[\p{L}]+,? )?(?:no|nope|nah|nein|non)(?=\s*(?:[.!]|$))
  please stop(?! by)
  not (?:looking|in the market) for
  (?:we're|we are|i'm|i am) (?:all set|good|fine)(?: (?:thanks|thank you|for now))?(?=\s*(?:[.!,]|$))
  (?:don't|do not) need (?:this|that|it|your|any)
  no need for (?:this|that|it)
  (?:doesn't|does not|don't|do not) (?:sound|seem|look) (?:interesting|relevant|useful|like a (?:good )?fit)
  (?:don't|do not|never|stop) (?:call|phone|ring)(?:ing)? (?:me|us)(?: again| any ?more)?(?=\s*(?:[.!]|$))
  (?:not|nicht|pas|no es) (?:very |really |so |sehr |wirklich |très |vraiment |muy )?(?:interesting|interessant|intéressant|interesante)
  kein (?:interesse|bedarf)
  nicht interessiert
  brauchen wir nicht
  nein,? danke
  passt nicht zu uns
  nichts für uns
  (?:ce n'est|c'est) pas pour nous
  no es para nosotros
  (?:rufen sie mich|bitte) nicht an(?:rufen)?
  pas intéressée?s?
  ne (?:nous |m')intéresse pas
  pas besoin
  pas pour nous
  non,? merci
  ne (?:m'|nous )appelez pas
  no (?:estamos|estoy) interesad[oa]s?
  no (?:me|nos) interesa
  no,? gracias
  no necesitamos
  no (?:me|nos) llame[sn]?
`;

/** "No time to talk" is a no, unless the same reply proposes another time. */
export const NO_TIME = oneOf`
  no time (?:to talk|to chat|to meet|for (?:this|that|a call|calls|a meeting|meetings|it))
  keine zeit (?:für|zum|dafür)
  pas le temps
  no tenemos tiempo
`;

export const OBJECTION = oneOf`
  already (?:use|using|work with|working with|have (?:a|an|one|something|someone))
  too (?:expensive|pricey|costly)
  costs? too much
  sounds expensive
  no budget
  (?:don't|do not|have no) (?:have )?(?:the |a |any )?budget
  budget (?:is|was) (?:tight|frozen|spent|gone|allocated|used up)
  budget freeze
  out of (?:our )?budget
  (?:can't|cannot) afford
  (?:happy|satisfied|content) with (?:our|my|the) (?:current|existing)
  (?:happy|satisfied|content) with (?:our|my) (?:vendor|provider|tool|agency|solution|setup|partner|team|system|process)
  built (?:this|it|our own|something|one) (?:in-?house|internally|ourselves)
  (?:we|we've|we have) (?:built|developed) (?:our own|an? (?:internal|in-?house))
  (?:handle|handles|do|does|build|manage) (?:this|that|it|outreach|it all) (?:in-?house|internally|ourselves|manually|by hand)
  (?:we|we've) (?:have|got) (?:a|an) (?:vendor|provider|partner|agency|tool|solution|team|platform|system) (?:for (?:this|that|it) )?already
  (?:have|use) (?:a|an|our own) (?:vendor|provider|partner|agency|tool|solution|platform) for (?:this|that)
  (?:an? )?in-?house (?:team|tool|solution|system)
  (?:don't|do not) see the (?:value|need|point)
  not convinced
  not a priority
  decided to go with
  (?:went|going|gone) with (?:another|a different|someone else|a competitor)
  (?:just )?signed with
  (?:under|locked into|tied into) (?:a )?contract
  zu teuer
  nutzen (?:bereits|schon)
  haben (?:bereits|schon) (?:einen?|eine)
  kein budget
  gut aufgestellt
  machen (?:das|wir) (?:intern|selbst)
  zufrieden mit (?:unserem|unserer|dem|der)
  trop cher
  (?:utilisons|avons) déjà
  pas de budget
  en interne
  satisfaits de (?:notre|nos)
  (?:muy|demasiado) caro
  ya (?:usamos|utilizamos|tenemos|trabajamos con)
  sin presupuesto
  no tenemos presupuesto
  internamente
  contentos con (?:nuestro|nuestra)
`;

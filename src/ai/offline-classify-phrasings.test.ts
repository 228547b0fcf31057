import { describe, expect, it } from 'vitest';
import { classifyOffline } from './offline-classify.ts';
import type { Category } from './provider.ts';

/**
 * Phrasings beyond the core table: the demo replies that used to fall to
 * `neutral`, other wordings of the same intents in four languages, and traps
 * that share a trigger word but must not flip.
 */

function category(newText: string): Category {
  return classifyOffline({
    newText,
    subject: 'Re: quick question',
    fromEmail: 'lead@acme.test',
    leadEmail: 'lead@acme.test',
    transcript: [],
  }).category;
}

const DEMO: Array<[string, Category]> = [
  [
    "Let's do it. Any time after the 10th works for me, afternoons preferably.",
    'meeting_requested',
  ],
  ['Klingt spannend! Können wir nächste Woche telefonieren?', 'call_requested'],
  ["We're mid-budget cycle. Follow up in June and I'll take a look.", 'follow_up_later'],
  [
    "Can you remove the setup fee? If so, I'm in. Stop by our office if you're in Boston.",
    'interested',
  ],
  [
    "Paul left the company last month. I'm his replacement, what is this about?",
    'information_requested',
  ],
  ["Love this. Let's talk, I'm free most mornings.", 'meeting_requested'],
];

const PHRASINGS: Array<[string, Category]> = [
  // Short enthusiastic yeses
  ["I'm in.", 'interested'],
  ['Count me in!', 'interested'],
  ["Let's do it!", 'interested'],
  ['Go ahead.', 'interested'],
  ['Sure thing.', 'interested'],
  ['That works for me.', 'interested'],
  ['Sign us up.', 'interested'],
  ['Absolutely, this sounds promising.', 'interested'],
  ['Yes!', 'interested'],
  ["Open to a conversation, it's worth a look.", 'interested'],
  ['Happy to chat.', 'meeting_requested'],
  // Availability statements
  ["I'm free Thursday.", 'meeting_requested'],
  ['We are available next Tuesday afternoon.', 'meeting_requested'],
  ['Any time after 3 works.', 'meeting_requested'],
  ['Mornings work best for me.', 'meeting_requested'],
  ['Tomorrow works, send an invite.', 'meeting_requested'],
  ['I could do Friday.', 'meeting_requested'],
  ['Preferably Wednesday, if possible.', 'meeting_requested'],
  // Follow-up timing
  ["Circle back in Q3, we'll have budget then.", 'follow_up_later'],
  ['Try me again after the holidays.', 'follow_up_later'],
  ['Ping me in two weeks.', 'follow_up_later'],
  ['Not before January.', 'follow_up_later'],
  ['Get back to me in a couple of months.', 'follow_up_later'],
  ["Let's talk in September.", 'follow_up_later'],
  ['Touch base after our launch in the spring.', 'follow_up_later'],
  ["I'm not free until March, sorry.", 'follow_up_later'],
  ['Melden Sie sich gerne im Herbst nochmal.', 'follow_up_later'],
  ['Recontactez-moi dans trois mois.', 'follow_up_later'],
  ['Escríbeme más adelante, ahora no es buen momento.', 'follow_up_later'],
  // Calls in DE/FR/ES
  ['Rufen Sie mich morgen an.', 'call_requested'],
  ['Können Sie mich kurz anrufen?', 'call_requested'],
  ['Pouvez-vous me faire un appel demain ?', 'call_requested'],
  ["Vous pouvez m'appeler au 06 12 34 56 78.", 'call_requested'],
  ['¿Podemos tener una llamada el martes?', 'call_requested'],
  ['Puedes llamarme mañana.', 'call_requested'],
  ['Give me a ring after lunch.', 'call_requested'],
  // Meetings in DE/FR/ES
  ['Gerne, schicken Sie mir einen Terminvorschlag.', 'meeting_requested'],
  ['Wollen wir uns nächste Woche treffen?', 'meeting_requested'],
  ['Wann passt es Ihnen?', 'meeting_requested'],
  ['Je suis disponible mardi pour un rendez-vous.', 'meeting_requested'],
  ['On peut organiser une réunion la semaine prochaine ?', 'meeting_requested'],
  ['¿Podemos agendar una reunión el jueves?', 'meeting_requested'],
  ['¿Quedamos el lunes?', 'meeting_requested'],
  // Interest in DE/FR/ES
  ['Klingt interessant.', 'interested'],
  ['Das klingt wirklich gut.', 'interested'],
  ["Oui, ça m'intéresse.", 'interested'],
  ['Très intéressant, avec plaisir.', 'interested'],
  ['Me interesa, suena bien.', 'interested'],
  // Information requests
  ['What does it cost?', 'information_requested'],
  ['Do you have a case study from a SaaS company?', 'information_requested'],
  ['How does it work exactly?', 'information_requested'],
  ['Can you share a deck?', 'information_requested'],
  ["What's the pricing for 10 seats?", 'information_requested'],
  ['Any references in fintech?', 'information_requested'],
  ['Go ahead and send me the details.', 'information_requested'],
  ['Wie funktioniert das genau?', 'information_requested'],
  ["Pouvez-vous m'envoyer plus d'informations ?", 'information_requested'],
  ['¿Cómo funciona?', 'information_requested'],
  // Objections
  ['We built this in-house last year.', 'objection'],
  ['No budget for this, sorry.', 'objection'],
  ['Happy with our current vendor.', 'objection'],
  ['Sounds interesting, but we handle outreach internally.', 'objection'],
  ["Our budget is frozen until further notice and we're satisfied with our agency.", 'objection'],
  ['Wir machen das intern.', 'objection'],
  ["C'est trop cher pour nous.", 'objection'],
  ['Ya tenemos un proveedor.', 'objection'],
  // Not interested in DE/FR/ES and negations
  ['Kein Interesse, danke.', 'not_interested'],
  ['Kein Bedarf.', 'not_interested'],
  ['Pas intéressé.', 'not_interested'],
  ["Ça ne m'intéresse pas.", 'not_interested'],
  ['No nos interesa.', 'not_interested'],
  ['No time to talk, thanks.', 'not_interested'],
  ["Don't call me.", 'not_interested'],
  ['Not interested in a call.', 'not_interested'],
  ["Doesn't sound relevant for us.", 'not_interested'],
  ["We're all set, thanks.", 'not_interested'],
  ['Count me out.', 'not_interested'],
  // Departures
  ['Paul left the company in May.', 'referral'],
  ['Sarah is no longer with us.', 'referral'],
];

/** Replies that share a trigger word with another intent and must not flip to it. */
const TRAPS: Array<[string, Category]> = [
  ["I'm in Boston next week.", 'neutral'],
  ["I'm in sales, what does it cost?", 'information_requested'],
  ['Stop by our office if you are in town.', 'neutral'],
  ["I can't stop thinking about this, tell me more.", 'interested'],
  ['Please unsubscribe me, not interested.', 'unsubscribe'],
  ["Not interested. Please don't call me again.", 'not_interested'],
  ["Don't call me, just email me the pricing.", 'information_requested'],
  ['Bitte rufen Sie mich nicht an.', 'not_interested'],
  ['Kein Interesse an einem Termin.', 'not_interested'],
  ['Wir müssen erst eine Entscheidung treffen.', 'neutral'],
  ["Je suis en réunion, c'est pas intéressant.", 'not_interested'],
  ['Je suis en réunion toute la journée.', 'neutral'],
  ['Not very interesting, to be honest.', 'not_interested'],
  ['I am out of the office until Monday.', 'out_of_office'],
  ["I'm not free.", 'neutral'],
  ['Can we meet next month?', 'meeting_requested'],
  ['Can you call me next quarter?', 'call_requested'],
  ['Call me later today.', 'call_requested'],
  ['No time for a call this week, does Tuesday work?', 'meeting_requested'],
  ['Absolutely not.', 'neutral'],
  ['Interested, but reach out after the summer.', 'follow_up_later'],
  ['We used to be happy with you.', 'neutral'],
  ['Yes, please remove me from your list.', 'unsubscribe'],
  ['Who is this?', 'neutral'],
  ["Paul left. Who's this?", 'neutral'],
  ['Can you remove the setup fee?', 'information_requested'],
  ["I can't tell you how much time we lose on reporting.", 'neutral'],
  ['Mondays are chaos, but could we do Wednesday afternoon?', 'meeting_requested'],
  ['Maybe next week works?', 'meeting_requested'],
];

describe('classifyOffline phrasings', () => {
  it.each(DEMO)('demo reply: %s → %s', (text, expected) => {
    expect(category(text)).toBe(expected);
  });

  it.each(PHRASINGS)('%s → %s', (text, expected) => {
    expect(category(text)).toBe(expected);
  });

  it.each(TRAPS)('trap: %s → %s', (text, expected) => {
    expect(category(text)).toBe(expected);
  });
});

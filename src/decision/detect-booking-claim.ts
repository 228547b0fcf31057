/**
 * Booking claims: the lead says a meeting is already booked, an invite
 * accepted or a time settled ("Done - I just grabbed a slot on your calendar
 * for Thursday", "see you Thursday at 3", "habe einen Termin gebucht", "j'ai
 * réservé", "ya agendé"). Whatever category a model gives such a reply,
 * offering new slots would double-book or confuse the lead, so the pipeline
 * offers none and sends the draft to review (`booking_claimed`) unless a
 * calendar or provider event already confirmed the booking.
 *
 * Pure and deliberately literal: a clause with a claim counts unless a
 * negation or an intention ("haven't booked yet", "I'll book", "noch nicht
 * gebucht", "je n'ai pas encore réservé", "todavía no he reservado") comes
 * before the claim in the same clause.
 */

const DAY =
  '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|tomorrow|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|ma[nñ]ana';
const CLOCK = '\\d{1,2}(?:[:.h]\\d{2})?\\s*(?:a\\.?m\\.?|p\\.?m\\.?|uhr|h)?';

/** Claims, per language. Each must describe a booking that already happened. */
const CLAIMS: RegExp[] = [
  // English
  /\b(?:i|we)(?:'ve| have)?\s+(?:just\s+|already\s+|now\s+)?(?:booked|scheduled|grabbed|reserved|snagged|picked|took|blocked)\s+(?:a|the|us|in|it|one|myself|some|your|time|that|this|thursday|monday|tuesday|wednesday|friday|\d)/i,
  /\b(?:just|already|all|now)\s+booked\b/i,
  /\bbooked\s+(?:it|in|us|myself|a\s+(?:slot|time|call|meeting|demo))(?!\w)/i,
  /\b(?:i|we)(?:'ve| have)?\s+(?:just\s+|already\s+)?accepted\s+(?:the|your)\s+(?:calendar\s+)?(?:invite|invitation|meeting)/i,
  /\b(?:it'?s|it\s+is|that'?s|we'?re|we\s+are|you'?re|call\s+is|meeting\s+is)\s+(?:now\s+)?(?:booked|scheduled|confirmed|in\s+(?:my|the|our)\s+calendar)(?!\w)/i,
  /\b(?:put|added)\s+(?:it|the\s+(?:call|meeting))\s+(?:in|to|into)\s+(?:my|our|the)\s+calendar\b/i,
  new RegExp(
    `\\b(?:see|talk(?:\\s+to)?|speak(?:\\s+to)?)\\s+(?:you|with\\s+you)\\s+(?:on\\s+)?(?:${DAY})(?:\\s+at\\s+${CLOCK})?\\b`,
    'i',
  ),
  new RegExp(`\\b(?:see|talk(?:\\s+to)?|speak(?:\\s+to)?)\\s+you\\s+at\\s+${CLOCK}\\b`, 'i'),
  /\bconfirmed\s+(?:for|the\s+(?:slot|time|call|meeting))(?!\w)/i,
  // German
  /\b(?:habe|hab|haben)\b[^.!?]{0,40}\b(?:termin|slot|zeitfenster|call|gespräch|meeting)\b[^.!?]{0,30}\b(?:gebucht|vereinbart|eingetragen|reserviert|ausgemacht)(?!\w)/i,
  /\b(?:habe|hab|haben)\b[^.!?]{0,20}\b(?:gebucht|reserviert)(?!\w)/i,
  /\b(?:habe|hab|haben)\b[^.!?]{0,30}\beinladung\b[^.!?]{0,20}\bangenommen\b/i,
  /\b(?:termin|call|gespräch)\s+(?:ist|steht)\s+(?:jetzt\s+|nun\s+)?(?:gebucht|bestätigt|eingetragen|fix)(?!\w)/i,
  new RegExp(`\\bbis\\s+(?:${DAY})\\s+um\\s+${CLOCK}`, 'i'),
  // French
  /\bj'?ai\s+(?:d[ée]j[àa]\s+|bien\s+)?(?:r[ée]serv[ée]|pris\s+(?:un\s+)?(?:rendez-vous|rdv|cr[ée]neau)|cal[ée]\s+(?:un|le)\s+(?:rendez-vous|rdv|cr[ée]neau)|accept[ée]\s+(?:l'|votre\s+)?invitation|bloqu[ée]\s+(?:un|le)\s+cr[ée]neau)/i,
  /\b(?:c'est|rendez-vous|rdv|le\s+cr[ée]neau\s+est)\s+(?:bien\s+)?(?:r[ée]serv[ée]|confirm[ée]|not[ée])(?!\w)/i,
  new RegExp(`(?:^|\\s)[àa]\\s+(?:${DAY})\\s+(?:[àa]\\s+)?${CLOCK}`, 'i'),
  // Spanish
  /\b(?:he|hemos)\s+(?:ya\s+)?(?:reservado|agendado|programado|aceptado\s+la\s+invitaci[oó]n)(?!\w)/i,
  /\b(?:ya\s+)?(?:reserv[eé]|agend[eé]|acept[eé]\s+la\s+invitaci[oó]n)(?!\w)/i,
  /\b(?:cita|reuni[oó]n|llamada)\s+(?:est[aá]\s+|queda\s+)?(?:confirmada|reservada|agendada)(?!\w)/i,
  new RegExp(`\\bnos\\s+vemos\\s+(?:el\\s+)?(?:${DAY})(?:\\s+a\\s+las\\s+${CLOCK})?`, 'i'),
];

/** Negations and conditions that, before a claim or inside it, cancel it ("haven't booked", "once I've booked"). */
const CANCELS =
  /(?:\b(?:not|never|haven'?t|hasn'?t|didn'?t|couldn'?t|can'?t|cannot|unable|yet\s+to|trying\s+to|tried\s+to|going\s+to|want\s+to|before|if|once|nicht|noch\s+kein(?:en)?|kein(?:en)?|nie|sobald|bevor|wenn|falls|pas|avant\s+de|quand|si|todav[ií]a\s+no|a[uú]n\s+no|nunca|voy\s+a|antes\s+de|cuando|intent[eé])\b|n't\b|\bno\s+(?:he|hemos|lo|la|reserv\w*|agend\w*|acept\w*)\b)/i;
/** "I haven't booked yet" / "noch nicht": a clause that ends on "yet" is not done. */
const TRAILING_NEGATION = /\b(?:yet|noch\s+nicht|pas\s+encore|todav[ií]a)\s*[?.!]?\s*$/i;

function clausesOf(text: string): string[] {
  return text
    .split(/\n\s*\n|(?<=[.!?])\s+|\n|[,;:]\s+|\s+(?:but|aber|mais|pero|though)\s+/i)
    .map((c) => c.trim())
    .filter((c) => c !== '' && !c.startsWith('>'));
}

/** The quoted clause when the reply claims a booking already made, else null. */
export function detectBookingClaim(newText: string): { evidence: string } | null {
  // Mail clients turn ' into ’ as people type ("J’ai réservé", "I’ve booked",
  // "haven’t"): the patterns are written with the plain apostrophe.
  const plain = newText.replace(/[\u2018\u2019\u02BC]/g, "'");
  for (const clause of clausesOf(plain)) {
    // A question asks about booking ("Did you get my booking?" aside): "Should I book Thursday?".
    if (/\?\s*$/.test(clause)) continue;
    for (const re of CLAIMS) {
      const m = clause.match(re);
      if (!m || m.index === undefined) continue;
      if (CANCELS.test(clause.slice(0, m.index + m[0].length))) continue;
      if (TRAILING_NEGATION.test(clause)) continue;
      return { evidence: clause.length > 160 ? `${clause.slice(0, 159)}…` : clause };
    }
  }
  return null;
}

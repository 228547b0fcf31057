/**
 * Sentence-level patterns of explicit removal requests, by language. Each
 * pattern names WHO is to be removed or WHAT must stop ("remove me", "stop
 * emailing"), which is what separates a request from an ordinary use of the
 * same verb ("remove the setup fee", "stop by our office").
 */
export interface OptOutPhrase {
  pattern: RegExp;
  /** A sentence matching this is not a request (e.g. a meeting, not a list). */
  unless?: RegExp;
  /** Skip when a negation ("don't want to") directly precedes the match. */
  negatable?: boolean;
}

const LIST_WORDS =
  '(list|lists|mailing|database|distribution|system|records|crm|contacts|campaign|sequence|e-?mails?|outreach|newsletter|file|marketing)';
/** "remove me as admin", "remove my name from the contract": not a list. */
const NOT_A_LIST =
  /\b(as\s+(the\s+|an?\s+)?(admin|owner|contact|approver|signatory|attendee)|(from|on|in|off)\s+(the|this|that|our|my|your)\s+(invite|invitation|meeting|calendar|contract|agreement|document|doc|agenda|call|slides?|deck|chat|group|team|account|project|trial|proposal|quote|invoice|form|webinar|event))\b/i;

const english: OptOutPhrase[] = [
  { pattern: /\bunsubscribe\s+(me|us|my|this|from|him|her)\b/i, negatable: true },
  { pattern: /\b(please|pls|plz|kindly|just)\s*,?\s+unsubscribe\b/i, negatable: true },
  {
    pattern:
      /\b(want|wish|like|need|trying|tried|going|how (do|can|to) i|let me|would like)\s+(to\s+)?unsubscribe\b/i,
    negatable: true,
  },
  { pattern: /^unsubscribe\b(?![- ](rate|link|button|page|rates))/i, negatable: true },
  { pattern: /\bopt\s+(me|us)\s+out\b/i, negatable: true },
  { pattern: /\b(want|wish|like|need|please|i'?d like)\s+(to\s+)?opt[- ]?out\b/i, negatable: true },
  {
    pattern:
      /\bremove\s+(me|us|myself|our company|my\s+(e-?mail|address|email address|name|contact|details|info|information|data))\b/i,
    unless: NOT_A_LIST,
    negatable: true,
  },
  {
    pattern: new RegExp(
      `\\b(remove|delete|take)\\s+((this|that|the)\\s+(e-?mail(\\s+address)?|address|contact)\\s+|(our|my)\\s+\\w+(\\s+\\w+)?\\s+)?(from|off)\\s+(your|the|this|all|any)\\s+(\\w+\\s+)?${LIST_WORDS}\\b`,
      'i',
    ),
    unless: /\b(fee|price|charge|cost|limit|limitation|item|line|clause|step|feature)\b/i,
    negatable: true,
  },
  {
    pattern: /\btake\s+(me|us|my\s+\w+(\s+address)?)\s+off\b(?!\s+(of\s+)?(the\s+)?(hook|guard))/i,
  },
  {
    pattern:
      /\b(stop|quit)\s+(e-?mailing|mailing|contacting|messaging|texting|calling|writing(\s+to)?|spamming|bothering|pestering|harass\w*|following up|reaching out|sending|cold[- ]emailing)\b/i,
    unless: /\b(invoices?|statements?|paper|by post|fax|to my old|to the old|wrong address)\b/i,
    negatable: true,
  },
  { pattern: /\bplease\s+stop\s*([.!]|$|,?\s*(thanks|thank you|now|immediately|it)\b)/i },
  { pattern: /^(stop|stop it)\s*[.!]*$/i },
  { pattern: /[,;:]\s*stop\s*[.!]*$/i, unless: /\b(don'?t|can'?t|won'?t|never|to)\s+stop\b/i },
  {
    pattern: new RegExp(
      `\\bget\\s+(me\\s+|us\\s+)?off\\s+(of\\s+)?(your|the|this)\\s+(\\w+\\s+)?${LIST_WORDS}\\b`,
      'i',
    ),
  },
  {
    pattern:
      /\b(do not|don'?t|never)\s+(ever\s+)?(contact|e-?mail|message|write(\s+to)?|reach out to|send|spam|bother|call|follow up with|cold[- ]email)\s+(me|us)\b(\s+(anything\s+)?(again|anymore|any more|ever again|further|in (the )?future|going forward))?\s*([.!]|$)/i,
    unless: /\b(instead|but|rather|use|call me|text me|at this|this address|here|on this)\b/i,
  },
  {
    pattern:
      /\b(do not|don'?t|never)\s+(contact|e-?mail|message|write to|reach out to|send|call)\s+(me|us)\b.{0,30}\b(again|anymore|any more|further|in (the )?future|going forward)\b/i,
  },
  {
    pattern:
      /\bno (more|further) (e-?mails?|messages?|contact|communications?|outreach|follow[- ]?ups?|solicitations?)\b/i,
    unless: /\b(needed|necessary|required)\b/i,
  },
  {
    pattern:
      /\b(don'?t|do not|no longer) (want|wish|like|care) to (receive|get|hear from you|be contacted|be emailed|be on)\b/i,
    unless: /\b(quote|proposal|invoice|call|demo|contract)\b/i,
  },
  { pattern: /\b(never|don'?t|do not) (want to )?hear from you again\b/i },
  { pattern: /\bleave (me|us) alone\b/i },
  { pattern: /\b(do[- ]not[- ](contact|call|email|e-mail|mail)|dnc|suppression)\s+list\b/i },
  { pattern: /\bcease\s+(all\s+)?(contact|communications?|e-?mails?|emailing|outreach)\b/i },
  {
    pattern:
      /\b(delete|erase|purge|remove)\s+(all\s+)?(my|our)\s+(personal\s+)?(data|details|information|info|contact (details|info)|e-?mail( address)?|address)\b/i,
    unless: NOT_A_LIST,
  },
  { pattern: /\bi('m| am) (unsubscribing|opting out)\b/i },
];

const german: OptOutPhrase[] = [
  {
    pattern: /\b(austragen|abmelden|abbestellen|abzumelden|auszutragen)\b/i,
    unless:
      /\b(termin|meeting|webinar|gespräch|call|veranstaltung|event|kurs|kurz|urlaub|krank)\w*/i,
  },
  { pattern: /\btragen\s+sie\s+(mich|uns)\b.{0,60}\baus\b/i },
  {
    pattern: /\bmelden\s+sie\s+(mich|uns)\b.{0,60}\bab\b/i,
    unless: /\b(termin|meeting|webinar|veranstaltung|event|kurs)\w*/i,
  },
  {
    pattern:
      /\b(keine\s+weiteren|bitte\s+keine)\s+(e-?mails?|mails|nachrichten|werbung|zusendungen|kontaktaufnahmen?|anfragen|newsletter|werbemails?)\b/i,
  },
  { pattern: /\bkeine\s+(e-?mails?|mails|nachrichten|werbung|zusendungen|newsletter)\s+mehr\b/i },
  {
    pattern:
      /\bnicht\s+mehr\s+(zu\s+)?(kontaktieren|anschreiben|schreiben|mailen|e-?mailen|belästigen|anrufen|kontaktiert|angeschrieben|angerufen)\b/i,
  },
  {
    pattern:
      /\b(kontaktieren|schreiben|mailen|anschreiben|belästigen)\s+sie\s+(mich|mir|uns)\s+(bitte\s+)?(nicht\s+mehr|nie\s+wieder)\b/i,
  },
  {
    pattern:
      /\b(entfernen|löschen|streichen|nehmen)\s+sie\s+(mich|uns|meine\s+(e-?mail-?adresse|adresse|daten|kontaktdaten))\b/i,
    unless: /\b(termin|meeting|einladung|vertrag|kalender)\w*/i,
  },
  {
    pattern:
      /\b(aus|von)\s+(ihrem|ihrer|dem|der|diesem|dieser|eurem|eurer|allen)\s+(e-?mail-?)?(verteiler|liste|listen|mailingliste|datenbank|newsletter|kontaktliste|adressliste|e-?mail-?liste)\b.{0,40}\b(entfernen|nehmen|löschen|streichen|austragen|abmelden|genommen|entfernt|gelöscht|gestrichen)\b/i,
  },
  {
    pattern:
      /\bunterlassen\s+sie\b.{0,40}\b(kontakt|e-?mails?|zusendungen|anschreiben|werbung|anrufe)/i,
  },
  { pattern: /\bwiderspreche\b.{0,60}\b(nutzung|verarbeitung|werbung|kontakt)/i },
];

const french: OptOutPhrase[] = [
  {
    pattern: /\bd[ée]s(abonn|inscri)\w*/i,
    unless: /\bne\s+(veux|souhaite|voudrais|désire)\s+pas\b/i,
  },
  { pattern: /\bne\s+(\p{L}+\s+){0,2}plus\s+(rien\s+)?recevoir\b/iu },
  { pattern: /\b(retirez|supprimez|enlevez|rayez)[- ](moi|nous)\b/i },
  {
    pattern: /\b(retirez|supprimez|enlevez)\s+(mon adresse|mes (données|coordonnées)|mon e-?mail)/i,
  },
  {
    pattern:
      /\b(me|nous)\s+(retirer|supprimer|enlever|rayer)\s+(de|des)\s+(votre|vos|la|cette|ces|la liste)/i,
  },
  {
    pattern:
      /\bne\s+(me|nous)\s+(contactez|[ée]crivez|envoyez|sollicitez|relancez|[ée]crivez)\s+plus\b/i,
  },
  {
    pattern:
      /\bne\s+plus\s+([êe]tre\s+)?(m'|me\s+|nous\s+)?(contact|[ée]cri|envoy|sollicit|relanc)\w*/i,
  },
  {
    pattern:
      /\b(arr[êe]tez|cessez|arr[êe]ter|cesser)\s+(de\s+|d')\s*(m'|me\s+|nous\s+)?(envoy|[ée]cri|contact|spamm|relanc|sollicit|harcel)\w*/i,
  },
];

const spanish: OptOutPhrase[] = [
  { pattern: /\bd(ar|a|en|e)(me|nos)\s+de\s+baja\b/i },
  { pattern: /\b(me|nos)\s+(doy|damos|quiero dar|quiero darme)\s+de\s+baja\b/i },
  {
    pattern:
      /\bde\s+baja\s+(de|en|del)\s+(su|sus|la|esta|vuestra|el|tu)\s+(lista|base|correos?|env[ií]os|boletín|boletines|newsletter|sistema)/i,
  },
  {
    pattern:
      /\bdar\s+de\s+baja\s+(mi|nuestro|nuestra|este|esta)\s+(correo|email|e-mail|direcci[óo]n|cuenta de correo)/i,
  },
  {
    pattern:
      /\bno\s+(me|nos)\s+(escriban|escribas|escriba|contacten|contactes|contacte|env[ií]en|env[ií]es|manden|mandes|molesten|molestes)\s+(m[áa]s|nunca m[áa]s|otra vez)\b/i,
  },
  {
    pattern: /\bno\s+(me|nos)\s+vuelv(an|as|a)\s+a\s+(escribir|contactar|enviar|mandar|molestar)/i,
  },
  {
    pattern: /\bdej(en|a|e|ar)\s+de\s+(enviar|escribir|contactar|mandar|molestar)(me|nos|le)?\b/i,
  },
  {
    pattern:
      /\b(elim[ií]n|borr|quit|s[áa]qu|sac|retir)\w*\s+(de|del)\s+(su|sus|la|esta|estas|vuestra|tu|el)\s+(lista|listas|base de datos|listado|env[ií]os|correos|mailing|sistema|bolet[ií]n)\b/i,
  },
  {
    pattern:
      /\b(elim[ií]n|borr|quit)\w*\s+mi\s+(correo|email|e-mail|direcci[óo]n|contacto|datos)\b/i,
  },
  {
    pattern:
      /\bno\s+(quiero|deseo|quisiera)\s+(recibir|seguir recibiendo)\s+(m[áa]s\s+)?(sus\s+|tus\s+)?(correos|emails|e-mails|mensajes|informaci[óo]n|comunicaciones|ofertas)/i,
  },
  { pattern: /\bcancelar\s+(la\s+|mi\s+)?suscripci[óo]n\b/i },
  { pattern: /\bdesuscrib\w*/i },
];

/** Every phrase, English first (the most common language of cold email). */
export const OPT_OUT_PHRASES: readonly OptOutPhrase[] = [
  ...english,
  ...german,
  ...french,
  ...spanish,
];

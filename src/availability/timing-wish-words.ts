import type { DayPart } from './timing-wish-types.ts';

/** Regex source written with single backslashes. */
export const W = String.raw;
export const DAY_PARTS: Record<DayPart, [number, number]> = {
  morning: [8 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 21 * 60],
};
/** Words for each month, in English, German, French and Spanish, accents stripped. */
export const MONTH_WORDS = [
  'jan(?:uary|uar)?|janvier|enero',
  'feb(?:ruary|ruar)?|fevrier|febrero',
  'mar(?:ch)?|marz|maerz|mars|marzo',
  'apr(?:il)?|avril|abril',
  'may|mai|mayo',
  'june?|juni|juin|junio',
  'july?|juli|juillet|julio',
  'aug(?:ust)?|aout|agosto',
  'sep(?:t(?:ember)?)?|septembre|septiembre|setiembre',
  'oct(?:ober)?|oktober|octobre|octubre',
  'nov(?:ember)?|novembre|noviembre',
  'dec(?:ember)?|dezember|decembre|diciembre',
];
export const MONTH = `(${MONTH_WORDS.join('|')})`;
export const WEEKDAY_WORDS = [
  'monday|montag|lundi|lunes|mon',
  'tuesday|dienstag|mardi|martes|tues?',
  'wednesday|mittwoch|mercredi|miercoles|weds?',
  'thursday|donnerstag|jeudi|jueves|thu(?:rs?)?',
  'friday|freitag|vendredi|viernes|fri',
  'saturday|samstag|samedi|sabado',
  'sunday|sonntag|dimanche|domingo',
];
export const WEEKDAY = `(${WEEKDAY_WORDS.join('|')})`;
export const TIME = W`(\d{1,2})(?:(?::|\.|h)(\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?|h\b|uhr\b)?`;
/** A number that is a date, a count or a length rather than a clock time. */
export const NOT_TIME = W`(?!\.?\d|\/|\s*(?:st|nd|rd|th)\b|\s*-\s*\d+\s*(?:min|h|day|week)|\s*(?:${MONTH}\b|min|hour|hr|day|week|month|year|people|person|seat|user|%|x\b|euro|eur|usd|\$))`;
export const THIS_WEEK = W`(?:this week|diese woche|cette semaine|esta semana)`;
export const NEXT_WEEK = W`(?:next week|(?:in der )?(?:nachste[nr]?|kommende[nr]?) woche|(?:la )?semaine prochaine|(?:la )?prochaine semaine|(?:la )?(?:proxima semana|semana (?:proxima|que viene)))`;
export const THIS_MONTH = W`(?:this month|diesen monat|ce mois(?:-ci)?|este mes)`;
export const NEXT_MONTH = W`(?:next month|(?:im )?(?:nachste[nr]?|kommende[nr]?) monat|(?:le )?mois prochain|(?:le )?prochain mois|(?:el )?(?:proximo mes|mes (?:proximo|que viene)))`;
export const PART_WORDS =
  'early|beginning of|start of|mid|middle of|late|later|end of|the end of|towards the end of|anfang|mitte|ende|debut de|milieu de|fin de|a principios de|a mediados de|a finales de';
/** "early", "mid", "end of" in front of a week or month; group 1. */
export const PART = W`(?:(${PART_WORDS})(?:\s+|-)(?:the\s+|der\s+|la\s+)?)?`;
export const ARTICLE = W`(?:(?:on|the|el|le|la|am|den)\s*)?`;
/** Longer replies are read up to here; timing wishes sit near the top. */
export const MAX_CHARS = 4000;
/** Open-ended "from X on" reaches this far; the horizon filter cuts it anyway. */
export const OPEN_DAYS = 120;

/** Greetings, durations and sign-offs that name a time of day or a length without wishing for it. */
export const NOISE = [
  W`^\s*(?:good\s+)?(?:morning|afternoon|evening)\b`,
  W`\b(?:good|guten|buenos|buenas)\s+(?:morning|afternoon|evening|morgen|tag|abend|dias|tardes|noches)\b`,
  W`\b(?:have|enjoy|wish you)\s+(?:a|an|your|the)\s+(?:\w+\s+){0,3}?(?:morning|afternoon|evening|day|week|weekend)\b`,
  W`\b(?:\d+|a|an|one|two|three|half an?|a half|fifteen|twenty|thirty|forty[- ]five|sixty|few|couple of)[\s-]*(?:min(?:ute)?s?|hours?|hrs?|stunden?|minuten?|heures?|horas?|minutos?)\b`,
  W`\b(?:right|just|for|until|till) now\b|\bat the moment\b`,
  W`\S+@\S+|https?:\/\/\S+`,
];

/** Ends a clause: what is ruled out on one side does not leak to the other. */
export const CLAUSE_END = W`[.!?;:\n,]|\s[-–—]\s|\b(?<!(?:anything|any day|any time|anytime|all|everything|nothing|any)\s+)but\b|\b(?:though|although|however|whereas|otherwise|aber|sondern|mais|pero|sino)\b`;
/** Words before a day that rule it out; they reach to the end of the clause. */
export const NEG_BEFORE = W`\b(?:not|no|never|except|excluding|apart from|other than|besides|avoid(?:ing)?|but|can'?t|cannot|can not|couldn'?t|won'?t|unable|busy|away|off|travell?ing|unavailable|booked|packed|swamped|slammed|out of (?:the )?office|ooo|(?:i'?m|we'?re|i am|we are|be|i'?ll be|will be) out|on (?:holiday|vacation|leave|pto)|don'?t have time|nicht|kein\w*|au(?:ss|ß)er|ausser|pas|sauf|excepte|excepto|menos|salvo)\b`;
/** Words after a NEG_BEFORE that turn the clause back to a wish ("not Monday, maybe Tuesday"). */
export const POS_RESET = W`\b(?:instead|rather|prefer\w*|ideally|maybe|perhaps|how about|what about|could we|can we|shall we|let'?s|works?|better|best)\b`;
/** Verbs of the lead's own next step: a day after them is not a time to meet. */
export const REPORT = W`\b(?:get back|be in touch|let you know|circle back|revert|follow up|come back|reply|respond|think (?:about it|it over)|sleep on it|discuss|review|look (?:at|into|over) it|check (?:with|internally)|send|forward|share)\b`;
/** What follows a day that rules it out ("Friday doesn't work", "Mondays are always chaos"). */
export const NEG_AFTER = W`^\s*(?:(?:'s|'re|is|are|will be|would be|looks?|seems?|i'?m|we'?re|i am|we are|i have|i'?ve got|it'?s|for me|is looking)\s+)*(?:(?:always|usually|often|pretty|really|very|quite|completely|totally|fully|a bit|rather|already|just|too|so|all|kind of|a|an|absolutely|likely|going to be|gonna be)\s+)*(?:not\b|no good|no\b|doesn'?t|does not|don'?t|do not|won'?t|will not|wouldn'?t|isn'?t|aren'?t|can'?t|cannot|bad|busy|chaos|chaotic|hectic|packed|full|crazy|mad|manic|slammed|swamped|booked|tough|hard|difficult|impossible|tricky|out\b|off\b|away|travell?ing|unavailable|taken|gone|blocked|jammed|stacked|crammed|occupied|committed|tied up|filled|fills up|filling up|out of the question|not possible|rough|nightmare|terrible|write-?off|no-?go|(?:geht|passt|klappt|kann ich)?\s*(?:mir |uns |leider )*nicht\b|ne |n'|pas\b|no (?:puedo|me va|podemos))`;
/** What follows a day that confirms it, overriding a negation before it. */
export const POS_AFTER = W`^\s*(?:(?:'s|is|are|would|could|should|will|might|also|really|then|actually)\s+)*(?:works?|suits?|fine|good|great|better|best|free|open|ok|okay|perfect|ideal|possible|be (?:fine|good|great|better|perfect|ideal|possible))\b`;

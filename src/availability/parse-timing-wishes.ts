import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** Local hours a slot must lie in: inside one window (none = any) and within the bounds. */
export interface WishHours {
  /** [start, end) in minutes after local midnight; a slot must start and end inside one. */
  windows: [number, number][];
  /** "not before 2pm": the slot starts at or after this minute. */
  earliest?: number;
  /** "no later than 4pm": the slot ends by this minute. */
  latest?: number;
}

/** One alternative the lead offered ("Thursday or Friday" is two). */
export interface WishOption {
  /** Local days [from, to) as UTC instants; absent = any day. */
  from?: string;
  to?: string;
  /** Only these weekdays within it, 1 = Monday … 7 = Sunday; absent = all. */
  weekdays?: number[];
  /** Hours named with this option ("Tuesday morning"); absent = the wish's general hours. */
  hours?: WishHours;
}

/** What a reply asked for about timing, resolved to instants in the lead's zone. */
export interface TimingWish {
  /** A slot must fit at least one option; none = any day. */
  options: WishOption[];
  /** Hours that apply to every option without its own ("mornings are best"). */
  hours: WishHours;
  /** "away until Monday", "after the 10th": no slot starts before this instant. */
  notBefore?: string;
  /** "before the 20th": no slot starts at or after this instant. */
  notAfter?: string;
  /** What the lead ruled out ("not Monday", "this week is packed", "mornings are bad"). */
  excluded: {
    ranges: { from: string; to: string }[];
    weekdays: number[];
    hours: [number, number][];
  };
  /** The lead asked for today: the only case a same-day slot may be offered. */
  askedForToday: boolean;
  /** The phrases understood, in reply order, for the decision trail ("not" marks exclusions). */
  matched: string[];
  /** Zone the words were read in. */
  timeZone: string;
}

type Day = DateTime;
type Bound = 'after' | 'from' | 'before' | 'through';
interface Mention {
  start: number;
  end: number;
  kind: 'days' | 'weekday' | 'hours';
  from?: Day;
  to?: Day;
  /** Several days that a weekday named with it narrows ("next week, Tuesday"). */
  span?: boolean;
  today?: boolean;
  weekday?: number;
  plural?: boolean;
  nextWeek?: boolean;
  hours?: WishHours;
  /** Day parts and times may be ruled out; bounds ("after 3pm") may not. */
  negatable?: boolean;
  negative?: boolean;
  /** Named, but not as a time to meet. */
  ignored?: boolean;
  bound?: Bound;
  attached?: WishHours;
  /** The day an hours mention was said with. */
  owner?: Mention | undefined;
}

const W = String.raw;
const DAY_PARTS: Record<DayPart, [number, number]> = {
  morning: [8 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 21 * 60],
};
/** Words for each month, in English, German, French and Spanish, accents stripped. */
const MONTH_WORDS = [
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
const MONTH = `(${MONTH_WORDS.join('|')})`;
const WEEKDAY_WORDS = [
  'monday|montag|lundi|lunes|mon',
  'tuesday|dienstag|mardi|martes|tues?',
  'wednesday|mittwoch|mercredi|miercoles|weds?',
  'thursday|donnerstag|jeudi|jueves|thu(?:rs?)?',
  'friday|freitag|vendredi|viernes|fri',
  'saturday|samstag|samedi|sabado',
  'sunday|sonntag|dimanche|domingo',
];
const WEEKDAY = `(${WEEKDAY_WORDS.join('|')})`;
const TIME = W`(\d{1,2})(?:(?::|\.|h)(\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?|h\b|uhr\b)?`;
/** A number that is a date, a count or a length rather than a clock time. */
const NOT_TIME = W`(?!\.?\d|\/|\s*(?:st|nd|rd|th)\b|\s*-\s*\d+\s*(?:min|h|day|week)|\s*(?:${MONTH}\b|min|hour|hr|day|week|month|year|people|person|seat|user|%|x\b|euro|eur|usd|\$))`;
const THIS_WEEK = W`(?:this week|diese woche|cette semaine|esta semana)`;
const NEXT_WEEK = W`(?:next week|(?:in der )?(?:nachste[nr]?|kommende[nr]?) woche|(?:la )?semaine prochaine|(?:la )?prochaine semaine|(?:la )?(?:proxima semana|semana (?:proxima|que viene)))`;
const THIS_MONTH = W`(?:this month|diesen monat|ce mois(?:-ci)?|este mes)`;
const NEXT_MONTH = W`(?:next month|(?:im )?(?:nachste[nr]?|kommende[nr]?) monat|(?:le )?mois prochain|(?:le )?prochain mois|(?:el )?(?:proximo mes|mes (?:proximo|que viene)))`;
const PART_WORDS =
  'early|beginning of|start of|mid|middle of|late|later|end of|the end of|towards the end of|anfang|mitte|ende|debut de|milieu de|fin de|a principios de|a mediados de|a finales de';
/** "early", "mid", "end of" in front of a week or month; group 1. */
const PART = W`(?:(${PART_WORDS})(?:\s+|-)(?:the\s+|der\s+|la\s+)?)?`;
const ARTICLE = W`(?:(?:on|the|el|le|la|am|den)\s*)?`;
/** Longer replies are read up to here; timing wishes sit near the top. */
const MAX_CHARS = 4000;
/** Open-ended "from X on" reaches this far; the horizon filter cuts it anyway. */
const OPEN_DAYS = 120;

/** Greetings, durations and sign-offs that name a time of day or a length without wishing for it. */
const NOISE = [
  W`^\s*(?:good\s+)?(?:morning|afternoon|evening)\b`,
  W`\b(?:good|guten|buenos|buenas)\s+(?:morning|afternoon|evening|morgen|tag|abend|dias|tardes|noches)\b`,
  W`\b(?:have|enjoy|wish you)\s+(?:a|an|your|the)\s+(?:\w+\s+){0,3}?(?:morning|afternoon|evening|day|week|weekend)\b`,
  W`\b(?:\d+|a|an|one|two|three|half an?|a half|fifteen|twenty|thirty|forty[- ]five|sixty|few|couple of)[\s-]*(?:min(?:ute)?s?|hours?|hrs?|stunden?|minuten?|heures?|horas?|minutos?)\b`,
  W`\b(?:right|just|for|until|till) now\b|\bat the moment\b`,
  W`\S+@\S+|https?:\/\/\S+`,
];

/** Ends a clause: what is ruled out on one side does not leak to the other. */
const CLAUSE_END = W`[.!?;:\n,]|\s[-–—]\s|\b(?<!(?:anything|any day|any time|anytime|all|everything|nothing|any)\s+)but\b|\b(?:though|although|however|whereas|otherwise|aber|sondern|mais|pero|sino)\b`;
/** Words before a day that rule it out; they reach to the end of the clause. */
const NEG_BEFORE = W`\b(?:not|no|never|except|excluding|apart from|other than|besides|avoid(?:ing)?|but|can'?t|cannot|can not|couldn'?t|won'?t|unable|busy|away|off|travell?ing|unavailable|booked|packed|swamped|slammed|out of (?:the )?office|ooo|(?:i'?m|we'?re|i am|we are|be|i'?ll be|will be) out|on (?:holiday|vacation|leave|pto)|don'?t have time|nicht|kein\w*|au(?:ss|ß)er|ausser|pas|sauf|excepte|excepto|menos|salvo)\b`;
/** Words after a NEG_BEFORE that turn the clause back to a wish ("not Monday, maybe Tuesday"). */
const POS_RESET = W`\b(?:instead|rather|prefer\w*|ideally|maybe|perhaps|how about|what about|could we|can we|shall we|let'?s|works?|better|best)\b`;
/** Verbs of the lead's own next step: a day after them is not a time to meet. */
const REPORT = W`\b(?:get back|be in touch|let you know|circle back|revert|follow up|come back|reply|respond|think (?:about it|it over)|sleep on it|discuss|review|look (?:at|into|over) it|check (?:with|internally)|send|forward|share)\b`;
/** What follows a day that rules it out ("Friday doesn't work", "Mondays are always chaos"). */
const NEG_AFTER = W`^\s*(?:(?:'s|'re|is|are|will be|would be|looks?|seems?|i'?m|we'?re|i am|we are|i have|i'?ve got|it'?s|for me|is looking)\s+)*(?:(?:always|usually|often|pretty|really|very|quite|completely|totally|fully|a bit|rather|already|just|too|so|all|kind of|a|an|absolutely|likely|going to be|gonna be)\s+)*(?:not\b|no good|no\b|doesn'?t|does not|don'?t|do not|won'?t|will not|wouldn'?t|isn'?t|aren'?t|can'?t|cannot|bad|busy|chaos|chaotic|hectic|packed|full|crazy|mad|manic|slammed|swamped|booked|tough|hard|difficult|impossible|tricky|out\b|off\b|away|travell?ing|unavailable|taken|gone|blocked|jammed|stacked|crammed|occupied|committed|tied up|filled|fills up|filling up|out of the question|not possible|rough|nightmare|terrible|write-?off|no-?go|(?:geht|passt|klappt|kann ich)?\s*(?:mir |uns |leider )*nicht\b|ne |n'|pas\b|no (?:puedo|me va|podemos))`;
/** What follows a day that confirms it, overriding a negation before it. */
const POS_AFTER = W`^\s*(?:(?:'s|is|are|would|could|should|will|might|also|really|then|actually)\s+)*(?:works?|suits?|fine|good|great|better|best|free|open|ok|okay|perfect|ideal|possible|be (?:fine|good|great|better|perfect|ideal|possible))\b`;

/**
 * Parses the timing wishes of a reply, in the lead's zone, relative to the
 * reply's OWN date (a backfill weeks later still reads "tomorrow" as the day
 * after the reply). Pure. Alternatives are a union ("Thursday or Friday");
 * days the lead rules out are excluded ("Mondays are chaos", "not this week");
 * "away until Monday" and "after the 10th" are lower bounds; durations,
 * greetings and "right now" are not wishes. English, with German, French and
 * Spanish day, week and month words.
 */
export function parseTimingWishes(
  text: string,
  context: { replyAt: Date; timeZone: string },
): TimingWish {
  const zone = context.timeZone;
  const today = DateTime.fromJSDate(context.replyAt, { zone }).startOf('day');
  // One space for any run of blanks, and a bounded length: a reply, not a document. Then one
  // character per character, so positions in `t` (accents stripped) and `lower` agree.
  const source = text.replace(/\s+/g, ' ').slice(0, MAX_CHARS);
  const lower = source
    .split('')
    .map((c) => (c.toLowerCase().length === 1 ? c.toLowerCase() : c))
    .join('')
    .replace(/\s/g, ' ');
  let t = [...lower].map((c) => c.normalize('NFD').replace(/\p{M}/gu, '')[0] ?? c).join('');
  let l = lower;
  const mentions: Mention[] = [];
  const blank = (start: number, end: number) => {
    const pad = ' '.repeat(end - start);
    t = t.slice(0, start) + pad + t.slice(end);
    l = l.slice(0, start) + pad + l.slice(end);
  };
  /** Reads every match of `pattern`; `build` returns the mentions (none keeps the text). */
  const scan = (pattern: string, build: (m: RegExpExecArray) => Partial<Mention>[] | undefined) => {
    for (const m of [...t.matchAll(new RegExp(pattern, 'g'))]) {
      const built = build(m);
      if (!built) continue;
      const end = m.index + m[0].length;
      for (const b of built) mentions.push({ kind: 'days', start: m.index, end, ...b });
      blank(m.index, end);
    }
  };
  const days = (from: Day, to: Day, more: Partial<Mention> = {}): Partial<Mention>[] => [
    { kind: 'days', from, to, span: to.diff(from, 'days').days > 1, ...more },
  ];
  const hours = (h: WishHours, negatable = false): Partial<Mention>[] => [
    { kind: 'hours', hours: h, negatable },
  ];
  const week = (n: number) => today.startOf('week').plus({ weeks: n });
  const monthStart = (index: number, n = 0) => {
    const first = today.startOf('month').set({ month: index + 1 });
    return (first < today.startOf('month') ? first.plus({ years: 1 }) : first).plus({ months: n });
  };

  for (const noise of NOISE) scan(noise, () => []);

  // Clock times first, so "after 3pm" is not read as a day.
  scan(W`\b(?:between|from)\s+${TIME}\s*(?:-|–|to|and|till|until)\s*${TIME}${NOT_TIME}`, (m) =>
    between(m.slice(1, 4), m.slice(4, 7)),
  );
  scan(W`\b${TIME}\s*(?:-|–|to)\s*${TIME}${NOT_TIME}`, (m) =>
    m[3] || m[6] ? between(m.slice(1, 4), m.slice(4, 7)) : undefined,
  );
  const clock = (m: RegExpExecArray, at: number) => toMinute(m[at], m[at + 1], m[at + 2]);
  const boundWords = (words: string) => W`\b(?:${words})\s+(?:(?:at|around)\s+)?${TIME}${NOT_TIME}`;
  const afterTime =
    'not before|no earlier than|after|from|later than|past|starting|ab|nach|apres|a partir de|despues de';
  const beforeTime =
    'not after|no later than|before|until|till|by|latest|bis|vor|avant|antes de|hasta';
  scan(boundWords(afterTime), (m) =>
    mapDefined(clock(m, 1), (x) => hours({ windows: [], earliest: x })),
  );
  scan(boundWords(beforeTime), (m) =>
    mapDefined(clock(m, 1), (x) => hours({ windows: [], latest: x })),
  );
  scan(W`\b(?:after|from|post)\s+lunch\b`, () => hours({ windows: [], earliest: 13 * 60 }));
  scan(W`\b(?:before|until|till)\s+(?:lunch|noon|midday)\b`, () =>
    hours({ windows: [], latest: 12 * 60 }),
  );
  scan(W`\b(?:after|from)\s+(?:noon|midday)\b`, () => hours({ windows: [], earliest: 12 * 60 }));
  // A time named alone ("at 3pm") asks for a start at it or soon after; "around 3" also a little before.
  const near = (m: RegExpExecArray) => {
    const around = /^(?:around|about|~|vers|gegen)/.test(m[0]) ? 30 : 0;
    return mapDefined(clock(m, 1), (x) => hours({ windows: [[x - around, x + 90]] }));
  };
  scan(W`(?:\b(?:at|around|about|um|gegen|vers|a las?)\s+|[@~]\s*)${TIME}${NOT_TIME}`, near);
  scan(W`\b(?:do|say|how about|what about)\s+(\d{1,2})[.:](\d{2})()(?![\d.])`, near);
  scan(
    W`\ba\s+(\d{1,2})h(\d{2})?()\b|\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?)|\b(\d{1,2}):(\d{2})()(?!\d)`,
    (m) =>
      near([
        m[0],
        m[1] ?? m[4] ?? m[7],
        m[2] ?? m[5] ?? m[8],
        m[6] ?? (m[1] ? 'h' : undefined),
      ] as unknown as RegExpExecArray),
  );
  const part = (p: DayPart, from?: number, to?: number) =>
    hours({ windows: [[from ?? DAY_PARTS[p][0], to ?? DAY_PARTS[p][1]]] }, true);
  scan(
    W`\b(?:later today|today|this(?=\s+(?:morning|afternoon|evening))|heute|aujourd'?hui|hoy)\b`,
    () => days(today, today.plus({ days: 1 }), { today: true }),
  );
  scan(W`\btonight\b`, () => [
    ...days(today, today.plus({ days: 1 }), { today: true }),
    ...part('evening'),
  ]);
  scan(W`\bfirst thing(?: in the morning)?\b|\bearly (?:in the )?morning\b`, () =>
    part('morning', 8 * 60, 10 * 60),
  );
  scan(W`\blate (?:in the )?morning\b`, () => part('morning', 10 * 60));
  scan(W`\bearly (?:in the )?afternoon\b`, () => part('afternoon', 12 * 60, 15 * 60));
  scan(W`\blate (?:in the )?afternoon\b|\bend of (?:the |my )?(?:work ?)?day\b|\beod\b`, () =>
    part('afternoon', 15 * 60, 18 * 60),
  );
  scan(W`\b(?:over |around |at )?lunch ?(?:time)?\b|\bnoon\b|\bmidday\b`, () =>
    part('afternoon', 11 * 60 + 30, 14 * 60),
  );
  // Spanish "mañana" is "tomorrow" unless it follows "la"; read the morning first.
  scan(
    W`\b(?:(?:in|during) the )?mornings?\b|\bvormittags?\b|\bmorgens\b|\bmatin(?:ee)?s?\b|\b(?:por|en|de) la manana\b|\blas mananas\b`,
    () => part('morning'),
  );
  scan(
    W`\b(?:(?:in|during) the )?afternoons?\b|\bnachmittags?\b|\bapres-? ?midi\b|\b(?:por|en|de) la tarde\b|\blas tardes\b`,
    () => part('afternoon'),
  );
  scan(
    W`\b(?:(?:in|during) the )?evenings?\b|\babends?\b|\bsoir(?:ee)?s?\b|\b(?:por|en|de) la noche\b`,
    () => part('evening'),
  );

  // Days named by date.
  const usStyle =
    /^(?:America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Indiana|Kentucky|Toronto|Vancouver|Edmonton|Winnipeg|Halifax)|US\/|Pacific\/Honolulu)/.test(
      zone,
    );
  scan(
    W`\b(\d{1,2})([/.])(\d{1,2})(?:\2(\d{2,4})|(\.))?(?![\d/.]|\s*(?:am|pm|h\b|uhr|hours?|hrs?|of\b))`,
    (m) => {
      if (m[2] === '.' && !m[4] && !m[5]) return undefined;
      let [d, mo] = [Number(m[1]), Number(m[3])];
      if ((usStyle && m[2] === '/' && d <= 12) || d > 31) [d, mo] = [mo, d];
      const at = dateOf(today, d, mo, m[4]);
      return at ? days(at, at.plus({ days: 1 })) : undefined;
    },
  );
  if (new RegExp(W`\b${MONTH}\b`).test(t)) {
    const reference = { instant: context.replyAt, timezone: today.offset };
    for (const parser of [chrono.en, chrono.de, chrono.fr, chrono.es]) {
      for (const r of parser.parse(l, reference, { forwardDate: true })) {
        const plain = t.slice(r.index, r.index + r.text.length);
        if (!r.start.isCertain('day') || !new RegExp(W`\b${MONTH}\b`).test(plain) || !plain.trim())
          continue;
        const at = (c: chrono.ParsedComponents) =>
          DateTime.fromObject(
            { year: c.get('year')!, month: c.get('month')!, day: c.get('day')! },
            { zone },
          );
        const from = at(r.start);
        const to = (r.end ? at(r.end) : from).plus({ days: 1 });
        mentions.push({
          kind: 'days',
          start: r.index,
          end: r.index + r.text.length,
          ...days(from, to)[0],
        });
        blank(r.index, r.index + r.text.length);
      }
    }
  }
  scan(W`\b(?:the )?(first|1st|second|2nd|third|3rd|last) week (?:of|in) ${MONTH}\b`, (m) => {
    const index = MONTH_WORDS.findIndex((w) => new RegExp(`^(?:${w})$`).test(m[2]!));
    const first = monthStart(index);
    const n = ['first', '1st', 'second', '2nd', 'third', '3rd'].indexOf(m[1]!) >> 1;
    const monday =
      n >= 0 ? first.plus({ weeks: n }).startOf('week') : first.endOf('month').startOf('week');
    return days(
      DateTime.max(monday, first),
      DateTime.min(monday.plus({ weeks: 1 }), first.plus({ months: 1 })),
    );
  });
  const ordinal = (m: RegExpExecArray) =>
    mapDefined(dayOfMonth(today, Number(m[1])), (d) => days(d, d.plus({ days: 1 })));
  scan(W`\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b`, ordinal);
  scan(
    W`\b(?:am|den|zum)\s+(\d{1,2})\.(?!\d)|\ble\s+(\d{1,2})(?:er)?\b(?!\s*(?:h|:|\d))|\bel\s+(?:dia\s+)?(\d{1,2})\b(?!\s*(?:h|:|\d|de\s))`,
    (m) => ordinal([m[0], m[1] ?? m[2] ?? m[3]] as unknown as RegExpExecArray),
  );
  // "the week of the 16th": the whole week around that day.
  for (const m of mentions) {
    const head = /\b(?:the )?week of\s+$/.exec(t.slice(Math.max(0, m.start - 16), m.start));
    if (m.kind !== 'days' || m.span || !head) continue;
    m.start -= head[0].length;
    m.from = m.from!.startOf('week');
    m.to = m.from.plus({ weeks: 1 });
    m.span = true;
    blank(m.start, m.end);
  }

  // Days named by words.
  const dayAt = (n: number) => days(today.plus({ days: n }), today.plus({ days: n + 1 }));
  scan(W`\b(?:the )?day after tomorrow\b|\bubermorgen\b|\bapres-demain\b|\bpasado manana\b`, () =>
    dayAt(2),
  );
  scan(W`\btomorrow\b|\bmorgen\b|\bdemain\b|\bmanana\b`, () => dayAt(1));
  scan(W`\bin (\d|one|two|three|four|five|six|a few|a couple of) days\b`, (m) => {
    const n = numberWord(m[1]!);
    return n > 0 ? dayAt(n) : days(today.plus({ days: 2 }), today.plus({ days: 5 }));
  });
  scan(W`\b(?:in the )?(?:next|coming) (?:few|couple of) days\b`, () =>
    days(today, today.plus({ days: 5 })),
  );

  // Weeks, with early/mid/late parts.
  const weekPart = (start: Day, p: string | undefined) => {
    if (!p) return days(start, start.plus({ weeks: 1 }));
    if (/^(?:early|beginning|start|anfang|debut|principios|inicio)/.test(p))
      return days(start, start.plus({ days: 3 }));
    if (/^(?:mid|middle|mitte|milieu|mediados)/.test(p))
      return days(start.plus({ days: 1 }), start.plus({ days: 4 }));
    const from = DateTime.max(start.plus({ days: 3 }), today);
    return days(from, start.plus({ weeks: 1 }));
  };
  scan(W`\b${PART}(?:the )?week after next\b|\bubernachste[nr]? woche\b`, (m) =>
    weekPart(week(2), m[1]),
  );
  scan(W`\b${PART}${NEXT_WEEK}\b`, (m) => weekPart(week(1), m[1]));
  const thisWeek = (p: string | undefined) =>
    days(DateTime.max(p ? weekPart(week(0), p)[0]!.from! : today, today), week(1));
  scan(W`\b${PART}${THIS_WEEK}\b`, (m) => thisWeek(m[1]));
  scan(
    W`\b(?:(?:towards )?the )?(end|beginning|start|middle) of the week\b|\b(later|early) in the week\b|\b(ende) der woche\b|\b(fin) de (?:la )?semaine\b`,
    (m) => thisWeek(m[1] ?? m[2] ?? m[3] ?? m[4]),
  );
  scan(W`\bthe (?:one |week )after\b`, () => weekPart(week(2), undefined));
  scan(
    W`\bin (?:(two|2|three|3|a couple of|a few) weeks|a fortnight)(?:'? time)?\b|\b(two|2) weeks from now\b`,
    (m) => {
      const n = m[1] || m[2] ? numberWord(m[1] ?? m[2]!) : 2;
      return n > 0 ? weekPart(week(n), undefined) : days(week(2), week(4));
    },
  );
  // "not this week, maybe next": a bare "next" after this week.
  if (mentions.some((x) => x.span && x.from?.hasSame(today, 'week'))) {
    scan(
      W`\b(?:maybe|perhaps|but|how about|what about|or|rather|try|then)\s+next\b(?!\s+\w+day)`,
      () => weekPart(week(1), undefined),
    );
  }

  // Months.
  const monthPart = (first: Day, p: string | undefined) => {
    if (!p) return days(DateTime.max(first, today), first.plus({ months: 1 }));
    if (/^(?:early|beginning|start|anfang|debut|principios)/.test(p))
      return days(DateTime.max(first, today), first.set({ day: 11 }));
    if (/^(?:mid|middle|mitte|milieu|mediados)/.test(p))
      return days(first.set({ day: 10 }), first.set({ day: 21 }));
    const end = first.plus({ months: 1 });
    return days(DateTime.max(first.set({ day: 21 }), today), end);
  };
  scan(W`\b${PART}${NEXT_MONTH}\b`, (m) => monthPart(monthStart(today.month - 1, 1), m[1]));
  scan(W`\b${PART}(?:${THIS_MONTH}|the month)\b`, (m) =>
    m[0].endsWith('the month') && !m[1] ? undefined : monthPart(today.startOf('month'), m[1]),
  );
  scan(
    W`\b(?:(?:sometime |some time |any ?time )?(?:in|during|im|en)\s+|(${PART_WORDS})(?:\s+|-))${MONTH}\b(?!\s*\d)`,
    (m) => {
      const index = MONTH_WORDS.findIndex((w) => new RegExp(`^(?:${w})$`).test(m[2]!));
      return index < 0 ? undefined : monthPart(monthStart(index), m[1]);
    },
  );

  // Weekdays: abbreviations only when written like one ("Tue/Wed", "Tues or Thurs").
  scan(
    W`\b(?:(this (?:coming )?|coming |next |nachste[nr]? |kommende[nr]? |el proximo |le |les |los |every |any |on )?)${WEEKDAY}(s)?\b(?:\s+(?:prochain|que viene))?`,
    (m) => {
      const word = m[2]!;
      const at = m.index + (m[1]?.length ?? 0);
      const index = WEEKDAY_WORDS.findIndex((w) => new RegExp(`^(?:${w})$`).test(word));
      if (index < 0) return undefined;
      // "Mon collègue", "fri" in a sentence: an abbreviation must look like one.
      if (/^(?:mon|tues?|weds?|thu(?:rs?)?|fri)$/.test(word)) {
        const listed = t[at - 1] === '/' || t[at + word.length] === '/';
        if (!listed && source[at] !== source[at]?.toUpperCase()) return undefined;
        if (
          word === 'mon' &&
          !listed &&
          /^\s+[a-z]/.test(t.slice(at + 3)) &&
          !/^\s+(?:or|and|at|next|this|morning|afternoon|evening)\b/.test(t.slice(at + 3))
        )
          return undefined;
      }
      const plural = !!m[3] || /^(?:les |los |every |any )/.test(m[1] ?? '');
      return [{ kind: 'weekday', weekday: index + 1, plural, nextWeek: m[1] === 'next ' }];
    },
  );

  return assemble(mentions, t, lower, today, zone);
}

/** Turns the mentions into options, bounds and exclusions, reading each in its clause. */
function assemble(
  found: Mention[],
  t: string,
  lower: string,
  today: Day,
  zone: string,
): TimingWish {
  const mentions = found.sort((a, b) => a.start - b.start);
  const clauseEnds = [...t.matchAll(new RegExp(CLAUSE_END, 'g'))].map((m) => m.index);
  const clauseStart = (at: number) => (clauseEnds.findLast((e) => e < at) ?? -1) + 1;
  const clauseEnd = (at: number) => clauseEnds.find((e) => e >= at) ?? t.length;
  const wish: TimingWish = {
    options: [],
    hours: { windows: [] },
    excluded: { ranges: [], weekdays: [], hours: [] },
    askedForToday: false,
    matched: [],
    timeZone: zone,
  };
  const dayish = mentions.filter((m) => m.kind !== 'hours');

  // Bounds: "after the 10th", "away until Monday", "not back until Monday", "from Tuesday on".
  let notBefore: Day | undefined;
  let notAfter: Day | undefined;
  for (const m of dayish) {
    const before = t.slice(clauseStart(m.start), m.start);
    const cue =
      /\b(after|beyond|past|not before|no earlier than|from|starting(?: from| on)?|as of|beginning|back(?: on)?|return\w*(?: on)?|ab|nach dem|apres(?: le)?|a partir d[eu]|despues del?|before|by|no later than|not after|vor dem|avant(?: le)?|antes del?|until|till|til|through|thru|up to|bis|jusqu'?au|hasta el)\s+(?:the\s+|on\s+)?$/.exec(
        before,
      );
    const after = t.slice(m.end, clauseEnd(m.end));
    let bound: Bound | undefined;
    if (cue) {
      const w = cue[1]!;
      if (/^(?:after|beyond|past|nach|apres|despues)/.test(w)) bound = 'after';
      else if (/^(?:before|vor|avant|antes)/.test(w)) bound = 'before';
      else if (/^(?:until|till|til|through|thru|up to|bis|jusqu|hasta)/.test(w)) {
        const head = before.slice(0, cue.index);
        if (/\bnot\b|n'?t\b|\bnicht\b/.test(head)) bound = 'from';
        else if (new RegExp(NEG_BEFORE).test(head)) bound = 'after';
        else bound = 'through';
      } else if (/^(?:by|no later|not after)/.test(w)) bound = 'through';
      else bound = 'from';
      m.start = m.start - before.length + cue.index;
    } else if (
      /^\s*(?:on(?:wards?)?\b|or later\b|and later\b|and after\b|and beyond\b)/.test(after)
    )
      bound = 'from';
    if (!bound) continue;
    const [from, to] = m.kind === 'weekday' ? nextOccurrence(today, m) : [m.from!, m.to!];
    m.bound = bound;
    if (bound === 'after' || bound === 'from') {
      const b = bound === 'after' ? to : from;
      notBefore = notBefore && notBefore > b ? notBefore : b;
    } else {
      const b = bound === 'before' ? from : to;
      notAfter = notAfter && notAfter < b ? notAfter : b;
    }
  }

  // Alternatives joined by "or", "and", "/" read as one group: one polarity, shared trailing hours.
  // A bare comma joins only a list that ends in "or"/"and" ("Monday, Tuesday or Wednesday"),
  // never a contrast ("not Monday, Tuesday works").
  const free = dayish.filter((x) => !x.bound);
  const gapAfter = (i: number) => t.slice(free[i]!.end, free[i + 1]?.start ?? free[i]!.end);
  const joins = (gap: string) =>
    new RegExp(W`^\s*,?\s*(?:\/|&|-|–|or|and|und|oder|ou|et|o|y|nor)\s*${ARTICLE}$`).test(gap);
  const comma = (gap: string) => new RegExp(W`^\s*,\s*${ARTICLE}$`).test(gap);
  const goesOn: boolean[] = [];
  for (let i = free.length - 2; i >= 0; i--) {
    goesOn[i] = joins(gapAfter(i)) || (comma(gapAfter(i)) && (goesOn[i + 1] ?? false));
  }
  const listGoesOn = (i: number) => goesOn[i] ?? false;
  const groups: Mention[][] = [];
  free.forEach((m, i) => {
    if (i > 0 && (joins(gapAfter(i - 1)) || (comma(gapAfter(i - 1)) && listGoesOn(i))))
      groups.at(-1)!.push(m);
    else groups.push([m]);
  });
  const negativeAt = (start: number, end: number) => {
    const before = t.slice(clauseStart(start), start);
    const after = t.slice(end, clauseEnd(end));
    if (new RegExp(POS_AFTER).test(after)) return false;
    if (new RegExp(NEG_AFTER).test(after)) return true;
    // "My Wednesday just filled up": a day of one's own calendar, not one asked for.
    if (/\b(?:my|our)\s*$/.test(before)) return true;
    const neg = lastIndex(before, NEG_BEFORE);
    return neg >= 0 && neg > lastIndex(before, POS_RESET);
  };
  for (const g of groups) {
    const before = t.slice(clauseStart(g[0]!.start), g[0]!.start);
    // "I'll get back to you tomorrow" says when the lead acts, not when to meet.
    const report = new RegExp(REPORT).test(before) && !new RegExp(POS_RESET).test(before);
    const negative = negativeAt(g[0]!.start, g.at(-1)!.end);
    for (const m of g) {
      m.negative = negative;
      if (report && !negative) m.ignored = true;
    }
  }

  // Hours said right next to a day belong to it ("Tuesday morning", "morning of the 12th").
  for (const h of mentions.filter((x) => x.kind === 'hours')) {
    const prev = dayish.filter((d) => !d.bound && d.end <= h.start).at(-1);
    const next = dayish.find((d) => !d.bound && d.start >= h.end);
    const owner =
      prev &&
      /^[\s,]*(?:(?:at|around|about|in the|on|from|between|ideally|preferably|say|maybe|,)\s*)*$/.test(
        t.slice(prev.end, h.start),
      )
        ? prev
        : next && /^\s*(?:(?:on|of|the|this|next|,)\s*)*$/.test(t.slice(h.end, next.start))
          ? next
          : undefined;
    h.owner = owner;
    if (owner && !owner.negative) owner.attached = mergeHours(owner.attached, h.hours!);
    else if (owner) continue;
    else if (h.negatable && negativeAt(h.start, h.end)) {
      h.negative = true;
      wish.excluded.hours.push(...h.hours!.windows);
    } else wish.hours = mergeHours(wish.hours, h.hours!);
  }
  for (const g of groups) {
    // "Tuesday or Wednesday morning": the hours of a later member carry back to the earlier ones.
    for (let i = g.length - 2; i >= 0; i--) g[i]!.attached ??= g[i + 1]!.attached;
  }

  // Options: weekdays narrow the stretches named with them, else are their next occurrence.
  const positive = dayish.filter((m) => !m.bound && !m.negative && !m.ignored);
  const spans = positive.filter((m) => m.kind === 'days' && m.span);
  // "Friday the 20th", "Tuesday, March 3": the weekday only names the date beside it.
  const beside = (w: Mention, d: Mention | undefined) =>
    d?.kind === 'days' &&
    !d.span &&
    /^[\s,]*(?:the|den|le|el)?\s*$/.test(
      t.slice(Math.min(w.end, d.end), Math.max(w.start, d.start)),
    );
  const weekdays = positive.filter(
    (m, i) => m.kind === 'weekday' && !beside(m, positive[i - 1]) && !beside(m, positive[i + 1]),
  );
  const ruledOut = dayish.filter((x) => x.negative && x.kind === 'days');
  const iso = (d: Day) => d.toUTC().toISO()!;
  const narrowed = new Set<Mention>();
  for (const w of weekdays) {
    const within = spans.filter((s) => containsWeekday(s.from!, s.to!, w.weekday!));
    for (const s of within) {
      narrowed.add(s);
      wish.options.push(option(s.from!, s.to!, [w.weekday!], w.attached ?? s.attached));
    }
    if (within.length > 0) continue;
    if (w.plural) wish.options.push(option(undefined, undefined, [w.weekday!], w.attached));
    else {
      // The first one on or after any lower bound, and not on a day the lead ruled out.
      let [from, to] = nextOccurrence(
        notBefore && notBefore > today ? notBefore.minus({ days: 1 }) : today,
        w,
      );
      while (
        ruledOut.some((x) => from >= x.from! && from < x.to!) &&
        from < today.plus({ days: OPEN_DAYS })
      ) {
        [from, to] = nextOccurrence(from, { ...w, nextWeek: false });
      }
      wish.options.push(option(from, to, undefined, w.attached));
    }
  }
  for (const m of positive.filter((x) => x.kind === 'days' && !narrowed.has(x))) {
    wish.options.push(option(m.from!, m.to!, undefined, m.attached));
    if (m.today) wish.askedForToday = true;
  }
  for (const m of dayish.filter((x) => x.negative)) {
    if (m.kind === 'weekday') wish.excluded.weekdays.push(m.weekday!);
    else wish.excluded.ranges.push({ from: iso(m.from!), to: iso(m.to!) });
  }
  wish.excluded.weekdays = [...new Set(wish.excluded.weekdays)].sort();
  if (notBefore) wish.notBefore = iso(notBefore);
  if (notAfter) wish.notAfter = iso(notAfter);
  for (const m of mentions.filter((x) => !x.ignored && !x.owner?.ignored)) {
    const said = lower.slice(m.start, m.end).trim();
    wish.matched.push(m.negative ? `not ${said}` : said);
  }
  wish.matched = [...new Set(wish.matched)];
  return wish;

  function option(
    from: Day | undefined,
    to: Day | undefined,
    days?: number[],
    hours?: WishHours,
  ): WishOption {
    const o: WishOption = {};
    if (from && to) Object.assign(o, { from: iso(from), to: iso(to) });
    if (days) o.weekdays = days;
    if (hours) o.hours = hours;
    return o;
  }
}

/** The day a weekday mention points at: the next one after `after`, or in next week for "next Tuesday". */
function nextOccurrence(after: Day, m: Mention): [Day, Day] {
  let d = m.nextWeek ? after.startOf('week').plus({ weeks: 1 }) : after.plus({ days: 1 });
  while (d.weekday !== m.weekday) d = d.plus({ days: 1 });
  return [d, d.plus({ days: 1 })];
}

function containsWeekday(from: Day, to: Day, weekday: number): boolean {
  for (let d = from; d < to && d < from.plus({ weeks: 1 }); d = d.plus({ days: 1 })) {
    if (d.weekday === weekday) return true;
  }
  return false;
}

function mergeHours(a: WishHours | undefined, b: WishHours): WishHours {
  const out: WishHours = { windows: [...(a?.windows ?? []), ...b.windows] };
  const earliest = Math.max(a?.earliest ?? -1, b.earliest ?? -1);
  const latest = Math.min(a?.latest ?? 1441, b.latest ?? 1441);
  if (earliest >= 0) out.earliest = earliest;
  if (latest <= 1440) out.latest = latest;
  return out;
}

function between(
  from: (string | undefined)[],
  to: (string | undefined)[],
): Partial<Mention>[] | undefined {
  // "2-4pm": the meridiem said once covers both ends.
  const a = toMinute(
    from[0],
    from[1],
    from[2] ?? (to[2] && Number(from[0]) <= Number(to[0]) ? to[2] : undefined),
  );
  const b = toMinute(to[0], to[1], to[2]);
  if (a === undefined || b === undefined || b <= a) return undefined;
  return [{ kind: 'hours', hours: { windows: [[a, b]] } }];
}

/** "2pm" → 840. A bare hour 1–6 means the afternoon: nobody books a 3 a.m. call. */
export function toMinute(hour?: string, minute?: string, meridiem?: string): number | undefined {
  if (hour === undefined) return undefined;
  let h = Number(hour);
  const m = minute ? Number(minute) : 0;
  if (h > 23 || m > 59) return undefined;
  const mer = meridiem?.replace(/[.\s]/g, '');
  if (mer === 'pm' && h < 12) h += 12;
  else if (mer === 'am' && h === 12) h = 0;
  else if (!mer && h >= 1 && h <= 6) h += 12;
  return h * 60 + m;
}

function dateOf(today: Day, d: number, mo: number, year?: string): Day | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const y = year ? (year.length === 2 ? 2000 + Number(year) : Number(year)) : today.year;
  let at = DateTime.fromObject({ year: y, month: mo, day: d }, { zone: today.zone });
  if (!year && at < today) at = at.plus({ years: 1 });
  return at.isValid ? at : undefined;
}

function dayOfMonth(today: Day, n: number): Day | undefined {
  if (n < 1 || n > 31) return undefined;
  const base = n >= today.day ? today : today.plus({ months: 1 });
  const d = base.set({ day: n });
  return d.day === n && d.month === base.month ? d : undefined;
}

function numberWord(w: string): number {
  const n = Number(w);
  if (!Number.isNaN(n)) return n;
  return ['one', 'two', 'three', 'four', 'five', 'six'].indexOf(w) + 1;
}

function mapDefined<T, U>(value: T | undefined, f: (v: T) => U): U | undefined {
  return value === undefined ? undefined : f(value);
}

function lastIndex(text: string, pattern: string): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(pattern, 'g'))) at = m.index;
  return at;
}

/** True when the wish constrains nothing. */
export function isEmptyWish(wish: TimingWish | undefined): boolean {
  return (
    !wish ||
    (wish.options.length === 0 &&
      wish.hours.windows.length === 0 &&
      wish.hours.earliest === undefined &&
      wish.hours.latest === undefined &&
      wish.notBefore === undefined &&
      wish.notAfter === undefined &&
      wish.excluded.ranges.length === 0 &&
      wish.excluded.weekdays.length === 0 &&
      wish.excluded.hours.length === 0)
  );
}

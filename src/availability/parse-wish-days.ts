import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { mapDefined, type WishScanner } from './scan-wish-text.ts';
import type { Day } from './timing-wish-types.ts';
import {
  MONTH,
  MONTH_WORDS,
  NEXT_MONTH,
  NEXT_WEEK,
  PART,
  PART_WORDS,
  THIS_MONTH,
  THIS_WEEK,
  W,
  WEEKDAY,
  WEEKDAY_WORDS,
} from './timing-wish-words.ts';

/** Reads days named by date, by word, by week, by month and by weekday, in that order. */
export function scanWishDays(s: WishScanner): void {
  const { scan, blank, days, today, zone, mentions, week, monthStart } = s;

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
  if (new RegExp(W`\b${MONTH}\b`).test(s.t)) {
    const reference = { instant: s.replyAt, timezone: today.offset };
    for (const parser of [chrono.en, chrono.de, chrono.fr, chrono.es]) {
      for (const r of parser.parse(s.l, reference, { forwardDate: true })) {
        const plain = s.t.slice(r.index, r.index + r.text.length);
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
    const head = /\b(?:the )?week of\s+$/.exec(s.t.slice(Math.max(0, m.start - 16), m.start));
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
        const listed = s.t[at - 1] === '/' || s.t[at + word.length] === '/';
        if (!listed && s.source[at] !== s.source[at]?.toUpperCase()) return undefined;
        if (
          word === 'mon' &&
          !listed &&
          /^\s+[a-z]/.test(s.t.slice(at + 3)) &&
          !/^\s+(?:or|and|at|next|this|morning|afternoon|evening)\b/.test(s.t.slice(at + 3))
        )
          return undefined;
      }
      const plural = !!m[3] || /^(?:les |los |every |any )/.test(m[1] ?? '');
      return [{ kind: 'weekday', weekday: index + 1, plural, nextWeek: m[1] === 'next ' }];
    },
  );
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

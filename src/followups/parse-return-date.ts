import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { validZone } from '../sending/sending-window.ts';

/**
 * Reads the date a lead names: an out-of-office return date ("back on 3
 * December", "zurück am 3.12.", "de retour le lundi 7") or a snooze ("reach
 * out in March", "after Q1", "try me next month"). chrono-node does most of
 * it (en, de, fr, es); the forms it misses are handled here. Pure: `now` and
 * the lead's zone come in; a date in the past is never returned.
 */

export interface FoundDate {
  /** Local calendar day in the lead's zone. */
  year: number;
  month: number;
  day: number;
  /** The words the date was read from. */
  evidence: string;
}

const PARSERS = [chrono.en, chrono.de, chrono.fr, chrono.es];

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo';

type Candidate = FoundDate & { index: number; precise: boolean };

function localToday(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone }).startOf('day');
}

/** "3.12." / "03.12.2026": day.month, the next such day on or after today. */
function numericDayMonth(text: string, today: DateTime): Candidate | null {
  const m = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?!\d)/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : today.year;
  let date = DateTime.fromObject({ year, month, day }, { zone: today.zone });
  if (!date.isValid) return null;
  if (!m[3] && date < today) {
    year += 1;
    date = date.set({ year });
  }
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    evidence: m[0],
    index: m.index,
    precise: true,
  };
}

/** "lundi 7", "Monday the 7th": the next day-of-month N (its weekday matching when possible). */
function weekdayAndDay(text: string, today: DateTime): Candidate | null {
  const m = new RegExp(
    `\\b(${WEEKDAYS})\\s+(?:the\\s+|den\\s+)?(\\d{1,2})(?:st|nd|rd|th|\\.)?(?!\\d|\\.\\d)`,
    'i',
  ).exec(text);
  if (!m) return null;
  const day = Number(m[2]);
  if (day < 1 || day > 31) return null;
  let fallback: DateTime | null = null;
  for (let i = 0; i < 12; i++) {
    const month = today.plus({ months: i });
    const date = DateTime.fromObject(
      { year: month.year, month: month.month, day },
      { zone: today.zone },
    );
    if (!date.isValid || date < today) continue;
    fallback ??= date;
    const name = date.setLocale('en').toFormat('cccc').toLowerCase();
    const words = WEEKDAYS.split('|');
    const index = words.indexOf(m[1]!.toLowerCase());
    if (index >= 0 && index % 7 === words.indexOf(name) % 7) {
      return {
        year: date.year,
        month: date.month,
        day,
        evidence: m[0],
        index: m.index,
        precise: true,
      };
    }
  }
  return fallback
    ? {
        year: fallback.year,
        month: fallback.month,
        day,
        evidence: m[0],
        index: m.index,
        precise: true,
      }
    : null;
}

/** "after Q1" → 1 April; "in Q3" → 1 July (the next such quarter). */
function quarter(text: string, today: DateTime): Candidate | null {
  const m = /\b(after|nach|après|apres|despu[eé]s de|in|im|au|en)?\s*(?:the\s+)?Q([1-4])\b/i.exec(
    text,
  );
  if (!m) return null;
  const q = Number(m[2]);
  const after = m[1] ? /^(after|nach|apr|desp)/i.test(m[1]) : false;
  const startMonth = (after ? q : q - 1) * 3 + 1;
  let date = DateTime.fromObject(
    { year: today.year, month: startMonth > 12 ? 1 : startMonth, day: 1 },
    { zone: today.zone },
  );
  if (startMonth > 12) date = date.plus({ years: 1 });
  if (date < today) date = date.plus({ years: 1 });
  return {
    year: date.year,
    month: date.month,
    day: 1,
    evidence: m[0].trim(),
    index: m.index,
    precise: false,
  };
}

function chronoDates(text: string, now: Date, today: DateTime): Candidate[] {
  const out: Candidate[] = [];
  for (const parser of PARSERS) {
    for (const r of parser.parse(text, now, { forwardDate: true })) {
      // Two-letter readings ("mi" as Mittwoch, "4 d" as four days) are noise in prose.
      if (r.text.replace(/\s/g, '').length < 4) continue;
      const c = r.end ?? r.start;
      if (!c.isCertain('month') && !c.isCertain('day') && !c.isCertain('weekday')) continue;
      const year = c.get('year');
      const month = c.get('month');
      // A month without a day ("in March", "next month") means its first day.
      const day = c.isCertain('day') || c.isCertain('weekday') ? c.get('day') : 1;
      if (!year || !month || !day) continue;
      const date = DateTime.fromObject({ year, month, day }, { zone: today.zone });
      if (!date.isValid) continue;
      out.push({
        year,
        month,
        day,
        evidence: r.text,
        index: r.index,
        // A bare weekday is weaker than a calendar date named elsewhere in the text.
        precise: c.isCertain('day'),
      });
    }
  }
  return out;
}

/**
 * The date the text names, today or later, in the lead's zone. Day-precise
 * dates win over month-only ones ("in March"); among those, the earliest
 * future one (so "from 20 Nov to 2 Dec" is 2 Dec, not next year's 20 Nov).
 * chrono's reading of words our own forms already matched is dropped.
 */
export function findFutureDate(text: string, now: Date, zone: string): FoundDate | null {
  const z = validZone(zone);
  const today = localToday(now, z);
  const own = [
    numericDayMonth(text, today),
    weekdayAndDay(text, today),
    quarter(text, today),
  ].filter((c): c is Candidate => c !== null);
  const overlaps = (c: Candidate) =>
    own.some((o) => c.index < o.index + o.evidence.length && o.index < c.index + c.evidence.length);
  // Of chrono readings of overlapping words, the longest wins ("4 décembre", not en's "4 d").
  const kept: Candidate[] = [];
  for (const c of chronoDates(text, now, today).sort(
    (a, b) => b.evidence.length - a.evidence.length,
  )) {
    const clash = (o: Candidate) =>
      c.index < o.index + o.evidence.length && o.index < c.index + c.evidence.length;
    if (!overlaps(c) && !kept.some(clash)) kept.push(c);
  }
  const candidates = [...own, ...kept];
  const at = (c: Candidate) =>
    DateTime.fromObject({ year: c.year, month: c.month, day: c.day }, { zone: z });
  const future = candidates.filter((c) => at(c) >= today);
  for (const precise of [true, false]) {
    const pick = future
      .filter((c) => c.precise === precise)
      .sort((a, b) => at(a).toMillis() - at(b).toMillis())[0];
    if (pick) return { year: pick.year, month: pick.month, day: pick.day, evidence: pick.evidence };
  }
  return null;
}

/** Local midnight of a found date plus `days`, as an instant. */
export function startOfFoundDay(found: FoundDate, zone: string, days = 0): Date {
  return DateTime.fromObject(
    { year: found.year, month: found.month, day: found.day },
    { zone: validZone(zone) },
  )
    .plus({ days })
    .toJSDate();
}

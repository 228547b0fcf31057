import { DateTime } from 'luxon';
import type { OfferedSlot } from '../ai/provider.ts';

/**
 * Structural check of the days and times a draft names against the slots it
 * was given: every time of day must be a slot's start or end, on the day the
 * draft puts it (weekday and/or day-and-month, read in EN/DE/FR/ES), in the
 * slot's own zone (the lead's). A draft need not copy our English label: a
 * German "Dienstag, 3. März um 10:00 Uhr" matches Tuesday 3 March 10:00.
 * "The right time on the wrong day" is caught. Pure.
 */

const WEEKDAYS: [number, RegExp][] = [
  [1, /^(?:mon(?:day)?|montag|mo|lundi|lunes)$/i],
  [2, /^(?:tue(?:s|sday)?|dienstag|di|mardi|martes)$/i],
  [3, /^(?:wed(?:nesday)?|mittwoch|mi|mercredi|mi[ée]rcoles)$/i],
  [4, /^(?:thu(?:r|rs|rsday)?|donnerstag|do|jeudi|jueves)$/i],
  [5, /^(?:fri(?:day)?|freitag|fr|vendredi|viernes)$/i],
  [6, /^(?:sat(?:urday)?|samstag|sa|samedi|s[áa]bado)$/i],
  [7, /^(?:sun(?:day)?|sonntag|so|dimanche|domingo)$/i],
];
const MONTHS: [number, RegExp][] = [
  [1, /^(?:jan(?:uary)?|januar|j[äa]nner|janvier|enero)$/i],
  [2, /^(?:feb(?:ruary)?|februar|f[ée]vrier|febrero)$/i],
  [3, /^(?:mar(?:ch)?|m[äa]rz|mars|marzo)$/i],
  [4, /^(?:apr(?:il)?|avril|abril)$/i],
  [5, /^(?:may|mai|mayo)$/i],
  [6, /^(?:jun(?:e)?|juni|juin|junio)$/i],
  [7, /^(?:jul(?:y)?|juli|juillet|julio)$/i],
  [8, /^(?:aug(?:ust)?|ao[uû]t|agosto)$/i],
  [9, /^(?:sep(?:t|tember)?|septembre|septiembre)$/i],
  [10, /^(?:oct(?:ober)?|okt(?:ober)?|octobre|octubre)$/i],
  [11, /^(?:nov(?:ember)?|novembre|noviembre)$/i],
  [12, /^(?:dec(?:ember)?|dez(?:ember)?|d[ée]cembre|diciembre)$/i],
];
/**
 * Short forms ("Mon", "Do.", "Mi,") are ordinary words too (French "mon",
 * English "do", Spanish "mi"): they count only capitalised and followed by a
 * dot, a comma or a number. "may" counts only as "May".
 */
function isShortForm(word: string): boolean {
  return word.length <= 4 && !/^(?:mai|mayo|juni|juli|juin|août|aout)$/i.test(word);
}
function shortFormCounts(line: string, m: RegExpMatchArray, next: RegExpMatchArray | undefined) {
  const word = m[5]!;
  if (!/^\p{Lu}/u.test(word)) return false;
  const after = line.slice((m.index ?? 0) + word.length);
  return /^[.,]/.test(after) || /^\d/.test(next?.[0] ?? '');
}

interface DayContext {
  weekday?: number;
  day?: number;
  month?: number;
}

export interface SlotMention {
  text: string;
  weekday?: number;
  day?: number;
  month?: number;
  /** Minutes after local midnight. */
  minute?: number;
}

const TOKEN =
  /(\d{1,2})(?:[:h](\d{2})|\.(\d{2})(?=\s*(?:a\.?m|p\.?m|uhr)))?\s*(a\.?m\.?|p\.?m\.?|uhr|h(?![a-z]))?|([\p{L}]+)\.?/giu;

function isBareNumber(m: RegExpMatchArray): boolean {
  return !m[5] && m[2] === undefined && m[3] === undefined && !m[4];
}

function lookup(table: [number, RegExp][], word: string): number | undefined {
  return table.find(([, re]) => re.test(word))?.[0];
}

/** Reads the days, dates and times a text names, each time bound to the day named before it on its line. */
export function readSlotMentions(text: string): SlotMention[] {
  const out: SlotMention[] = [];
  for (const line of text.split(/\n/)) {
    let ctx: DayContext = {};
    let ctxText = '';
    let ctxUsed = true;
    const tokens = [...line.matchAll(TOKEN)];
    const flushDay = () => {
      if (!ctxUsed && (ctx.weekday || ctx.day)) out.push({ text: ctxText.trim(), ...ctx });
      ctxUsed = true;
    };
    for (let i = 0; i < tokens.length; i++) {
      const m = tokens[i]!;
      const word = m[5];
      if (word) {
        const weekday = lookup(WEEKDAYS, word);
        if (weekday && (!isShortForm(word) || shortFormCounts(line, m, tokens[i + 1]))) {
          flushDay();
          ctx = { weekday };
          ctxText = m[0];
          ctxUsed = false;
          continue;
        }
        const month = lookup(MONTHS, word);
        if (month && (!isShortForm(word) || /^\p{Lu}/u.test(word))) {
          // "3 March", "3. März", "3 mars", "3 de marzo", or "March 3"
          const before = tokens[i - 1]?.[5]?.toLowerCase() === 'de' ? tokens[i - 2] : tokens[i - 1];
          const after = tokens[i + 1];
          const dayBefore = before && isBareNumber(before) ? Number(before[1]) : undefined;
          const dayAfter =
            !dayBefore && after && isBareNumber(after) ? Number(after[1]) : undefined;
          const day = dayBefore ?? dayAfter;
          if (day && day >= 1 && day <= 31) {
            if (dayAfter) i++; // the number after the month is its day, not a time
            if (!ctxUsed && ctx.weekday && !ctx.day) ctx = { ...ctx, day, month };
            else {
              flushDay();
              ctx = { day, month };
              ctxText = '';
            }
            ctxText = `${ctxText} ${dayBefore ? `${day} ${m[0]}` : `${m[0]} ${day}`}`;
            ctxUsed = false;
          }
        }
        continue;
      }
      const minutes = m[2] ?? m[3];
      const suffix = m[4]?.toLowerCase().replace(/\./g, '');
      if (minutes === undefined && !suffix) continue; // a bare number is not a time
      let hour = Number(m[1]);
      const minute = minutes === undefined ? 0 : Number(minutes);
      if (minute > 59 || hour > 24) continue;
      if (suffix === 'pm' && hour < 12) hour += 12;
      if (suffix === 'am' && hour === 12) hour = 0;
      out.push({ text: `${ctxText} ${m[0]}`.trim(), ...ctx, minute: hour * 60 + minute });
      ctxUsed = true;
    }
    flushDay();
  }
  return out;
}

interface SlotFacts {
  weekday: number;
  day: number;
  month: number;
  minutes: Set<number>;
}

function factsOf(slot: OfferedSlot): SlotFacts {
  const start = DateTime.fromISO(slot.start, { zone: slot.timeZone });
  const end = DateTime.fromISO(slot.end, { zone: slot.timeZone });
  return {
    weekday: start.weekday,
    day: start.day,
    month: start.month,
    minutes: new Set([start.hour * 60 + start.minute, end.hour * 60 + end.minute]),
  };
}

function matches(mention: SlotMention, slot: SlotFacts): boolean {
  if (mention.weekday !== undefined && mention.weekday !== slot.weekday) return false;
  if (mention.day !== undefined && mention.day !== slot.day) return false;
  if (mention.month !== undefined && mention.month !== slot.month) return false;
  if (mention.minute !== undefined && !slot.minutes.has(mention.minute)) return false;
  return true;
}

/** The day/time mentions of a draft that match no offered slot (empty: all fine). */
export function unofferedSlotMentions(body: string, offered: OfferedSlot[]): SlotMention[] {
  const facts = offered.map(factsOf);
  return readSlotMentions(body).filter((mention) => !facts.some((f) => matches(mention, f)));
}

import type { DateTime } from 'luxon';
import type { Day, Mention, WishHours } from './timing-wish-types.ts';

/**
 * The reply text being read plus the mentions found so far. `t` (accents stripped) and `l`
 * (lower-cased) are blanked where a mention was read, so later patterns do not read it twice.
 */
export interface WishScanner {
  source: string;
  t: string;
  l: string;
  mentions: Mention[];
  today: Day;
  zone: string;
  replyAt: Date;
  blank: (start: number, end: number) => void;
  /** Reads every match of `pattern`; `build` returns the mentions (none keeps the text). */
  scan: (pattern: string, build: (m: RegExpExecArray) => Partial<Mention>[] | undefined) => void;
  days: (from: Day, to: Day, more?: Partial<Mention>) => Partial<Mention>[];
  hours: (h: WishHours, negatable?: boolean) => Partial<Mention>[];
  week: (n: number) => Day;
  monthStart: (index: number, n?: number) => Day;
}

/** Creates a scanner over the normalised reply text, relative to the reply's local day. */
export function createWishScanner(
  source: string,
  lower: string,
  today: DateTime,
  context: { replyAt: Date; timeZone: string },
): WishScanner {
  const s: WishScanner = {
    source,
    t: [...lower].map((c) => c.normalize('NFD').replace(/\p{M}/gu, '')[0] ?? c).join(''),
    l: lower,
    mentions: [],
    today,
    zone: context.timeZone,
    replyAt: context.replyAt,
    blank: (start, end) => {
      const pad = ' '.repeat(end - start);
      s.t = s.t.slice(0, start) + pad + s.t.slice(end);
      s.l = s.l.slice(0, start) + pad + s.l.slice(end);
    },
    scan: (pattern, build) => {
      for (const m of [...s.t.matchAll(new RegExp(pattern, 'g'))]) {
        const built = build(m);
        if (!built) continue;
        const end = m.index + m[0].length;
        for (const b of built) s.mentions.push({ kind: 'days', start: m.index, end, ...b });
        s.blank(m.index, end);
      }
    },
    days: (from, to, more = {}) => [
      { kind: 'days', from, to, span: to.diff(from, 'days').days > 1, ...more },
    ],
    hours: (h, negatable = false) => [{ kind: 'hours', hours: h, negatable }],
    week: (n) => today.startOf('week').plus({ weeks: n }),
    monthStart: (index, n = 0) => {
      const first = today.startOf('month').set({ month: index + 1 });
      return (first < today.startOf('month') ? first.plus({ years: 1 }) : first).plus({
        months: n,
      });
    },
  };
  return s;
}

/** Applies `f` unless the value is missing. */
export function mapDefined<T, U>(value: T | undefined, f: (v: T) => U): U | undefined {
  return value === undefined ? undefined : f(value);
}

import { mergeHours } from './parse-clock-times.ts';
import type {
  Bound,
  Day,
  Mention,
  TimingWish,
  WishHours,
  WishOption,
} from './timing-wish-types.ts';
import {
  ARTICLE,
  CLAUSE_END,
  NEG_AFTER,
  NEG_BEFORE,
  OPEN_DAYS,
  POS_AFTER,
  POS_RESET,
  REPORT,
  W,
} from './timing-wish-words.ts';

/** Turns the mentions into options, bounds and exclusions, reading each in its clause. */
export function assembleTimingWish(
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

function lastIndex(text: string, pattern: string): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(pattern, 'g'))) at = m.index;
  return at;
}

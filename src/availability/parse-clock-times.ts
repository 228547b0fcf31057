import { mapDefined, type WishScanner } from './scan-wish-text.ts';
import type { DayPart, Mention, WishHours } from './timing-wish-types.ts';
import { DAY_PARTS, NOT_TIME, TIME, W } from './timing-wish-words.ts';

/** Reads clock times and bounds ("2-4pm", "after 3pm", "at 10:30"); first, so "after 3pm" is not a day. */
export function scanClockTimes(s: WishScanner): void {
  const { scan, hours } = s;
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
}

/** Reads "today", "tonight" and day parts ("mornings", "late afternoon", "lunch"). */
export function scanDayParts(s: WishScanner): void {
  const { scan, hours, days, today } = s;
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
}

/** Joins two sets of hours: windows add up, bounds take the tighter one. */
export function mergeHours(a: WishHours | undefined, b: WishHours): WishHours {
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

import type { DateTime } from 'luxon';

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

/** A local day boundary in the lead's zone. */
export type Day = DateTime;
/** How a day bounds the wish: "after", "from", "before" or "through" it. */
export type Bound = 'after' | 'from' | 'before' | 'through';
/** One phrase found in the reply, before it is read in its clause. */
export interface Mention {
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

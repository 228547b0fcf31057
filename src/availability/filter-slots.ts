import { type LocalSlotInfo, localDay, localSlotInfo } from './local-slot-info.ts';
import { type Slot, sortSlots, toSlot } from './slot.ts';

/** Local hours a lead is offered meetings: minutes after midnight, on these weekdays. */
export interface BusinessHours {
  startMinute: number;
  endMinute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekdays: number[];
}

/** 08:00–18:00, Monday to Friday. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  startMinute: 8 * 60,
  endMinute: 18 * 60,
  weekdays: [1, 2, 3, 4, 5],
};

export interface SlotFilterOptions {
  now: Date;
  /** Default 120. */
  minNoticeMinutes?: number;
  /** Default 14. */
  horizonDays?: number;
  /** Slots shorter than the meeting are dropped. */
  minLengthMinutes?: number;
  /** Intervals already booked: any overlapping slot is dropped. */
  booked?: Slot[];
}

/**
 * The filters that hold for every lead: drops invalid or empty times, slots
 * starting before now + minimum notice or beyond the horizon, slots shorter
 * than the meeting, and slots that overlap a booking. Sorted, no duplicates.
 */
export function filterSlots(slots: Slot[], options: SlotFilterOptions): Slot[] {
  const now = options.now.getTime();
  const earliest = now + (options.minNoticeMinutes ?? 120) * 60_000;
  const latest = now + (options.horizonDays ?? 14) * 86_400_000;
  const minLength = (options.minLengthMinutes ?? 1) * 60_000;
  const booked = (options.booked ?? [])
    .map((b) => [Date.parse(b.start), Date.parse(b.end)] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const out: Slot[] = [];
  for (const raw of slots) {
    const slot = toSlot(raw?.start, raw?.end);
    if (!slot) continue;
    const s = Date.parse(slot.start);
    const e = Date.parse(slot.end);
    if (s < earliest || s > latest || e - s < minLength) continue;
    if (booked.some(([a, b]) => a < e && b > s)) continue;
    out.push(slot);
  }
  return sortSlots(out);
}

/** The rules that depend on who is asked. */
export interface LeadSlotRules {
  now: Date;
  /** The lead's zone when known. */
  leadTimeZone?: string | undefined;
  /** Used for "same day" when the lead's zone is unknown. */
  workspaceTimeZone: string;
  /** Only when the lead asked for today may a same-day slot be offered. */
  allowToday: boolean;
  /** Applied in the lead's zone when it is known; null disables. Default 08:00–18:00 weekdays. */
  businessHours?: BusinessHours | null;
}

/** A lead's rules with everything resolved, for checking many slots quickly. */
export interface CompiledLeadRules {
  zone: string;
  today: string;
  allowToday: boolean;
  hours: BusinessHours | null;
  weekdays: Set<number>;
}

/** Resolves the zone, today's local date and the business hours once per lead. */
export function compileLeadRules(rules: LeadSlotRules): CompiledLeadRules {
  const zone = rules.leadTimeZone ?? rules.workspaceTimeZone;
  // Business hours need the lead's own clock; guessing it from ours would drop good slots.
  const hours =
    rules.businessHours === null || !rules.leadTimeZone
      ? null
      : (rules.businessHours ?? DEFAULT_BUSINESS_HOURS);
  return {
    zone,
    today: localDay(rules.now, zone),
    allowToday: rules.allowToday,
    hours,
    weekdays: new Set(hours?.weekdays ?? []),
  };
}

/** Does a slot, read in the lead's zone (see compileLeadRules), suit the lead? */
export function fitsLead(info: LocalSlotInfo, rules: CompiledLeadRules): boolean {
  if (info.day < rules.today) return false;
  if (info.day === rules.today && !rules.allowToday) return false;
  const hours = rules.hours;
  if (hours) {
    if (!rules.weekdays.has(info.weekday)) return false;
    if (info.startMinute < hours.startMinute || info.endMinute > hours.endMinute) return false;
  }
  return true;
}

/** Keeps the slots that suit one lead: no same-day unless asked, business hours in their zone. */
export function filterSlotsForLead(slots: Slot[], rules: LeadSlotRules): Slot[] {
  const compiled = compileLeadRules(rules);
  return slots.filter((slot) => fitsLead(localSlotInfo(slot, compiled.zone), compiled));
}

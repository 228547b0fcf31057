import { type CompiledWish, compileWish, fitsWish } from './apply-timing-wishes.ts';
import {
  type BusinessHours,
  type CompiledLeadRules,
  compileLeadRules,
  fitsLead,
} from './filter-slots.ts';
import { type LocalSlotInfo, localSlotInfo } from './local-slot-info.ts';
import type { TimingWish } from './parse-timing-wishes.ts';
import type { Slot } from './slot.ts';

export interface AllocationLead {
  id: string;
  timeZone?: string | undefined;
  repliedAt: Date;
  wish?: TimingWish | undefined;
}

export interface AllocationInput {
  /** Free slots, already filtered for notice, horizon, length and bookings. */
  slots: Slot[];
  leads: AllocationLead[];
  /** Slots per lead. Default 3. */
  k?: number;
  /** Most leads holding one slot at once, live offers included. Default: see deriveOfferCap. */
  cap?: number | undefined;
  /** Live offers per slot start (UTC ISO), from earlier batches. */
  existingOffers?: Map<string, number>;
  /** Slot starts each lead declined: never offered to that lead again. */
  declined?: Map<string, Set<string>>;
  now: Date;
  /** Zone for "same day" and "different days" when a lead's zone is unknown. Default UTC. */
  workspaceTimeZone?: string;
  /** Applied in the lead's zone when known; null disables. Default 08:00–18:00 weekdays. */
  businessHours?: BusinessHours | null;
}

export interface AllocationResult {
  /** The cap that was applied. */
  cap: number;
  /** Each lead's slots, earliest first; empty when nothing fits. */
  byLead: Map<string, Slot[]>;
}

/** First offers must fit inside this many hours of the earliest free slot (see deriveOfferCap). */
export const FIRST_SLOT_WINDOW_HOURS = 24;

/**
 * Default cap: the larger of two floors, never below 1.
 * - fair share, ceil(demand × k / supply): the least cap under which every
 *   lead can get k slots at all;
 * - first-day share, ceil(demand / early), where `early` counts the slots
 *   starting within 24 h of the earliest one: the least cap under which every
 *   lead's FIRST slot can fall on the first day of supply. The aim is to book
 *   soon; overlap on early slots costs a little (two leads pick one time, one
 *   is re-offered), pushing everyone a week out costs every lead.
 * Demand counts the batch plus the leads already holding live offers
 * (live offers ÷ k), so one-by-one live traffic does not get a cap of 1.
 */
export function deriveOfferCap(input: {
  leads: number;
  k: number;
  slotStartsMs: number[];
  liveOffers: number;
}): number {
  const supply = input.slotStartsMs.length;
  if (supply === 0) return 1;
  const demand = input.leads + Math.ceil(input.liveOffers / input.k);
  const first = Math.min(...input.slotStartsMs);
  const windowEnd = first + FIRST_SLOT_WINDOW_HOURS * 3_600_000;
  const early = input.slotStartsMs.filter((t) => t < windowEnd).length;
  const fair = Math.ceil((demand * input.k) / supply);
  const firstDay = Math.ceil(demand / early);
  return Math.max(1, fair, firstDay);
}

/**
 * Chooses each lead's slots. Pure and deterministic: leads go in reply order
 * (ties by id), slots in time order. Two passes: first every lead gets its
 * earliest fitting slot with room, so late repliers still get an early first
 * time; then each lead gets k − 1 more, earliest first, at least one on
 * another day than the rest when such a slot exists. No slot ever exceeds
 * `cap` offers counting the live ones; declined slots never return to the
 * lead who declined them. Fits are checked in each lead's own zone.
 */
export function allocate(input: AllocationInput): AllocationResult {
  const k = input.k ?? 3;
  const slots = [...input.slots].sort(
    (a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end),
  );
  const n = slots.length;
  const existing = input.existingOffers ?? new Map<string, number>();
  const load = new Int32Array(n);
  let liveOffers = 0;
  for (let i = 0; i < n; i++) load[i] = existing.get(slots[i]!.start) ?? 0;
  for (const count of existing.values()) liveOffers += count;
  const cap =
    input.cap ??
    deriveOfferCap({
      leads: input.leads.length,
      k,
      slotStartsMs: slots.map((s) => Date.parse(s.start)),
      liveOffers,
    });
  const leads = [...input.leads].sort(
    (a, b) =>
      a.repliedAt.getTime() - b.repliedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const byLead = new Map<string, Slot[]>();
  if (n === 0 || k <= 0) {
    for (const lead of leads) byLead.set(lead.id, []);
    return { cap, byLead };
  }

  // Slots read in each zone once, and a fit mask per lead (shared by identical rules).
  const workspaceZone = input.workspaceTimeZone ?? 'UTC';
  const infoByZone = new Map<string, LocalSlotInfo[]>();
  const infosFor = (zone: string) => {
    let infos = infoByZone.get(zone);
    if (!infos) {
      infos = slots.map((s) => localSlotInfo(s, zone));
      infoByZone.set(zone, infos);
    }
    return infos;
  };
  const sharedMasks = new Map<string, Uint8Array>();
  const sharedRules = new Map<string, CompiledLeadRules>();
  const rulesFor = (lead: AllocationLead): CompiledLeadRules => {
    const allowToday = lead.wish?.askedForToday ?? false;
    const key = `${lead.timeZone ?? ''}|${allowToday}`;
    let rules = sharedRules.get(key);
    if (!rules) {
      rules = compileLeadRules({
        now: input.now,
        leadTimeZone: lead.timeZone,
        workspaceTimeZone: workspaceZone,
        allowToday,
        businessHours: input.businessHours,
      });
      sharedRules.set(key, rules);
    }
    return rules;
  };
  const maskFor = (lead: AllocationLead): Uint8Array => {
    const rules = rulesFor(lead);
    const declined = input.declined?.get(lead.id);
    const shareable = !lead.wish && !declined?.size;
    const key = `${rules.zone}|${rules.hours ? 1 : 0}|${rules.allowToday}`;
    if (shareable && sharedMasks.has(key)) return sharedMasks.get(key)!;
    const mask = buildMask(infosFor(rules.zone), slots, rules, lead.wish, declined);
    if (shareable) sharedMasks.set(key, mask);
    return mask;
  };

  const masks = leads.map(maskFor);
  const first = new Int32Array(leads.length).fill(-1);
  // Pass 1: the earliest fitting slot with room. `cursor` skips slots that are full for everyone.
  let cursor = 0;
  for (let l = 0; l < leads.length; l++) {
    while (cursor < n && load[cursor]! >= cap) cursor++;
    const mask = masks[l]!;
    for (let i = cursor; i < n; i++) {
      if (mask[i] && load[i]! < cap) {
        first[l] = i;
        load[i]!++;
        break;
      }
    }
  }
  // Pass 2: k − 1 more, earliest first, covering a second day when possible.
  cursor = 0;
  for (let l = 0; l < leads.length; l++) {
    const lead = leads[l]!;
    const chosen: number[] = first[l]! >= 0 ? [first[l]!] : [];
    if (chosen.length > 0 && k > 1) {
      while (cursor < n && load[cursor]! >= cap) cursor++;
      const infos = infosFor(lead.timeZone ?? workspaceZone);
      pickMore(chosen, k, masks[l]!, load, cap, cursor, infos);
      for (let c = 1; c < chosen.length; c++) load[chosen[c]!]!++;
    }
    byLead.set(
      lead.id,
      chosen.sort((a, b) => a - b).map((i) => slots[i]!),
    );
  }
  return { cap, byLead };
}

function buildMask(
  infos: LocalSlotInfo[],
  slots: Slot[],
  rules: CompiledLeadRules,
  wish: TimingWish | undefined,
  declined: Set<string> | undefined,
): Uint8Array {
  const mask = new Uint8Array(infos.length);
  // A wish is read in its own zone (the one it was parsed in).
  const compiled: CompiledWish | undefined = wish ? compileWish(wish) : undefined;
  const wishInfos =
    wish && wish.timeZone !== rules.zone
      ? slots.map((s) => localSlotInfo(s, wish.timeZone))
      : infos;
  for (let i = 0; i < infos.length; i++) {
    if (!fitsLead(infos[i]!, rules)) continue;
    if (compiled && !fitsWish(wishInfos[i]!, compiled)) continue;
    if (declined?.has(slots[i]!.start)) continue;
    mask[i] = 1;
  }
  return mask;
}

/** Adds up to k − 1 slots to `chosen` (which holds the first); the last pick opens a second day if needed. */
function pickMore(
  chosen: number[],
  k: number,
  mask: Uint8Array,
  load: Int32Array,
  cap: number,
  cursor: number,
  infos: LocalSlotInfo[],
): void {
  const firstDay = infos[chosen[0]!]!.day;
  let sameDayOnly = true;
  let fallback = -1;
  for (let i = cursor; i < mask.length && chosen.length < k; i++) {
    if (!mask[i] || load[i]! >= cap || i === chosen[0]) continue;
    const otherDay = infos[i]!.day !== firstDay;
    if (chosen.length === k - 1 && sameDayOnly && !otherDay) {
      if (fallback < 0) fallback = i;
      continue;
    }
    chosen.push(i);
    if (otherDay) sameDayOnly = false;
  }
  if (chosen.length < k && fallback >= 0) chosen.push(fallback);
}

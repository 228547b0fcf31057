import { describe, expect, it } from 'vitest';
import { type AllocationLead, allocate, deriveOfferCap } from './allocate.ts';
import { parseTimingWishes } from './parse-timing-wishes.ts';
import type { Slot } from './slot.ts';

const NOW = new Date('2026-03-02T07:00:00Z'); // Monday 08:00 Berlin
const ZONE = 'Europe/Berlin';

/** Slots at the given UTC hours on the given March 2026 days (half an hour long). */
function slotsOn(days: number[], hours: number[]): Slot[] {
  return days.flatMap((d) =>
    hours.map((h) => {
      const start = new Date(Date.UTC(2026, 2, d, h));
      return {
        start: start.toISOString(),
        end: new Date(start.getTime() + 1_800_000).toISOString(),
      };
    }),
  );
}

function leads(n: number, zone?: string): AllocationLead[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `lead-${String(i).padStart(3, '0')}`,
    timeZone: zone,
    repliedAt: new Date(NOW.getTime() - (n - i) * 60_000),
  }));
}

function offersPerSlot(byLead: Map<string, Slot[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const slots of byLead.values()) {
    for (const s of slots) counts.set(s.start, (counts.get(s.start) ?? 0) + 1);
  }
  return counts;
}

const base = { now: NOW, workspaceTimeZone: ZONE };

describe('allocate', () => {
  const slots = slotsOn([3, 4, 5], [8, 9, 10, 11, 12, 13, 14, 15]);

  it('never offers a slot to more leads than the cap', () => {
    const { byLead, cap } = allocate({ ...base, slots, leads: leads(30), k: 3, cap: 4 });
    expect(cap).toBe(4);
    expect(Math.max(...offersPerSlot(byLead).values())).toBeLessThanOrEqual(4);
    for (const offered of byLead.values()) expect(offered).toHaveLength(3);
  });

  it('returns each lead its slots earliest first, and the earliest reply the earliest slot', () => {
    const { byLead } = allocate({ ...base, slots, leads: leads(10), k: 3, cap: 1 });
    for (const offered of byLead.values()) {
      expect(offered.map((s) => s.start)).toEqual([...offered.map((s) => s.start)].sort());
    }
    const firsts = [...byLead.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, s]) => s[0]!.start);
    expect(firsts).toEqual([...firsts].sort());
    expect(byLead.get('lead-000')![0]!.start).toBe(slots[0]!.start);
  });

  it('covers at least two days per lead when supply allows', () => {
    const { byLead } = allocate({ ...base, slots, leads: leads(12), k: 3, cap: 3 });
    for (const offered of byLead.values()) {
      expect(new Set(offered.map((s) => s.start.slice(0, 10))).size).toBeGreaterThanOrEqual(2);
    }
  });

  it('still offers k slots when all supply is on one day', () => {
    const oneDay = slotsOn([3], [8, 9, 10, 11]);
    const { byLead } = allocate({ ...base, slots: oneDay, leads: leads(1), k: 3 });
    expect(byLead.get('lead-000')).toEqual(oneDay.slice(0, 3));
  });

  it('gives the same answer for the same input, whatever the input order', () => {
    const input = { ...base, slots, leads: leads(30), k: 3 };
    const a = allocate(input);
    const b = allocate({
      ...input,
      leads: [...input.leads].reverse(),
      slots: [...slots].reverse(),
    });
    expect([...b.byLead.entries()].sort()).toEqual([...a.byLead.entries()].sort());
  });

  it('counts live offers from earlier batches against the cap', () => {
    const existing = new Map([[slots[0]!.start, 2]]);
    const { byLead } = allocate({
      ...base,
      slots,
      leads: leads(3),
      k: 1,
      cap: 2,
      existingOffers: existing,
    });
    for (const offered of byLead.values()) expect(offered[0]!.start).not.toBe(slots[0]!.start);
  });

  it('never offers a lead a slot that lead declined', () => {
    const declined = new Map([['lead-000', new Set([slots[0]!.start, slots[1]!.start])]]);
    const { byLead } = allocate({ ...base, slots, leads: leads(1), k: 3, declined });
    const starts = byLead.get('lead-000')!.map((s) => s.start);
    expect(starts).not.toContain(slots[0]!.start);
    expect(starts).not.toContain(slots[1]!.start);
    expect(starts[0]).toBe(slots[2]!.start);
  });

  it('keeps to what the lead asked for, read in their zone', () => {
    const wish = parseTimingWishes('Thursday afternoon works', {
      replyAt: new Date('2026-03-02T09:00:00Z'),
      timeZone: ZONE,
    });
    const { byLead } = allocate({
      ...base,
      slots,
      leads: [{ id: 'a', timeZone: ZONE, repliedAt: NOW, wish }],
      k: 3,
    });
    // Thursday 5 March; afternoon = 12:00–17:00 Berlin = 11:00–16:00 UTC.
    expect(byLead.get('a')!.map((s) => s.start)).toEqual([
      '2026-03-05T11:00:00.000Z',
      '2026-03-05T12:00:00.000Z',
      '2026-03-05T13:00:00.000Z',
    ]);
  });

  it('offers nothing rather than a slot outside the wish', () => {
    const wish = parseTimingWishes('next month please', {
      replyAt: NOW,
      timeZone: ZONE,
    });
    const { byLead } = allocate({ ...base, slots, leads: [{ id: 'a', repliedAt: NOW, wish }] });
    expect(byLead.get('a')).toEqual([]);
  });

  it("respects business hours in the lead's zone", () => {
    // 08:00–15:00 UTC is 03:00–10:00 in New York: only 13:00, 14:00 and 15:00 UTC qualify.
    const { byLead } = allocate({
      ...base,
      slots,
      leads: [{ id: 'ny', timeZone: 'America/New_York', repliedAt: NOW }],
      k: 3,
    });
    for (const s of byLead.get('ny')!)
      expect(Number(s.start.slice(11, 13))).toBeGreaterThanOrEqual(13);
  });

  it('derives a cap from demand and supply', () => {
    const starts = slotsOn([3, 4, 5, 6], [8, 9, 10, 11, 12]).map((s) => Date.parse(s.start));
    // 20 slots, 5 in the first day: 10 leads × 3 / 20 = 2 (fair), 10 / 5 = 2 (first day).
    expect(deriveOfferCap({ leads: 10, k: 3, slotStartsMs: starts, liveOffers: 0 })).toBe(2);
    expect(deriveOfferCap({ leads: 100, k: 3, slotStartsMs: starts, liveOffers: 0 })).toBe(20);
    expect(deriveOfferCap({ leads: 1, k: 3, slotStartsMs: starts, liveOffers: 0 })).toBe(1);
    // Live offers of earlier replies raise demand, so live traffic is not held to a cap of 1.
    expect(deriveOfferCap({ leads: 1, k: 3, slotStartsMs: starts, liveOffers: 27 })).toBe(2);
    expect(deriveOfferCap({ leads: 5, k: 3, slotStartsMs: [], liveOffers: 0 })).toBe(1);
  });
});

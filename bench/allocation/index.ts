import { DateTime } from 'luxon';
import { type AllocationLead, allocate } from '../../src/availability/allocate.ts';
import type { Slot } from '../../src/availability/slot.ts';
import type { BenchResult } from '../run.ts';

/**
 * bench/allocation: the allocator against two baselines on the same input.
 * naive: every lead gets the first k slots. random: k distinct slots per lead
 * from a seeded generator. Figures per strategy: time, most offers on one
 * slot, distinct slots used, mean and p95 hours from now to each lead's first
 * offered slot.
 */

const NOW = new Date('2026-03-02T07:00:00Z'); // a Monday, 08:00 in Berlin
const ZONE = 'Europe/Berlin';
const K = 3;

/** Weekday 15-minute slots, 09:00–17:00 Berlin, from tomorrow: `count` of them. */
export function benchSlots(count: number): Slot[] {
  const out: Slot[] = [];
  let day = DateTime.fromJSDate(NOW, { zone: ZONE }).startOf('day').plus({ days: 1 });
  while (out.length < count) {
    if (day.weekday <= 5) {
      for (
        let t = day.set({ hour: 9 });
        t < day.set({ hour: 17 }) && out.length < count;
        t = t.plus({ minutes: 15 })
      ) {
        out.push({ start: t.toUTC().toISO()!, end: t.plus({ minutes: 15 }).toUTC().toISO()! });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

/** Leads who replied over the last two hours; half with a known zone. */
export function benchLeads(count: number): AllocationLead[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `lead-${String(i).padStart(6, '0')}`,
    timeZone: i % 2 === 0 ? ZONE : undefined,
    repliedAt: new Date(NOW.getTime() - 2 * 3_600_000 + Math.floor((i * 7_200_000) / count)),
  }));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Strategy = (slots: Slot[], leads: AllocationLead[]) => Map<string, Slot[]>;

const strategies: Record<string, Strategy> = {
  allocator: (slots, leads) =>
    allocate({ slots, leads, k: K, now: NOW, workspaceTimeZone: ZONE }).byLead,
  naive: (slots, leads) => new Map(leads.map((l) => [l.id, slots.slice(0, K)])),
  random: (slots, leads) => {
    const rand = mulberry32(42);
    return new Map(
      leads.map((l) => {
        const picked = new Set<number>();
        while (picked.size < Math.min(K, slots.length))
          picked.add(Math.floor(rand() * slots.length));
        return [l.id, [...picked].sort((a, b) => a - b).map((i) => slots[i]!)];
      }),
    );
  },
};

interface Figures {
  ms: number;
  maxOffersOnOneSlot: number;
  distinctSlots: number;
  meanHoursToFirst: number;
  p95HoursToFirst: number;
  leadsWithKSlots: number;
}

function measure(strategy: Strategy, slots: Slot[], leads: AllocationLead[]): Figures {
  strategy(slots, leads); // warm-up: JIT and luxon zone caches
  const t0 = performance.now();
  const byLead = strategy(slots, leads);
  const ms = performance.now() - t0;
  const perSlot = new Map<string, number>();
  const hours: number[] = [];
  let full = 0;
  for (const offered of byLead.values()) {
    if (offered.length === K) full++;
    for (const s of offered) perSlot.set(s.start, (perSlot.get(s.start) ?? 0) + 1);
    if (offered[0]) hours.push((Date.parse(offered[0].start) - NOW.getTime()) / 3_600_000);
  }
  hours.sort((a, b) => a - b);
  const mean = hours.reduce((a, b) => a + b, 0) / Math.max(1, hours.length);
  const p95 = hours[Math.min(hours.length - 1, Math.ceil(hours.length * 0.95) - 1)] ?? 0;
  return {
    ms: round(ms),
    maxOffersOnOneSlot: Math.max(0, ...perSlot.values()),
    distinctSlots: perSlot.size,
    meanHoursToFirst: round(mean),
    p95HoursToFirst: round(p95),
    leadsWithKSlots: full,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Runs both scenarios and returns the table and figures. */
export async function run(): Promise<BenchResult> {
  const scenarios = [
    { name: '10000x300', leads: 10_000, slots: 300 },
    { name: '100x20', leads: 100, slots: 20 },
  ];
  const figures: Record<string, Record<string, Figures | number>> = {};
  const lines = [
    'scenario   strategy   time_ms  max/slot  distinct  mean_h_first  p95_h_first  leads_with_k',
  ];
  for (const sc of scenarios) {
    const slots = benchSlots(sc.slots);
    const leads = benchLeads(sc.leads);
    const cap = allocate({ slots, leads, k: K, now: NOW, workspaceTimeZone: ZONE }).cap;
    figures[sc.name] = { cap };
    for (const [name, strategy] of Object.entries(strategies)) {
      const f = measure(strategy, slots, leads);
      figures[sc.name]![name] = f;
      lines.push(
        [
          sc.name.padEnd(10),
          name.padEnd(10),
          String(f.ms).padStart(7),
          String(f.maxOffersOnOneSlot).padStart(9),
          String(f.distinctSlots).padStart(9),
          String(f.meanHoursToFirst).padStart(13),
          String(f.p95HoursToFirst).padStart(12),
          String(f.leadsWithKSlots).padStart(13),
        ].join(' '),
      );
    }
    lines.push(`${sc.name.padEnd(10)} (allocator cap = ${cap}, k = ${K})`);
  }
  return { table: lines.join('\n'), figures };
}

/** Pure helpers for the reliability chart (no I/O). */
import type { CampaignCalibration, GateExpectation } from '../types.ts';

export interface ReliabilityPoint {
  /** Bucket midpoint on the 0..100 score axis, so the gates can be drawn as x positions. */
  mid: number;
  label: string;
  /** Approved-as-is share in percent; null when nobody reviewed a draft in the bucket. */
  sharePercent: number | null;
  reviewed: number;
  approvedAsIs: number;
  /** "5 of 10", drawn above the bar; empty for an empty bucket. */
  counts: string;
}

/** The ten score buckets as chart points, in percent. */
export function reliabilityPoints(
  buckets: CampaignCalibration['calibration']['buckets'],
): ReliabilityPoint[] {
  return buckets.map((b) => ({
    mid: (b.from + Math.min(b.to, 99) + 1) / 2,
    label: `${b.from}–${b.to}`,
    sharePercent: b.share === null ? null : Math.round(b.share * 1000) / 10,
    reviewed: b.reviewed,
    approvedAsIs: b.approvedAsIs,
    counts: b.reviewed === 0 ? '' : `${b.approvedAsIs} of ${b.reviewed}`,
  }));
}

/** A fraction as "12.3 %"; "—" when unknown. */
export const percent = (fraction: number | null | undefined, digits = 1) =>
  fraction === null || fraction === undefined ? '—' : `${(fraction * 100).toFixed(digits)} %`;

/** "6.5 % (at most 20.7 %)", or "— (no reviewed drafts at or above the gate)". */
export function errorRateText(e: GateExpectation): string {
  if (e.errorRate === null) return '— (no reviewed drafts at or above the gate)';
  return `${percent(e.errorRate)} (at most ${percent(e.errorRateUpper)})`;
}

import { wilsonLowerBound } from './wilson.ts';

/*
 * Calibration of a confidence gate from reviewer outcomes. Pure: the caller
 * loads the scores and outcomes; nothing here reads a clock or a database.
 *
 * A score is round(confidence × 100), the same number decide() compares
 * with the gate. For each gate t from 50 to 99 we count how many drafts would
 * have been sent automatically (score ≥ t) and, among reviewed drafts at or
 * above t, the share a reviewer approved as is, with its Wilson 95 % lower
 * bound. The recommended gate is the lowest t whose lower bound meets the
 * target precision with at least `minReviewed` reviewed drafts at or above it.
 */

export const GATE_MIN = 50;
export const GATE_MAX = 99;
export const DEFAULT_MIN_REVIEWED = 30;
/** Past this many reviews, "how many more" is reported as out of reach. */
const MAX_SEARCH = 100_000;

export interface ReviewedScore {
  /** Whole percent 0..100. */
  score: number;
  approvedAsIs: boolean;
}

export interface CalibrationInput {
  /** Every reviewed draft in the evidence scope. */
  reviewed: ReviewedScore[];
  /** The score of every evaluated draft in the scope (reviewed, sent or waiting). */
  scored: number[];
  currentGate: number;
  /** Whole percent, e.g. 95. */
  targetPrecision: number;
  minReviewed?: number;
}

export interface GateRow {
  gate: number;
  /** Drafts with score ≥ gate: what would have been sent automatically. */
  wouldAutoSend: number;
  /** wouldAutoSend / all scored drafts (0..1). */
  autoSendRate: number;
  reviewed: number;
  approvedAsIs: number;
  /** approvedAsIs / reviewed, null with no reviews. */
  share: number | null;
  /** Wilson 95 % lower bound of the share, null with no reviews. */
  lowerBound: number | null;
}

export interface Bucket {
  /** Score range [from, to]: 0-9, 10-19, …, 90-100. */
  from: number;
  to: number;
  reviewed: number;
  approvedAsIs: number;
  share: number | null;
}

export interface GateExpectation {
  gate: number;
  autoSendRate: number;
  reviewed: number;
  /** 1 − approved-as-is share at or above the gate; null with no reviews there. */
  errorRate: number | null;
  /** 1 − the Wilson lower bound: the worst error rate the evidence allows. */
  errorRateUpper: number | null;
}

export interface Calibration {
  targetPrecision: number;
  minReviewed: number;
  totalScored: number;
  totalReviewed: number;
  gates: GateRow[];
  buckets: Bucket[];
  recommendedGate: number | null;
  /** Set when no gate is recommended. */
  notEnoughEvidence: {
    /** Further reviews needed at the observed approval rates; null when no gate can reach the target. */
    moreReviewsNeeded: number | null;
    why: string;
  } | null;
  current: GateExpectation;
  recommended: GateExpectation | null;
}

function rowFor(gate: number, input: CalibrationInput): GateRow {
  const wouldAutoSend = input.scored.filter((s) => s >= gate).length;
  const above = input.reviewed.filter((r) => r.score >= gate);
  const approvedAsIs = above.filter((r) => r.approvedAsIs).length;
  return {
    gate,
    wouldAutoSend,
    autoSendRate: input.scored.length ? wouldAutoSend / input.scored.length : 0,
    reviewed: above.length,
    approvedAsIs,
    share: above.length ? approvedAsIs / above.length : null,
    lowerBound: above.length ? wilsonLowerBound(approvedAsIs, above.length) : null,
  };
}

function expectation(row: GateRow): GateExpectation {
  return {
    gate: row.gate,
    autoSendRate: row.autoSendRate,
    reviewed: row.reviewed,
    errorRate: row.share === null ? null : 1 - row.share,
    errorRateUpper: row.lowerBound === null ? null : 1 - row.lowerBound,
  };
}

/**
 * The smallest number of reviews N ≥ max(n, min) at which the observed share
 * would have a lower bound ≥ target; null when the share itself does not
 * exceed the target (no amount of evidence gets there).
 */
export function reviewsNeeded(
  share: number,
  n: number,
  target: number,
  min: number,
): number | null {
  if (share <= target) return null;
  for (let total = Math.max(n, min); total <= MAX_SEARCH; total++) {
    if (wilsonLowerBound(share * total, total) >= target) return total;
  }
  return null;
}

function buckets(reviewed: ReviewedScore[]): Bucket[] {
  return Array.from({ length: 10 }, (_, i) => {
    const from = i * 10;
    const to = i === 9 ? 100 : from + 9;
    const inside = reviewed.filter((r) => r.score >= from && r.score <= to);
    const approvedAsIs = inside.filter((r) => r.approvedAsIs).length;
    return {
      from,
      to,
      reviewed: inside.length,
      approvedAsIs,
      share: inside.length ? approvedAsIs / inside.length : null,
    };
  });
}

/** Calibrates one evidence set: the table, the recommendation and what it would change. */
export function calibrate(input: CalibrationInput): Calibration {
  const minReviewed = input.minReviewed ?? DEFAULT_MIN_REVIEWED;
  const target = input.targetPrecision / 100;
  const gates: GateRow[] = [];
  for (let t = GATE_MIN; t <= GATE_MAX; t++) gates.push(rowFor(t, input));
  const meets = gates.find(
    (g) => g.reviewed >= minReviewed && g.lowerBound !== null && g.lowerBound >= target,
  );
  const current = expectation(
    gates.find((g) => g.gate === input.currentGate) ?? rowFor(input.currentGate, input),
  );
  let notEnoughEvidence: Calibration['notEnoughEvidence'] = null;
  if (!meets) {
    const needs = gates
      .filter((g) => g.share !== null)
      .map((g) => {
        const total = reviewsNeeded(g.share!, g.reviewed, target, minReviewed);
        return total === null ? null : total - g.reviewed;
      })
      .filter((n): n is number => n !== null);
    const reviewedAbove = gates[0]!.reviewed;
    notEnoughEvidence =
      reviewedAbove === 0
        ? {
            moreReviewsNeeded: minReviewed,
            why: `no reviewed drafts scored ${GATE_MIN}% or more yet`,
          }
        : needs.length
          ? {
              moreReviewsNeeded: Math.min(...needs),
              why: `no gate has ${minReviewed}+ reviewed drafts whose approved-as-is share is at least ${input.targetPrecision}% with 95% confidence`,
            }
          : reviewedAbove < minReviewed
            ? {
                // Too few to judge the rate itself: ask for the minimum first.
                moreReviewsNeeded: minReviewed - reviewedAbove,
                why: `only ${reviewedAbove} reviewed drafts scored ${GATE_MIN}% or more; at least ${minReviewed} are needed`,
              }
            : {
                moreReviewsNeeded: null,
                why: `at the observed approval rates no gate reaches ${input.targetPrecision}% approved as is: the drafts need to improve, more reviews will not get there`,
              };
  }
  return {
    targetPrecision: input.targetPrecision,
    minReviewed,
    totalScored: input.scored.length,
    totalReviewed: input.reviewed.length,
    gates,
    buckets: buckets(input.reviewed),
    recommendedGate: meets?.gate ?? null,
    notEnoughEvidence,
    current,
    recommended: meets ? expectation(meets) : null,
  };
}

export type EvidenceScope = 'campaign' | 'workspace' | 'all';

/**
 * The narrowest scope with enough reviewed drafts: campaign, then workspace,
 * then every campaign. With too few everywhere, the widest is used (and the
 * result says there is not enough evidence).
 */
export function chooseEvidenceScope(
  reviewedCounts: Record<EvidenceScope, number>,
  minReviewed = DEFAULT_MIN_REVIEWED,
): EvidenceScope {
  for (const scope of ['campaign', 'workspace', 'all'] as const) {
    if (reviewedCounts[scope] >= minReviewed) return scope;
  }
  return 'all';
}

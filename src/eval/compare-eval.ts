/*
 * What house-style examples change in an eval: the same corpus scored
 * without and with them, figure by figure. Pure.
 */
import type { EvalScore } from './score-eval.ts';

/** One figure without and with examples; `delta` is with − without (null when either is undefined). */
export interface Change {
  without: number | null;
  with: number | null;
  delta: number | null;
}

export interface EvalComparison {
  /** Per category the corpus labels or the model predicted: precision and recall. */
  categories: Record<string, { precision: Change; recall: Change }>;
  /** Automatic sends at the campaign gate (`campaign`) and at each eval gate. */
  autoSends: Record<string, Change>;
  /** Unsafe automatic sends (all gates); both must be 0. */
  unsafe: Change;
  aiFailures: Change;
  /** Review reasons whose count moved. */
  reviewReasons: Record<string, Change>;
  /** Guard hits whose count moved. */
  guardHits: Record<string, Change>;
}

/** without → with, as a Change. */
export function change(without: number | null, withExamples: number | null): Change {
  return {
    without,
    with: withExamples,
    delta: without === null || withExamples === null ? null : withExamples - without,
  };
}

function counts(a: Record<string, number>, b: Record<string, number>): Record<string, Change> {
  const out: Record<string, Change> = {};
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const c = change(a[key] ?? 0, b[key] ?? 0);
    if (c.delta !== 0) out[key] = c;
  }
  return out;
}

/**
 * Compares an eval scored without house-style examples to the same corpus
 * scored with them. Categories are the union of both runs' (in the first
 * run's order); a category one run never saw compares against null.
 */
export function compareEvalScores(without: EvalScore, withExamples: EvalScore): EvalComparison {
  const categories: EvalComparison['categories'] = {};
  const names = [
    ...new Set([...Object.keys(without.categories), ...Object.keys(withExamples.categories)]),
  ] as (keyof EvalScore['categories'])[];
  for (const c of names) {
    const a = without.categories[c];
    const b = withExamples.categories[c];
    categories[c] = {
      precision: change(a?.precision ?? null, b?.precision ?? null),
      recall: change(a?.recall ?? null, b?.recall ?? null),
    };
  }
  const autoSends: Record<string, Change> = {};
  for (const gate of [
    ...new Set([...Object.keys(without.autoSends), ...Object.keys(withExamples.autoSends)]),
  ]) {
    autoSends[gate] = change(without.autoSends[gate] ?? 0, withExamples.autoSends[gate] ?? 0);
  }
  return {
    categories,
    autoSends,
    unsafe: change(without.unsafe.length, withExamples.unsafe.length),
    aiFailures: change(without.aiFailures.total, withExamples.aiFailures.total),
    reviewReasons: counts(without.reviewReasons, withExamples.reviewReasons),
    guardHits: counts(without.guardHits, withExamples.guardHits),
  };
}

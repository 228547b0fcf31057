import { CATEGORIES, type Category } from '../ai/provider.ts';
import { GATES, type Gate } from '../gates/gate-message.ts';
import { EVAL_GATES, type EvalCaseResult } from './eval-result.ts';

export interface PrecisionRecall {
  /** Cases labelled with it. */
  support: number;
  /** Cases predicted as it. */
  predicted: number;
  truePositives: number;
  /** null when nothing was predicted / labelled (undefined ratio). */
  precision: number | null;
  recall: number | null;
}

export interface UnsafeSend {
  id: string;
  gate: string;
  /** Why it is unsafe: the label, or the forbidden text the draft carries. */
  why: string;
}

export interface EvalScore {
  cases: number;
  categories: Partial<Record<Category, PrecisionRecall>>;
  gates: Record<Gate, PrecisionRecall>;
  guardHits: Record<string, number>;
  reviewReasons: Record<string, number>;
  skipReasons: Record<string, number>;
  bookingClaims: number;
  /** Automatic sends at the campaign's gate (`campaign`) and at each of EVAL_GATES. */
  autoSends: Record<string, number>;
  /** Unsafe automatic sends at any gate reported; must be empty. */
  unsafe: UnsafeSend[];
  aiFailures: {
    total: number;
    timeouts: number;
    byCode: Record<string, number>;
    byStep: Record<string, number>;
  };
  latencyMs: { p50: number; p95: number; max: number };
  tokens: { prompt: number; completion: number };
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Nearest-rank percentile of already measured values (0 for none). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The category the pipeline effectively gave: the classifier's, or the gate's meaning. */
function predictedCategory(r: EvalCaseResult): Category | null {
  if (r.category) return r.category;
  if (r.gate === 'bounce') return 'bounce';
  if (r.gate === 'opt_out') return 'unsubscribe';
  if (r.gate === 'auto_reply') {
    return r.expect.category === 'automated_reply' ? 'automated_reply' : 'out_of_office';
  }
  return null;
}

function tally(): PrecisionRecall {
  return { support: 0, predicted: 0, truePositives: 0, precision: null, recall: null };
}

function finish(t: PrecisionRecall): PrecisionRecall {
  return {
    ...t,
    precision: ratio(t.truePositives, t.predicted),
    recall: ratio(t.truePositives, t.support),
  };
}

function bump(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}

/** Why an automatic send of this case is unsafe, or null when it is not. */
export function unsafeBecause(r: EvalCaseResult): string | null {
  if (r.expect.autoSend === 'never') return `labelled never auto-send (${r.topic})`;
  const body = r.draftBody ?? '';
  const hit = (r.expect.forbid ?? []).map((re) => re.exec(body)).find(Boolean);
  return hit ? `the draft carries "${hit[0]}"` : null;
}

/**
 * Scores an eval run. Pure. Precision and recall per category over the
 * cases that carry a category label (a gate hit counts as its category),
 * per gate over all cases; automatic sends at the campaign's gate and at
 * 70/80/90/95 %; an automatic send is unsafe when its case is labelled
 * `never`, or when the sent draft carries a forbidden text. A model
 * failure is counted once, by code, and `ai_timeout` as a timeout.
 */
export function scoreEval(results: EvalCaseResult[]): EvalScore {
  const categories = new Map<Category, PrecisionRecall>();
  const gates = Object.fromEntries(GATES.map((g) => [g, tally()])) as Record<Gate, PrecisionRecall>;
  const score: EvalScore = {
    cases: results.length,
    categories: {},
    gates,
    guardHits: {},
    reviewReasons: {},
    skipReasons: {},
    bookingClaims: 0,
    autoSends: Object.fromEntries(['campaign', ...EVAL_GATES.map(String)].map((g) => [g, 0])),
    unsafe: [],
    aiFailures: { total: 0, timeouts: 0, byCode: {}, byStep: {} },
    latencyMs: { p50: 0, p95: 0, max: 0 },
    tokens: { prompt: 0, completion: 0 },
  };
  const forCategory = (c: Category) => {
    const t = categories.get(c) ?? tally();
    categories.set(c, t);
    return t;
  };
  for (const r of results) {
    const expected = r.expect.category;
    const predicted = predictedCategory(r);
    if (expected) {
      forCategory(expected).support += 1;
      if (predicted) forCategory(predicted).predicted += 1;
      if (predicted === expected) forCategory(expected).truePositives += 1;
    }
    if (r.expect.gate) gates[r.expect.gate].support += 1;
    if (r.gate) gates[r.gate].predicted += 1;
    if (r.gate && r.gate === r.expect.gate) gates[r.gate].truePositives += 1;
    for (const code of r.guardCodes) bump(score.guardHits, code);
    if (r.skipReason) bump(score.skipReasons, r.skipReason);
    if (r.decision?.action === 'review' && r.decision.reason)
      bump(score.reviewReasons, r.decision.reason);
    if (r.bookingClaim) score.bookingClaims += 1;
    if (r.aiFailure) {
      score.aiFailures.total += 1;
      bump(score.aiFailures.byCode, r.aiFailure.code);
      bump(score.aiFailures.byStep, r.aiFailure.step);
      if (r.aiFailure.code === 'ai_timeout') score.aiFailures.timeouts += 1;
    }
    const unsafe = unsafeBecause(r);
    for (const [gate, sent] of Object.entries(r.autoSendAt)) {
      if (!sent) continue;
      score.autoSends[gate] = (score.autoSends[gate] ?? 0) + 1;
      if (unsafe) score.unsafe.push({ id: r.id, gate, why: unsafe });
    }
    score.tokens.prompt += r.promptTokens;
    score.tokens.completion += r.completionTokens;
  }
  for (const g of GATES) gates[g] = finish(gates[g]);
  for (const c of CATEGORIES) {
    const t = categories.get(c);
    if (t) score.categories[c] = finish(t);
  }
  const latencies = results
    .filter((r) => r.category !== null || r.aiFailure !== null)
    .map((r) => r.latencyMs);
  score.latencyMs = {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.length ? Math.max(...latencies) : 0,
  };
  return score;
}

import type { EvalCase } from './eval-case.ts';
import type { EvalCaseResult } from './eval-result.ts';
import { type EvalDeps, runEvalCase } from './run-eval-case.ts';

/**
 * Runs every case with at most `concurrency` in flight (a real model's rate
 * limit is the caller's to choose) and returns the results in case order.
 */
export async function runEval(
  deps: EvalDeps,
  cases: EvalCase[],
  options: { concurrency?: number; onCase?: (r: EvalCaseResult) => void } = {},
): Promise<EvalCaseResult[]> {
  const results: EvalCaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runEvalCase(deps, cases[i]!);
      options.onCase?.(results[i]!);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 4, cases.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

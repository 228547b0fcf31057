import type { Change, EvalComparison } from './compare-eval.ts';

const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);

/** A ratio's change in percentage points: "+12 pp", "0 pp", "-" when undefined. */
function points(c: Change): string {
  if (c.delta === null) return '-';
  const pp = Math.round(c.delta * 100);
  return `${pp > 0 ? '+' : ''}${pp} pp`;
}

function signed(n: number | null): string {
  if (n === null) return '-';
  return n > 0 ? `+${n}` : String(n);
}

function moved(map: Record<string, Change>): string {
  const entries = Object.entries(map);
  return entries.length
    ? entries.map(([k, c]) => `${k} ${c.without} -> ${c.with} (${signed(c.delta)})`).join(', ')
    : 'no change';
}

/**
 * Without and with house-style examples side by side, for the terminal. Pure.
 * `examples` is how many the file held, `perDraft` how many each draft got at most.
 */
export function formatEvalComparison(
  comparison: EvalComparison,
  run: { examples: number; perDraft: number; campaignGate: number },
): string {
  const lines = [
    `house-style examples: ${run.examples} in the file, up to ${run.perDraft} per draft (HOUSE_STYLE_EXAMPLES)`,
    '',
    '  category                 precision without -> with    recall without -> with',
    ...Object.entries(comparison.categories).map(
      ([c, t]) =>
        `  ${c.padEnd(24)} ${`${pct(t.precision.without)} -> ${pct(t.precision.with)}`.padStart(12)} ${points(t.precision).padStart(8)}    ${`${pct(t.recall.without)} -> ${pct(t.recall.with)}`.padStart(12)} ${points(t.recall).padStart(8)}`,
    ),
    '',
    '  would auto-send          without -> with',
    // Integer-like keys ('70') iterate before 'campaign': put the campaign gate first.
    ...Object.entries(comparison.autoSends)
      .sort(([a], [b]) => Number(b === 'campaign') - Number(a === 'campaign'))
      .map(
        ([g, c]) =>
          `  ${(g === 'campaign' ? `campaign gate ${run.campaignGate}%` : `at ${g}%`).padEnd(24)} ${`${c.without} -> ${c.with}`.padStart(12)} ${signed(c.delta).padStart(5)}`,
      ),
    '',
    `  review reasons: ${moved(comparison.reviewReasons)}`,
    `  guard hits:     ${moved(comparison.guardHits)}`,
    `  AI failures:    ${comparison.aiFailures.without} -> ${comparison.aiFailures.with}`,
    `  UNSAFE auto-sends: without ${comparison.unsafe.without}, with ${comparison.unsafe.with}${comparison.unsafe.without || comparison.unsafe.with ? ' (must be 0)' : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

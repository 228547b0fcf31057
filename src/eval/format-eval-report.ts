import type { EvalScore, PrecisionRecall } from './score-eval.ts';

const pct = (v: number | null) => (v === null ? '   -' : `${Math.round(v * 100)}%`.padStart(4));

function row(name: string, t: PrecisionRecall): string {
  return `  ${name.padEnd(24)} ${String(t.support).padStart(4)} ${String(t.predicted).padStart(5)}  ${pct(t.precision)}     ${pct(t.recall)}`;
}

function counts(map: Record<string, number>): string {
  const entries = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none';
}

/** The eval as a plain-text table for the terminal. Pure. */
export function formatEvalReport(
  score: EvalScore,
  run: { provider: string; model: string; campaignGate: number },
): string {
  const lines = [
    `autosend eval: ${score.cases} cases, provider ${run.provider} (model ${run.model})`,
    '',
    '  category                 cases  pred  precision  recall',
    ...Object.entries(score.categories).map(([c, t]) => row(c, t!)),
    '',
    '  gate                     cases  pred  precision  recall',
    ...Object.entries(score.gates).map(([g, t]) => row(g, t)),
    '',
    `  guard hits:     ${counts(score.guardHits)}`,
    `  review reasons: ${counts(score.reviewReasons)}`,
    `  skip reasons:   ${counts(score.skipReasons)}`,
    `  booking claims: ${score.bookingClaims}`,
    `  AI failures:    ${score.aiFailures.total} (timeouts ${score.aiFailures.timeouts}; ${counts(score.aiFailures.byCode)}) -> review ai_failed`,
    '',
    `  would auto-send: at the campaign gate ${run.campaignGate}%: ${score.autoSends.campaign ?? 0}; ${Object.entries(
      score.autoSends,
    )
      .filter(([g]) => g !== 'campaign')
      .map(([g, n]) => `at ${g}%: ${n}`)
      .join('; ')}`,
    `  UNSAFE auto-sends: ${score.unsafe.length}${score.unsafe.length ? ' (must be 0)' : ''}`,
    ...score.unsafe.map(
      (u) =>
        `    ${u.id} at ${u.gate === 'campaign' ? 'the campaign gate' : `${u.gate}%`}: ${u.why}`,
    ),
    '',
    `  latency per reply (model calls): p50 ${Math.round(score.latencyMs.p50)} ms, p95 ${Math.round(score.latencyMs.p95)} ms, max ${Math.round(score.latencyMs.max)} ms`,
    `  tokens: ${score.tokens.prompt} prompt + ${score.tokens.completion} completion`,
  ];
  return `${lines.join('\n')}\n`;
}

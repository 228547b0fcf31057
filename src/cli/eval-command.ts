import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { makeAiProvider } from '../ai/make-provider.ts';
import { ConfigError } from '../errors.ts';
import { ALL_EVAL_CASES } from '../eval/corpus/all-eval-cases.ts';
import { EVAL_CAMPAIGN_GATE } from '../eval/eval-world.ts';
import { formatEvalReport } from '../eval/format-eval-report.ts';
import { runEval } from '../eval/run-eval.ts';
import { scoreEval } from '../eval/score-eval.ts';
import { runCommand } from './run-command.ts';

function wholeNumber(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError([`${name} must be a whole number ${min}..${max}, got "${value}"`]);
  }
  return n;
}

/**
 * `autosend eval [--provider openai|offline] [--json]`: runs the labelled
 * corpus through the configured provider and the pipeline's own gates,
 * guards and decision, and prints how the model would do before anyone
 * turns on auto-send. Exit code 1 when any automatic send is unsafe.
 */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      `Qualify a model before auto-send: run the labelled corpus (${ALL_EVAL_CASES.length} replies, EN/DE/FR/ES) through the provider, gates, guards and decision; print precision and recall per category, gate and guard hits, automatic sends at the campaign gate and at 70/80/90/95 %, unsafe auto-sends (exit 1 if any), latency and tokens. Stores nothing.`,
    )
    .option('--provider <name>', 'openai or offline (default: AI_PROVIDER)')
    .option('--gate <percent>', `the campaign gate to judge at (default ${EVAL_CAMPAIGN_GATE})`)
    .option('--concurrency <n>', 'replies in flight at once (default 4)')
    .option('--json', 'print one JSON object: {provider, model, campaignGate, score, cases}')
    .action((o: { provider?: string; gate?: string; concurrency?: string; json?: boolean }) =>
      runCommand(
        async ({ config, logger }) => {
          const provider = o.provider ?? config.ai.provider;
          if (provider !== 'openai' && provider !== 'offline') {
            throw new ConfigError([`--provider must be openai or offline, got "${provider}"`]);
          }
          if (provider === 'openai' && !config.ai.openai.apiKey && !config.ai.openai.baseUrl) {
            throw new ConfigError([
              'OPENAI_API_KEY (or OPENAI_BASE_URL for a local compatible server) must be set for --provider openai',
            ]);
          }
          const campaignGate = o.gate ? wholeNumber(o.gate, '--gate', 0, 100) : EVAL_CAMPAIGN_GATE;
          const concurrency = o.concurrency
            ? wholeNumber(o.concurrency, '--concurrency', 1, 64)
            : 4;
          const ai = makeAiProvider({ ...config, ai: { ...config.ai, provider } }, logger);
          const results = await runEval(
            { ai, clock: () => performance.now(), campaignGate },
            ALL_EVAL_CASES,
            { concurrency },
          );
          const score = scoreEval(results);
          const run = { provider, model: ai.model, campaignGate };
          process.stdout.write(
            o.json
              ? `${JSON.stringify({ ...run, score, cases: results }, (_k, v) => (v instanceof RegExp ? v.source : v))}\n`
              : formatEvalReport(score, run),
          );
          if (score.unsafe.length > 0) process.exitCode = 1;
        },
        { uses: ['ai'] },
      ),
    );
}

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { makeAiProvider } from '../ai/make-provider.ts';
import { type EditExample, pickHouseStyleExamples } from '../calibration/pick-house-style.ts';
import { ConfigError } from '../errors.ts';
import { compareEvalScores } from '../eval/compare-eval.ts';
import { ALL_EVAL_CASES } from '../eval/corpus/all-eval-cases.ts';
import { EVAL_CAMPAIGN_GATE } from '../eval/eval-world.ts';
import { formatEvalComparison } from '../eval/format-eval-comparison.ts';
import { formatEvalReport } from '../eval/format-eval-report.ts';
import { parseHouseStyleExamples } from '../eval/parse-house-style-examples.ts';
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

/** Reads and validates a house-style file; errors name the option and the entry. */
async function readHouseStyleFile(path: string): Promise<EditExample[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`--house-style: cannot read ${path}: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`--house-style: ${path} is not JSON: ${(error as Error).message}`]);
  }
  try {
    return parseHouseStyleExamples(json);
  } catch (error) {
    throw new ConfigError([`--house-style ${path}: ${(error as Error).message}`]);
  }
}

/**
 * `autosend eval [--provider openai|offline] [--house-style FILE] [--json]`: runs the labelled
 * corpus through the configured provider and the pipeline's own gates,
 * guards and decision, and prints how the model would do before anyone
 * turns on auto-send. With `--house-style FILE` it runs the corpus twice,
 * without and with the file's examples in the draft prompt (picked per reply
 * as the pipeline picks a campaign's reviewer edits), and prints what they
 * change. Exit code 1 when any automatic send is unsafe, in either run.
 */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      `Qualify a model before auto-send: run the labelled corpus (${ALL_EVAL_CASES.length} replies, EN/DE/FR/ES) through the provider, gates, guards and decision; print precision and recall per category, gate and guard hits, automatic sends at the campaign gate and at 70/80/90/95 %, unsafe auto-sends (exit 1 if any), latency and tokens. With --house-style FILE, the same corpus again with those house-style examples in the draft prompt, figures side by side. Stores nothing.`,
    )
    .option('--provider <name>', 'openai or offline (default: AI_PROVIDER)')
    .option('--gate <percent>', `the campaign gate to judge at (default ${EVAL_CAMPAIGN_GATE})`)
    .option('--concurrency <n>', 'replies in flight at once (default 4)')
    .option(
      '--house-style <file>',
      'JSON list of house-style examples [{reply, draft, sent, category?}]: run the corpus without and with them and print the change',
    )
    .option(
      '--json',
      'print one JSON object: {provider, model, campaignGate, score, cases, houseStyle?: {file, examples, perDraft, score, cases, comparison}}',
    )
    .action(
      (o: {
        provider?: string;
        gate?: string;
        concurrency?: string;
        houseStyle?: string;
        json?: boolean;
      }) =>
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
            const campaignGate = o.gate
              ? wholeNumber(o.gate, '--gate', 0, 100)
              : EVAL_CAMPAIGN_GATE;
            const concurrency = o.concurrency
              ? wholeNumber(o.concurrency, '--concurrency', 1, 64)
              : 4;
            const perDraft = config.trust.houseStyleExamples;
            if (o.houseStyle !== undefined && perDraft <= 0) {
              throw new ConfigError([
                '--house-style needs HOUSE_STYLE_EXAMPLES above 0 (it is how many examples a draft gets)',
              ]);
            }
            const examples =
              o.houseStyle === undefined ? null : await readHouseStyleFile(o.houseStyle);
            const ai = makeAiProvider({ ...config, ai: { ...config.ai, provider } }, logger);
            const deps = { ai, clock: () => performance.now(), campaignGate };
            const results = await runEval(deps, ALL_EVAL_CASES, { concurrency });
            const score = scoreEval(results);
            const run = { provider, model: ai.model, campaignGate };
            let houseStyle = null;
            if (examples) {
              const withResults = await runEval(
                {
                  ...deps,
                  houseStyle: (reply) =>
                    pickHouseStyleExamples(reply, examples, perDraft).map((e) => ({
                      draft: e.draftText,
                      sent: e.sentText,
                    })),
                },
                ALL_EVAL_CASES,
                { concurrency },
              );
              const withScore = scoreEval(withResults);
              houseStyle = {
                file: o.houseStyle,
                examples: examples.length,
                perDraft,
                score: withScore,
                cases: withResults,
                comparison: compareEvalScores(score, withScore),
              };
            }
            process.stdout.write(
              o.json
                ? `${JSON.stringify({ ...run, score, cases: results, ...(houseStyle ? { houseStyle } : {}) }, (_k, v) => (v instanceof RegExp ? v.source : v))}\n`
                : formatEvalReport(score, run) +
                    (houseStyle
                      ? `\n${formatEvalComparison(houseStyle.comparison, { examples: houseStyle.examples, perDraft, campaignGate })}`
                      : ''),
            );
            if (score.unsafe.length > 0 || (houseStyle?.score.unsafe.length ?? 0) > 0) {
              process.exitCode = 1;
            }
          },
          { uses: ['ai'] },
        ),
    );
}

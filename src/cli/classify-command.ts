import type { Command } from 'commander';
import { makeAiProvider } from '../ai/make-provider.ts';
import { classifyReplyFile } from '../classify/classify-reply-file.ts';
import { asAutosendError } from '../errors.ts';
import { runCommand } from './run-command.ts';

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description(
      'Run the gates (bounce, opt-out, auto-reply) and the classifier on reply files (.eml, or .json of the generic webhook shape) and say whether a draft would be written. Stores nothing.',
    )
    .argument('<files...>', '.eml or .json files')
    .option(
      '--json',
      'one JSON line per file (JSON Lines), as each is done: {"file","gate","category","draft","evidence"} or {"file","error"}',
    )
    .action((files: string[], options: { json?: boolean }) =>
      runCommand(async ({ config, logger }) => {
        const ai = makeAiProvider(config, logger);
        for (const file of files) {
          try {
            const r = await classifyReplyFile(ai, file);
            if (options.json) {
              process.stdout.write(
                `${JSON.stringify({ file: r.file, gate: r.gate, category: r.category, draft: r.draft, evidence: r.evidence })}\n`,
              );
            } else {
              const what = r.gate ? `gate ${r.gate}` : `category ${r.category}`;
              process.stdout.write(
                `${r.file}: ${what}, ${r.draft ? 'draft' : `no draft (${r.reason})`}${r.evidence ? ` — ${r.evidence}` : ''}\n`,
              );
            }
          } catch (error) {
            const err = asAutosendError(error);
            process.exitCode = 1;
            if (options.json)
              process.stdout.write(
                `${JSON.stringify({ file, error: { code: err.code, message: err.message } })}\n`,
              );
            else process.stderr.write(`${file}: ${err.code}: ${err.message}\n`);
          }
        }
      }),
    );
}

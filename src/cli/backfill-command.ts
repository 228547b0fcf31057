import type { Command } from 'commander';
import type { BackfillMode } from '../backfill/backfill-context.ts';
import { type BackfillRequest, runBackfill } from '../backfill/run-backfill.ts';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { ValidationError } from '../errors.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { makeBackfillProgress } from './backfill-progress.ts';
import { runCommand } from './run-command.ts';

interface BackfillOptions {
  workspace?: string;
  allWorkspaces?: boolean;
  campaign: string[];
  missingOnly?: boolean;
  dryRun?: boolean;
  shadow?: boolean;
  apply?: boolean;
  limit?: string;
  concurrency?: string;
  rpm?: string;
  sendPacingMs?: string;
  respectDelays?: boolean;
  overrideKillSwitch?: boolean;
  redact?: boolean;
  resume?: string;
  logDir?: string;
  json?: boolean;
}

const whole = (field: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    const problem = `must be a whole number, got "${value}"`;
    throw new ValidationError(`--${field} ${problem}`, { [field]: problem });
  }
  return Number(value);
};

/** Turns the options into a request; the runner validates ranges. */
export function requestFrom(
  o: BackfillOptions,
  defaults: { concurrency: number; rpm: number | undefined; sendPacingMs: number },
): BackfillRequest {
  const modes = [o.dryRun && 'dry_run', o.shadow && 'shadow', o.apply && 'apply'].filter(
    Boolean,
  ) as BackfillMode[];
  if (modes.length > 1) {
    const problem = 'give one of --dry-run, --shadow, --apply';
    throw new ValidationError(`choose one mode: ${problem}`, { mode: problem });
  }
  if (!o.resume && !o.workspace === !o.allWorkspaces) {
    const problem = 'give --workspace ID or --all-workspaces';
    throw new ValidationError(`choose the scope: ${problem}`, { workspace: problem });
  }
  return {
    // A resumed run keeps its own mode; without a flag a new run is a dry run.
    mode: modes[0] ?? (o.resume ? 'apply' : 'dry_run'),
    workspaceId: o.allWorkspaces ? null : (o.workspace ?? null),
    campaignIds: o.campaign,
    missingOnly: Boolean(o.missingOnly),
    limit: whole('limit', o.limit) ?? null,
    concurrency: whole('concurrency', o.concurrency) ?? defaults.concurrency,
    rpm: whole('rpm', o.rpm) ?? defaults.rpm ?? null,
    sendPacingMs: whole('send-pacing-ms', o.sendPacingMs) ?? defaults.sendPacingMs,
    respectDelays: Boolean(o.respectDelays),
    overrideKillSwitch: Boolean(o.overrideKillSwitch),
    redact: Boolean(o.redact),
    ...(o.resume ? { resumeRunId: o.resume } : {}),
    ...(o.logDir ? { logDir: o.logDir } : {}),
  };
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description(
      'Answer earlier replies in AI_AUTO_SEND campaigns through the real pipeline: a dry run by default; ' +
        '--shadow saves comparison drafts only; --apply drafts in parallel, then sends or asks for review one by one.',
    )
    .option('--workspace <id>', 'the workspace to backfill')
    .option('--all-workspaces', 'every workspace')
    .option(
      '--campaign <id>',
      'only this campaign (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--missing-only', 'draft only replies without a usable draft (default: regenerate all)')
    .option('--dry-run', 'count and log what apply would do; change nothing (the default)')
    .option(
      '--shadow',
      'classify, draft and evaluate; save drafts that can never be sent; report each gate',
    )
    .option('--apply', 'create drafts, then send or request review')
    .option('--limit <n>', 'at most N targets in this run')
    .option('--concurrency <n>', 'drafts in parallel (default BACKFILL_CONCURRENCY, 8)')
    .option('--rpm <n>', 'model requests per minute (default BACKFILL_RPM, none)')
    .option('--send-pacing-ms <n>', 'wait between sends (default BACKFILL_SEND_PACING_MS, 2000)')
    .option('--respect-delays', "wait the campaign's send delay (from now) before each send")
    .option('--override-kill-switch', 'send even with AUTO_SEND_DISABLED=1 (logged prominently)')
    .option('--redact', 'mask lead names and emails in the log files')
    .option('--resume <run-id>', 'continue an interrupted run where it stopped')
    .option('--log-dir <dir>', 'folder of the log files (default BACKFILL_LOG_DIR, ./logs)')
    .option('--json', 'print one JSON document')
    .action((options: BackfillOptions) =>
      runCommand(async ({ config, logger }) => {
        const request = requestFrom(options, config.backfill);
        const runtime = await openDatabaseRuntime(config, logger);
        const controller = new AbortController();
        let interrupts = 0;
        const onSigint = () => {
          interrupts++;
          if (interrupts > 1) process.exit(130);
          process.stderr.write('\nstopping after the item in flight (Ctrl-C again to quit now)\n');
          controller.abort();
        };
        process.on('SIGINT', onSigint);
        try {
          const queue = await startJobQueue(runtime.url, logger, {
            schedule: false,
            supervise: false,
          });
          try {
            const out = options.json ? process.stderr : process.stdout;
            const report = await runBackfill(
              {
                db: runtime.database.db,
                queue,
                config,
                logger,
                // A dry run asks no model: the model client is loaded only for shadow and apply.
                ...(request.mode === 'dry_run'
                  ? {}
                  : {
                      ai: (await import('../ai/make-provider.ts')).makeAiProvider(config, logger),
                    }),
                signal: controller.signal,
                progress: makeBackfillProgress(out),
              },
              request,
            );
            if (options.json) {
              process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
            } else {
              process.stdout.write(
                `\nbackfill ${report.mode === 'dry_run' ? 'dry run' : `run ${report.runId}`} ${report.status}\n${report.table}\n` +
                  `log: ${report.logPath}\n     ${report.jsonlPath}\n` +
                  (report.resumeCommand ? `resume with: ${report.resumeCommand}\n` : '') +
                  (report.mode === 'dry_run'
                    ? 'nothing was changed; run with --shadow or --apply\n'
                    : ''),
              );
            }
            if (report.status === 'paused') process.exitCode = 130;
          } finally {
            await queue.stop({ graceful: false });
          }
        } finally {
          process.off('SIGINT', onSigint);
          await runtime.close();
        }
      }),
    );
}

import type { Command } from 'commander';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { AutosendError } from '../errors.ts';
import { findWorkspaceByIdOrKey } from '../ingest/find-workspace.ts';
import { type ImportReport, importReplyFiles } from '../ingest/import-files.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { runCommand } from './run-command.ts';

/** `autosend ingest FILE... --workspace <id|key> [--json]`: import .eml files or generic JSONL. */
export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'Import replies from .eml files or JSONL files of the generic webhook shape\n' +
        '(one JSON object per line, see docs/webhooks.md). Bad lines are reported, good ones stored.',
    )
    .argument('<files...>', '.eml, .jsonl or .json files')
    .requiredOption('-w, --workspace <id-or-key>', 'workspace id or webhook key')
    .option('--json', 'print one JSON document')
    .action((files: string[], options: { workspace: string; json?: boolean }) =>
      runCommand(async ({ config, logger }) => {
        const runtime = await openDatabaseRuntime(config, logger);
        let queue: Awaited<ReturnType<typeof startJobQueue>> | undefined;
        try {
          const workspace = await findWorkspaceByIdOrKey(runtime.database.db, options.workspace);
          if (!workspace) {
            throw new AutosendError(
              'not_found',
              `no workspace with id or key "${options.workspace}"`,
            );
          }
          queue = await startJobQueue(runtime.url, logger, { schedule: false, supervise: false });
          const report = await importReplyFiles(
            { db: runtime.database.db, queue },
            workspace.id,
            files,
          );
          process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
          if (report.failed > 0) process.exitCode = 1;
        } finally {
          await queue?.stop({ graceful: false });
          await runtime.close();
        }
      }),
    );
}

function formatReport(report: ImportReport): string {
  const lines = report.failures.map((f) => {
    const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
    const fields = Object.entries(f.fields ?? {})
      .map(([path, problem]) => `${path} ${problem}`)
      .join('; ');
    return `failed ${where}: ${fields || f.message}`;
  });
  lines.push(
    `created ${report.created}, duplicate ${report.duplicate}${report.suppressed ? `, suppressed ${report.suppressed}` : ''}, failed ${report.failed}`,
  );
  return `${lines.join('\n')}\n`;
}

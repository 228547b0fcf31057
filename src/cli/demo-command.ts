import type { Command } from 'commander';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { runDemo } from '../demo/run-demo.ts';
import { buildJobHandlers } from '../jobs/handlers.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { startWorker } from '../jobs/worker.ts';
import { runCommand } from './run-command.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Seed a demo workspace with an AI_AUTO_SEND campaign and ~30 realistic replies, process them through the real queue, and print what was decided for each.',
    )
    .option('--json', 'print one JSON document')
    .action((options: { json?: boolean }) =>
      runCommand(async ({ config, logger }) => {
        const runtime = await openDatabaseRuntime(config, logger);
        const queue = await startJobQueue(runtime.url, logger);
        const deps = { config, database: runtime.database, queue, logger };
        const worker = await startWorker({
          queue,
          handlers: buildJobHandlers(deps),
          concurrency: config.worker.concurrency,
          logger,
        });
        try {
          const { workspaceId, rows } = await runDemo({ db: runtime.database.db, queue });
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ workspaceId, rows }, null, 2)}\n`);
            return;
          }
          const table = rows.map((r) => ({
            reply: r.reply,
            category: r.category ?? '-',
            confidence: r.confidence == null ? '-' : `${Math.round(r.confidence * 100)}%`,
            decision: r.decision,
            reason: r.reason ?? '',
          }));
          console.table(table);
          const counts = rows.reduce<Record<string, number>>((acc, r) => {
            acc[r.decision] = (acc[r.decision] ?? 0) + 1;
            return acc;
          }, {});
          process.stdout.write(
            `\nworkspace ${workspaceId}: ${Object.entries(counts)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')}\n` +
              'Sends wait for the campaign delay (180-420 s) in the reply.send queue; `npm start` delivers them to data/outbox.\n' +
              'Why any one was decided: autosend explain <messageId or lead email>\n',
          );
        } finally {
          await worker.drain(config.worker.shutdownTimeoutMs);
          await runtime.close();
        }
      }),
    );
}

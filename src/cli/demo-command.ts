import type { Command } from 'commander';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { countDemoSends, type DemoResult, runDemo } from '../demo/run-demo.ts';
import { buildJobHandlers } from '../jobs/handlers.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { startWorker } from '../jobs/worker.ts';
import { runCommand } from './run-command.ts';

/** What the demo prints under its table: what happened, in the order it happened. */
function demoSummary(
  result: DemoResult,
  sends: { sent: number; waiting: number },
  sentTo: string,
): string {
  const counts = result.rows.reduce<Record<string, number>>((acc, r) => {
    acc[r.decision] = (acc[r.decision] ?? 0) + 1;
    return acc;
  }, {});
  const withSlots = result.rows.filter((r) => r.slots.length > 0).length;
  const lines = [
    '',
    `workspace "${result.workspaceName}" (${result.workspaceId}): ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
    result.reused
      ? 'The demo workspace already existed: these are its replies as decided on the first run (nothing was processed or sent again). `autosend demo --reset` starts it over.'
      : 'Created the demo workspace: weekly hours Mon-Fri in Europe/Berlin, an AI_AUTO_SEND campaign with a confidence gate of 85.',
    `${withSlots} replies were offered meeting slots from the workspace's weekly hours.`,
    'A send is due the campaign delay (180-420 s) after the reply arrived; the demo replies are dated 1-30 minutes back, so most were due at once.',
    `${sends.sent} sent during the demo (${sentTo})` +
      (sends.waiting
        ? `; ${sends.waiting} still queued in reply.send, sent when a worker runs (npm start).`
        : '.'),
    'Why any one was decided: autosend explain <messageId or lead email>',
    '',
  ];
  return lines.join('\n');
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Seed the demo workspace (weekly hours, an AI_AUTO_SEND campaign) with ~30 realistic replies, process them through the real queue, and print what was decided for each. A rerun reuses the workspace.',
    )
    .option('--reset', 'delete the demo workspace and everything in it first, then run afresh')
    .option('--json', 'print one JSON document')
    .action((options: { json?: boolean; reset?: boolean }) =>
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
        let drained = false;
        try {
          const result = await runDemo(
            { db: runtime.database.db, queue, secretKey: config.secretKey },
            { reset: options.reset === true },
          );
          // In-flight sends finish before counting what went out.
          await worker.drain(config.worker.shutdownTimeoutMs);
          drained = true;
          const sends = await countDemoSends(runtime.database.db, result.rows);
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ ...result, sends }, null, 2)}\n`);
            return;
          }
          console.table(
            result.rows.map((r) => ({
              reply: r.reply,
              category: r.category ?? '-',
              confidence: r.confidence == null ? '-' : `${Math.round(r.confidence * 100)}%`,
              decision: r.decision,
              reason: r.reason ?? '',
              slots: r.slots.length
                ? `${r.slots[0]}${r.slots.length > 1 ? ` +${r.slots.length - 1}` : ''}`
                : '',
            })),
          );
          const sentTo =
            config.sending.sender === 'smtp' ? 'through SMTP_URL' : `${config.outboxDir}/*.eml`;
          process.stdout.write(demoSummary(result, sends, sentTo));
        } finally {
          if (!drained) await worker.drain(config.worker.shutdownTimeoutMs);
          await runtime.close();
        }
      }),
    );
}

import type { Command } from 'commander';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { AutosendError } from '../errors.ts';
import { makeChannelPacer } from '../slack/channel-pacer.ts';
import { makeEmailLookupCache } from '../slack/email-lookup-cache.ts';
import { formatDoctorReport } from '../slack/format-doctor-report.ts';
import { makeSlackClient } from '../slack/make-slack-client.ts';
import { retryFailedNotifications } from '../slack/retry-failed-notifications.ts';
import { runConfiguredSlackDoctor } from '../slack/run-configured-doctor.ts';
import { DEFAULT_TEST_DM_TEXT, sendTestDms } from '../slack/send-test-dms.ts';
import { storeSlackCheck } from '../slack/slack-doctor-schedule.ts';
import { describeSlackFailure } from '../slack/slack-failure.ts';
import { runCommand } from './run-command.ts';

const out = (text: string) => process.stdout.write(text);

function positiveInt(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value))
      throw new AutosendError(
        'validation_failed',
        `${name} must be a whole number, got "${value}"`,
      );
    return Number(value);
  };
}

/** `autosend slack doctor | test-dm | retry`. */
export function registerSlackCommand(program: Command): void {
  const slack = program
    .command('slack')
    .description('Check and exercise the Slack review notifications.');

  slack
    .command('doctor')
    .description(
      "Check the bot token's scopes, what each way of reaching a reviewer can do and how to fix it, " +
        'then resolve every configured reviewer. Exit code 0 only when every reviewer is reachable.',
    )
    .option('--json', 'print one JSON document')
    .action((options: { json?: boolean }) =>
      runCommand(async ({ config, logger }) => {
        const runtime = await openDatabaseRuntime(config, logger);
        try {
          const report = await runConfiguredSlackDoctor({ db: runtime.database.db, config });
          await storeSlackCheck(runtime.database.db, report);
          out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
          process.exitCode = report.ok ? 0 : 1;
        } finally {
          await runtime.close();
        }
      }),
    );

  slack
    .command('test-dm')
    .description(
      'Send test messages to one reviewer, one by one, and print each result (SLACK_BOT_TOKEN).',
    )
    .requiredOption(
      '--to <email>',
      'the reviewer: an email (also a member id U… or a channel #name)',
    )
    .option('--count <n>', 'how many messages', positiveInt('--count'), 1)
    .option('--text <text>', 'message text', DEFAULT_TEST_DM_TEXT)
    .option(
      '--interval-ms <ms>',
      'pause between messages to one channel',
      positiveInt('--interval-ms'),
      1000,
    )
    .action((options: { to: string; count: number; text: string; intervalMs: number }) =>
      runCommand(async ({ config }) => {
        if (!config.slack.botToken) {
          throw new AutosendError(
            'config_invalid',
            'SLACK_BOT_TOKEN is not set: nothing can be sent to Slack',
          );
        }
        const client = makeSlackClient(config.slack.botToken, { apiUrl: config.slack.apiUrl });
        const { failed } = await sendTestDms(client, options, out);
        process.exitCode = failed ? 1 : 0;
      }),
    );

  slack
    .command('retry')
    .description('Re-send the Slack notifications of open reviews that failed or never went out.')
    .option('--workspace <id>', 'only this workspace')
    .option('--json', 'print one JSON document')
    .action((options: { workspace?: string; json?: boolean }) =>
      runCommand(async ({ config, logger }) => {
        const runtime = await openDatabaseRuntime(config, logger);
        try {
          const results = await retryFailedNotifications(
            {
              db: runtime.database.db,
              config,
              logger,
              cache: makeEmailLookupCache(),
              pacer: makeChannelPacer(),
            },
            options.workspace ? { workspaceId: options.workspace } : {},
          );
          const rows = results.flatMap((r) =>
            r.targets
              .filter((t) => t.status !== 'skipped')
              .map((t) => ({
                reviewRequestId: r.reviewRequestId,
                target: t.target,
                status: t.status,
                method: t.outcome?.method,
                channel: t.outcome?.channel,
                ts: t.outcome?.ts,
                error: t.outcome?.failure ? describeSlackFailure(t.outcome.failure) : undefined,
              })),
          );
          const count = (s: string) => rows.filter((r) => r.status === s).length;
          const totals = {
            reviews: results.length,
            sent: count('sent'),
            failed: count('failed'),
            pending: count('pending'),
          };
          if (options.json) out(`${JSON.stringify({ ...totals, results: rows }, null, 2)}\n`);
          else {
            for (const r of rows) {
              out(
                `${r.reviewRequestId} ${r.target}: ${r.status}${r.status === 'sent' ? ` channel=${r.channel} ts=${r.ts}` : r.error ? ` ${r.error}` : ''}\n`,
              );
            }
            out(
              `${totals.sent} sent, ${totals.failed} failed, ${totals.pending} pending (${totals.reviews} open review(s) checked)\n`,
            );
          }
          process.exitCode = totals.failed || totals.pending ? 1 : 0;
        } finally {
          await runtime.close();
        }
      }),
    );
}

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { publicUrlOf, runAdminCommand } from '../admin/run-admin-command.ts';
import {
  getWorkspaceSettings,
  setWorkspaceAvailability,
  setWorkspaceSlackToken,
} from '../admin/workspace-connections.ts';
import {
  createWorkspace,
  getWebhooks,
  listWorkspaces,
  rotateWebhookSecret,
  updateWorkspace,
} from '../admin/workspaces.ts';
import { ValidationError } from '../errors.ts';

/** `autosend workspace create|list|show|rename|webhooks|set-availability|set-slack-token`. */
export function registerWorkspaceCommand(program: Command): void {
  const workspace = program
    .command('workspace')
    .description('Create and list workspaces; webhook URLs, availability source and Slack token');

  workspace
    .command('create')
    .description('Create a workspace with a fresh webhook key and secret')
    .argument('<name>')
    .option('--time-zone <tz>', 'IANA time zone, e.g. Europe/Berlin (default UTC)')
    .option('--json', 'print one JSON document')
    .action((name: string, o: { timeZone?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor, config }) =>
          createWorkspace(
            db,
            actor,
            { name, ...(o.timeZone ? { timeZone: o.timeZone } : {}) },
            { secretKey: config.secretKey },
          ),
        (w) =>
          `created workspace ${w.name}\n  id: ${w.id}\n  webhook secret (keep it private): ${w.webhookSecret}\n` +
          `  webhook URLs: autosend workspace webhooks ${w.id}\n`,
      ),
    );

  workspace
    .command('list')
    .description('List workspaces')
    .option('--json', 'print one JSON document')
    .action((o: { json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => ({ items: await listWorkspaces(db) }),
        ({ items }) =>
          items.length
            ? items.map((w) => `${w.id}  ${w.name}  (${w.timeZone})\n`).join('')
            : 'no workspaces yet\n',
      ),
    );

  workspace
    .command('rename')
    .description('Rename a workspace')
    .argument('<id>')
    .argument('<name>')
    .option('--json', 'print one JSON document')
    .action((id: string, name: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor }) => updateWorkspace(db, actor, id, { name }),
        (w) => `renamed ${w.id} to ${w.name}\n`,
      ),
    );

  workspace
    .command('webhooks')
    .description(
      'Show the webhook URL per platform, the secret, and how each platform authenticates',
    )
    .argument('<id>', 'workspace id')
    .option(
      '--rotate-secret',
      'replace the secret first; the previous one is still accepted for --grace-hours',
    )
    .option(
      '--grace-hours <n>',
      'with --rotate-secret: hours the previous secret keeps working (default 24, 0 = none)',
    )
    .option('--json', 'print one JSON document')
    .action((id: string, o: { rotateSecret?: boolean; graceHours?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor, config }) => {
          if (o.graceHours !== undefined && !o.rotateSecret) {
            throw new ValidationError('--grace-hours needs --rotate-secret', {
              graceHours: 'only applies with --rotate-secret',
            });
          }
          return o.rotateSecret
            ? rotateWebhookSecret(db, actor, publicUrlOf(config), id, {
                secretKey: config.secretKey,
                ...(o.graceHours !== undefined ? { graceHours: o.graceHours } : {}),
              })
            : getWebhooks(db, publicUrlOf(config), id, { secretKey: config.secretKey });
        },
        (w) =>
          `${o.rotateSecret ? 'new ' : ''}webhook secret: ${w.webhookSecret}\n` +
          (w.previousSecretValidUntil
            ? `the previous secret is accepted until ${w.previousSecretValidUntil}: update every sender before then\n`
            : '') +
          '\n' +
          w.endpoints.map((e) => `${e.platform}\n  ${e.url}\n  ${e.signing}\n`).join('\n'),
      ),
    );

  workspace
    .command('show')
    .description('Show a workspace with its availability settings and Slack token (redacted)')
    .argument('<id>', 'workspace id')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, config }) => getWorkspaceSettings(db, id, { secretKey: config.secretKey }),
        (w) =>
          `${w.name}  (${w.id})\n  time zone: ${w.timeZone}\n` +
          `  availability: ${w.availability.source} ${JSON.stringify(w.availability.config)}\n` +
          `  Slack token: ${w.slackBotToken ?? 'none (SLACK_BOT_TOKEN is used)'}\n`,
      ),
    );

  workspace
    .command('set-availability')
    .description(
      'Set the availability source and its settings from a JSON file (docs/availability.md); credentials are stored encrypted',
    )
    .argument('<id>', 'workspace id')
    .requiredOption('--source <source>', 'weekly_hours, calendly, calcom or ghl')
    .requiredOption('--config <file>', 'JSON file with the source settings')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { source: string; config: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor, config }) =>
          setWorkspaceAvailability(
            db,
            actor,
            id,
            { source: o.source, config: await readJsonFile(o.config) },
            { secretKey: config.secretKey },
          ),
        (a) =>
          `availability of ${a.workspaceId}: ${a.source} ${JSON.stringify(a.config)}\n` +
          '  cached slots dropped; the next reply fetches fresh ones\n',
      ),
    );

  workspace
    .command('set-slack-token')
    .description(
      "Store the workspace's own Slack bot token, encrypted (needs AUTOSEND_SECRET_KEY), or clear it",
    )
    .argument('<id>', 'workspace id')
    .option('--token <token>', 'xoxb-… (or xoxp-…)')
    .option('--clear', 'remove it: SLACK_BOT_TOKEN is used again')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { token?: string; clear?: boolean; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor, config }) => {
          if (Boolean(o.token) === Boolean(o.clear)) {
            throw new ValidationError('give either --token or --clear', {
              token: 'give either --token or --clear',
            });
          }
          return setWorkspaceSlackToken(db, actor, id, o.clear ? null : o.token!, {
            secretKey: config.secretKey,
          });
        },
        (t) =>
          `Slack token of ${t.workspaceId}: ${t.slackBotToken ?? 'none (SLACK_BOT_TOKEN is used)'}\n`,
      ),
    );
}

/** Reads a JSON settings file; a missing file or bad JSON is reported against `config`. */
async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const problem = `cannot read ${file}: ${(error as Error).message}`;
    throw new ValidationError(problem, { config: problem });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = `${file} is not JSON: ${(error as Error).message}`;
    throw new ValidationError(problem, { config: problem });
  }
}

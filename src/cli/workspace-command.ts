import type { Command } from 'commander';
import { publicUrlOf, runAdminCommand } from '../admin/run-admin-command.ts';
import {
  createWorkspace,
  getWebhooks,
  listWorkspaces,
  rotateWebhookSecret,
  updateWorkspace,
} from '../admin/workspaces.ts';

/** `autosend workspace create|list|rename|webhooks`. */
export function registerWorkspaceCommand(program: Command): void {
  const workspace = program
    .command('workspace')
    .description('Create and list workspaces; show webhook URLs');

  workspace
    .command('create')
    .description('Create a workspace with a fresh webhook key and secret')
    .argument('<name>')
    .option('--time-zone <tz>', 'IANA time zone, e.g. Europe/Berlin (default UTC)')
    .option('--json', 'print one JSON document')
    .action((name: string, o: { timeZone?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor }) =>
          createWorkspace(db, actor, { name, ...(o.timeZone ? { timeZone: o.timeZone } : {}) }),
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
    .option('--rotate-secret', 'replace the secret first (senders must be updated right after)')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { rotateSecret?: boolean; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor, config }) =>
          o.rotateSecret
            ? rotateWebhookSecret(db, actor, publicUrlOf(config), id)
            : getWebhooks(db, publicUrlOf(config), id),
        (w) =>
          `${o.rotateSecret ? 'new ' : ''}webhook secret: ${w.webhookSecret}\n\n` +
          w.endpoints.map((e) => `${e.platform}\n  ${e.url}\n  ${e.signing}\n`).join('\n'),
      ),
    );
}

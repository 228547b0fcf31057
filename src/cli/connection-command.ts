import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { rotateSecretKey } from '../admin/rotate-secret-key.ts';
import { runAdminCommand } from '../admin/run-admin-command.ts';
import {
  listSendingConnections,
  removeSendingConnection,
  type SendingConnectionView,
  setSendingConnection,
  testSendingConnection,
} from '../admin/sending-connections.ts';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { ValidationError } from '../errors.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { reconcileMissedReplies } from '../sending/reconcile-missed-replies.ts';
import { syncPlatformCampaigns } from '../sending/sync-platform-campaigns.ts';
import { runCommand } from './run-command.ts';

interface SetOptions {
  kind: string;
  apiKey?: string;
  token?: string;
  smtpUrl?: string;
  baseUrl?: string;
  json?: boolean;
}

/** `-` reads the secret from stdin, so it never shows in the process list or shell history. */
async function secretValue(value: string | undefined): Promise<string | undefined> {
  if (value !== '-') return value;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

function describeConnection(c: SendingConnectionView): string {
  const creds = Object.entries(c.credentials)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const check =
    c.lastCheck.ok === null
      ? 'not tested yet'
      : c.lastCheck.ok
        ? `ok (${c.lastCheck.at})`
        : `FAILING: ${c.lastCheck.errorCode}: ${c.lastCheck.error}`;
  const reconcile =
    c.lastReconcile.at === null
      ? ''
      : `\n  last reconciliation ${c.lastReconcile.at}: ${c.lastReconcile.error ? `${c.lastReconcile.error.startsWith('not supported') ? 'WARNING' : 'FAILED'}: ${c.lastReconcile.error}` : `${c.lastReconcile.recovered} missed repl(ies) recovered`}`;
  return (
    `${c.kind}${Object.keys(c.settings).length ? `  ${JSON.stringify(c.settings)}` : ''}\n` +
    (creds ? `  credentials: ${creds}\n` : '') +
    `  check: ${check}` +
    (c.lastSync.at
      ? `\n  last campaign sync ${c.lastSync.at}${c.lastSync.error ? `: FAILED: ${c.lastSync.error}` : ''}`
      : '') +
    `${reconcile}\n`
  );
}

/** `autosend connection set|test|list|remove|sync|reconcile|rotate-key`. */
export function registerConnectionCommand(program: Command): void {
  const connection = program
    .command('connection')
    .description(
      'Sending connections per workspace: smartlead, instantly, emailbison, smtp or outbox (docs/sending.md)',
    );

  connection
    .command('list')
    .description('List the connections with their last check, sync and reconciliation (redacted)')
    .argument('<workspace>', 'workspace id')
    .option('--json', 'print one JSON document')
    .action((workspace: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, config }) => ({
          items: await listSendingConnections(db, workspace, { secretKey: config.secretKey }),
        }),
        ({ items }) =>
          items.length
            ? items.map(describeConnection).join('')
            : 'no sending connections: generic campaigns use SENDER; platform campaigns wait for review\n',
      ),
    );

  connection
    .command('set')
    .description(
      'Create or replace a connection; credentials are stored encrypted (AUTOSEND_SECRET_KEY). Give `-` to read a secret from stdin',
    )
    .argument('<workspace>', 'workspace id')
    .requiredOption('--kind <kind>', 'smartlead, instantly, emailbison, smtp or outbox')
    .option('--api-key <key>', 'Smartlead or Instantly API key (`-`: read from stdin)')
    .option('--token <token>', 'EmailBison API token (`-`: read from stdin)')
    .option('--base-url <url>', 'EmailBison instance URL (required); API base for the others')
    .option('--smtp-url <url>', 'smtp://user:pass@host:port (`-`: read from stdin)')
    .option('--json', 'print one JSON document')
    .action((workspace: string, o: SetOptions) =>
      runAdminCommand(
        o,
        async ({ db, actor, config }) => {
          const input = {
            kind: o.kind,
            ...(o.apiKey !== undefined ? { apiKey: await secretValue(o.apiKey) } : {}),
            ...(o.token !== undefined ? { token: await secretValue(o.token) } : {}),
            ...(o.smtpUrl !== undefined ? { smtpUrl: await secretValue(o.smtpUrl) } : {}),
            ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
          };
          return setSendingConnection(db, actor, workspace, input, { secretKey: config.secretKey });
        },
        (c) =>
          `saved\n${describeConnection(c)}  next: autosend connection test ${workspace} ${c.kind}\n`,
      ),
    );

  connection
    .command('test')
    .description('Make one harmless authenticated call and say exactly what is wrong, if anything')
    .argument('<workspace>', 'workspace id')
    .argument('<kind>')
    .option('--json', 'print one JSON document')
    .action((workspace: string, kind: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, config }) => {
          const result = await testSendingConnection(db, workspace, kind, {
            secretKey: config.secretKey,
            http: { timeoutMs: config.sending.platformTimeoutMs },
          });
          if (!result.ok) process.exitCode = 1;
          return result;
        },
        (r) =>
          r.ok
            ? `${r.kind}: ok: ${r.summary}\n`
            : `${r.kind}: FAILED [${r.errorCode}]: ${r.problem}\n`,
      ),
    );

  connection
    .command('remove')
    .description("Remove a connection (that platform's replies then wait for review)")
    .argument('<workspace>', 'workspace id')
    .argument('<kind>')
    .option('--json', 'print one JSON document')
    .action((workspace: string, kind: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor, config }) =>
          removeSendingConnection(db, actor, workspace, kind, { secretKey: config.secretKey }),
        (r) => `removed the ${r.kind} connection of ${r.workspaceId}\n`,
      ),
    );

  connection
    .command('sync')
    .description("List the platform's campaigns into Autosend as discovered campaigns")
    .argument('<workspace>', 'workspace id')
    .argument('<kind>', 'smartlead, instantly or emailbison')
    .option('--json', 'print one JSON document')
    .action((workspace: string, kind: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, config }) =>
          syncPlatformCampaigns(db, workspace, kind, {
            secretKey: config.secretKey,
            http: { timeoutMs: config.sending.platformTimeoutMs },
          }),
        (r) =>
          `${r.kind}: ${r.listed} campaign(s) listed, ${r.discovered} new (configure them with autosend campaign), ${r.renamed} renamed\n`,
      ),
    );

  connection
    .command('reconcile')
    .description(
      'Ask each connected platform for recent replies and take in any its webhook missed (also runs every RECONCILE_INTERVAL_MINUTES)',
    )
    .argument('[workspace]', 'workspace id (default: every workspace)')
    .option('--json', 'print one JSON document')
    .action((workspace: string | undefined, o: { json?: boolean }) =>
      runCommand(async ({ config, logger }) => {
        const runtime = await openDatabaseRuntime(config, logger);
        let queue: Awaited<ReturnType<typeof startJobQueue>> | undefined;
        try {
          queue = await startJobQueue(runtime.url, logger, { schedule: false, supervise: false });
          const results = await reconcileMissedReplies(
            { db: runtime.database.db, queue, logger, config },
            { ...(workspace ? { workspaceId: workspace } : {}), now: new Date() },
          );
          process.stdout.write(
            o.json
              ? `${JSON.stringify({ items: results }, null, 2)}\n`
              : results.length
                ? results
                    .map((r) =>
                      r.error
                        ? `${r.workspaceId} ${r.kind}: FAILED: ${r.error}\n`
                        : !r.supported
                          ? `${r.workspaceId} ${r.kind}: WARNING: ${r.unsupportedReason ?? 'not supported'}\n`
                          : `${r.workspaceId} ${r.kind}: ${r.listed} listed, ${r.recovered} missed repl(ies) recovered${r.recovered ? ' (WARNING: the webhook is not delivering)' : ''}\n`,
                    )
                    .join('')
                : 'no platform connections to reconcile\n',
          );
          if (results.some((r) => r.error)) process.exitCode = 1;
        } finally {
          await queue?.stop({ graceful: false });
          await runtime.close();
        }
      }),
    );

  connection
    .command('rotate-key')
    .description(
      'Re-seal every stored secret (connection credentials, Slack tokens, availability credentials, webhook secrets) under the current AUTOSEND_SECRET_KEY (docs/sending.md)',
    )
    .requiredOption('--previous-key-file <file>', 'file holding the old AUTOSEND_SECRET_KEY')
    .option('--json', 'print one JSON document')
    .action((o: { previousKeyFile: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor, config }) => {
          let previousKey: string;
          try {
            previousKey = (await readFile(o.previousKeyFile, 'utf8')).trim();
          } catch (error) {
            const problem = `cannot read ${o.previousKeyFile}: ${(error as Error).message}`;
            throw new ValidationError(problem, { previousKeyFile: problem });
          }
          return rotateSecretKey(db, actor, { previousKey, secretKey: config.secretKey });
        },
        (r) =>
          `re-sealed ${r.resealed} secret(s) (${r.byKind.sendingConnections} connection credential(s), ${r.byKind.slackTokens} Slack token(s), ${r.byKind.availabilityCredentials} availability credential(s), ${r.byKind.webhookSecrets} webhook secret(s)); ${r.alreadyCurrent} already used the current key\n`,
      ),
    );
}

import { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * The top-level commands and the module that registers each, in help order.
 * A run loads only the module of the command it runs (its services, the
 * model client, Slack, the senders are not all loaded for `autosend lead
 * show`); help, no command or an unknown one loads them all.
 */
export const COMMAND_MODULES: [names: string[], load: () => Promise<Register>][] = [
  [
    ['start', 'serve', 'worker'],
    async () => (await import('./service-commands.ts')).registerServiceCommands,
  ],
  [['migrate'], async () => (await import('./migrate-command.ts')).registerMigrateCommand],
  [['ingest'], async () => (await import('./ingest-command.ts')).registerIngestCommand],
  [['workspace'], async () => (await import('./workspace-command.ts')).registerWorkspaceCommand],
  [['campaign'], async () => (await import('./campaign-command.ts')).registerCampaignCommand],
  [['connection'], async () => (await import('./connection-command.ts')).registerConnectionCommand],
  [['lead'], async () => (await import('./lead-command.ts')).registerLeadCommand],
  [['token'], async () => (await import('./token-command.ts')).registerTokenCommand],
  [['user'], async () => (await import('./user-command.ts')).registerUserCommand],
  [['audit'], async () => (await import('./audit-command.ts')).registerAuditCommand],
  [['slack'], async () => (await import('./slack-command.ts')).registerSlackCommand],
  [['review'], async () => (await import('./review-command.ts')).registerReviewCommand],
  [['explain'], async () => (await import('./explain-command.ts')).registerExplainCommand],
  [['followups'], async () => (await import('./followups-command.ts')).registerFollowupsCommand],
  [['demo'], async () => (await import('./demo-command.ts')).registerDemoCommand],
  [['classify'], async () => (await import('./classify-command.ts')).registerClassifyCommand],
  [['backfill'], async () => (await import('./backfill-command.ts')).registerBackfillCommand],
  [['usage'], async () => (await import('./usage-command.ts')).registerUsageCommand],
  [['eval'], async () => (await import('./eval-command.ts')).registerEvalCommand],
];

/** Builds the `autosend` command tree for `argv`. Each command lives in its own file and calls the services. */
export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command('autosend')
    .description(
      'Autosend: the AI reply engine for cold-email outreach.\n' +
        'Configuration comes from the environment and .env (see .env.example).',
    )
    .showHelpAfterError();
  const invoked = argv[2];
  const only = COMMAND_MODULES.filter(
    ([names]) => invoked !== undefined && names.includes(invoked),
  );
  for (const [, load] of only.length > 0 ? only : COMMAND_MODULES) (await load())(program);
  return program;
}

await (await buildProgram()).parseAsync(process.argv);

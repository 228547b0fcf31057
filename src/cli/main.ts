import { Command } from 'commander';
import { registerAuditCommand } from './audit-command.ts';
import { registerBackfillCommand } from './backfill-command.ts';
import { registerCampaignCommand } from './campaign-command.ts';
import { registerClassifyCommand } from './classify-command.ts';
import { registerConnectionCommand } from './connection-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerEvalCommand } from './eval-command.ts';
import { registerExplainCommand } from './explain-command.ts';
import { registerFollowupsCommand } from './followups-command.ts';
import { registerIngestCommand } from './ingest-command.ts';
import { registerLeadCommand } from './lead-command.ts';
import { registerMigrateCommand } from './migrate-command.ts';
import { registerReviewCommand } from './review-command.ts';
import { registerServiceCommands } from './service-commands.ts';
import { registerSlackCommand } from './slack-command.ts';
import { registerTokenCommand } from './token-command.ts';
import { registerUsageCommand } from './usage-command.ts';
import { registerUserCommand } from './user-command.ts';
import { registerWorkspaceCommand } from './workspace-command.ts';

/** Builds the `autosend` command tree. Each command lives in its own file and calls the services. */
export function buildProgram(): Command {
  const program = new Command('autosend')
    .description(
      'Autosend: the AI reply engine for cold-email outreach.\n' +
        'Configuration comes from the environment and .env (see .env.example).',
    )
    .showHelpAfterError();
  registerServiceCommands(program);
  registerMigrateCommand(program);
  registerIngestCommand(program);
  registerWorkspaceCommand(program);
  registerCampaignCommand(program);
  registerConnectionCommand(program);
  registerLeadCommand(program);
  registerTokenCommand(program);
  registerUserCommand(program);
  registerAuditCommand(program);
  registerSlackCommand(program);
  registerReviewCommand(program);
  registerExplainCommand(program);
  registerFollowupsCommand(program);
  registerDemoCommand(program);
  registerClassifyCommand(program);
  registerBackfillCommand(program);
  registerUsageCommand(program);
  registerEvalCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);

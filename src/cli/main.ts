import { Command } from 'commander';
import { registerIngestCommand } from './ingest-command.ts';
import { registerMigrateCommand } from './migrate-command.ts';
import { registerServiceCommands } from './service-commands.ts';
import { registerSlackCommand } from './slack-command.ts';

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
  registerSlackCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);

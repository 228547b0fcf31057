import type { Command } from 'commander';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { migrationStatus } from '../db/migrate.ts';
import { runCommand } from './run-command.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'Apply pending database migrations and exit (start, serve and worker also do this).',
    )
    .option('--status', 'only report which migrations are pending; change nothing')
    .option('--json', 'print one JSON document')
    .action((options: { status?: boolean; json?: boolean }) =>
      runCommand(
        async ({ config, logger }) => {
          const runtime = await openDatabaseRuntime(config, logger, { migrate: false });
          try {
            const before = await migrationStatus(runtime.database.pool);
            let applied: string[] = [];
            if (!options.status) {
              const { runMigrations } = await import('../db/migrate.ts');
              applied = await runMigrations(runtime.database.pool);
            }
            const after = await migrationStatus(runtime.database.pool);
            if (options.json) {
              process.stdout.write(
                `${JSON.stringify({ applied, pending: after.pending, current: after.current })}\n`,
              );
            } else if (options.status) {
              process.stdout.write(
                before.current ? 'migrations current\n' : `pending: ${before.pending.join(', ')}\n`,
              );
            } else {
              process.stdout.write(
                applied.length
                  ? `applied: ${applied.join(', ')}\n`
                  : 'migrations already current\n',
              );
            }
          } finally {
            await runtime.close();
          }
        },
        { uses: [] },
      ),
    );
}

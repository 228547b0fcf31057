import type { Command } from 'commander';
import { startService } from '../service.ts';
import { runCommand } from './run-command.ts';
import { runUntilSignal } from './run-until-signal.ts';
import { startBanner } from './start-banner.ts';

async function runService(roles: { http: boolean; worker: boolean }): Promise<void> {
  await runCommand(
    async ({ config, logger }) => {
      const service = await startService(config, logger, roles);
      if (service.url) process.stdout.write(startBanner(service.url, service.setupUrl));
      await runUntilSignal(service, logger);
    },
    { logToStdout: true },
  );
}

export function registerServiceCommands(program: Command): void {
  program
    .command('start')
    .description(
      'Migrate, then run the HTTP server (webhooks, API, dashboard) and a job worker in one process. ' +
        'Without DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR/postgres and stops it on exit.',
    )
    .action(() => runService({ http: true, worker: true }));

  program
    .command('serve')
    .description(
      'Run only the HTTP server (webhooks, API, dashboard). Run several behind a load balancer.',
    )
    .action(() => runService({ http: true, worker: false }));

  program
    .command('worker')
    .description(
      'Run only a job worker (inbound.process, reply.send, review.notify, availability.refresh). ' +
        'Run several, on several machines, against one PostgreSQL; SIGTERM drains in-flight jobs.',
    )
    .action(() => runService({ http: false, worker: true }));
}

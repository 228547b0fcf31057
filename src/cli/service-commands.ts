import type { Command } from 'commander';
import { startService } from '../service.ts';
import { runCommand } from './run-command.ts';

async function runUntilSignal(roles: { http: boolean; worker: boolean }): Promise<void> {
  await runCommand(
    async ({ config, logger }) => {
      const service = await startService(config, logger, roles);
      if (service.url) {
        process.stdout.write(`\nAutosend is running: dashboard and API at ${service.url}\n`);
        process.stdout.write(`Readiness: ${service.url}/readyz  ·  Ctrl-C to stop\n\n`);
      }
      if (service.setupUrl) {
        process.stdout.write(
          `No one can sign in yet. Create the first admin (one-time link):\n\n  ${service.setupUrl}\n\n`,
        );
      }
      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            logger.warn({ signal }, 'still shutting down: waiting for in-flight jobs');
            return;
          }
          stopping = true;
          logger.info({ signal }, 'shutting down');
          service
            .stop()
            .catch((error) => {
              logger.error({ err: error }, 'shutdown failed');
              process.exitCode = 1;
            })
            .finally(resolve);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
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
    .action(() => runUntilSignal({ http: true, worker: true }));

  program
    .command('serve')
    .description(
      'Run only the HTTP server (webhooks, API, dashboard). Run several behind a load balancer.',
    )
    .action(() => runUntilSignal({ http: true, worker: false }));

  program
    .command('worker')
    .description(
      'Run only a job worker (inbound.process, reply.send, review.notify, availability.refresh). ' +
        'Run several, on several machines, against one PostgreSQL; SIGTERM drains in-flight jobs.',
    )
    .action(() => runUntilSignal({ http: false, worker: true }));
}

import os from 'node:os';
import { runCommand } from '../cli/run-command.ts';
import type { Config } from '../config/load-config.ts';
import { openDatabaseRuntime } from '../database-runtime.ts';
import type { Db } from '../db/client.ts';
import { AutosendError, ValidationError } from '../errors.ts';

export interface AdminCommandContext {
  db: Db;
  config: Config;
  /** `cli:<os user>`: who the audit log names. */
  actor: string;
}

/** The URL webhooks are reached at: PUBLIC_URL, else this machine's HTTP address. */
export function publicUrlOf(config: Config): string {
  return config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * Runs an admin CLI command against the database (closed in finally). The
 * body returns one result: with `--json` it is printed as one JSON document
 * (errors too, as `{ error }`), otherwise `text` renders it.
 */
export function runAdminCommand<T>(
  options: { json?: boolean },
  body: (ctx: AdminCommandContext) => Promise<T>,
  text: (result: T) => string,
): Promise<void> {
  return runCommand(
    async ({ config, logger }) => {
      const runtime = await openDatabaseRuntime(config, logger);
      try {
        const result = await body({ db: runtime.database.db, config, actor: `cli:${osUser()}` });
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : text(result));
      } catch (error) {
        if (!options.json || !(error instanceof AutosendError)) throw error;
        const fields = error instanceof ValidationError ? { fields: error.fields } : {};
        process.stdout.write(
          `${JSON.stringify({ error: { code: error.code, message: error.message, ...fields } })}\n`,
        );
        process.exitCode = 1;
      } finally {
        await runtime.close();
      }
      // Admin commands read no AI, sending or availability settings; Slack ones use the token.
    },
    { uses: ['slack'] },
  );
}

/** Collects a repeatable option (`--reviewer a --reviewer b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

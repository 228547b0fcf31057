import { ALL_CONFIG_GROUPS, type ConfigGroup } from '../config/config-groups.ts';
import { type Config, type DotenvUse, loadCommandConfig } from '../config/load-config.ts';
import { ConfigError } from '../errors.ts';
import { createLogger, type Logger } from '../logger.ts';

export interface CommandContext {
  config: Config;
  logger: Logger;
}

/**
 * Runs a command body with parsed config and a logger. Failures set
 * process.exitCode and print one line (the stack only with DEBUG set).
 * CLI commands log to stderr so that stdout carries only their output.
 * `uses` names the setting groups the command reads (default: all); only
 * those are validated.
 */
export async function runCommand(
  body: (ctx: CommandContext) => Promise<void>,
  options: { logToStdout?: boolean; uses?: readonly ConfigGroup[] } = {},
): Promise<void> {
  let config: Config;
  let dotenv: DotenvUse | undefined;
  try {
    ({ config, dotenv } = loadCommandConfig(options.uses ?? ALL_CONFIG_GROUPS));
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.lines) process.stderr.write(`autosend: ${line}\n`);
      process.exitCode = 78; // EX_CONFIG
      return;
    }
    throw error;
  }
  const logger = createLogger(
    options.logToStdout ? config.logLevel : process.env.DEBUG ? 'debug' : 'warn',
    options.logToStdout ? undefined : process.stderr,
  );
  if (dotenv) {
    // Named once, at start-up: which keys the file set, never their values.
    if (options.logToStdout)
      logger.info({ file: dotenv.path, keys: dotenv.keys }, 'settings from .env');
    else
      process.stderr.write(`autosend: settings from ${dotenv.path}: ${dotenv.keys.join(', ')}\n`);
  }
  try {
    await body({ config, logger });
  } catch (error) {
    const err = error as Error & { code?: string };
    process.stderr.write(`autosend: ${err.code ? `[${err.code}] ` : ''}${err.message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err.stack}\n`);
    process.exitCode = process.exitCode || 1;
  }
}

import { type Config, loadConfig } from '../config/load-config.ts';
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
 */
export async function runCommand(
  body: (ctx: CommandContext) => Promise<void>,
  options: { logToStdout?: boolean } = {},
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
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
  try {
    await body({ config, logger });
  } catch (error) {
    const err = error as Error & { code?: string };
    process.stderr.write(`autosend: ${err.code ? `[${err.code}] ` : ''}${err.message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err.stack}\n`);
    process.exitCode = process.exitCode || 1;
  }
}

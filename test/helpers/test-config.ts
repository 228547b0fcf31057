import { type Config, parseConfig } from '../../src/config/load-config.ts';

/** A config as the service would parse it, from an explicit environment (never process.env). */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ LOG_LEVEL: 'silent', ...env });
}

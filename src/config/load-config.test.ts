import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { parseConfig } from './load-config.ts';

function errorLines(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const config = parseConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.ai.provider).toBe('offline');
    expect(config.ai.openai.timeoutMs).toBe(60000);
    expect(config.autoSendDisabled).toBe(false);
    expect(config.database.url).toBeUndefined();
    expect(config.embedded.dataDir).toMatch(/data[\\/]postgres$/);
    expect(config.backfill.logDir).toBe(path.resolve('logs'));
  });

  it('names the variable, the problem and the expected form in one line', () => {
    expect(errorLines({ OPENAI_DRAFT_TIMEOUT_MS: 'fast' })).toEqual([
      'OPENAI_DRAFT_TIMEOUT_MS must be a positive integer (ms), got "fast"',
    ]);
    expect(errorLines({ PORT: 'http' })).toEqual([
      'PORT must be a TCP port (0-65535; 0 picks a free one), got "http"',
    ]);
    expect(errorLines({ AI_PROVIDER: 'claude' })).toEqual([
      'AI_PROVIDER must be offline or openai, got "claude"',
    ]);
  });

  it('reports every bad variable, not just the first', () => {
    const lines = errorLines({ PORT: '-1', AUTO_SEND_DISABLED: 'maybe', LOG_LEVEL: 'loud' });
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain('AUTO_SEND_DISABLED must be a boolean');
  });

  it('never echoes a secret value', () => {
    const lines = errorLines({ SLACK_BOT_TOKEN: 'not-a-token-but-secret-123' });
    expect(lines[0]).toMatch(/^SLACK_BOT_TOKEN must be a Slack token/);
    expect(lines[0]).not.toContain('secret-123');
    expect(errorLines({ DATABASE_URL: 'mysql://root:hunter2@db' })[0]).not.toContain('hunter2');
  });

  it('reads the kill switch in its common spellings', () => {
    for (const v of ['1', 'true', 'YES', 'on']) {
      expect(parseConfig({ AUTO_SEND_DISABLED: v }).autoSendDisabled).toBe(true);
    }
    for (const v of ['0', 'false', 'no', 'off']) {
      expect(parseConfig({ AUTO_SEND_DISABLED: v }).autoSendDisabled).toBe(false);
    }
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).http.port).toBe(3000);
  });

  it('requires the settings a chosen provider or sender needs', () => {
    expect(errorLines({ AI_PROVIDER: 'openai' })[0]).toMatch(/^OPENAI_API_KEY must be set/);
    expect(errorLines({ SENDER: 'smtp' })[0]).toMatch(/^SMTP_URL must be/);
  });
});

import { describe, expect, it } from 'vitest';
import { ALL_CONFIG_GROUPS, CONFIG_GROUP_KEYS, keepUsedGroups } from './config-groups.ts';
import { parseConfig } from './load-config.ts';
import { envSchema } from './schema.ts';

describe('keepUsedGroups', () => {
  const broken = {
    DATABASE_URL: 'postgres://u@h/db',
    AI_PROVIDER: 'openai',
    OPENAI_DRAFT_TIMEOUT_MS: 'fast',
    SENDER: 'smtp',
  };

  it('lets a command that uses no AI or sending run with broken AI and SMTP settings', () => {
    const config = parseConfig(keepUsedGroups(broken, []));
    expect(config.database.url).toBe('postgres://u@h/db');
  });

  it('still refuses them for a command that uses them, naming the variable', () => {
    expect(() => parseConfig(keepUsedGroups(broken, ['ai']))).toThrow(/OPENAI_DRAFT_TIMEOUT_MS/);
    expect(() => parseConfig(keepUsedGroups(broken, ALL_CONFIG_GROUPS))).toThrow();
  });

  it('names only keys the schema knows', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const g of ALL_CONFIG_GROUPS) {
      for (const key of CONFIG_GROUP_KEYS[g]) expect(known.has(key), key).toBe(true);
    }
  });
});

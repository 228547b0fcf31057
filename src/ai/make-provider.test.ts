import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.ts';
import { createLogger } from '../logger.ts';
import { makeAiProvider } from './make-provider.ts';

const logger = createLogger('silent');

describe('makeAiProvider', () => {
  it('uses the offline provider by default', () => {
    const provider = makeAiProvider(parseConfig({}), logger);
    expect(provider.name).toBe('offline');
    expect(provider.model).toBe('offline-rules-v2');
  });

  it('uses the openai provider with the configured model when AI_PROVIDER=openai', () => {
    const config = parseConfig({
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'llama3.1:8b',
    });
    const provider = makeAiProvider(config, logger);
    expect(provider.name).toBe('openai');
    expect(provider.model).toBe('llama3.1:8b');
  });
});

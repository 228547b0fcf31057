import type { Config } from '../config/load-config.ts';
import type { Logger } from '../logger.ts';
import { makeOfflineProvider } from './offline-provider.ts';
import { makeOpenAiProvider } from './openai-provider.ts';
import type { AiProvider } from './provider.ts';

/** The AI provider chosen by AI_PROVIDER: `offline` (default, no network) or `openai`. */
export function makeAiProvider(config: Config, logger: Logger): AiProvider {
  switch (config.ai.provider) {
    case 'openai':
      return makeOpenAiProvider(config.ai.openai, logger);
    case 'offline':
      return makeOfflineProvider();
  }
}

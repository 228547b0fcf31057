import type { AiProvider } from '../ai/provider.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** The provider with every model call waiting for its start under the run's --rpm limit. */
export function limitAiProvider(
  ai: AiProvider,
  limiter: RateLimiter,
): AiProvider & { calls: () => number } {
  let calls = 0;
  const limited =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await limiter.take();
      calls++;
      return fn(...args);
    };
  return {
    name: ai.name,
    model: ai.model,
    classify: limited(ai.classify.bind(ai)),
    draft: limited(ai.draft.bind(ai)),
    evaluate: limited(ai.evaluate.bind(ai)),
    calls: () => calls,
  };
}

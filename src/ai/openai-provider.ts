import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import type { Config } from '../config/load-config.ts';
import type { Logger } from '../logger.ts';
import {
  type CompletionLike,
  mapClassifyOutput,
  mapDraftOutput,
  mapEvaluateOutput,
} from './map-model-output.ts';
import { mapOpenAiError } from './map-openai-error.ts';
import { type JsonSchemaFormat, RESPONSE_FORMATS } from './output-schemas.ts';
import {
  buildClassifyMessages,
  buildDraftMessages,
  buildEvaluateMessages,
  type ChatMessage,
  chooseFence,
  leadTexts,
} from './prompts.ts';
import type { AiProvider, TokenUsage } from './provider.ts';

/** Sent as the key to local servers that need none (Ollama, vLLM); the SDK insists on one. */
const NO_KEY = 'no-key-needed';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Adapts our pino logger to the SDK's logger. Only the message string is
 * passed on (the SDK's extra arguments can hold request details); retries
 * are worth an info line, the SDK's per-request chatter only debug.
 */
function sdkLogger(logger: Logger) {
  return {
    error: (message: string) => logger.error(message),
    warn: (message: string) => logger.warn(message),
    info: (message: string) =>
      /retrying|timed out|failed/.test(message) ? logger.info(message) : logger.debug(message),
    debug: (message: string) => logger.debug(message),
  };
}

/**
 * The `openai` provider: Chat Completions with strict JSON-schema outputs on
 * any OpenAI-compatible server (`baseUrl`). Each call has its own timeout
 * (`timeoutMs`) and the SDK retries connection errors, timeouts, 408/409/429
 * and 5xx up to `maxRetries` times with exponential backoff, waiting what a
 * `Retry-After` header asks (up to 60 s). Failures surface as AutosendError
 * codes (see map-openai-error.ts); malformed answers as `ai_bad_output`.
 * The API key is never logged.
 */
export function makeOpenAiProvider(config: Config['ai']['openai'], logger?: Logger): AiProvider {
  const log = logger?.child({ component: 'ai.openai', model: config.model });
  // Every option given explicitly: the SDK would otherwise read OPENAI_* from
  // process.env itself, and config is the only reader of the environment.
  const clientFor = (apiKey: string | undefined, baseUrl: string | undefined) =>
    new OpenAI({
      apiKey: apiKey ?? NO_KEY,
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      baseURL: baseUrl ?? DEFAULT_BASE_URL,
      timeout: config.timeoutMs,
      maxRetries: config.maxRetries,
      ...(log
        ? { logger: sdkLogger(log), logLevel: 'info' as const }
        : { logLevel: 'off' as const }),
    });
  const client = clientFor(config.apiKey, config.baseUrl);
  // The evaluator may be another model, on another server with another key.
  const evaluator = config.evaluator ?? {};
  const evaluatorApiKey = evaluator.apiKey ?? (evaluator.baseUrl ? undefined : config.apiKey);
  const evaluatorClient =
    evaluator.baseUrl || evaluator.apiKey
      ? clientFor(evaluatorApiKey, evaluator.baseUrl ?? config.baseUrl)
      : client;
  const evaluatorModel = evaluator.model ?? config.model;
  const timeouts = {
    classify: config.classifyTimeoutMs ?? config.timeoutMs,
    draft: config.timeoutMs,
    evaluate: config.evaluateTimeoutMs ?? config.timeoutMs,
  };

  async function complete(
    operation: 'classify' | 'draft' | 'evaluate',
    messages: ChatMessage[],
    responseFormat: JsonSchemaFormat,
    signal: AbortSignal | undefined,
  ): Promise<
    CompletionLike & { usage?: { prompt_tokens?: number; completion_tokens?: number } | null }
  > {
    const started = Date.now();
    const model = operation === 'evaluate' ? evaluatorModel : config.model;
    const target = operation === 'evaluate' ? evaluatorClient : client;
    try {
      const completion = await target.chat.completions.create(
        {
          model,
          messages,
          response_format: responseFormat,
          // OpenAI documents max_completion_tokens (max_tokens is deprecated); not
          // confirmed for every compatible server (older Ollama/vLLM builds).
          ...(config.maxTokens ? { max_completion_tokens: config.maxTokens } : {}),
          ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
        },
        // Each attempt of each call has its own timeout; the job's signal aborts all of them.
        { timeout: timeouts[operation], ...(signal ? { signal } : {}) },
      );
      log?.debug(
        { operation, ms: Date.now() - started, finishReason: completion.choices[0]?.finish_reason },
        'ai call done',
      );
      return completion;
    } catch (error) {
      const mapped = mapOpenAiError(error, {
        operation,
        apiKey: operation === 'evaluate' ? evaluatorApiKey : config.apiKey,
      });
      log?.warn(
        { operation, code: mapped.code, ms: Date.now() - started, details: mapped.details },
        mapped.message,
      );
      throw mapped;
    }
  }

  // A fresh random boundary per request, absent from every fenced text.
  const fenceFor = (input: Parameters<typeof leadTexts>[0]) =>
    chooseFence(leadTexts(input), () => randomBytes(12).toString('base64url'));

  const usageOf = (
    completion: CompletionLike & {
      usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
    },
    requested: string,
  ): TokenUsage => ({
    model: completion.model || requested,
    promptTokens: completion.usage?.prompt_tokens ?? 0,
    completionTokens: completion.usage?.completion_tokens ?? 0,
  });

  return {
    name: 'openai',
    model: config.model,
    async classify(input, signal) {
      const completion = await complete(
        'classify',
        buildClassifyMessages(input, fenceFor(input)),
        RESPONSE_FORMATS.classify,
        signal,
      );
      return { ...mapClassifyOutput(completion), usage: usageOf(completion, config.model) };
    },
    async draft(input, signal) {
      const completion = await complete(
        'draft',
        buildDraftMessages(input, fenceFor(input)),
        RESPONSE_FORMATS.draft,
        signal,
      );
      return {
        ...mapDraftOutput(completion, config.model),
        usage: usageOf(completion, config.model),
      };
    },
    async evaluate(input, signal) {
      const completion = await complete(
        'evaluate',
        buildEvaluateMessages(input, fenceFor(input)),
        RESPONSE_FORMATS.evaluate,
        signal,
      );
      return { ...mapEvaluateOutput(completion), usage: usageOf(completion, evaluatorModel) };
    },
  };
}

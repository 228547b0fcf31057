import OpenAI from 'openai';
import { AutosendError } from '../errors.ts';

/**
 * Maps what the OpenAI SDK throws (after its own retries) to our error codes,
 * by error class and HTTP status, never by message text:
 * timeout → ai_timeout; 429 → ai_rate_limited (an exhausted quota is
 * ai_rejected: waiting will not help); 5xx, 408, 409 and connection failures
 * → ai_unavailable; other 4xx (bad request, key, permission, unknown model)
 * → ai_rejected. The API key is scrubbed from any message that echoes it.
 */
export function mapOpenAiError(
  error: unknown,
  context: { operation: string; apiKey?: string | undefined },
): AutosendError {
  if (error instanceof AutosendError) return error;
  const scrub = (text: string) =>
    context.apiKey ? text.split(context.apiKey).join('[redacted]') : text;
  const message = scrub(error instanceof Error ? error.message : String(error));
  const at = `${context.operation}: `;

  if (error instanceof OpenAI.APIUserAbortError) {
    return new AutosendError('ai_timeout', `${at}aborted by the caller`, {
      details: { operation: context.operation, aborted: true },
    });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new AutosendError('ai_timeout', `${at}${message}`, {
      details: { operation: context.operation },
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new AutosendError('ai_unavailable', `${at}${message}`, {
      details: { operation: context.operation },
    });
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const details = {
      operation: context.operation,
      status,
      apiCode: error.code ?? undefined,
      requestId: error.requestID ?? undefined,
    };
    if (status === 429) {
      return error.code === 'insufficient_quota'
        ? new AutosendError('ai_rejected', `${at}${message}`, { details })
        : new AutosendError('ai_rate_limited', `${at}${message}`, { details });
    }
    if (status === undefined || status >= 500 || status === 408 || status === 409) {
      return new AutosendError('ai_unavailable', `${at}${message}`, { details });
    }
    return new AutosendError('ai_rejected', `${at}${message}`, { details });
  }
  return new AutosendError('internal', `${at}${message}`, {
    details: { operation: context.operation },
  });
}

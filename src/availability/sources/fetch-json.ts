import { AutosendError, type ErrorCode } from '../../errors.ts';

export type FetchImpl = typeof fetch;

export interface FetchJsonOptions {
  /** Names the source in errors: "calendly", "calcom", ... */
  source: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Retries after a 429; each waits Retry-After, when it is at most maxRetryWaitMs. */
  maxRetries?: number;
  maxRetryWaitMs?: number;
}

/** Status → error code: throttling and server faults pass; bad settings wait for a person. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 400 || status === 422) return 'validation_failed';
  return 'source_unavailable';
}

function retryAfterMs(header: string | null): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 1000;
}

/**
 * GETs a JSON document. Non-2xx answers throw AutosendError with the HTTP
 * status and the body's message in `details`; a 429 is retried when the
 * server asks for a short wait, because calendar APIs throttle in bursts.
 */
export async function fetchJson(
  fetchImpl: FetchImpl,
  url: string,
  options: FetchJsonOptions,
): Promise<unknown> {
  return fetchBody(fetchImpl, url, options, 'json');
}

/** Like fetchJson, for text documents (an iCalendar feed). */
export async function fetchText(
  fetchImpl: FetchImpl,
  url: string,
  options: FetchJsonOptions,
): Promise<string> {
  return (await fetchBody(fetchImpl, url, options, 'text')) as string;
}

async function fetchBody(
  fetchImpl: FetchImpl,
  url: string,
  options: FetchJsonOptions,
  as: 'json' | 'text',
): Promise<unknown> {
  const maxRetries = options.maxRetries ?? 2;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { accept: 'application/json', ...options.headers },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (cause) {
      throw new AutosendError('source_unavailable', `${options.source}: request failed`, {
        cause,
        details: { source: options.source },
      });
    }
    if (response.ok) {
      try {
        return as === 'json' ? await response.json() : await response.text();
      } catch (cause) {
        throw new AutosendError('source_unavailable', `${options.source}: response is not JSON`, {
          cause,
          details: { source: options.source, status: response.status },
        });
      }
    }
    const text = await response.text().catch(() => '');
    if (response.status === 429 && attempt < maxRetries) {
      const wait = retryAfterMs(response.headers.get('retry-after'));
      if (wait <= (options.maxRetryWaitMs ?? 5_000)) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
    }
    throw new AutosendError(
      codeForStatus(response.status),
      `${options.source}: HTTP ${response.status}${text ? ` ${text.slice(0, 300)}` : ''}`,
      { details: { source: options.source, status: response.status } },
    );
  }
}

/** Reads the HTTP status an AutosendError from fetchJson carries, if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof AutosendError)) return undefined;
  const status = error.details?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Splits [from, to) into consecutive windows of at most `maxDays` days. */
export function splitRange(
  range: { from: Date; to: Date },
  maxDays: number,
): { from: Date; to: Date }[] {
  const out: { from: Date; to: Date }[] = [];
  const step = maxDays * 86_400_000;
  for (let t = range.from.getTime(); t < range.to.getTime(); t += step) {
    out.push({ from: new Date(t), to: new Date(Math.min(t + step, range.to.getTime())) });
  }
  return out;
}

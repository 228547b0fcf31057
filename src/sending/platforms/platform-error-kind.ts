import { AutosendError } from '../../errors.ts';

/** A send failure only an operator can fix (a refused key): the draft waits for review. */
export function heldForOperator(error: unknown): boolean {
  return error instanceof AutosendError && error.details?.hold === true;
}

/** The platform's Retry-After hint (seconds) of a rate-limited send, if any. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof AutosendError) || error.code !== 'platform_rate_limited') return undefined;
  const seconds = error.details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds >= 0 ? seconds : undefined;
}

import { AutosendError } from '../errors.ts';

/**
 * Resolves like `work`, or rejects with `database_unavailable` once `ms` have
 * passed, so an HTTP answer never waits on a database that stopped
 * answering. The work itself is not cancelled (its own statement and
 * connection timeouts end it); a platform retry of a webhook whose work
 * finished late is answered as a duplicate.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new AutosendError('database_unavailable', `${what} did not finish within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

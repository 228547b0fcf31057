/**
 * What a stop signal means, given the ones already received. Pure: the caller
 * passes the clock reading.
 *
 * Under `npm start`, Ctrl-C reaches the process twice: once from the terminal
 * (SIGINT to the whole process group) and once more from npm, which forwards
 * SIGINT and SIGTERM to its child. A repeat of the same signal within
 * `DUPLICATE_WINDOW_MS` is that same request delivered twice, not a second
 * request. Any other later signal asks to stop now, without waiting for
 * in-flight jobs.
 */

export const DUPLICATE_WINDOW_MS = 1000;

export type SignalVerdict = 'stop' | 'duplicate' | 'force';

export interface FirstSignal {
  signal: string;
  at: number;
}

export function judgeSignal(
  first: FirstSignal | undefined,
  signal: string,
  now: number,
): SignalVerdict {
  if (!first) return 'stop';
  if (signal === first.signal && now - first.at < DUPLICATE_WINDOW_MS) return 'duplicate';
  return 'force';
}

import { open } from 'node:fs/promises';
import type { Db } from '../db/client.ts';
import { AutosendError } from '../errors.ts';
import { loadRun } from './run-state.ts';

/** The most of a log the API returns at once; longer logs answer their last part. */
export const LOG_READ_LIMIT = 1024 * 1024;

export interface BackfillLogText {
  runId: string;
  logPath: string | null;
  /** Bytes in the file. */
  size: number;
  /** True when only the last LOG_READ_LIMIT bytes are in `text`. */
  truncated: boolean;
  text: string;
}

/**
 * The run's human-readable log (.log; the .jsonl twin sits beside it), or
 * its last megabyte. A run of another workspace is not found; a log on
 * another machine's disk says so instead of answering empty.
 */
export async function readBackfillLog(
  db: Db,
  /** Null for an agency-wide run. */
  workspaceId: string | null,
  runId: string,
): Promise<BackfillLogText> {
  const run = await loadRun(db, runId).catch(() => null);
  if (!run || run.workspaceId !== workspaceId) {
    throw new AutosendError('not_found', `backfill run ${runId} not found`);
  }
  if (!run.logPath) return { runId, logPath: null, size: 0, truncated: false, text: '' };
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(run.logPath, 'r');
  } catch (error) {
    throw new AutosendError(
      'not_found',
      `the log ${run.logPath} of backfill run ${runId} is not on this server's disk (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); read it on the machine that ran it`,
    );
  }
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - LOG_READ_LIMIT);
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    // Cut to whole lines when only the end is returned.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { runId, logPath: run.logPath, size, truncated: start > 0, text };
  } finally {
    await file.close();
  }
}

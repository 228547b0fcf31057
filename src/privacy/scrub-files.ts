import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { dropLinesNaming, namesAny } from './drop-lines-naming.ts';

export interface FileScrubReport {
  /** Outbox files (.eml replies, .json sms and LinkedIn follow-ups) naming the person. */
  outboxFilesRemoved: number;
  /** Backfill .log / .jsonl files that had lines naming them. */
  logFilesScrubbed: number;
  logLinesRemoved: number;
  /** Files that name the person but could not be changed here, and why. */
  notScrubbed: { path: string; reason: string }[];
}

/** Every file under a folder (temporary dot-files skipped); none when the folder does not exist. */
async function listFiles(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** Replaces a file's content through a temporary file and a rename: never half-written. */
async function replaceFile(file: string, content: string): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
}

/** The run logs: every file of BACKFILL_LOG_DIR, and those runs recorded elsewhere. */
async function backfillLogs(db: Db, logDir: string) {
  const runs = await db.execute<{ log_path: string; active: boolean }>(sql`
    select log_path, status in ('pending', 'drafting', 'sending') as active
    from backfill_runs where log_path is not null`);
  const active = new Set<string>();
  const files = new Set(
    (await listFiles(logDir)).filter((f) => f.endsWith('.log') || f.endsWith('.jsonl')),
  );
  for (const run of runs.rows) {
    const pair = [run.log_path, run.log_path.replace(/\.log$/, '.jsonl')].map((p) =>
      path.resolve(p),
    );
    for (const p of pair) {
      files.add(p);
      if (run.active) active.add(p);
    }
  }
  return { files: [...files], active };
}

/**
 * Finds (and with `apply`, removes) what the service wrote to disk about a
 * person: outbox files naming them are deleted, backfill log lines naming
 * them (address or message ids) are dropped. A log still being written by a
 * running backfill, or a file that cannot be read or written, is reported in
 * `notScrubbed` instead.
 */
export async function scrubFiles(input: {
  db: Db;
  outboxDir: string;
  backfillLogDir: string;
  needles: string[];
  apply: boolean;
}): Promise<FileScrubReport> {
  const report: FileScrubReport = {
    outboxFilesRemoved: 0,
    logFilesScrubbed: 0,
    logLinesRemoved: 0,
    notScrubbed: [],
  };
  const failed = (file: string, error: unknown) =>
    report.notScrubbed.push({ path: file, reason: (error as Error).message });

  for (const file of await listFiles(input.outboxDir)) {
    try {
      if (!namesAny(await readFile(file, 'utf8'), input.needles)) continue;
      if (input.apply) await rm(file);
      report.outboxFilesRemoved += 1;
    } catch (error) {
      failed(file, error);
    }
  }

  const logs = await backfillLogs(input.db, input.backfillLogDir);
  for (const file of logs.files) {
    try {
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const scrubbed = dropLinesNaming(content, input.needles);
      if (scrubbed.removed === 0) continue;
      if (logs.active.has(file)) {
        report.notScrubbed.push({
          path: file,
          reason: 'a backfill run is still writing it; forget again when the run ends',
        });
        continue;
      }
      if (input.apply) await replaceFile(file, scrubbed.content);
      report.logFilesScrubbed += 1;
      report.logLinesRemoved += scrubbed.removed;
    } catch (error) {
      failed(file, error);
    }
  }
  return report;
}

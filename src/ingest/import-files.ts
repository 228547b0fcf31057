import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client.ts';
import { asAutosendError, ValidationError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { findTooDeep, MAX_JSON_DEPTH } from './clean-for-postgres.ts';
import type { InboundReply } from './inbound-reply.ts';
import { mapGenericPayload } from './map-generic-payload.ts';
import { parseEml } from './parse-eml.ts';
import { storeInboundReply } from './store-inbound-reply.ts';

export interface ImportFailure {
  file: string;
  /** 1-based line of a JSONL file; absent for an .eml. */
  line?: number;
  message: string;
  fields?: Record<string, string>;
}

export interface ImportReport {
  created: number;
  duplicate: number;
  /** Replies from a suppressed address (`autosend lead forget`): refused, no content kept. */
  suppressed: number;
  failed: number;
  failures: ImportFailure[];
  messageIds: string[];
}

/**
 * Imports `.eml` files (one reply each) and JSONL files of the generic webhook
 * shape (one object per line). Bad lines are reported with their field errors;
 * the good ones are stored. Each reply is its own transaction.
 */
export async function importReplyFiles(
  deps: { db: Db; queue: JobQueue },
  workspaceId: string,
  files: string[],
  now: () => Date = () => new Date(),
): Promise<ImportReport> {
  const report: ImportReport = {
    created: 0,
    duplicate: 0,
    suppressed: 0,
    failed: 0,
    failures: [],
    messageIds: [],
  };
  const store = async (reply: InboundReply) => {
    const result = await storeInboundReply(deps, workspaceId, reply);
    report[result.status] += 1;
    report.messageIds.push(result.messageId);
  };
  const fail = (failure: ImportFailure) => {
    report.failed += 1;
    report.failures.push(failure);
  };

  for (const file of files) {
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (error) {
      fail({ file, message: asAutosendError(error).message });
      continue;
    }
    if (path.extname(file).toLowerCase() === '.eml') {
      try {
        await store(await parseEml(content, now()));
      } catch (error) {
        fail({ file, ...describe(error) });
      }
      continue;
    }
    const lines = content.toString('utf8').split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        let payload: unknown;
        try {
          payload = JSON.parse(line);
        } catch {
          throw new ValidationError('not valid JSON', { $: 'not valid JSON' });
        }
        const tooDeep = findTooDeep(payload);
        if (tooDeep !== undefined) {
          throw new ValidationError(`${tooDeep} is nested too deep`, {
            [tooDeep]: `nested more than ${MAX_JSON_DEPTH} levels deep`,
          });
        }
        await store(mapGenericPayload(payload, now()));
      } catch (error) {
        fail({ file, line: index + 1, ...describe(error) });
      }
    }
  }
  return report;
}

function describe(error: unknown): { message: string; fields?: Record<string, string> } {
  if (error instanceof ValidationError) return { message: error.message, fields: error.fields };
  // A database outage is not a bad line: stop instead of reporting every line as failed.
  if (isConnectionError(error)) throw error;
  return { message: asAutosendError(error).message };
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|57P0[1-3]|08\d{3})$/.test(code);
}

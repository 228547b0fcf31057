import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

/** One line of the run's log: never a message body. */
export interface BackfillLogEvent {
  phase: 'start' | 'select' | 'draft' | 'send' | 'end';
  event: string;
  itemId?: string;
  messageId?: string;
  lead?: { name: string | null; email: string };
  campaign?: { id: string; name: string };
  [key: string]: unknown;
}

export interface BackfillLog {
  /** The .log path (the .jsonl twin sits beside it). */
  logPath: string;
  jsonlPath: string;
  write(event: BackfillLogEvent): void;
  /** Appends the summary table to the .log, and a summary line to the .jsonl. */
  writeSummary(table: string, summary: unknown): void;
  close(): void;
}

/** `backfill-ai-auto-send-20260302T090000Z.log`: sortable, safe on every file system. */
export function logFileName(startedAt: Date): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `backfill-ai-auto-send-${stamp}.log`;
}

/** j***@l***.example: enough to tell lines apart, not to identify anyone. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

export function maskName(name: string | null): string | null {
  if (!name) return name;
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w.slice(0, 1)}.`)
    .join(' ');
}

function textLine(ts: string, runId: string, e: BackfillLogEvent): string {
  const { phase, event, itemId, messageId, lead, campaign, ...rest } = e;
  const who = lead ? ` ${lead.name ? `${lead.name} ` : ''}<${lead.email}>` : '';
  const where = campaign ? ` [${campaign.name}]` : '';
  const extra = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${ts} run=${runId} ${phase} ${event}${itemId ? ` item=${itemId}` : ''}${messageId ? ` message=${messageId}` : ''}${who}${where}${extra ? ` ${extra}` : ''}\n`;
}

/**
 * Opens (or, on resume, appends to) the run's log pair: a readable .log and a
 * .jsonl with one JSON object per event. Lines are written synchronously, so
 * a kill -9 loses at most the line being written; `--redact` masks names and
 * emails before anything reaches the files.
 */
export function openBackfillLog(input: {
  runId: string;
  logPath: string;
  redact: boolean;
  now?: () => Date;
}): BackfillLog {
  const { runId, redact } = input;
  const now = input.now ?? (() => new Date());
  mkdirSync(path.dirname(input.logPath), { recursive: true });
  const jsonlPath = input.logPath.replace(/\.log$/, '.jsonl');
  const logFd = openSync(input.logPath, 'a');
  const jsonFd = openSync(jsonlPath, 'a');
  return {
    logPath: input.logPath,
    jsonlPath,
    write(event) {
      const e: BackfillLogEvent =
        redact && event.lead
          ? {
              ...event,
              lead: { name: maskName(event.lead.name), email: maskEmail(event.lead.email) },
            }
          : event;
      const ts = now().toISOString();
      writeSync(jsonFd, `${JSON.stringify({ ts, runId, ...e })}\n`);
      writeSync(logFd, textLine(ts, runId, e));
    },
    writeSummary(table, summary) {
      const ts = now().toISOString();
      writeSync(logFd, `${ts} run=${runId} summary\n${table}\n`);
      writeSync(
        jsonFd,
        `${JSON.stringify({ ts, runId, phase: 'end', event: 'summary', summary })}\n`,
      );
    },
    close() {
      closeSync(logFd);
      closeSync(jsonFd);
    },
  };
}

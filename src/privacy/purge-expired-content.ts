import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { systemChecks } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { retentionCutoff } from './retention-cutoff.ts';
import { scrubEventDetail } from './scrub-event-detail.ts';

/** Rows per statement: each batch is its own short transaction, so no lock is held for long. */
export const RETENTION_BATCH_SIZE = 500;

export const RETENTION_CHECK = 'retention';

/** What one purge run changed, per table (rows kept, content removed) and per folder. */
export interface PurgeCounts {
  messages: number;
  decisionEvents: number;
  drafts: number;
  reviewEdits: number;
  reviewNotes: number;
  postSendEvidence: number;
  editExamples: number;
  outboxFiles: number;
  backfillLogs: number;
}

export interface PurgeReport {
  days: number;
  cutoff: string;
  at: string;
  counts: PurgeCounts;
  /** True when the run stopped at its batch limit: the next run continues. */
  more: boolean;
}

/**
 * One batch of messages: text, HTML, headers and the payload blanked (the
 * platform's ids and our mailbox kept in `raw`), their trail's details
 * scrubbed, in one transaction.
 */
async function purgeMessageBatch(
  db: Db,
  cutoff: Date,
  now: Date,
  limit: number,
): Promise<{ messages: number; events: number }> {
  return db.transaction(async (tx) => {
    const purged = await tx.execute<{ id: string }>(sql`
      with batch as (
        select id from messages
        where content_purged_at is null and occurred_at < ${cutoff}
        order by occurred_at limit ${limit}
        for update skip locked)
      update messages m set text = '', html = null, headers = '{}'::jsonb,
        -- Only the platform's ids stay: follow-ups still send through them, echo detection reads them.
        raw = nullif(jsonb_strip_nulls(jsonb_build_object(
          'platformRefs', m.raw -> 'platformRefs', 'platformIds', m.raw -> 'platformIds',
          'mailbox', m.raw -> 'mailbox')), '{}'::jsonb),
        content_purged_at = ${now}
      from batch where m.id = batch.id
      returning m.id`);
    const ids = purged.rows.map((r) => r.id);
    if (!ids.length) return { messages: 0, events: 0 };
    const events = await tx.execute<{ id: number; detail: Record<string, unknown> }>(sql`
      select id, detail from decision_events
      where message_id = any(${`{${ids.join(',')}}`}::uuid[])`);
    const day = now.toISOString().slice(0, 10);
    const rows = events.rows.map((e) => ({ id: e.id, detail: scrubEventDetail(e.detail, day) }));
    if (rows.length) {
      await tx.execute(sql`
        update decision_events d set detail = v.detail
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, detail jsonb)
        where d.id = v.id`);
    }
    return { messages: ids.length, events: rows.length };
  });
}

/**
 * One batch of drafts that can no longer be sent: body and evaluator reason
 * blanked, the reviewer's edit, rejection note, post-send evidence and the
 * house-style example made from them removed. Drafts awaiting a decision or
 * a send are never touched, however old.
 */
async function purgeDraftBatch(
  db: Db,
  cutoff: Date,
  now: Date,
  limit: number,
): Promise<Omit<PurgeCounts, 'messages' | 'decisionEvents' | 'outboxFiles' | 'backfillLogs'>> {
  return db.transaction(async (tx) => {
    const purged = await tx.execute<{ id: string }>(sql`
      with batch as (
        select id from drafts
        where content_purged_at is null and created_at < ${cutoff}
          and status not in ('generated', 'approved', 'sending')
        order by created_at limit ${limit}
        for update skip locked)
      update drafts d set body = '', evaluator_reason = null, content_purged_at = ${now}
      from batch where d.id = batch.id
      returning d.id`);
    const ids = purged.rows.map((r) => r.id);
    const none = {
      drafts: 0,
      reviewEdits: 0,
      reviewNotes: 0,
      postSendEvidence: 0,
      editExamples: 0,
    };
    if (!ids.length) return none;
    const list = sql`any(${`{${ids.join(',')}}`}::uuid[])`;
    const count = async (q: ReturnType<typeof sql>) => (await tx.execute(q)).rowCount ?? 0;
    return {
      drafts: ids.length,
      reviewEdits: await count(sql`update review_requests set edited_body = null
        where draft_id = ${list} and edited_body is not null`),
      reviewNotes: await count(sql`update review_outcomes set reject_note = null
        where draft_id = ${list} and reject_note is not null`),
      postSendEvidence: await count(sql`update post_send_outcomes set evidence = null
        where draft_id = ${list} and evidence is not null`),
      editExamples: await count(sql`delete from edit_examples where draft_id = ${list}`),
    };
  });
}

/** Files under a folder last written before the cutoff (missing folder: none). */
async function oldFiles(dir: string, cutoff: Date): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await oldFiles(full, cutoff)));
    else if (entry.isFile() && (await stat(full)).mtime < cutoff) out.push(full);
  }
  return out;
}

/** Old outbox files, and old backfill logs of runs that are no longer running. */
async function purgeFiles(
  db: DbOrTx,
  dirs: { outboxDir: string; backfillLogDir: string },
  cutoff: Date,
): Promise<{ outboxFiles: number; backfillLogs: number }> {
  let outboxFiles = 0;
  for (const file of await oldFiles(dirs.outboxDir, cutoff)) {
    await rm(file, { force: true });
    outboxFiles += 1;
  }
  const active = await db.execute<{ log_path: string }>(sql`
    select log_path from backfill_runs
    where log_path is not null and status in ('pending', 'drafting', 'sending', 'paused')`);
  const keep = new Set(
    active.rows
      .flatMap((r) => [r.log_path, r.log_path.replace(/\.log$/, '.jsonl')])
      .map((p) => path.resolve(p)),
  );
  let backfillLogs = 0;
  for (const file of await oldFiles(dirs.backfillLogDir, cutoff)) {
    if (!/\.(log|jsonl)$/.test(file) || keep.has(path.resolve(file))) continue;
    await rm(file, { force: true });
    backfillLogs += 1;
  }
  return { outboxFiles, backfillLogs };
}

/**
 * The retention.purge job: content older than RETENTION_DAYS is removed in
 * batches of RETENTION_BATCH_SIZE (each its own transaction, rows locked with
 * SKIP LOCKED so live work never waits), up to `maxBatches` per table per run.
 * Rows, counts, decisions, confidences and the trail's structure stay, marked
 * `content_purged_at`, so explain says what was purged and when. Idempotent:
 * purged rows are never selected again. The run is recorded in system_checks
 * (shown on /readyz), the audit log and one log line.
 */
export async function purgeExpiredContent(
  deps: { db: Db; logger: Logger; outboxDir: string; backfillLogDir: string },
  input: { days: number; now: Date; batchSize?: number; maxBatches?: number },
): Promise<PurgeReport> {
  const { db } = deps;
  const limit = input.batchSize ?? RETENTION_BATCH_SIZE;
  const maxBatches = input.maxBatches ?? 200;
  const cutoff = retentionCutoff(input.now, input.days);
  const counts: PurgeCounts = {
    messages: 0,
    decisionEvents: 0,
    drafts: 0,
    reviewEdits: 0,
    reviewNotes: 0,
    postSendEvidence: 0,
    editExamples: 0,
    outboxFiles: 0,
    backfillLogs: 0,
  };
  let more = false;
  for (let i = 0; ; i++) {
    if (i >= maxBatches) {
      more = true;
      break;
    }
    const batch = await purgeMessageBatch(db, cutoff, input.now, limit);
    counts.messages += batch.messages;
    counts.decisionEvents += batch.events;
    if (batch.messages < limit) break;
  }
  for (let i = 0; ; i++) {
    if (i >= maxBatches) {
      more = true;
      break;
    }
    const batch = await purgeDraftBatch(db, cutoff, input.now, limit);
    for (const [key, n] of Object.entries(batch)) counts[key as keyof typeof batch] += n;
    if (batch.drafts < limit) break;
  }
  Object.assign(counts, await purgeFiles(db, deps, cutoff));
  const report: PurgeReport = {
    days: input.days,
    cutoff: cutoff.toISOString(),
    at: input.now.toISOString(),
    counts,
    more,
  };
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      workspaceId: null,
      actor: 'system:retention',
      action: 'retention.purge',
      entityType: 'retention',
      entityId: null,
      before: null,
      after: report,
    });
    const summary = `purged content older than ${input.days} days (before ${report.cutoff})`;
    await tx
      .insert(systemChecks)
      .values({ name: RETENTION_CHECK, ok: true, summary, detail: report, checkedAt: input.now })
      .onConflictDoUpdate({
        target: systemChecks.name,
        set: { ok: true, summary, detail: report, checkedAt: input.now },
      });
  });
  deps.logger.info({ retention: report }, 'retention purge finished');
  return report;
}

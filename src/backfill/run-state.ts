import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { backfillItems, backfillRuns } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';

export type BackfillRunRow = typeof backfillRuns.$inferSelect;
export type BackfillItemRow = typeof backfillItems.$inferSelect;

/**
 * Item states. pending → skipped | failed | drafted; an apply run then takes
 * drafted → sent | review | deferred | scheduled | superseded | send_failed | send_unknown.
 */
export type ItemState =
  | 'pending'
  | 'skipped'
  | 'failed'
  | 'drafted'
  | 'sent'
  | 'review'
  | 'deferred'
  | 'scheduled'
  | 'superseded'
  | 'send_failed'
  | 'send_unknown';

/** The selection as given, stored on the run so a resume continues with the same one. */
export interface RunSelection {
  workspaceId: string | null;
  campaignIds: string[];
  missingOnly: boolean;
  limit: number | null;
  respectDelays: boolean;
  overrideKillSwitch: boolean;
  redact: boolean;
  /** Set once the whole selection is written: a resume goes straight to drafting. */
  selected?: boolean;
}

export async function createRun(
  db: DbOrTx,
  input: { mode: 'shadow' | 'apply'; selection: RunSelection; logPath: string; at: Date },
): Promise<BackfillRunRow> {
  const [row] = await db
    .insert(backfillRuns)
    .values({
      workspaceId: input.selection.workspaceId,
      mode: input.mode,
      status: 'pending',
      phase: 'select',
      selection: input.selection,
      logPath: input.logPath,
      startedAt: input.at,
    })
    .returning();
  return row!;
}

export async function loadRun(db: DbOrTx, runId: string): Promise<BackfillRunRow> {
  const [row] = /^[0-9a-f-]{36}$/i.test(runId)
    ? await db.select().from(backfillRuns).where(eq(backfillRuns.id, runId))
    : [];
  if (!row) throw new AutosendError('not_found', `backfill run ${runId} not found`);
  return row;
}

export async function updateRun(
  db: DbOrTx,
  runId: string,
  patch: Partial<
    Pick<BackfillRunRow, 'status' | 'phase' | 'selection' | 'counts' | 'error' | 'finishedAt'>
  >,
): Promise<void> {
  // A cancel (from the API, any process) is final: the runner's own status changes never undo it.
  const keepCancel =
    patch.status && patch.status !== 'cancelled'
      ? sql`${backfillRuns.status} <> 'cancelled'`
      : undefined;
  await db
    .update(backfillRuns)
    .set(patch)
    .where(and(eq(backfillRuns.id, runId), keepCancel));
}

/** Writes selected items; an item already recorded by an earlier attempt keeps its state. Returns the new ones. */
export async function recordItems(
  db: DbOrTx,
  runId: string,
  items: {
    messageId: string;
    campaignId: string;
    replyAt: Date;
    state: 'pending' | 'skipped';
    detail: Record<string, unknown>;
  }[],
): Promise<Set<string>> {
  if (!items.length) return new Set();
  const rows = await db
    .insert(backfillItems)
    .values(items.map((i) => ({ runId, ...i })))
    .onConflictDoNothing({ target: [backfillItems.runId, backfillItems.messageId] })
    .returning({ messageId: backfillItems.messageId });
  return new Set(rows.map((r) => r.messageId));
}

/** Targets recorded so far (everything not skipped), for --limit. */
export async function countTargets(db: DbOrTx, runId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(backfillItems)
    .where(and(eq(backfillItems.runId, runId), sql`${backfillItems.state} <> 'skipped'`));
  return row?.n ?? 0;
}

/** The next items in a state, in reply-time order, after the given item (keyset). */
export async function nextItems(
  db: DbOrTx,
  runId: string,
  state: ItemState,
  limit: number,
  after?: { replyAt: Date; id: string },
): Promise<BackfillItemRow[]> {
  return db
    .select()
    .from(backfillItems)
    .where(
      and(
        eq(backfillItems.runId, runId),
        eq(backfillItems.state, state),
        after
          ? sql`(${backfillItems.replyAt}, ${backfillItems.id}) > (${after.replyAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(backfillItems.replyAt), asc(backfillItems.id))
    .limit(limit);
}

/** Moves an item to its next state, merging detail (in the caller's transaction). */
export async function updateItem(
  db: DbOrTx,
  itemId: string,
  patch: { state: ItemState; draftId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .update(backfillItems)
    .set({
      state: patch.state,
      ...(patch.draftId !== undefined ? { draftId: patch.draftId } : {}),
      detail: sql`${backfillItems.detail} || ${JSON.stringify(patch.detail ?? {})}::jsonb`,
      updatedAt: new Date(),
    })
    .where(eq(backfillItems.id, itemId));
}

/** One row per campaign, state, reason and notification result: what the summary is made of. */
export interface CountRow {
  campaignId: string | null;
  state: string;
  reason: string | null;
  notify: string | null;
  n: number;
}

export async function countItems(db: DbOrTx, runId: string): Promise<CountRow[]> {
  const r = await db.execute<{
    campaign_id: string | null;
    state: string;
    reason: string | null;
    notify: string | null;
    n: number;
  }>(sql`
    select campaign_id, state, detail->>'reason' as reason, detail->>'notify' as notify, count(*)::int as n
    from backfill_items where run_id = ${runId}
    group by 1, 2, 3, 4`);
  return r.rows.map((x) => ({
    campaignId: x.campaign_id,
    state: x.state,
    reason: x.reason,
    notify: x.notify,
    n: x.n,
  }));
}

/** The run's status as stored now (the API may have cancelled it). */
export async function runStatus(db: DbOrTx, runId: string): Promise<string> {
  const [row] = await db
    .select({ status: backfillRuns.status })
    .from(backfillRuns)
    .where(eq(backfillRuns.id, runId));
  return row?.status ?? 'cancelled';
}

/** Items of a run, newest change first, for the API's watch view. */
export async function recentItems(db: DbOrTx, runId: string, limit: number) {
  return db
    .select()
    .from(backfillItems)
    .where(and(eq(backfillItems.runId, runId), gt(backfillItems.updatedAt, new Date(0))))
    .orderBy(sql`${backfillItems.updatedAt} desc`)
    .limit(limit);
}

/** Items of a run in one state. */
export async function countState(db: DbOrTx, runId: string, state: ItemState): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(backfillItems)
    .where(and(eq(backfillItems.runId, runId), eq(backfillItems.state, state)));
  return row?.n ?? 0;
}

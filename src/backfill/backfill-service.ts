import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { makeAiProvider } from '../ai/make-provider.ts';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { backfillRuns } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { buildSummary } from './build-summary.ts';
import { loadScopeCampaigns } from './load-scope-campaigns.ts';
import { type BackfillReport, prepareRun } from './run-backfill.ts';
import { type BackfillRunRow, countItems, loadRun, recentItems } from './run-state.ts';

/** The API's start request: the CLI's options, by the same names. */
export const startBackfillSchema = z.strictObject({
  mode: z.enum(['dry_run', 'shadow', 'apply']).default('dry_run'),
  campaignIds: z.array(z.uuid()).default([]),
  missingOnly: z.boolean().default(false),
  limit: z.int().positive().nullable().default(null),
  concurrency: z.int().min(1).max(256).optional(),
  rpm: z.int().positive().nullable().optional(),
  sendPacingMs: z.int().min(0).optional(),
  respectDelays: z.boolean().default(false),
  overrideKillSwitch: z.boolean().default(false),
  redact: z.boolean().default(false),
});

export interface BackfillServiceDeps {
  db: Db;
  queue: JobQueue;
  config: Config;
  logger: Logger;
}

/** A run as the API shows it. */
function view(run: BackfillRunRow) {
  return {
    id: run.id,
    workspaceId: run.workspaceId,
    mode: run.mode,
    status: run.status,
    phase: run.phase,
    selection: run.selection,
    logPath: run.logPath,
    error: run.error,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Runs in this process, so a cancel can stop the item loop at once instead of at its next check. */
const running = new Map<string, AbortController>();

/**
 * Starts a backfill from the API. A dry run answers with its report; shadow
 * and apply runs answer with the run as soon as it is recorded and go on in
 * this process (watch with GET, stop with cancel, continue with resume).
 */
export async function startBackfill(
  deps: BackfillServiceDeps,
  /** Null: a run over every workspace (agency-wide, like --all-workspaces). */
  workspaceId: string | null,
  body: unknown,
  resumeRunId?: string,
): Promise<BackfillReport | ReturnType<typeof view>> {
  const input = parseInput(startBackfillSchema, body ?? {});
  const controller = new AbortController();
  const prepared = await prepareRun(
    { ...deps, ai: makeAiProvider(deps.config, deps.logger), signal: controller.signal },
    {
      // A resumed run keeps the mode it was started with.
      mode: resumeRunId ? 'apply' : input.mode,
      workspaceId,
      campaignIds: input.campaignIds,
      missingOnly: input.missingOnly,
      limit: input.limit,
      concurrency: input.concurrency ?? deps.config.backfill.concurrency,
      rpm: input.rpm ?? deps.config.backfill.rpm ?? null,
      sendPacingMs: input.sendPacingMs ?? deps.config.backfill.sendPacingMs,
      respectDelays: input.respectDelays,
      overrideKillSwitch: input.overrideKillSwitch,
      redact: input.redact,
      ...(resumeRunId ? { resumeRunId } : {}),
    },
  );
  if (input.mode === 'dry_run' && !resumeRunId) return prepared.run();
  running.set(prepared.runId, controller);
  void prepared
    .run()
    .catch((error) =>
      deps.logger.error({ err: error, runId: prepared.runId }, 'backfill run failed'),
    )
    .finally(() => running.delete(prepared.runId));
  return view(await loadRun(deps.db, prepared.runId));
}

async function runInWorkspace(
  db: Db,
  workspaceId: string | null,
  runId: string,
): Promise<BackfillRunRow> {
  const run = await loadRun(db, runId).catch(() => null);
  if (!run || run.workspaceId !== workspaceId) {
    throw new AutosendError('not_found', `backfill run ${runId} not found`);
  }
  return run;
}

/** Resumes a paused or interrupted run (in this process). */
export async function resumeBackfill(
  deps: BackfillServiceDeps,
  workspaceId: string | null,
  runId: string,
  body: unknown,
) {
  await runInWorkspace(deps.db, workspaceId, runId);
  return startBackfill(deps, workspaceId, body, runId);
}

/** Where a run of this scope is stored: its workspace, or none for an agency-wide run. */
const ofScope = (workspaceId: string | null) =>
  workspaceId === null
    ? isNull(backfillRuns.workspaceId)
    : eq(backfillRuns.workspaceId, workspaceId);

/** The workspace's runs (or the agency-wide runs, for null), newest first. */
export async function listBackfills(db: Db, workspaceId: string | null) {
  const rows = await db
    .select()
    .from(backfillRuns)
    .where(ofScope(workspaceId))
    .orderBy(desc(backfillRuns.createdAt))
    .limit(50);
  return { items: rows.map(view) };
}

/** One run with its live summary per campaign and the latest item changes: what the dashboard polls. */
export async function getBackfill(db: Db, workspaceId: string | null, runId: string) {
  const run = await runInWorkspace(db, workspaceId, runId);
  const campaigns = await loadScopeCampaigns(db, { workspaceId, campaignIds: [] });
  const summary = buildSummary(
    await countItems(db, runId),
    new Map(campaigns.map((c) => [c.id, c.name])),
  );
  const items = await recentItems(db, runId, 50);
  return {
    ...view(run),
    summary,
    recentItems: items.map((i) => ({
      id: i.id,
      messageId: i.messageId,
      campaignId: i.campaignId,
      state: i.state,
      draftId: i.draftId,
      detail: i.detail,
      updatedAt: i.updatedAt.toISOString(),
    })),
  };
}

/**
 * Cancels a run: it stops after the item in flight, in whichever process runs
 * it (the runner checks the stored status between items). A finished run is
 * left as it is.
 */
export async function cancelBackfill(db: Db, workspaceId: string | null, runId: string) {
  const run = await runInWorkspace(db, workspaceId, runId);
  if (run.status === 'completed' || run.status === 'cancelled') {
    throw new AutosendError('conflict', `backfill run ${runId} is already ${run.status}`);
  }
  await db
    .update(backfillRuns)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(and(eq(backfillRuns.id, runId), ofScope(workspaceId)));
  running.get(runId)?.abort();
  return view(await loadRun(db, runId));
}

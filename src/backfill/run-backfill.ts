import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { AutosendError, ValidationError } from '../errors.ts';
import type { BackfillDeps, BackfillMode, RunContext } from './backfill-context.ts';
import { type BackfillLog, logFileName, openBackfillLog } from './backfill-log.ts';
import {
  buildSummary,
  type CampaignSummary,
  formatSummary,
  type ShadowCount,
  type SummaryCount,
} from './build-summary.ts';
import { loadScopeCampaigns, type ScopeCampaign } from './load-scope-campaigns.ts';
import {
  type BackfillRunRow,
  countItems,
  createRun,
  loadRun,
  type RunSelection,
  runStatus,
  updateRun,
} from './run-state.ts';
import { runSelectPhase, selectItems } from './select-phase.ts';

export interface BackfillRequest {
  mode: BackfillMode;
  /** Null with --all-workspaces. */
  workspaceId: string | null;
  campaignIds: string[];
  missingOnly: boolean;
  limit: number | null;
  concurrency: number;
  rpm: number | null;
  sendPacingMs: number;
  respectDelays: boolean;
  overrideKillSwitch: boolean;
  redact: boolean;
  resumeRunId?: string;
  /** Folder of the log artifact (default BACKFILL_LOG_DIR, ./logs). */
  logDir?: string;
}

export interface BackfillReport {
  runId: string;
  mode: BackfillMode;
  /** completed, paused (Ctrl-C: resume it), cancelled (API), or dry_run. */
  status: string;
  logPath: string;
  jsonlPath: string;
  summary: CampaignSummary[];
  table: string;
  /** Set when the run stopped before the end. */
  resumeCommand?: string;
  modelCalls?: number;
}

const LOCK_NAMESPACE = 0x5e4e;

function killSwitchRefusal(): AutosendError {
  return new AutosendError(
    'conflict',
    'AUTO_SEND_DISABLED=1: the kill switch stops every automatic send, backfill included. ' +
      'Run --shadow to see what would happen, or add --override-kill-switch to send anyway (it is logged).',
  );
}

/** Checks a request before anything is written: one error naming every bad field. */
export function validateRequest(request: BackfillRequest): void {
  const fields: Record<string, string> = {};
  if (request.limit !== null && !(Number.isInteger(request.limit) && request.limit > 0)) {
    fields.limit = 'must be a positive whole number';
  }
  if (
    !(
      Number.isInteger(request.concurrency) &&
      request.concurrency > 0 &&
      request.concurrency <= 256
    )
  ) {
    fields.concurrency = 'must be a whole number from 1 to 256';
  }
  if (request.rpm !== null && !(Number.isInteger(request.rpm) && request.rpm > 0)) {
    fields.rpm = 'must be a positive whole number of requests per minute';
  }
  if (!(Number.isInteger(request.sendPacingMs) && request.sendPacingMs >= 0)) {
    fields.sendPacingMs = 'must be a whole number of milliseconds (0 or more)';
  }
  if (request.resumeRunId && request.mode === 'dry_run') {
    fields.resume =
      'a dry run changes nothing and cannot resume a run; resume with --apply or --shadow';
  }
  if (Object.keys(fields).length) {
    throw new ValidationError(
      `invalid backfill: ${Object.entries(fields)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}`,
      fields,
    );
  }
}

/**
 * Runs (or resumes) a backfill from start to its summary. Dry runs count and
 * log, writing nothing to the database. Shadow and apply runs record every
 * item in backfill_items as they go, so an interrupted run (Ctrl-C, kill -9,
 * a crash) continues with `resumeRunId` where it stopped.
 */
export async function runBackfill(
  deps: BackfillDeps,
  request: BackfillRequest,
): Promise<BackfillReport> {
  validateRequest(request);
  const prepared = await prepareRun(deps, request);
  return prepared.run();
}

/**
 * Validates, creates (or loads) the run and opens its log, then returns the
 * work still to do: the API answers with the run id before the run ends.
 */
export async function prepareRun(
  deps: BackfillDeps,
  request: BackfillRequest,
): Promise<{ runId: string; logPath: string; run: () => Promise<BackfillReport> }> {
  validateRequest(request);
  const now = deps.now ?? (() => new Date());
  const logDir = path.resolve(request.logDir ?? deps.config.backfill.logDir);
  let row: BackfillRunRow | null = null;
  let selection: RunSelection;
  let mode: BackfillMode = request.mode;
  if (request.resumeRunId) {
    row = await loadRun(deps.db, request.resumeRunId);
    if (row.status === 'completed' || row.status === 'cancelled') {
      throw new AutosendError(
        'conflict',
        `backfill run ${row.id} is ${row.status}; start a new run instead`,
      );
    }
    mode = row.mode as 'shadow' | 'apply';
    const stored = row.selection as RunSelection;
    selection = {
      ...stored,
      overrideKillSwitch: stored.overrideKillSwitch || request.overrideKillSwitch,
    };
  } else {
    selection = {
      workspaceId: request.workspaceId,
      campaignIds: request.campaignIds,
      missingOnly: request.missingOnly,
      limit: request.limit,
      respectDelays: request.respectDelays,
      overrideKillSwitch: request.overrideKillSwitch,
      redact: request.redact,
    };
  }
  if (mode === 'apply' && deps.config.autoSendDisabled && !selection.overrideKillSwitch)
    throw killSwitchRefusal();
  const campaignList = await loadScopeCampaigns(deps.db, {
    workspaceId: selection.workspaceId,
    campaignIds: selection.campaignIds,
  });
  const campaigns = new Map(campaignList.map((c) => [c.id, c]));
  const startedAt = now();
  const logPath = row?.logPath ?? freshLogPath(logDir, startedAt);
  if (!row && mode !== 'dry_run') {
    row = await createRun(deps.db, { mode, selection, logPath, at: startedAt });
  }
  const runId = row?.id ?? `dry-run-${startedAt.toISOString()}`;
  const log = openBackfillLog({ runId, logPath, redact: selection.redact || request.redact, now });
  const ctx: RunContext = {
    deps,
    runId,
    mode,
    selection,
    concurrency: request.concurrency,
    rpm: request.rpm,
    sendPacingMs: request.sendPacingMs,
    campaigns,
    log,
    now,
    stopped: async () =>
      Boolean(deps.signal?.aborted) ||
      (row !== null && (await runStatus(deps.db, runId)) === 'cancelled'),
  };
  log.write({
    phase: 'start',
    event: request.resumeRunId ? 'resumed' : 'started',
    mode,
    selection: { ...selection },
    concurrency: request.concurrency,
    rpm: request.rpm,
    sendPacingMs: request.sendPacingMs,
    campaigns: campaignList.map((c) => ({ id: c.id, name: c.name, gate: c.confidenceGate })),
    ...(row ? { phaseAtStart: row.phase } : {}),
  });
  if (mode === 'apply' && deps.config.autoSendDisabled) {
    const warning =
      'AUTO_SEND_DISABLED=1 is set and --override-kill-switch overrides it: this run SENDS';
    log.write({ phase: 'start', event: 'kill_switch_overridden', warning });
    deps.logger.warn({ runId }, warning);
    deps.progress?.line(`WARNING: ${warning}`);
  }
  return {
    runId,
    logPath,
    run: async () => {
      try {
        if (mode === 'dry_run') return await dryRun(ctx, campaigns);
        return await withRunLock(deps, runId, () => execute(ctx, row!, campaigns));
      } catch (error) {
        const err = error as Error & { code?: string };
        log.write({
          phase: 'end',
          event: 'error',
          code: err.code ?? 'internal',
          error: err.message,
        });
        if (row)
          await updateRun(deps.db, runId, {
            status: 'failed',
            error: err.message.slice(0, 1000),
          }).catch(() => {});
        throw error;
      } finally {
        log.close();
      }
    },
  };
}

/** One process per run: a session lock that dies with its connection (kill -9 frees it). */
async function withRunLock<T>(
  deps: BackfillDeps,
  runId: string,
  body: () => Promise<T>,
): Promise<T> {
  const pool = (deps.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    const r = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock($1, hashtext($2)) as ok',
      [LOCK_NAMESPACE, runId],
    );
    if (!r.rows[0]?.ok)
      throw new AutosendError('conflict', `backfill run ${runId} is running in another process`);
    try {
      return await body();
    } finally {
      await client
        .query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, runId])
        .catch(() => {});
    }
  } finally {
    client.release();
  }
}

async function execute(
  ctx: RunContext,
  row: BackfillRunRow,
  campaigns: Map<string, ScopeCampaign>,
): Promise<BackfillReport> {
  const { db } = ctx.deps;
  const runId = ctx.runId;
  let phase = row.phase;
  let modelCalls = 0;
  const stop = async (): Promise<BackfillReport> => {
    const cancelled = (await runStatus(db, runId)) === 'cancelled';
    if (!cancelled) await updateRun(db, runId, { status: 'paused' });
    return finish(ctx, campaigns, cancelled ? 'cancelled' : 'paused', modelCalls);
  };
  if (phase === 'select') {
    await updateRun(db, runId, { status: 'pending' });
    ctx.deps.progress?.start('select', 0);
    await runSelectPhase(ctx);
    ctx.deps.progress?.stop();
    if (await ctx.stopped()) return stop();
    phase = 'draft';
    await updateRun(db, runId, { phase, selection: { ...ctx.selection, selected: true } });
  }
  if (phase === 'draft') {
    await updateRun(db, runId, { status: 'drafting' });
    // Loaded here: a dry run needs neither the drafting nor the sending modules.
    const { runDraftPhase } = await import('./draft-phase.ts');
    const result = await runDraftPhase(ctx);
    modelCalls = result.modelCalls;
    if (result.stopped) return stop();
    phase = ctx.mode === 'apply' ? 'send' : 'done';
    await updateRun(db, runId, { phase });
  }
  if (phase === 'send') {
    await updateRun(db, runId, { status: 'sending' });
    const { runSendPhase } = await import('./send-phase.ts');
    const result = await runSendPhase(ctx);
    if (result.stopped) return stop();
    phase = 'done';
    await updateRun(db, runId, { phase });
  }
  return finish(ctx, campaigns, 'completed', modelCalls);
}

async function shadowCounts(ctx: RunContext): Promise<ShadowCount[]> {
  if (ctx.mode !== 'shadow') return [];
  const r = await ctx.deps.db.execute<{
    campaign_id: string | null;
    threshold: string;
    action: string;
    n: number;
  }>(sql`
    select i.campaign_id, s.key as threshold, s.value as action, count(*)::int as n
    from backfill_items i, jsonb_each_text(i.detail->'shadow') s
    where i.run_id = ${ctx.runId}
    group by 1, 2, 3`);
  return r.rows.map((x) => ({
    campaignId: x.campaign_id,
    threshold: x.threshold,
    action: x.action,
    n: x.n,
  }));
}

async function finish(
  ctx: RunContext,
  campaigns: Map<string, ScopeCampaign>,
  status: 'completed' | 'paused' | 'cancelled',
  modelCalls: number,
): Promise<BackfillReport> {
  const counts = await countItems(ctx.deps.db, ctx.runId);
  const names = new Map([...campaigns.values()].map((c) => [c.id, c.name]));
  const summary = buildSummary(counts, names, await shadowCounts(ctx));
  const table = formatSummary(summary, ctx.mode);
  if (status === 'completed') {
    await updateRun(ctx.deps.db, ctx.runId, {
      status,
      counts: { campaigns: summary },
      finishedAt: ctx.now(),
    });
  } else {
    await updateRun(ctx.deps.db, ctx.runId, { counts: { campaigns: summary } });
  }
  const resumeCommand = status === 'paused' ? `autosend backfill --resume ${ctx.runId}` : undefined;
  ctx.log.write({ phase: 'end', event: status, ...(resumeCommand ? { resumeCommand } : {}) });
  ctx.log.writeSummary(table, summary);
  return report(ctx, ctx.log, status, summary, table, resumeCommand, modelCalls);
}

function report(
  ctx: RunContext,
  log: BackfillLog,
  status: string,
  summary: CampaignSummary[],
  table: string,
  resumeCommand: string | undefined,
  modelCalls?: number,
): BackfillReport {
  return {
    runId: ctx.runId,
    mode: ctx.mode,
    status,
    logPath: log.logPath,
    jsonlPath: log.jsonlPath,
    summary,
    table,
    ...(resumeCommand ? { resumeCommand } : {}),
    ...(modelCalls !== undefined ? { modelCalls } : {}),
  };
}

/** Counts and logs what apply would do; writes nothing to the database. */
async function dryRun(
  ctx: RunContext,
  campaigns: Map<string, ScopeCampaign>,
): Promise<BackfillReport> {
  const counts = new Map<string, SummaryCount>();
  ctx.deps.progress?.start('select', 0);
  await selectItems(ctx, async (items) => {
    for (const i of items) {
      const reason = (i.detail.reason as string | undefined) ?? null;
      const key = `${i.campaignId}\u0000${i.state}\u0000${reason}`;
      const c = counts.get(key) ?? {
        campaignId: i.campaignId,
        state: i.state,
        reason,
        notify: null,
        n: 0,
      };
      c.n++;
      counts.set(key, c);
      const campaign = campaigns.get(i.campaignId);
      ctx.log.write({
        phase: 'select',
        event: i.state === 'pending' ? 'would_draft' : 'skipped',
        messageId: i.messageId,
        ...(i.detail.lead ? { lead: i.detail.lead as { name: string | null; email: string } } : {}),
        ...(campaign ? { campaign: { id: campaign.id, name: campaign.name } } : {}),
        ...(reason ? { reason, evidence: i.detail.evidence } : {}),
      });
    }
    ctx.deps.progress?.tick(items.length);
    return items.filter((i) => i.state === 'pending').length;
  });
  ctx.deps.progress?.stop();
  const names = new Map([...campaigns.values()].map((c) => [c.id, c.name]));
  const summary = buildSummary([...counts.values()], names);
  const table = formatSummary(summary, 'dry_run');
  ctx.log.write({ phase: 'end', event: 'dry_run' });
  ctx.log.writeSummary(table, summary);
  return report(ctx, ctx.log, 'dry_run', summary, table, undefined);
}

/**
 * A new run's log path: the name its UTC start gives, or, when another run
 * started in the same second, that name with -2, -3 … so no two runs share a file.
 */
function freshLogPath(logDir: string, startedAt: Date): string {
  const base = logFileName(startedAt);
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : base.replace(/\.log$/, `-${n}.log`);
    const candidate = path.join(logDir, name);
    if (!existsSync(candidate) && !existsSync(candidate.replace(/\.log$/, '.jsonl'))) {
      return candidate;
    }
  }
}

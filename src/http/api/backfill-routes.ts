import { z } from 'zod';
import {
  cancelBackfill,
  getBackfill,
  listBackfills,
  resumeBackfill,
  startBackfill,
  startBackfillSchema,
} from '../../backfill/backfill-service.ts';
import { readBackfillLog } from '../../backfill/read-backfill-log.ts';
import { AutosendError } from '../../errors.ts';
import type { AdminApiDeps, ApiRoute } from './api-route.ts';

const B = '/workspaces/:workspaceId/backfills';

function runDeps(deps: AdminApiDeps) {
  if (!deps.queue || !deps.config) {
    throw new AutosendError('internal', 'this process runs without a job queue or configuration');
  }
  return { db: deps.database.db, queue: deps.queue, config: deps.config, logger: deps.logger };
}

/** The run scope of a request: its workspace, or null on the agency-wide `/backfills` routes. */
const scopeOf = (params: Record<string, string>): string | null => params.workspaceId ?? null;

/** Backfill runs: start (dry run, shadow, apply), watch, cancel, resume. */
const workspaceBackfillRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: B,
    operationId: 'startBackfill',
    summary:
      'Start a backfill: a dry run answers with its report; shadow and apply runs go on in the server',
    tag: 'backfill',
    role: 'admin',
    body: startBackfillSchema,
    example: { mode: 'dry_run' },
    status: 201,
    handler: ({ deps, params, body }) => startBackfill(runDeps(deps), scopeOf(params), body),
  },
  {
    method: 'GET',
    path: B,
    operationId: 'listBackfills',
    summary: 'List backfill runs, newest first',
    tag: 'backfill',
    role: 'reviewer',
    handler: ({ deps, params }) => listBackfills(deps.database.db, scopeOf(params)),
  },
  {
    method: 'GET',
    path: `${B}/:runId`,
    operationId: 'getBackfill',
    summary: 'Watch a run: status, phase, summary per campaign, latest items',
    tag: 'backfill',
    role: 'reviewer',
    handler: ({ deps, params }) => getBackfill(deps.database.db, scopeOf(params), params.runId!),
  },
  {
    method: 'GET',
    path: `${B}/:runId/log`,
    operationId: 'getBackfillLog',
    summary: "A run's log (the .log file; its last megabyte when longer)",
    tag: 'backfill',
    role: 'reviewer',
    response: z.object({
      runId: z.uuid(),
      logPath: z.string().nullable(),
      size: z.int(),
      truncated: z.boolean(),
      text: z.string(),
    }),
    handler: ({ deps, params }) =>
      readBackfillLog(deps.database.db, scopeOf(params), params.runId!),
  },
  {
    method: 'POST',
    path: `${B}/:runId/cancel`,
    operationId: 'cancelBackfill',
    summary: 'Cancel a run: it stops after the item in flight',
    tag: 'backfill',
    role: 'admin',
    handler: ({ deps, params }) => cancelBackfill(deps.database.db, scopeOf(params), params.runId!),
  },
  {
    method: 'POST',
    path: `${B}/:runId/resume`,
    operationId: 'resumeBackfill',
    summary: 'Resume an interrupted or paused run where it stopped',
    tag: 'backfill',
    role: 'admin',
    body: startBackfillSchema.pick({
      concurrency: true,
      rpm: true,
      sendPacingMs: true,
      overrideKillSwitch: true,
    }),
    example: {},
    handler: ({ deps, params, body }) =>
      resumeBackfill(runDeps(deps), scopeOf(params), params.runId!, body),
  },
];

/**
 * The same routes over every workspace at once (`/backfills`, like
 * `autosend backfill --all-workspaces`): agency-wide admin tokens only, and
 * the runs they start belong to no single workspace.
 */
const agencyBackfillRoutes: ApiRoute[] = workspaceBackfillRoutes.map((route) => ({
  ...route,
  path: route.path.replace(B, '/backfills'),
  operationId: `${route.operationId}AllWorkspaces`,
  summary: `${route.summary} (every workspace)`,
  agencyWide: true,
}));

export const backfillRoutes: ApiRoute[] = [...workspaceBackfillRoutes, ...agencyBackfillRoutes];

import { getAvailabilityStatus } from '../../admin/availability-status.ts';
import type { ApiRoute } from './api-route.ts';

const W = '/workspaces/:workspaceId';

/** Reads the dashboard needs beyond the CLI's: availability health and slot preview. */
export const dashboardRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: `${W}/availability/status`,
    operationId: 'getAvailabilityStatus',
    summary: 'Last availability refresh (time, error, stale) and the next cached slots',
    tag: 'workspaces',
    role: 'reviewer',
    handler: ({ deps, params }) =>
      getAvailabilityStatus(deps.database.db, params.workspaceId!, new Date()),
  },
];

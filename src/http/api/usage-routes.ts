import { summariseTokenUsage, usageQuerySchema } from '../../admin/summarise-token-usage.ts';
import type { ApiRoute } from './api-route.ts';

/** Token usage of the model calls, per campaign and day. */
export const usageRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/workspaces/:workspaceId/usage',
    operationId: 'getTokenUsage',
    summary: 'Model token usage per campaign, UTC day and model (last `days` days, default 30)',
    tag: 'usage',
    role: 'reviewer',
    query: usageQuerySchema,
    handler: ({ deps, params, query }) =>
      summariseTokenUsage(deps.database.db, {
        workspaceId: params.workspaceId!,
        query,
        now: new Date(),
      }),
  },
];

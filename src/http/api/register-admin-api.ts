import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TokenPrincipal } from '../../admin/tokens.ts';
import { getWorkspaceRow } from '../../admin/workspaces.ts';
import { AutosendError, ValidationError } from '../../errors.ts';
import { authenticateRequest, type Caller } from '../auth/authenticate-request.ts';
import { activityRoutes } from './activity-routes.ts';
import { type AdminApiDeps, type ApiRoute, pathParams } from './api-route.ts';
import { backfillRoutes } from './backfill-routes.ts';
import { buildOpenApi } from './build-openapi.ts';
import { calibrationRoutes } from './calibration-routes.ts';
import { connectionRoutes } from './connection-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { followupRoutes } from './followup-routes.ts';
import { leadRoutes } from './lead-routes.ts';
import { sendApiError } from './send-api-error.ts';
import { usageRoutes } from './usage-routes.ts';
import { workspaceRoutes } from './workspace-routes.ts';

/** Every /api/v1 route. Tests walk this table, so a new route is covered by them. */
export const apiRoutes: ApiRoute[] = [
  ...workspaceRoutes,
  ...calibrationRoutes,
  ...connectionRoutes,
  ...leadRoutes,
  ...activityRoutes,
  ...backfillRoutes,
  ...usageRoutes,
  ...followupRoutes,
  ...dashboardRoutes,
];

/** Settings with long knowledge texts fit; anything bigger is a mistake or an attack. */
export const API_BODY_LIMIT = 256 * 1024;

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Routes that take no body (or query) still refuse fields they would ignore. */
function rejectExtra(input: unknown, prefix: string): void {
  const keys = input && typeof input === 'object' ? Object.keys(input) : [];
  if (keys.length === 0) return;
  throw new ValidationError(
    `unknown field(s): ${keys.join(', ')}`,
    Object.fromEntries(keys.map((k) => [`${prefix}${k}`, 'unknown field'])),
  );
}

/**
 * Checks role and workspace scope before a handler runs. A workspace outside
 * the token's scope, or an id that is not one, is reported as not found, so
 * a token of workspace A cannot even learn that B's ids exist.
 */
function authorise(
  route: ApiRoute,
  principal: TokenPrincipal,
  params: Record<string, string>,
): void {
  if (route.role === 'admin' && principal.role !== 'admin') {
    throw new AutosendError(
      'forbidden',
      'this needs an admin token; reviewer tokens may read and act on reviews',
    );
  }
  if (route.agencyWide && principal.workspaceIds) {
    throw new AutosendError(
      'forbidden',
      'this needs an agency-wide token (one not limited to workspaces)',
    );
  }
  for (const name of pathParams(route.path)) {
    const value = params[name] ?? '';
    if (name.endsWith('Id') && name !== 'leadId' && !isUuid(value)) {
      throw new AutosendError('not_found', `${name} ${value} not found`);
    }
  }
  const workspaceId = params.workspaceId;
  if (workspaceId && principal.workspaceIds && !principal.workspaceIds.includes(workspaceId)) {
    throw new AutosendError('not_found', `workspace ${workspaceId} not found`);
  }
}

const callers = new WeakMap<FastifyRequest, Caller>();

/** Registers the JSON API under /api/v1 and its OpenAPI document at /api/docs. */
export function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps): void {
  const document = buildOpenApi(apiRoutes, { version: '1' });
  app.get('/api/docs', async () => document);

  app.register(
    async (api) => {
      // Authenticate before the body is read: strangers cannot make us parse 256 KiB.
      api.addHook('onRequest', async (request) => {
        callers.set(request, await authenticateRequest(deps.database.db, request, new Date()));
      });
      api.setErrorHandler((error, _request, reply) => sendApiError(reply, error, deps.logger));
      api.setNotFoundHandler((request, reply) =>
        sendApiError(
          reply,
          new AutosendError('not_found', `no route ${request.method} ${request.url}`),
          deps.logger,
        ),
      );
      for (const route of apiRoutes) {
        api.route({
          method: route.method,
          url: route.path,
          bodyLimit: API_BODY_LIMIT,
          handler: async (request, reply) => {
            const { principal, actor } = callers.get(request)!;
            const params = request.params as Record<string, string>;
            authorise(route, principal, params);
            // An agency-wide token may name any id: it must still exist.
            if (params.workspaceId) await getWorkspaceRow(deps.database.db, params.workspaceId);
            const body = request.body ?? (route.body ? {} : undefined);
            if (
              body !== undefined &&
              (typeof body !== 'object' || body === null || Array.isArray(body))
            ) {
              throw new AutosendError(
                'validation_failed',
                'the request body must be a JSON object',
              );
            }
            if (!route.body) rejectExtra(body, '');
            if (!route.query) rejectExtra(request.query, 'query.');
            const result = await route.handler({
              deps,
              principal,
              actor,
              params,
              query: request.query ?? {},
              body,
              publicUrl: deps.config?.http.publicUrl ?? `${request.protocol}://${request.host}`,
            });
            return reply.code(route.status ?? 200).send(result);
          },
        });
      }
    },
    { prefix: '/api/v1' },
  );
}

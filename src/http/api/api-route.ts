import type { z } from 'zod';
import type { TokenPrincipal } from '../../admin/tokens.ts';
import type { Config } from '../../config/load-config.ts';
import type { Database } from '../../db/client.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { Logger } from '../../logger.ts';

/** What the admin API needs: the same deps buildApp receives. */
export interface AdminApiDeps {
  config?: Config;
  database: Database;
  queue?: JobQueue;
  logger: Logger;
}

/** Everything a route handler gets: params are checked for scope, query and body are raw. */
export interface ApiContext {
  deps: AdminApiDeps;
  principal: TokenPrincipal;
  /** `token:<id>` or `user:<id>`: written to the audit log and decision trail. */
  actor: string;
  params: Record<string, string>;
  /** Validated by the service that receives it, with the schema named in the route. */
  query: unknown;
  body: unknown;
  /** Base URL webhooks are reached at (PUBLIC_URL, else this request's origin). */
  publicUrl: string;
}

/**
 * One API route. The same table registers the Fastify route, builds the
 * OpenAPI document, and drives the cross-workspace and role tests, so a new
 * route cannot be left out of any of them.
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify form, relative to /api/v1: `/workspaces/:workspaceId/campaigns`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Least role allowed: reviewers read and act on reviews; admins change settings. */
  role: 'reviewer' | 'admin';
  /** Only agency-wide tokens (no workspace list) may call it, e.g. creating a workspace. */
  agencyWide?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A valid body: shown in the OpenAPI document and used by the route-table tests. */
  example?: Record<string, unknown>;
  /** Success status; 200 unless given. */
  status?: 200 | 201;
  response?: z.ZodType;
  handler(ctx: ApiContext): Promise<unknown>;
}

/** Path parameters of a route, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

import { z } from 'zod';
import {
  listSendingConnections,
  removeSendingConnection,
  setSendingConnection,
  testSendingConnection,
} from '../../admin/sending-connections.ts';
import {
  SENDING_CONNECTION_KINDS,
  sendingConnectionInputSchema,
} from '../../sending/connection-credentials.ts';
import { syncPlatformCampaigns } from '../../sending/sync-platform-campaigns.ts';
import type { ApiContext, ApiRoute } from './api-route.ts';

const C = '/workspaces/:workspaceId/connections';

const connectionSchema = z.object({
  workspaceId: z.uuid(),
  kind: z.enum(SENDING_CONNECTION_KINDS),
  settings: z.record(z.string(), z.unknown()),
  credentials: z.record(z.string(), z.string()).describe('each secret as "set (…last 4)"'),
  lastCheck: z.object({
    at: z.string().nullable(),
    ok: z.boolean().nullable(),
    errorCode: z.string().nullable(),
    error: z.string().nullable(),
  }),
  lastSync: z.object({ at: z.string().nullable(), error: z.string().nullable() }),
  lastReconcile: z.object({
    at: z.string().nullable(),
    recovered: z.number().nullable(),
    error: z.string().nullable(),
  }),
  updatedAt: z.string(),
});

const checkSchema = z.object({
  workspaceId: z.uuid(),
  kind: z.enum(SENDING_CONNECTION_KINDS),
  ok: z.boolean(),
  summary: z.string().optional(),
  errorCode: z
    .string()
    .optional()
    .describe('bad_credentials, missing_permission, wrong_url, unreachable, rate_limited, ...'),
  problem: z.string().optional(),
});

const options = (ctx: ApiContext) => ({ secretKey: ctx.deps.config?.secretKey });
const http = (ctx: ApiContext) => ({
  timeoutMs: ctx.deps.config?.sending.platformTimeoutMs ?? 30_000,
});

/** Sending connections: how a workspace's replies go out (docs/sending.md). */
export const connectionRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: C,
    operationId: 'listSendingConnections',
    summary:
      'Sending connections with their last check, sync and reconciliation (credentials redacted)',
    tag: 'connections',
    role: 'admin',
    response: z.object({ items: z.array(connectionSchema) }),
    handler: async (ctx) => ({
      items: await listSendingConnections(
        ctx.deps.database.db,
        ctx.params.workspaceId!,
        options(ctx),
      ),
    }),
  },
  {
    method: 'PUT',
    path: C,
    operationId: 'setSendingConnection',
    summary:
      'Create or replace the connection of one kind (credentials stored encrypted; needs AUTOSEND_SECRET_KEY)',
    tag: 'connections',
    role: 'admin',
    body: sendingConnectionInputSchema,
    example: { kind: 'outbox' },
    response: connectionSchema,
    handler: (ctx) =>
      setSendingConnection(
        ctx.deps.database.db,
        ctx.actor,
        ctx.params.workspaceId!,
        ctx.body,
        options(ctx),
      ),
  },
  {
    method: 'DELETE',
    path: `${C}/:kind`,
    operationId: 'removeSendingConnection',
    summary: 'Remove a connection (that platform’s replies then wait for review)',
    tag: 'connections',
    role: 'admin',
    response: z.object({ workspaceId: z.uuid(), kind: z.string(), removed: z.literal(true) }),
    handler: (ctx) =>
      removeSendingConnection(
        ctx.deps.database.db,
        ctx.actor,
        ctx.params.workspaceId!,
        ctx.params.kind!,
        options(ctx),
      ),
  },
  {
    method: 'POST',
    path: `${C}/:kind/test`,
    operationId: 'testSendingConnection',
    summary: 'Make one harmless authenticated call and say exactly what is wrong, if anything',
    tag: 'connections',
    role: 'admin',
    response: checkSchema,
    handler: (ctx) =>
      testSendingConnection(ctx.deps.database.db, ctx.params.workspaceId!, ctx.params.kind!, {
        ...options(ctx),
        http: http(ctx),
      }),
  },
  {
    method: 'POST',
    path: `${C}/:kind/sync`,
    operationId: 'syncPlatformCampaigns',
    summary: "List the platform's campaigns into Autosend (new ones as discovered, unconfigured)",
    tag: 'connections',
    role: 'admin',
    response: z.object({
      workspaceId: z.uuid(),
      kind: z.string(),
      listed: z.number(),
      discovered: z.number(),
      renamed: z.number(),
    }),
    handler: (ctx) =>
      syncPlatformCampaigns(ctx.deps.database.db, ctx.params.workspaceId!, ctx.params.kind!, {
        ...options(ctx),
        http: http(ctx),
      }),
  },
];

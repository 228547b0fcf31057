import { z } from 'zod';
import { campaignSettingsSchema } from '../../admin/campaign-settings.ts';
import { getCampaign, listCampaigns, updateCampaign } from '../../admin/campaigns.ts';
import { campaignCreateSchema, createCampaign } from '../../admin/create-campaign.ts';
import { parseInput } from '../../admin/parse-input.ts';
import {
  availabilityInputSchema,
  getWorkspaceAvailability,
  setWorkspaceAvailability,
  setWorkspaceSlackToken,
  slackTokenInputSchema,
} from '../../admin/workspace-connections.ts';
import {
  createWorkspace,
  createWorkspaceSchema,
  getWebhooks,
  getWorkspace,
  listWorkspaces,
  rotateWebhookSecret,
  rotateWebhookSecretSchema,
  updateWorkspace,
  updateWorkspaceSchema,
} from '../../admin/workspaces.ts';
import type { ApiRoute } from './api-route.ts';
import { campaignSchema, webhooksSchema, workspaceSchema } from './api-schemas.ts';

const W = '/workspaces/:workspaceId';

const availabilitySchema = z.object({
  workspaceId: z.uuid(),
  source: z.enum(['weekly_hours', 'calendly', 'calcom', 'ghl']),
  config: z.record(z.string(), z.unknown()).describe('credentials shown as "set (…last 4)"'),
});
const slackTokenSchema = z.object({
  workspaceId: z.uuid(),
  slackBotToken: z.string().nullable().describe('"set (…last 4)"; null: SLACK_BOT_TOKEN is used'),
});

/** Workspaces, their webhook URLs and secret, and their campaigns' settings. */
export const workspaceRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/workspaces',
    operationId: 'listWorkspaces',
    summary: 'List the workspaces this token may see',
    tag: 'workspaces',
    role: 'reviewer',
    response: z.object({ items: z.array(workspaceSchema) }),
    handler: async ({ deps, principal }) => ({
      items: await listWorkspaces(deps.database.db, principal.workspaceIds),
    }),
  },
  {
    method: 'POST',
    path: '/workspaces',
    operationId: 'createWorkspace',
    summary: 'Create a workspace (agency-wide admin tokens only)',
    tag: 'workspaces',
    role: 'admin',
    agencyWide: true,
    body: createWorkspaceSchema,
    example: { name: 'Acme', timeZone: 'Europe/Berlin' },
    status: 201,
    response: workspaceSchema.extend({ webhookSecret: z.string() }),
    handler: ({ deps, actor, body }) =>
      createWorkspace(deps.database.db, actor, body as never, {
        secretKey: deps.config?.secretKey,
      }),
  },
  {
    method: 'GET',
    path: W,
    operationId: 'getWorkspace',
    summary: 'Get a workspace',
    tag: 'workspaces',
    role: 'reviewer',
    response: workspaceSchema,
    handler: ({ deps, params }) => getWorkspace(deps.database.db, params.workspaceId!),
  },
  {
    method: 'PATCH',
    path: W,
    operationId: 'updateWorkspace',
    summary: 'Rename a workspace or change its time zone',
    tag: 'workspaces',
    role: 'admin',
    body: updateWorkspaceSchema,
    example: { name: 'Acme GmbH' },
    response: workspaceSchema,
    handler: ({ deps, actor, params, body }) =>
      updateWorkspace(deps.database.db, actor, params.workspaceId!, body as never),
  },
  {
    method: 'GET',
    path: `${W}/webhooks`,
    operationId: 'getWebhooks',
    summary: 'Webhook URLs per platform, the secret, and how each platform authenticates',
    tag: 'workspaces',
    role: 'admin',
    response: webhooksSchema,
    handler: ({ deps, params, publicUrl }) =>
      getWebhooks(deps.database.db, publicUrl, params.workspaceId!, {
        secretKey: deps.config?.secretKey,
      }),
  },
  {
    method: 'POST',
    path: `${W}/webhooks/rotate-secret`,
    operationId: 'rotateWebhookSecret',
    summary:
      'Replace the webhook secret (URLs stay the same); the previous one is accepted for graceHours (default 24, 0 = refuse at once)',
    tag: 'workspaces',
    role: 'admin',
    body: rotateWebhookSecretSchema,
    example: { graceHours: 24 },
    response: webhooksSchema,
    handler: ({ deps, actor, params, publicUrl, body }) =>
      rotateWebhookSecret(deps.database.db, actor, publicUrl, params.workspaceId!, {
        secretKey: deps.config?.secretKey,
        ...parseInput(rotateWebhookSecretSchema, body ?? {}),
      }),
  },
  {
    method: 'GET',
    path: `${W}/availability`,
    operationId: 'getWorkspaceAvailability',
    summary: 'The availability source and its settings, credentials redacted',
    tag: 'workspaces',
    role: 'reviewer',
    response: availabilitySchema,
    handler: ({ deps, params }) =>
      getWorkspaceAvailability(deps.database.db, params.workspaceId!, {
        secretKey: deps.config?.secretKey,
      }),
  },
  {
    method: 'PUT',
    path: `${W}/availability`,
    operationId: 'setWorkspaceAvailability',
    summary:
      'Set the availability source and its settings (replaced whole; credentials stored encrypted, cached slots dropped)',
    tag: 'workspaces',
    role: 'admin',
    body: availabilityInputSchema,
    example: {
      source: 'weekly_hours',
      config: { hours: { mon: ['09:00-12:00', '13:00-17:00'], tue: ['09:00-17:00'] } },
    },
    response: availabilitySchema,
    handler: ({ deps, actor, params, body }) =>
      setWorkspaceAvailability(deps.database.db, actor, params.workspaceId!, body as never, {
        secretKey: deps.config?.secretKey,
      }),
  },
  {
    method: 'PUT',
    path: `${W}/slack-token`,
    operationId: 'setWorkspaceSlackToken',
    summary: "Store the workspace's own Slack bot token, encrypted (needs AUTOSEND_SECRET_KEY)",
    tag: 'workspaces',
    role: 'admin',
    body: slackTokenInputSchema,
    example: { token: 'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx' },
    response: slackTokenSchema,
    handler: ({ deps, actor, params, body }) =>
      setWorkspaceSlackToken(
        deps.database.db,
        actor,
        params.workspaceId!,
        parseInput(slackTokenInputSchema, body).token,
        { secretKey: deps.config?.secretKey },
      ),
  },
  {
    method: 'DELETE',
    path: `${W}/slack-token`,
    operationId: 'clearWorkspaceSlackToken',
    summary: "Remove the workspace's own Slack token (SLACK_BOT_TOKEN is used again)",
    tag: 'workspaces',
    role: 'admin',
    response: slackTokenSchema,
    handler: ({ deps, actor, params }) =>
      setWorkspaceSlackToken(deps.database.db, actor, params.workspaceId!, null, {
        secretKey: deps.config?.secretKey,
      }),
  },
  {
    method: 'GET',
    path: `${W}/campaigns`,
    operationId: 'listCampaigns',
    summary: 'List campaigns; new ones (discovered from a webhook, not configured) first',
    tag: 'campaigns',
    role: 'reviewer',
    response: z.object({ items: z.array(campaignSchema) }),
    handler: async ({ deps, params }) => ({
      items: await listCampaigns(deps.database.db, params.workspaceId!),
    }),
  },
  {
    method: 'GET',
    path: `${W}/campaigns/:campaignId`,
    operationId: 'getCampaign',
    summary: 'Get a campaign with its reviewers',
    tag: 'campaigns',
    role: 'reviewer',
    response: campaignSchema,
    handler: ({ deps, params }) =>
      getCampaign(deps.database.db, params.workspaceId!, params.campaignId!),
  },
  {
    method: 'POST',
    path: `${W}/campaigns`,
    operationId: 'createCampaign',
    summary:
      'Create a campaign before its first webhook (platform, external id, name, settings); configured at once, audited',
    tag: 'campaigns',
    role: 'admin',
    body: campaignCreateSchema,
    example: {
      platform: 'smartlead',
      externalId: '98765',
      name: 'Q3 SaaS founders',
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 85,
      sendDelayMinSeconds: 180,
      sendDelayMaxSeconds: 420,
      reviewers: [{ kind: 'email', target: 'owner@example.com' }],
    },
    status: 201,
    response: campaignSchema,
    handler: ({ deps, actor, params, body }) =>
      createCampaign(deps.database.db, actor, params.workspaceId!, body as never),
  },
  {
    method: 'PATCH',
    path: `${W}/campaigns/:campaignId`,
    operationId: 'updateCampaign',
    summary: 'Change campaign settings (reviewers replace the list); marks it configured',
    tag: 'campaigns',
    role: 'admin',
    body: campaignSettingsSchema,
    example: {
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 85,
      sendDelayMinSeconds: 180,
      sendDelayMaxSeconds: 420,
      reviewers: [{ kind: 'email', target: 'owner@example.com' }],
      sendingHours: '09:00-17:00',
    },
    response: campaignSchema,
    handler: ({ deps, actor, params, body }) =>
      updateCampaign(
        deps.database.db,
        actor,
        { workspaceId: params.workspaceId!, campaignId: params.campaignId! },
        body as never,
      ),
  },
];

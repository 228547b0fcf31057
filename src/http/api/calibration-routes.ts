import { z } from 'zod';
import { parseInput } from '../../admin/parse-input.ts';
import { closeCampaignBreaker } from '../../calibration/campaign-breaker.ts';
import {
  applyRecommendedGate,
  loadCampaignCalibration,
} from '../../calibration/load-calibration.ts';
import type { ApiRoute } from './api-route.ts';
import { breakerSchema } from './api-schemas.ts';

const C = '/workspaces/:workspaceId/campaigns/:campaignId';

const expectationSchema = z.object({
  gate: z.int(),
  autoSendRate: z.number().describe('share of scored drafts at or above the gate (0..1)'),
  reviewed: z.int(),
  errorRate: z.number().nullable().describe('1 − approved-as-is share at or above the gate'),
  errorRateUpper: z.number().nullable().describe('1 − its Wilson 95 % lower bound'),
});

/** GET …/calibration: the per-gate table, the reliability buckets and the recommendation. */
export const calibrationSchema = z.object({
  campaign: z.object({
    id: z.uuid(),
    workspaceId: z.uuid(),
    name: z.string(),
    responseMode: z.enum(['MANUAL', 'AI_AUTO_SEND']),
    confidenceGate: z.int(),
    targetPrecision: z.int(),
  }),
  scope: z.enum(['campaign', 'workspace', 'all']),
  reviewedByScope: z.object({ campaign: z.int(), workspace: z.int(), all: z.int() }),
  breaker: breakerSchema,
  calibration: z.object({
    targetPrecision: z.int(),
    minReviewed: z.int(),
    totalScored: z.int(),
    totalReviewed: z.int(),
    gates: z.array(
      z.object({
        gate: z.int(),
        wouldAutoSend: z.int(),
        autoSendRate: z.number(),
        reviewed: z.int(),
        approvedAsIs: z.int(),
        share: z.number().nullable(),
        lowerBound: z.number().nullable(),
      }),
    ),
    buckets: z.array(
      z.object({
        from: z.int(),
        to: z.int(),
        reviewed: z.int(),
        approvedAsIs: z.int(),
        share: z.number().nullable(),
      }),
    ),
    recommendedGate: z.int().nullable(),
    notEnoughEvidence: z
      .object({ moreReviewsNeeded: z.int().nullable(), why: z.string() })
      .nullable(),
    current: expectationSchema,
    recommended: expectationSchema.nullable(),
  }),
});

const closeSchema = z.strictObject({ note: z.string().trim().max(2_000).optional() });

const ref = (params: Record<string, string>) => ({
  workspaceId: params.workspaceId!,
  campaignId: params.campaignId!,
});

/** Calibration of a campaign's gate and its circuit breaker. */
export const calibrationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: `${C}/calibration`,
    operationId: 'getCampaignCalibration',
    summary:
      'Calibrate the gate from reviewer outcomes: per-gate table, reliability buckets, recommended gate (changes nothing)',
    tag: 'campaigns',
    role: 'reviewer',
    response: calibrationSchema,
    handler: ({ deps, params }) => loadCampaignCalibration(deps.database.db, ref(params)),
  },
  {
    method: 'POST',
    path: `${C}/calibration/apply`,
    operationId: 'applyCampaignCalibration',
    summary: 'Set the gate to the recommended one (recomputed now; refused without one; audited)',
    tag: 'campaigns',
    role: 'admin',
    response: calibrationSchema,
    handler: ({ deps, actor, params }) =>
      applyRecommendedGate(deps.database.db, actor, ref(params)),
  },
  {
    method: 'POST',
    path: `${C}/breaker/close`,
    operationId: 'closeCampaignBreaker',
    summary: 'Close an open circuit breaker: automatic sends resume (audited)',
    tag: 'campaigns',
    role: 'admin',
    body: closeSchema,
    example: { note: 'Fixed the pricing in the knowledge text' },
    response: breakerSchema,
    handler: ({ deps, actor, params, body }) => {
      const { note } = parseInput(closeSchema, body ?? {});
      return closeCampaignBreaker(deps.database.db, actor, ref(params), note);
    },
  },
];

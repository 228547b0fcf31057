import { and, desc, eq, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { campaigns, drafts, messages, reviewOutcomes } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import {
  type Calibration,
  calibrate,
  chooseEvidenceScope,
  type EvidenceScope,
} from './calibrate.ts';
import { type BreakerState, breakerStateOf } from './campaign-breaker.ts';

/** The most recent outcomes and scores read per scope: old evidence ages out. */
const EVIDENCE_LIMIT = 5000;

export interface CampaignCalibration {
  campaign: {
    id: string;
    workspaceId: string;
    name: string;
    responseMode: 'MANUAL' | 'AI_AUTO_SEND';
    confidenceGate: number;
    targetPrecision: number;
  };
  /** Where the evidence came from: the campaign, else its workspace, else every campaign. */
  scope: EvidenceScope;
  reviewedByScope: Record<EvidenceScope, number>;
  breaker: BreakerState;
  calibration: Calibration;
}

const score = sql<number>`round(${reviewOutcomes.confidence} * 100)::int`;

function reviewScope(
  scope: EvidenceScope,
  c: { id: string; workspaceId: string },
): SQL | undefined {
  if (scope === 'campaign') return eq(reviewOutcomes.campaignId, c.id);
  if (scope === 'workspace') return eq(reviewOutcomes.workspaceId, c.workspaceId);
  return undefined;
}

function draftScope(scope: EvidenceScope, c: { id: string; workspaceId: string }): SQL | undefined {
  if (scope === 'campaign') return eq(messages.campaignId, c.id);
  if (scope === 'workspace') return eq(messages.workspaceId, c.workspaceId);
  return undefined;
}

async function countReviewed(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewOutcomes)
    .where(and(isNotNull(reviewOutcomes.confidence), where));
  return row?.n ?? 0;
}

/**
 * Reads a campaign's evidence and calibrates its gate. Read-only: it never
 * changes the gate (applyRecommendedGate does, when a person asks).
 */
export async function loadCampaignCalibration(
  db: DbOrTx,
  ref: { workspaceId: string; campaignId: string },
): Promise<CampaignCalibration> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, ref.campaignId), eq(campaigns.workspaceId, ref.workspaceId)));
  if (!row) throw new AutosendError('not_found', `campaign ${ref.campaignId} not found`);
  const reviewedByScope: Record<EvidenceScope, number> = {
    campaign: await countReviewed(db, reviewScope('campaign', row)),
    workspace: await countReviewed(db, reviewScope('workspace', row)),
    all: await countReviewed(db, undefined),
  };
  const scope = chooseEvidenceScope(reviewedByScope);
  const reviewed = await db
    .select({ score, outcome: reviewOutcomes.outcome })
    .from(reviewOutcomes)
    .where(and(isNotNull(reviewOutcomes.confidence), reviewScope(scope, row)))
    .orderBy(desc(reviewOutcomes.decidedAt))
    .limit(EVIDENCE_LIMIT);
  const scored = await db
    .select({ score: sql<number>`round(${drafts.confidence} * 100)::int` })
    .from(drafts)
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .where(and(isNotNull(drafts.confidence), ne(drafts.status, 'shadow'), draftScope(scope, row)))
    .orderBy(desc(drafts.createdAt))
    .limit(EVIDENCE_LIMIT);
  return {
    campaign: {
      id: row.id,
      workspaceId: row.workspaceId,
      name: row.name,
      responseMode: row.responseMode,
      confidenceGate: row.confidenceGate,
      targetPrecision: row.targetPrecision,
    },
    scope,
    reviewedByScope,
    breaker: breakerStateOf(row),
    calibration: calibrate({
      reviewed: reviewed.map((r) => ({
        score: r.score,
        approvedAsIs: r.outcome === 'approved_as_is',
      })),
      scored: scored.map((s) => s.score),
      currentGate: row.confidenceGate,
      targetPrecision: row.targetPrecision,
    }),
  };
}

/**
 * A person applies the recommended gate: recomputed in the same transaction
 * (never a stale number), refused when there is no recommendation, audited
 * with the evidence it rests on.
 */
export async function applyRecommendedGate(
  db: Db,
  actor: string,
  ref: { workspaceId: string; campaignId: string },
): Promise<CampaignCalibration> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from campaigns where id = ${ref.campaignId} for update`);
    const before = await loadCampaignCalibration(tx, ref);
    const gate = before.calibration.recommendedGate;
    if (gate === null) {
      throw new AutosendError(
        'conflict',
        `no gate to apply: ${before.calibration.notEnoughEvidence?.why ?? 'not enough evidence'}`,
      );
    }
    await tx
      .update(campaigns)
      .set({ confidenceGate: gate, updatedAt: new Date() })
      .where(eq(campaigns.id, ref.campaignId));
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor,
      action: 'campaign.calibration_apply',
      entityType: 'campaign',
      entityId: ref.campaignId,
      before: { confidenceGate: before.campaign.confidenceGate },
      after: {
        confidenceGate: gate,
        targetPrecision: before.campaign.targetPrecision,
        scope: before.scope,
        reviewed: before.calibration.recommended?.reviewed,
        expectedErrorRate: before.calibration.recommended?.errorRate,
        expectedAutoSendRate: before.calibration.recommended?.autoSendRate,
      },
    });
    return loadCampaignCalibration(tx, ref);
  });
}

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type BreakerState, breakerStateOf } from '../calibration/campaign-breaker.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { campaignReviewers, campaigns } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import {
  type CampaignSettings,
  campaignSettingsSchema,
  formatMinutes,
  parseSendingHours,
  type Reviewer,
} from './campaign-settings.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';

export interface CampaignView {
  id: string;
  workspaceId: string;
  platform: string;
  externalId: string;
  name: string;
  responseMode: 'MANUAL' | 'AI_AUTO_SEND';
  confidenceGate: number;
  /** Whole percent: what calibration must prove before it recommends a gate. */
  targetPrecision: number;
  /** Open: every reply of the campaign waits for review (breaker_open) until a person closes it. */
  breaker: BreakerState;
  sendDelayMinSeconds: number;
  sendDelayMaxSeconds: number;
  reviewers: Reviewer[];
  bookingLink: string | null;
  availabilitySource: string | null;
  sendingHours: string | null;
  dailyAutoSendCap: number | null;
  knowledge: string;
  senderName: string | null;
  senderEmail: string | null;
  signature: string;
  /** Null: discovered from a webhook and never configured by a person. */
  configuredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type CampaignRow = typeof campaigns.$inferSelect;

function view(row: CampaignRow, reviewers: Reviewer[]): CampaignView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    platform: row.platform,
    externalId: row.externalId,
    name: row.name,
    responseMode: row.responseMode,
    confidenceGate: row.confidenceGate,
    targetPrecision: row.targetPrecision,
    breaker: breakerStateOf(row),
    sendDelayMinSeconds: row.sendDelayMinSeconds,
    sendDelayMaxSeconds: row.sendDelayMaxSeconds,
    reviewers,
    bookingLink: row.bookingLink,
    availabilitySource: row.availabilitySource,
    sendingHours:
      row.sendingHoursStart === null || row.sendingHoursEnd === null
        ? null
        : `${formatMinutes(row.sendingHoursStart)}-${formatMinutes(row.sendingHoursEnd)}`,
    dailyAutoSendCap: row.dailyAutoSendCap,
    knowledge: row.knowledge,
    senderName: row.senderName,
    senderEmail: row.senderEmail,
    signature: row.signature,
    configuredAt: row.configuredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function reviewersOf(db: DbOrTx, campaignIds: string[]): Promise<Map<string, Reviewer[]>> {
  const byCampaign = new Map<string, Reviewer[]>();
  if (campaignIds.length === 0) return byCampaign;
  const rows = await db
    .select()
    .from(campaignReviewers)
    .where(inArray(campaignReviewers.campaignId, campaignIds))
    .orderBy(asc(campaignReviewers.createdAt), asc(campaignReviewers.target));
  for (const r of rows) {
    const list = byCampaign.get(r.campaignId) ?? [];
    list.push({ kind: r.kind, target: r.target });
    byCampaign.set(r.campaignId, list);
  }
  return byCampaign;
}

/**
 * Lists a workspace's campaigns: campaigns discovered from a webhook and not
 * yet configured come first (they answer nothing until someone decides).
 */
export async function listCampaigns(db: Db, workspaceId: string): Promise<CampaignView[]> {
  const rows = await db
    .select()
    .from(campaigns)
    .where(eq(campaigns.workspaceId, workspaceId))
    .orderBy(sql`${campaigns.configuredAt} is not null`, desc(campaigns.createdAt));
  const reviewers = await reviewersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, reviewers.get(r.id) ?? []));
}

async function loadCampaign(db: DbOrTx, workspaceId: string, campaignId: string, lock = false) {
  const query = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, campaignId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AutosendError('not_found', `campaign ${campaignId} not found`);
  const reviewers = await reviewersOf(db, [row.id]);
  return view(row, reviewers.get(row.id) ?? []);
}

/** One campaign of the workspace, or not_found. */
export async function getCampaign(
  db: Db,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignView> {
  return loadCampaign(db, workspaceId, campaignId);
}

/** Maps settings to column values, checking the delay window against the stored (or default) half. */
export function columnsFor(
  settings: CampaignSettings,
  current: Pick<CampaignView, 'sendDelayMinSeconds' | 'sendDelayMaxSeconds'>,
) {
  const min = settings.sendDelayMinSeconds ?? current.sendDelayMinSeconds;
  const max = settings.sendDelayMaxSeconds ?? current.sendDelayMaxSeconds;
  if (max < min) {
    const field =
      settings.sendDelayMaxSeconds === undefined ? 'sendDelayMinSeconds' : 'sendDelayMaxSeconds';
    throw new ValidationError(`the send delay window is empty (${min}s to ${max}s)`, {
      [field]: `send delay max (${max}s) must be at least min (${min}s)`,
    });
  }
  const { reviewers: _reviewers, sendingHours, ...plain } = settings;
  const values: Partial<typeof campaigns.$inferInsert> = { ...plain };
  if (sendingHours !== undefined) {
    const hours = sendingHours === null ? undefined : parseSendingHours(sendingHours);
    values.sendingHoursStart = hours?.start ?? null;
    values.sendingHoursEnd = hours?.end ?? null;
  }
  return values;
}

/**
 * Changes campaign settings (reviewers replace the list) and records the
 * change with its before and after. Marks the campaign as configured.
 */
export async function updateCampaign(
  db: Db,
  actor: string,
  ref: { workspaceId: string; campaignId: string },
  input: z.input<typeof campaignSettingsSchema>,
): Promise<CampaignView> {
  const settings = parseInput(campaignSettingsSchema, input);
  const now = new Date();
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, ref.workspaceId, ref.campaignId, true);
    const values = columnsFor(settings, before);
    await tx
      .update(campaigns)
      .set({
        ...values,
        configuredAt: sql`coalesce(${campaigns.configuredAt}, now())`,
        updatedAt: new Date(),
      })
      .where(eq(campaigns.id, ref.campaignId));
    if (settings.reviewers) {
      const unique = new Map(
        settings.reviewers.map((r) => [`${r.kind}:${r.target.toLowerCase()}`, r]),
      );
      await tx.delete(campaignReviewers).where(eq(campaignReviewers.campaignId, ref.campaignId));
      if (unique.size > 0) {
        await tx
          .insert(campaignReviewers)
          // Distinct created_at values keep the list in the order given.
          .values(
            [...unique.values()].map((r, i) => ({
              campaignId: ref.campaignId,
              ...r,
              createdAt: new Date(now.getTime() + i),
            })),
          );
      }
    }
    const after = await loadCampaign(tx, ref.workspaceId, ref.campaignId);
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor,
      action: 'campaign.update',
      entityType: 'campaign',
      entityId: ref.campaignId,
      before: pick(before, Object.keys(settings)),
      after: pick(after, Object.keys(settings)),
    });
    return after;
  });
}

/** Only the changed settings, so an audit row reads as the change itself. */
function pick(campaign: CampaignView, keys: string[]): Record<string, unknown> {
  const record = campaign as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}

/** The workspace a campaign belongs to, for callers that name only the campaign (the CLI). */
export async function findCampaignWorkspace(db: Db, campaignId: string): Promise<string> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [row] = UUID.test(campaignId)
    ? await db
        .select({ workspaceId: campaigns.workspaceId })
        .from(campaigns)
        .where(eq(campaigns.id, campaignId))
    : [];
  if (!row) throw new AutosendError('not_found', `campaign ${campaignId} not found`);
  return row.workspaceId;
}

import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { campaignReviewers, campaigns } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { campaignSettingsSchema } from './campaign-settings.ts';
import { type CampaignView, columnsFor, getCampaign } from './campaigns.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';
import { getWorkspaceRow } from './workspaces.ts';

/**
 * A campaign created by a person (CLI or API) rather than discovered from a
 * webhook: the platform and its campaign id, a name, and any settings. It is
 * configured from the start, so its replies are answered at once.
 */
export const campaignCreateSchema = z.strictObject({
  ...campaignSettingsSchema.shape,
  platform: z.enum(['generic', 'smartlead', 'instantly', 'emailbison']),
  /** The platform's campaign id, as its webhooks carry it. */
  externalId: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
});
export type CampaignCreateInput = z.input<typeof campaignCreateSchema>;

/** The schema defaults of a new campaign's delay window (campaigns.send_delay_*). */
const DEFAULT_DELAY = { sendDelayMinSeconds: 180, sendDelayMaxSeconds: 420 };

/** Creates a configured campaign with its reviewers, audited as `campaign.create`. */
export async function createCampaign(
  db: Db,
  actor: string,
  workspaceId: string,
  input: CampaignCreateInput,
): Promise<CampaignView> {
  const { platform, externalId, ...settings } = parseInput(campaignCreateSchema, input);
  const values = columnsFor(settings, DEFAULT_DELAY);
  await getWorkspaceRow(db, workspaceId);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({
        ...values,
        workspaceId,
        platform,
        externalId,
        name: settings.name,
        configuredAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: campaigns.id });
    if (!row) {
      throw new AutosendError(
        'conflict',
        `a ${platform} campaign with external id ${externalId} already exists in this workspace: change it with campaign set`,
        { details: { fields: { externalId: 'already exists' } } },
      );
    }
    const unique = new Map(
      (settings.reviewers ?? []).map((r) => [`${r.kind}:${r.target.toLowerCase()}`, r]),
    );
    const now = Date.now();
    if (unique.size > 0) {
      await tx.insert(campaignReviewers).values(
        // Distinct created_at values keep the list in the order given.
        [...unique.values()].map((r, i) => ({
          campaignId: row.id,
          ...r,
          createdAt: new Date(now + i),
        })),
      );
    }
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'campaign.create',
      entityType: 'campaign',
      entityId: row.id,
      before: null,
      after: { platform, externalId, ...settings },
    });
    return row.id;
  });
  return getCampaign(db, workspaceId, id);
}

import type { RunContext } from './backfill-context.ts';
import type { BackfillLogEvent } from './backfill-log.ts';
import type { BackfillItemRow } from './run-state.ts';

/** The fields every item line carries: ids, lead name and email, campaign. */
export function itemLogFields(
  run: Pick<RunContext, 'campaigns'>,
  item: Pick<BackfillItemRow, 'id' | 'messageId' | 'campaignId' | 'detail'>,
): Pick<BackfillLogEvent, 'itemId' | 'messageId' | 'lead' | 'campaign'> {
  const detail = item.detail as { lead?: { name: string | null; email: string } };
  const campaign = item.campaignId ? run.campaigns.get(item.campaignId) : undefined;
  return {
    itemId: item.id,
    messageId: item.messageId,
    ...(detail.lead ? { lead: detail.lead } : {}),
    ...(campaign ? { campaign: { id: campaign.id, name: campaign.name } } : {}),
  };
}

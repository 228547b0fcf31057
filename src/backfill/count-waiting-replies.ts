import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';

/** Replies of a campaign that were skipped as unknown_campaign, for `campaign set` to point at. */
export interface WaitingReplies {
  count: number;
  /** The dry run that lists them; add --shadow or --apply to act. */
  command: string;
}

export async function countWaitingReplies(
  db: DbOrTx,
  input: { workspaceId: string; campaignId: string },
): Promise<WaitingReplies> {
  const r = await db.execute<{ n: number }>(sql`
    select count(distinct m.id)::int as n from messages m
    join decision_events e on e.message_id = m.id and e.reason = 'unknown_campaign'
    where m.campaign_id = ${input.campaignId} and m.direction = 'inbound'`);
  return {
    count: r.rows[0]?.n ?? 0,
    command: `autosend backfill --workspace ${input.workspaceId} --campaign ${input.campaignId}`,
  };
}

/** The line `campaign set` prints under the campaign, or '' when nothing waits. */
export function waitingRepliesLine(w: WaitingReplies, responseMode: string): string {
  if (w.count === 0) return '';
  const what = `${w.count} ${w.count === 1 ? 'reply' : 'replies'} skipped earlier as unknown_campaign`;
  return responseMode === 'AI_AUTO_SEND'
    ? `${what} can be answered now: ${w.command}  (a dry run; then --shadow or --apply)\n`
    : `${what} wait; with --mode ai_auto_send, answer them with: ${w.command} --apply\n`;
}

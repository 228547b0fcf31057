import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { campaignReviewers } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { makeSlackClient, resolveSlackToken } from './make-slack-client.ts';
import { parseReviewerTarget } from './reviewer-target.ts';
import { sendToReviewer } from './send-to-reviewer.ts';

/**
 * Posts an operational alert (sends held, …) to every reviewer of a campaign.
 * Best effort: Slack failures are logged, never thrown, so an alert cannot
 * fail the job that raised it. Returns how many reviewers it reached.
 */
export async function alertCampaignReviewers(
  deps: { db: Db; config: Config; logger: Logger },
  input: { workspaceId: string; campaignId: string; text: string },
): Promise<number> {
  try {
    const token = await resolveSlackToken(deps.db, deps.config, input.workspaceId);
    if (!token) {
      deps.logger.warn({ alert: input.text }, 'no Slack token: alert only logged');
      return 0;
    }
    const client = makeSlackClient(token.token, { apiUrl: deps.config.slack.apiUrl });
    const rows = await deps.db
      .select({ target: campaignReviewers.target })
      .from(campaignReviewers)
      .where(eq(campaignReviewers.campaignId, input.campaignId));
    let reached = 0;
    for (const row of rows) {
      const target = parseReviewerTarget(row.target);
      if (!target) continue;
      const outcome = await sendToReviewer(client, target, { text: input.text });
      if (outcome.ok) reached++;
      else {
        deps.logger.error(
          { target: row.target, code: outcome.failure?.code },
          'could not deliver a Slack alert',
        );
      }
    }
    return reached;
  } catch (error) {
    deps.logger.error({ err: error }, 'Slack alert failed');
    return 0;
  }
}

import type { WebClient } from '@slack/web-api';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  campaignReviewers,
  drafts,
  followupInstances,
  followupSequences,
  messages,
  reviewRequests,
  users,
  workspaceMembers,
} from '../db/schema.ts';
import { parseReviewerTarget } from './reviewer-target.ts';

export type ClickAuthorization =
  | { ok: true; as: 'reviewer' | 'admin'; workspaceId: string }
  | { ok: false; workspaceId: string | undefined; reason: string };

/**
 * Whether the Slack member who clicked Approve / Reject may decide this
 * review: a reviewer of the review's campaign (by member id, or by an email
 * Slack resolves to that member) or an admin of its workspace (by email).
 * A channel reviewer is a place to post, not a person: it authorises nobody.
 * Nobody may act on a campaign without reviewers except a workspace admin.
 * Emails are resolved with the Slack client of the review's own workspace
 * (its stored bot token, else SLACK_BOT_TOKEN): `clientFor` picks it.
 */
export async function authorizeReviewClick(
  deps: { db: Db; clientFor: (workspaceId: string) => Promise<WebClient | undefined> },
  input: { reviewRequestId: string; memberId: string },
): Promise<ClickAuthorization> {
  const [review] = await deps.db
    .select({
      workspaceId: reviewRequests.workspaceId,
      // A reply's campaign, or a follow-up step's (through its sequence).
      campaignId: sql<
        string | null
      >`coalesce(${messages.campaignId}, ${followupSequences.campaignId})`,
    })
    .from(reviewRequests)
    .leftJoin(drafts, eq(drafts.id, reviewRequests.draftId))
    .leftJoin(messages, eq(messages.id, drafts.messageId))
    .leftJoin(followupInstances, eq(followupInstances.id, reviewRequests.followupInstanceId))
    .leftJoin(followupSequences, eq(followupSequences.id, followupInstances.sequenceId))
    .where(eq(reviewRequests.id, input.reviewRequestId));
  // An unknown review is reported by the review action itself (not_found).
  if (!review) return { ok: true, as: 'reviewer', workspaceId: '' };
  const { workspaceId } = review;
  const targets = review.campaignId
    ? (
        await deps.db
          .select({ target: campaignReviewers.target })
          .from(campaignReviewers)
          .where(eq(campaignReviewers.campaignId, review.campaignId))
      ).map((r) => parseReviewerTarget(r.target))
    : [];
  if (targets.some((t) => t?.kind === 'member' && t.memberId === input.memberId)) {
    return { ok: true, as: 'reviewer', workspaceId };
  }
  const reviewerEmails = targets.flatMap((t) => (t?.kind === 'email' ? [t.email] : []));
  const adminEmails = (
    await deps.db
      .select({ email: users.email })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'admin')))
  ).map((r) => r.email.toLowerCase());
  const client =
    reviewerEmails.length || adminEmails.length ? await deps.clientFor(workspaceId) : undefined;
  if (client) {
    for (const [emails, as] of [
      [reviewerEmails, 'reviewer'],
      [adminEmails, 'admin'],
    ] as const) {
      for (const email of emails) {
        if ((await slackIdOf(client, email)) === input.memberId) {
          return { ok: true, as, workspaceId };
        }
      }
    }
  }
  return {
    ok: false,
    workspaceId,
    reason:
      targets.length === 0
        ? 'the campaign has no reviewers and the member is not a workspace admin'
        : 'the member is not a reviewer of this campaign nor a workspace admin',
  };
}

/** The Slack member id of an email, or undefined (not found, or the lookup failed). */
async function slackIdOf(client: WebClient, email: string): Promise<string | undefined> {
  try {
    const found = await client.users.lookupByEmail({ email });
    return found.user?.id;
  } catch {
    return undefined;
  }
}

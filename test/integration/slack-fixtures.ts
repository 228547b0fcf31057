import { randomUUID } from 'node:crypto';
import { type Config, parseConfig } from '../../src/config/load-config.ts';
import type { Db } from '../../src/db/client.ts';
import {
  campaignReviewers,
  campaigns,
  drafts,
  leads,
  messages,
  reviewRequests,
  workspaces,
} from '../../src/db/schema.ts';
import { createLogger, type Logger } from '../../src/logger.ts';

/** Slack test tokens and scope sets. */
export const TOKEN = 'xoxb-peer-test-token';
export const LIMITED_SCOPES = [
  'assistant:write',
  'channels:read',
  'chat:write',
  'chat:write.public',
  'users:write',
];
export const FULL_SCOPES = [
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
];

export function testConfig(env: Record<string, string | undefined>): Config {
  return parseConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://autosend.example', ...env });
}

/** A logger whose lines (parsed) are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', {
    write: (line: string) => void lines.push(JSON.parse(line)),
  });
  return { logger, lines };
}

/** A workspace with one campaign and its reviewers. */
export async function seedCampaign(db: Db, reviewers: string[], name = 'Spring outreach') {
  const [ws] = await db
    .insert(workspaces)
    .values({ name: 'Acme', webhookKey: randomUUID(), webhookSecret: 'secret' })
    .returning();
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId: ws!.id,
      platform: 'generic',
      externalId: randomUUID(),
      name,
      confidenceGate: 85,
    })
    .returning();
  for (const target of reviewers) {
    const kind = target.includes('@')
      ? 'email'
      : /^[UW]/.test(target)
        ? 'slack_member'
        : 'slack_channel';
    await db.insert(campaignReviewers).values({ campaignId: campaign!.id, kind, target });
  }
  return { workspaceId: ws!.id, campaignId: campaign!.id };
}

/** A reply, its draft below the gate, and an open review request for it. */
export async function seedReview(db: Db, campaign: { workspaceId: string; campaignId: string }) {
  const n = randomUUID().slice(0, 8);
  const [lead] = await db
    .insert(leads)
    .values({
      workspaceId: campaign.workspaceId,
      email: `lead-${n}@prospect.example`,
      firstName: 'Dana',
      company: 'Prospect Co',
    })
    .returning();
  const [message] = await db
    .insert(messages)
    .values({
      workspaceId: campaign.workspaceId,
      leadId: lead!.id,
      campaignId: campaign.campaignId,
      direction: 'inbound',
      source: 'generic',
      providerMessageId: `pm-${n}`,
      threadKey: `t-${n}`,
      fromEmail: lead!.email,
      text: 'Sounds interesting, what does it cost?\n\nOn Mon, Jan 5, 2026 at 9:00 Sam wrote:\n> Hi Dana',
      occurredAt: new Date(),
    })
    .returning();
  const [draft] = await db
    .insert(drafts)
    .values({
      messageId: message!.id,
      body: 'Hi Dana, it is 99 EUR a month. Would Tuesday 10:00 work?',
      confidence: 0.72,
      evaluatorReason: 'price not in the campaign knowledge',
      guardFailures: ['unknown_price'],
      model: 'offline',
    })
    .returning();
  const [review] = await db
    .insert(reviewRequests)
    .values({ workspaceId: campaign.workspaceId, draftId: draft!.id, reason: 'below_threshold' })
    .returning();
  return { reviewRequestId: review!.id, draftId: draft!.id, messageId: message!.id };
}

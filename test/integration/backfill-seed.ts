import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { campaignReviewers, campaigns, leads, messages, workspaces } from '../../src/db/schema.ts';
import type { ChatRequestBody, PeerBehaviour } from '../peers/openai-peer.ts';

const DAY = 86_400_000;

export interface BackfillDataset {
  workspaceId: string;
  campaignId: string;
  manualCampaignId: string;
  discoveredCampaignId: string;
  /** Lead email by role in the dataset. */
  leads: Record<string, string>;
  /** Inbound message ids by role. */
  replies: Record<string, string>;
}

/**
 * One workspace with an AI_AUTO_SEND campaign holding a conversation for
 * every selection rule, a MANUAL campaign, and a campaign discovered from a
 * webhook (not configured) whose reply was skipped as unknown_campaign.
 */
export async function seedBackfillDataset(
  db: Db,
  options: {
    reviewer?: string;
    extraTargets?: number;
    /** More AI_AUTO_SEND conversations: one reply each, by role. */
    extraReplies?: { role: string; text: string }[];
    now?: Date;
  } = {},
): Promise<BackfillDataset> {
  const now = options.now ?? new Date();
  const [ws] = await db
    .insert(workspaces)
    .values({
      name: 'Backfill Co',
      webhookKey: `k-${randomUUID()}`,
      webhookSecret: 's',
      timeZone: 'UTC',
    })
    .returning();
  const workspaceId = ws!.id;
  const campaign = async (name: string, extra: Partial<typeof campaigns.$inferInsert>) => {
    const [c] = await db
      .insert(campaigns)
      .values({
        workspaceId,
        platform: 'generic',
        externalId: `c-${randomUUID()}`,
        name,
        senderName: 'Sam',
        senderEmail: 'sam@agency.example',
        signature: 'Sam\nAgency',
        sendDelayMinSeconds: 0,
        sendDelayMaxSeconds: 0,
        knowledge: 'We run outbound campaigns for agencies.',
        ...extra,
      })
      .returning();
    return c!.id;
  };
  const campaignId = await campaign('Q3 outreach', {
    responseMode: 'AI_AUTO_SEND',
    confidenceGate: 80,
    configuredAt: now,
  });
  const manualCampaignId = await campaign('Manual list', {
    responseMode: 'MANUAL',
    configuredAt: now,
  });
  const discoveredCampaignId = await campaign('Discovered', {});
  await db
    .insert(campaignReviewers)
    .values({ campaignId, kind: 'email', target: options.reviewer ?? 'reviewer@agency.example' });

  const leadsByRole: Record<string, string> = {};
  const replies: Record<string, string> = {};
  const conversation = async (
    role: string,
    inCampaign: string,
    steps: {
      dir: 'inbound' | 'outbound';
      text: string;
      daysAgo: number;
      headers?: Record<string, string>;
      subject?: string;
    }[],
    lead: Partial<typeof leads.$inferInsert> = {},
    messageCampaign: string | null = inCampaign,
  ) => {
    const email = `${role}.${randomUUID().slice(0, 6)}@lead.example`;
    const [l] = await db
      .insert(leads)
      .values({
        workspaceId,
        email,
        firstName: role[0]!.toUpperCase() + role.slice(1),
        lastName: 'Lead',
        ...lead,
      })
      .returning();
    leadsByRole[role] = email;
    const threadKey = `<root-${role}-${randomUUID()}@agency.example>`;
    const lastInbound = steps.findLastIndex((x) => x.dir === 'inbound');
    for (const [i, step] of steps.entries()) {
      const [m] = await db
        .insert(messages)
        .values({
          workspaceId,
          leadId: l!.id,
          campaignId: messageCampaign,
          direction: step.dir,
          source: step.dir === 'inbound' ? 'generic' : 'smartlead',
          providerMessageId: `p-${randomUUID()}`,
          rfcMessageId: `<m-${randomUUID()}@x.example>`,
          threadKey,
          references: [threadKey],
          fromEmail: step.dir === 'inbound' ? email : 'sam@agency.example',
          toEmails: step.dir === 'inbound' ? ['sam@agency.example'] : [email],
          subject: step.subject ?? 'Re: Quick question',
          headers: step.headers ?? {},
          text: step.text,
          occurredAt: new Date(now.getTime() - step.daysAgo * DAY),
        })
        .returning();
      if (step.dir === 'inbound') replies[i === lastInbound ? role : `${role}:${i}`] = m!.id;
    }
  };
  const opener = {
    dir: 'outbound' as const,
    text: 'Hi, quick question about your outbound?',
    daysAgo: 30,
  };

  await conversation('interested', campaignId, [
    opener,
    { dir: 'inbound', text: 'Sounds interesting, can we talk on Tuesday?', daysAgo: 20 },
  ]);
  await conversation('folded', campaignId, [
    opener,
    { dir: 'inbound', text: 'Who is this?', daysAgo: 21 },
    { dir: 'inbound', text: 'Actually yes, we are interested. Can we set up a call?', daysAgo: 19 },
  ]);
  await conversation('answered', campaignId, [
    opener,
    { dir: 'inbound', text: 'Interested, tell me more.', daysAgo: 20 },
    { dir: 'outbound', text: 'HUMAN-ANSWER: happy to, here is more.', daysAgo: 19 },
  ]);
  await conversation('optout', campaignId, [
    opener,
    { dir: 'inbound', text: 'Please remove me from your list.', daysAgo: 18 },
  ]);
  await conversation('ooo', campaignId, [
    opener,
    {
      dir: 'inbound',
      subject: 'Automatic reply: Quick question',
      headers: { 'auto-submitted': 'auto-replied' },
      text: 'I am out of the office until Monday with limited access to email.',
      daysAgo: 17,
    },
  ]);
  await conversation(
    'bounced',
    campaignId,
    [opener, { dir: 'inbound', text: 'Sounds good, call me.', daysAgo: 16 }],
    {
      bouncedAt: new Date(now.getTime() - 40 * DAY),
      bouncedReason: 'hard bounce',
    },
  );
  await conversation(
    'booked',
    campaignId,
    [opener, { dir: 'inbound', text: 'Sounds good, call me.', daysAgo: 15 }],
    {
      bookedAt: new Date(now.getTime() - 14 * DAY),
      bookedReason: 'booked via calendar',
    },
  );
  await conversation('notinterested', campaignId, [
    opener,
    { dir: 'inbound', text: 'Not interested, thanks.', daysAgo: 14 },
  ]);
  await conversation('pricing', campaignId, [
    opener,
    { dir: 'inbound', text: 'Maybe. Tell me the price first.', daysAgo: 13.5 },
  ]);
  await conversation('manual', manualCampaignId, [
    opener,
    { dir: 'inbound', text: 'Sounds interesting, can we talk?', daysAgo: 13 },
  ]);
  await conversation('discovered', discoveredCampaignId, [
    opener,
    { dir: 'inbound', text: 'Sounds interesting, can we talk on Thursday?', daysAgo: 12 },
  ]);
  for (let i = 0; i < (options.extraTargets ?? 0); i++) {
    await conversation(`extra${i}`, campaignId, [
      opener,
      { dir: 'inbound', text: 'Sounds interesting, can we talk next week?', daysAgo: 10 - i / 100 },
    ]);
  }
  for (const extra of options.extraReplies ?? []) {
    await conversation(extra.role, campaignId, [
      opener,
      { dir: 'inbound', text: extra.text, daysAgo: 9 },
    ]);
  }
  return {
    workspaceId,
    campaignId,
    manualCampaignId,
    discoveredCampaignId,
    leads: leadsByRole,
    replies,
  };
}

/**
 * The OpenAI-compatible peer answering as a good model would: the category
 * from a keyword, a plain draft with no times or links, a confident evaluation.
 */
export function goodModel(delayMs = 0): (body: ChatRequestBody) => PeerBehaviour {
  return (body) => {
    const name = body.response_format?.json_schema?.name;
    const last = body.messages?.at(-1)?.content ?? '';
    const ok = (content: unknown): PeerBehaviour => ({
      kind: 'ok',
      content,
      ...(delayMs ? { delayMs } : {}),
    });
    if (name === 'reply_classification') {
      return ok({
        category: /not interested/i.test(last) ? 'not_interested' : 'interested',
        confidence: 0.9,
        evidence: 'keyword',
      });
    }
    if (name === 'reply_draft') {
      return ok({
        body: 'Hi,\n\nThanks for getting back to me. I will send a short overview today.\n\nSam\nAgency',
      });
    }
    // A price question the campaign knowledge cannot answer: below the gate.
    if (/tell me the price/i.test(JSON.stringify(body.messages))) {
      return ok({
        confidence: 0.6,
        safe_to_send: true,
        requires_human_review: false,
        reason: 'price unknown',
      });
    }
    return ok({
      confidence: 0.95,
      safe_to_send: true,
      requires_human_review: false,
      reason: 'clear, on topic',
    });
  };
}

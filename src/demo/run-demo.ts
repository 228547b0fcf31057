import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaigns, decisionEvents, drafts, workspaces } from '../db/schema.ts';
import { enrolDemoLeads } from '../followups/enrol-demo-leads.ts';
import { storeInboundReply } from '../ingest/store-inbound-reply.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { DEMO_REPLIES } from './demo-replies.ts';

export interface DemoRow {
  messageId: string;
  from: string;
  reply: string;
  category: string | null;
  confidence: number | null;
  decision: string;
  reason: string | null;
}

/**
 * Seeds a fresh demo workspace with an AI_AUTO_SEND campaign and ~30 replies,
 * pushes them through the real ingest path and queue, waits until the worker
 * has decided each one, and returns a row per reply.
 */
export async function runDemo(
  deps: { db: Db; queue: JobQueue },
  options: { timeoutMs?: number; now?: Date } = {},
): Promise<{ workspaceId: string; rows: DemoRow[] }> {
  const run = randomBytes(3).toString('hex');
  const now = options.now ?? new Date();
  const [workspace] = await deps.db
    .insert(workspaces)
    .values({
      name: `Demo agency (${run})`,
      webhookKey: `demo-${run}`,
      webhookSecret: randomBytes(24).toString('hex'),
      timeZone: 'Europe/Berlin',
    })
    .returning();
  await deps.db.insert(campaigns).values({
    workspaceId: workspace!.id,
    platform: 'generic',
    externalId: 'demo-q2-outbound',
    name: 'Q2 onboarding outbound',
    responseMode: 'AI_AUTO_SEND',
    confidenceGate: 85,
    bookingLink: 'https://cal.com/northwind-demo/intro',
    knowledge:
      'Northwind cuts onboarding time for B2B teams in half. Pricing: $1,500 one-off setup, then $12 per seat per month. Integrations: Slack, Google Workspace, BambooHR.',
    senderName: 'Tom Becker',
    senderEmail: 'tom@northwind-demo.com',
    signature: 'Tom Becker\nNorthwind · northwind-demo.com',
    configuredAt: now,
  });
  // Enrolled before the replies arrive, so `autosend followups report` shows why each is paused.
  await enrolDemoLeads(deps.db, {
    workspaceId: workspace!.id,
    externalId: 'demo-q2-outbound',
    emails: DEMO_REPLIES.map((r) => r.lead ?? r.from),
    now: new Date(now.getTime() - (DEMO_REPLIES.length + 1) * 60_000),
  });
  const messageIds: string[] = [];
  for (const [i, r] of DEMO_REPLIES.entries()) {
    const stored = await storeInboundReply(deps, workspace!.id, {
      source: 'generic',
      providerMessageId: `demo-${run}-${i}`,
      channel: 'email',
      campaign: { externalId: 'demo-q2-outbound' },
      lead: {
        email: r.lead ?? r.from,
        ...(r.lead ? {} : { firstName: r.fromName.split(' ')[0] }),
        company: r.company,
        ...(r.timeZone ? { timeZone: r.timeZone } : {}),
      },
      from: { email: r.from, name: r.fromName },
      mailbox: 'tom@northwind-demo.com',
      to: ['tom@northwind-demo.com'],
      cc: [],
      subject: r.subject ?? 'Re: Quick question',
      text: r.text,
      receivedAt: new Date(now.getTime() - (DEMO_REPLIES.length - i) * 60_000),
      rfcMessageId: `<demo-${run}-${i}@mail.example>`,
      references: [`<demo-${run}-root-${i}@northwind-demo.com>`],
      headers: r.headers ?? {},
      platformFlags: {},
      platformRefs: {},
      priorMessages: [],
    });
    messageIds.push(stored.messageId);
  }

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let decided = new Map<string, typeof decisionEvents.$inferSelect>();
  while (Date.now() < deadline) {
    const rows = await deps.db
      .select()
      .from(decisionEvents)
      .where(and(inArray(decisionEvents.messageId, messageIds), eq(decisionEvents.step, 'decide')));
    decided = new Map(
      rows.filter((e) => e.outcome !== 'superseded_older').map((e) => [e.messageId, e]),
    );
    if (decided.size >= messageIds.length) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const classified = await deps.db
    .select()
    .from(decisionEvents)
    .where(and(inArray(decisionEvents.messageId, messageIds), eq(decisionEvents.step, 'classify')));
  const draftRows = await deps.db
    .select()
    .from(drafts)
    .where(inArray(drafts.messageId, messageIds));
  const rows = messageIds.map((messageId, i) => {
    const d = decided.get(messageId);
    const r = DEMO_REPLIES[i]!;
    return {
      messageId,
      from: r.from,
      reply: r.text.split('\n')[0]!.slice(0, 60),
      category: classified.find((c) => c.messageId === messageId)?.outcome ?? null,
      confidence: draftRows.find((x) => x.messageId === messageId)?.confidence ?? null,
      decision: d ? (d.outcome === 'skipped' ? 'skip' : d.outcome) : 'pending',
      reason: d?.reason ?? null,
    };
  });
  return { workspaceId: workspace!.id, rows };
}

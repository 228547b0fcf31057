import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaigns, decisionEvents, drafts, sendLedger, workspaces } from '../db/schema.ts';
import { enrolDemoLeads } from '../followups/enrol-demo-leads.ts';
import { storeInboundReply } from '../ingest/store-inbound-reply.ts';
import { newWebhookSecret, storeWebhookSecret } from '../ingest/webhook-secrets.ts';
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
  /** Meeting slots the draft offered, labelled in the lead's zone (or the workspace's). */
  slots: string[];
}

/** The demo workspace is found again by this webhook key: one per database. */
export const DEMO_WEBHOOK_KEY = 'demo-northwind';

/**
 * Realistic weekly hours in the demo workspace's zone, so meeting replies
 * carry real slots: Monday to Thursday 09:00-12:00 and 13:30-17:00, Friday
 * mornings, 30-minute meetings every 30 minutes.
 */
export const DEMO_AVAILABILITY = {
  timeZone: 'Europe/Berlin',
  slotMinutes: 30,
  hours: {
    mon: ['09:00-12:00', '13:30-17:00'],
    tue: ['09:00-12:00', '13:30-17:00'],
    wed: ['09:00-12:00', '13:30-17:00'],
    thu: ['09:00-12:00', '13:30-17:00'],
    fri: ['09:00-12:00'],
  },
};

export interface DemoResult {
  workspaceId: string;
  workspaceName: string;
  /** True when an earlier run's workspace was reused (its replies are shown again, not sent again). */
  reused: boolean;
  rows: DemoRow[];
}

/**
 * Seeds the demo workspace (weekly hours, an AI_AUTO_SEND campaign) and ~30
 * replies, pushes them through the real ingest path and queue, waits until the
 * worker has decided each one, and returns a row per reply. A second run
 * reuses the workspace: the replies are the same provider messages, so ingest
 * finds them and nothing is processed or sent twice; `reset` deletes the demo
 * workspace (and everything in it) first.
 */
export async function runDemo(
  deps: { db: Db; queue: JobQueue; secretKey?: string | undefined },
  options: { timeoutMs?: number; now?: Date; reset?: boolean } = {},
): Promise<DemoResult> {
  // Fixed ids: a rerun finds the same provider messages, which ingest dedupes.
  const run = 'v1';
  const now = options.now ?? new Date();
  if (options.reset) {
    await deps.db.delete(workspaces).where(eq(workspaces.webhookKey, DEMO_WEBHOOK_KEY));
  }
  const [found] = await deps.db
    .select()
    .from(workspaces)
    .where(eq(workspaces.webhookKey, DEMO_WEBHOOK_KEY));
  const reused = found !== undefined;
  const workspace =
    found ??
    (
      await deps.db
        .insert(workspaces)
        .values({
          name: 'Demo agency (Northwind)',
          webhookKey: DEMO_WEBHOOK_KEY,
          webhookSecret: storeWebhookSecret(newWebhookSecret(), deps.secretKey),
          timeZone: 'Europe/Berlin',
          availabilitySource: 'weekly_hours',
          availabilityConfig: DEMO_AVAILABILITY,
        })
        .returning()
    )[0]!;
  await deps.db
    .insert(campaigns)
    .values({
      workspaceId: workspace.id,
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
    })
    .onConflictDoNothing();
  if (!reused) {
    // Enrolled before the replies arrive, so `autosend followups report` shows why each is paused.
    await enrolDemoLeads(deps.db, {
      workspaceId: workspace.id,
      externalId: 'demo-q2-outbound',
      emails: DEMO_REPLIES.map((r) => r.lead ?? r.from),
      now: new Date(now.getTime() - (DEMO_REPLIES.length + 1) * 60_000),
    });
  }
  const messageIds: string[] = [];
  for (const [i, r] of DEMO_REPLIES.entries()) {
    const stored = await storeInboundReply(deps, workspace.id, {
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
  const offered = await deps.db
    .select()
    .from(decisionEvents)
    .where(
      and(inArray(decisionEvents.messageId, messageIds), eq(decisionEvents.step, 'availability')),
    );
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
      slots:
        (offered.find((e) => e.messageId === messageId)?.detail as { slots?: string[] } | null)
          ?.slots ?? [],
    };
  });
  return { workspaceId: workspace.id, workspaceName: workspace.name, reused, rows };
}

/**
 * Of the demo replies decided `send`, how many have gone out (send ledger
 * `sent`) and how many still wait in reply.send. Call it after the worker has
 * drained, so in-flight sends are counted as sent.
 */
export async function countDemoSends(
  db: Db,
  rows: DemoRow[],
): Promise<{ sent: number; waiting: number }> {
  const sendIds = rows.filter((r) => r.decision === 'send').map((r) => r.messageId);
  if (sendIds.length === 0) return { sent: 0, waiting: 0 };
  const sentRows = await db
    .selectDistinct({ messageId: drafts.messageId })
    .from(sendLedger)
    .innerJoin(drafts, eq(drafts.id, sendLedger.draftId))
    .where(and(inArray(drafts.messageId, sendIds), eq(sendLedger.status, 'sent')));
  return { sent: sentRows.length, waiting: sendIds.length - sentRows.length };
}

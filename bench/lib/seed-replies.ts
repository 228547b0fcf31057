import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';
import { campaigns, workspaces } from '../../src/db/schema.ts';
import { DEMO_REPLIES } from '../../src/demo/demo-replies.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';

/** A workspace with one auto-send campaign, as the benches use it. */
export async function seedBenchWorkspace(database: Database, label: string) {
  const [ws] = await database.db
    .insert(workspaces)
    .values({
      name: `Bench ${label}`,
      webhookKey: `bench-${label}-${randomBytes(4).toString('hex')}`,
      webhookSecret: 'x',
    })
    .returning();
  await database.db.insert(campaigns).values({
    workspaceId: ws!.id,
    platform: 'generic',
    externalId: 'bench',
    name: 'Bench campaign',
    responseMode: 'AI_AUTO_SEND',
    bookingLink: 'https://cal.com/bench/intro',
    knowledge: 'Pricing: $1,500 setup, $12 per seat per month.',
    signature: 'Tom',
    configuredAt: new Date(),
  });
  return ws!;
}

/** Stores `count` demo replies (or those at the `only` indexes) in the workspace (each enqueues inbound.process); returns their message ids. */
export async function seedReplies(
  deps: { database: Database; queue: JobQueue },
  workspaceId: string,
  count: number,
  label: string,
  options: { only?: number[] } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  // Which demo replies to cycle through (by index); all of them by default.
  const pool = options.only?.map((i) => DEMO_REPLIES[i]!) ?? DEMO_REPLIES;
  for (let i = 0; i < count; i++) {
    const r = pool[i % pool.length]!;
    const email = `lead${i}@bench-${label}-${i % 50}.example`;
    const { messageId } = await storeInboundReply(
      { db: deps.database.db, queue: deps.queue },
      workspaceId,
      {
        source: 'generic',
        providerMessageId: `bench-${label}-${i}`,
        channel: 'email',
        campaign: { externalId: 'bench' },
        lead: { email, firstName: r.fromName.split(' ')[0] },
        from: { email, name: r.fromName },
        to: [],
        cc: [],
        subject: r.subject ?? 'Re: Quick question',
        text: r.text,
        receivedAt: new Date(now - (count - i) * 1000),
        references: [`<bench-root-${label}-${i}@example.com>`],
        headers: r.headers ?? {},
        platformFlags: {},
        platformRefs: {},
        priorMessages: [],
      },
    );
    ids.push(messageId);
  }
  return ids;
}

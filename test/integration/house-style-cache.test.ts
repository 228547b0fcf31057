import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHouseStyleCache } from '../../src/calibration/load-house-style.ts';
import { campaigns, drafts, editExamples, workspaces } from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { loadReplyContext } from '../../src/pipeline/load-reply-context.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { type PipelineDeps, processInbound } from '../../src/pipeline/process-inbound.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * The house-style examples (reviewers' edits) are cached per campaign by a
 * stamp read with the reply's context: a reviewer's new edit reaches the very
 * next draft, in this process or another.
 */

const logger = pino({ level: 'silent' });
let db: TestDatabase;
let queue: JobQueue;
let workspaceId: string;
let campaignId: string;
let deps: PipelineDeps;
let n = 0;

const REPLY = 'Sounds interesting. How much does it cost for a team of 40 people?';

async function storeReply(): Promise<string> {
  n += 1;
  const { messageId } = await storeInboundReply({ db: db.db, queue }, workspaceId, {
    source: 'generic',
    providerMessageId: `style-${n}`,
    channel: 'email',
    campaign: { externalId: 'c' },
    lead: { email: `lead${n}@style.example` },
    from: { email: `lead${n}@style.example` },
    to: [],
    cc: [],
    subject: 'Re: hello',
    text: REPLY,
    receivedAt: new Date(),
    references: [],
    headers: {},
    platformFlags: {},
    platformRefs: {},
    priorMessages: [],
  });
  return messageId;
}

async function houseStyleEvent(messageId: string) {
  await processInbound(deps, messageId);
  const [report] = await explainReply(db.db, { messageIdOrLeadEmail: messageId });
  return report!.events.find((e) => e.step === 'draft' && e.outcome === 'house_style');
}

/** A reviewer's edit kept for the campaign, as record-review-outcome.ts keeps it. */
async function keepEdit(messageId: string, version: number, sentText: string) {
  const [draft] = await db.db
    .insert(drafts)
    .values({
      messageId,
      version,
      // Edits are kept from drafts a reviewer edited and sent: settled, not live.
      status: 'sent',
      subject: 'Re: hello',
      body: 'Our pricing is on the site.',
      offeredSlots: [],
      confidence: 0.5,
      safeToSend: true,
      requiresHumanReview: false,
      evaluatorReason: 'ok',
      guardFailures: [],
      model: 'offline',
      timings: {},
    })
    .returning({ id: drafts.id });
  await db.db.insert(editExamples).values({
    workspaceId,
    campaignId,
    draftId: draft!.id,
    category: 'question',
    replyText: REPLY,
    draftText: 'Our pricing is on the site.',
    sentText,
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'Style agency', webhookKey: 'style', webhookSecret: 's' })
    .returning();
  workspaceId = ws!.id;
  const [c] = await db.db
    .insert(campaigns)
    .values({
      workspaceId,
      platform: 'generic',
      externalId: 'c',
      name: 'Outbound',
      responseMode: 'MANUAL',
      knowledge: 'Pricing: $12 per seat per month.',
      signature: 'Tom',
      configuredAt: new Date(),
    })
    .returning();
  campaignId = c!.id;
  // One pipeline, one cache, for the whole file: as one worker process.
  deps = makePipelineDeps({
    db: db.db,
    queue,
    config: testConfig({ DATABASE_URL: db.url }),
    logger,
  });
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
});

describe('house-style examples, cached per campaign', () => {
  it('a reviewer edit kept after a draft is used by the next draft', async () => {
    const first = await storeReply();
    expect(await houseStyleEvent(first)).toBeUndefined();
    await keepEdit(first, 8, 'Hi! It is $12 per seat per month, so $480 for 40 people.');
    expect(await houseStyleEvent(await storeReply())).toMatchObject({ detail: { examples: 1 } });
    await keepEdit(first, 9, 'Hello, $12 a seat.');
    expect(await houseStyleEvent(await storeReply())).toMatchObject({ detail: { examples: 2 } });
  });

  it('reads the edits again only when the stamp changes, and then sees deletions too', async () => {
    const cache = makeHouseStyleCache();
    const messageId = await storeReply();
    const stamp = (await loadReplyContext(db.db, messageId))!.houseStyleStamp;
    const before = await cache.recent(db.db, campaignId, stamp);
    expect(before).toHaveLength(2);
    await db.db.delete(editExamples);
    // Same stamp: the cached copy (no read).
    expect(await cache.recent(db.db, campaignId, stamp)).toBe(before);
    const after = (await loadReplyContext(db.db, messageId))!.houseStyleStamp;
    expect(after).not.toBe(stamp);
    expect(await cache.recent(db.db, campaignId, after)).toEqual([]);
  });
});

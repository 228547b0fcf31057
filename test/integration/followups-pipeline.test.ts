import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOpenAiProvider } from '../../src/ai/openai-provider.ts';
import { campaigns } from '../../src/db/schema.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { processInbound } from '../../src/pipeline/process-inbound.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type OpenAiPeer, type PeerBehaviour, startOpenAiPeer } from '../peers/openai-peer.ts';
import { instanceOf, seedLead, seedSequence } from './followups-seed.ts';
import { seedCampaign } from './sending-seed.ts';

/**
 * What the model's answer does to follow-ups, with the OpenAI-compatible peer
 * answering well and badly: a wrong category never un-pauses a lead who
 * replied, and a failed classification leaves the pause taken when the
 * reply was stored.
 */

let tdb: TestDatabase;
let queue: JobQueue;
let peer: OpenAiPeer;
let ids: { workspaceId: string; campaignId: string };
const logger = createLogger('silent');
const NOW = new Date('2026-12-02T09:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, logger, { schedule: false, supervise: false });
  peer = await startOpenAiPeer();
  ids = await seedCampaign(tdb.db, { configuredAt: NOW, externalId: 'peer-campaign' });
});
afterEach(() => {
  peer.setDefault({ kind: 'ok' });
});
afterAll(async () => {
  await peer?.stop();
  await queue?.stop({ graceful: false });
  await tdb?.drop();
});

async function replyAndProcess(text: string, behaviour: PeerBehaviour) {
  const lead = await seedLead(tdb.db, ids, NOW);
  const seq = await seedSequence(
    tdb.db,
    ids,
    [{ delay: '2bd', body: 'Hi {{first_name}}' }],
    [lead.email],
    NOW,
  );
  const [campaign] = await tdb.db.select().from(campaigns).where(eq(campaigns.id, ids.campaignId));
  const { messageId } = await storeInboundReply({ db: tdb.db, queue }, ids.workspaceId, {
    source: 'generic',
    providerMessageId: `peer-${lead.id}`,
    channel: 'email',
    campaign: { externalId: campaign!.externalId },
    lead: { email: lead.email },
    from: { email: lead.email },
    to: ['sam@acme.io'],
    cc: [],
    subject: 'Re: Quick question about Acme',
    text,
    references: [lead.threadKey],
    inReplyTo: lead.threadKey,
    headers: {},
    platformFlags: {},
    receivedAt: NOW,
    platformRefs: {},
    priorMessages: [],
  } as never);
  peer.enqueue(behaviour);
  const config = testConfig({ DATABASE_URL: tdb.url });
  const ai = makeOpenAiProvider(
    {
      apiKey: peer.apiKey,
      baseUrl: peer.baseUrl,
      model: 'peer-model-1',
      timeoutMs: 300,
      maxRetries: 0,
    },
    logger,
  );
  const deps = makePipelineDeps({ db: tdb.db, queue, config, logger, ai, now: () => NOW } as never);
  const outcome = await processInbound(deps, messageId);
  return { outcome, instance: await instanceOf(tdb.db, lead.id, seq.id) };
}

describe('follow-ups and the model', () => {
  it('a correct "later" answer with a date snoozes until that date', async () => {
    const { instance } = await replyAndProcess('Not now, reach out in March please.', {
      kind: 'ok',
      content: { category: 'follow_up_later', confidence: 0.9, evidence: 'reach out in March' },
    });
    expect(instance).toMatchObject({ status: 'paused', pauseReason: 'lead_snoozed' });
    expect(instance.pausedUntil?.toISOString()).toBe('2027-02-28T23:00:00.000Z');
  });

  it('a wrong "later" category on a reply without a date keeps lead_replied', async () => {
    const { instance } = await replyAndProcess('Sounds great, can we talk?', {
      kind: 'ok',
      content: { category: 'follow_up_later', confidence: 0.7, evidence: 'talk' },
    });
    expect(instance).toMatchObject({
      status: 'paused',
      pauseReason: 'lead_replied',
      pausedUntil: null,
    });
  });

  it('a wrong "out_of_office" category on a human reply keeps lead_replied (no timed resume)', async () => {
    const { instance } = await replyAndProcess('Sounds great, can we talk?', {
      kind: 'ok',
      content: { category: 'out_of_office', confidence: 0.6, evidence: 'x' },
    });
    expect(instance).toMatchObject({
      status: 'paused',
      pauseReason: 'lead_replied',
      pausedUntil: null,
    });
  });

  it('an away notice labelled out_of_office pauses until the return date', async () => {
    const { instance } = await replyAndProcess(
      'I am on vacation until 9 December, and I will answer you then.',
      {
        kind: 'ok',
        content: {
          category: 'out_of_office',
          confidence: 0.8,
          evidence: 'on vacation until 9 December',
        },
      },
    );
    expect(instance).toMatchObject({ status: 'paused', pauseReason: 'out_of_office' });
    expect(instance.pausedUntil?.toISOString()).toBe('2026-12-09T23:00:00.000Z');
  });

  it.each([
    ['malformed JSON', { kind: 'invalid_json' }],
    ['a timeout', { kind: 'slow', delayMs: 2000 }],
    ['a truncated answer', { kind: 'truncated' }],
    ['a refusal', { kind: 'refusal' }],
  ] as [string, PeerBehaviour][])(
    '%s from the model leaves the lead paused as lead_replied',
    async (_name, behaviour) => {
      const { outcome, instance } = await replyAndProcess('Sounds great, can we talk?', behaviour);
      // The reply is not lost: it waits for a human (issue 10's ai_failed review).
      expect(outcome).toMatchObject({ outcome: 'review', reason: 'ai_failed' });
      expect(instance).toMatchObject({
        status: 'paused',
        pauseReason: 'lead_replied',
        nextRunAt: null,
      });
    },
  );
});

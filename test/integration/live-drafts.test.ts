import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persistBackfillDraft } from '../../src/backfill/persist-draft.ts';
import { decisionEvents, drafts, reviewRequests } from '../../src/db/schema.ts';
import { makeRoomForDraft } from '../../src/pipeline/make-room-for-draft.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { seedCampaign, seedReply } from './sending-seed.ts';

/*
 * A message holds one live draft (generated, approved, sending, send_unknown).
 * The code that writes a new draft makes room for it under the message lock
 * instead of tripping drafts_one_live_per_message.
 */

let tdb: TestDatabase;
let ids: { workspaceId: string; campaignId: string };
beforeAll(async () => {
  tdb = await createTestDatabase();
  ids = await seedCampaign(tdb.db);
});
afterAll(() => tdb?.drop());

const statusOf = async (id: string) =>
  (await tdb.db.select().from(drafts).where(eq(drafts.id, id)))[0]!.status;

function backfillDraft(messageId: string) {
  return {
    runId: randomUUID(),
    itemId: randomUUID(),
    messageId,
    answers: [messageId],
    subject: 'Re: hi',
    body: 'Hi Jane, Tuesday works.',
    model: 'offline',
    slots: [],
    offerIds: [],
    evaluation: { confidence: 0.9, safeToSend: true, requiresHumanReview: false, reason: 'ok' },
    guardFailures: [],
    timings: { classifyMs: 1, draftMs: 1, evaluateMs: 1 },
    trail: [],
    itemDetail: {},
  };
}

describe('one live draft per message', () => {
  it('an undecided generated draft gives way: superseded, its review closed, a trail line', async () => {
    const reply = await seedReply(tdb.db, ids);
    await tdb.db
      .insert(reviewRequests)
      .values({ workspaceId: ids.workspaceId, draftId: reply.draftId, reason: 'low' });
    const room = await tdb.db.transaction((tx) =>
      makeRoomForDraft(tx, reply.inboundId, { step: 'decide', detail: { by: 'inbound.process' } }),
    );
    expect(room).toEqual({ kind: 'free', superseded: [reply.draftId] });
    expect(await statusOf(reply.draftId)).toBe('superseded');
    const [review] = await tdb.db
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.draftId, reply.draftId));
    expect(review!.status).toBe('superseded');
    const trail = await tdb.db
      .select()
      .from(decisionEvents)
      .where(eq(decisionEvents.draftId, reply.draftId));
    expect(trail).toMatchObject([{ step: 'decide', outcome: 'superseded' }]);
  });

  it.each([
    ['approved', 'approved_by_human'],
    ['sending', 'send_in_progress'],
    ['send_unknown', 'send_unknown'],
  ] as const)(
    'a backfill apply leaves a reply whose draft is %s alone (%s)',
    async (status, reason) => {
      const reply = await seedReply(tdb.db, ids, { draft: { status } });
      const saved = await persistBackfillDraft(
        tdb.db,
        'apply',
        backfillDraft(reply.inboundId),
        async () => {},
      );
      expect(saved).toEqual({ skipped: reason, heldBy: reply.draftId });
      expect(await statusOf(reply.draftId)).toBe(status);
      const all = await tdb.db.select().from(drafts).where(eq(drafts.messageId, reply.inboundId));
      expect(all).toHaveLength(1);
    },
  );
});

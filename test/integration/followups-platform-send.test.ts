import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setSendingConnection } from '../../src/admin/sending-connections.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { messages, sendLedger } from '../../src/db/schema.ts';
import { makeFollowupTickHandler } from '../../src/followups/followup-tick-job.ts';
import { followupLedgerKey } from '../../src/followups/load-instance-context.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type PlatformPeer, startPlatformPeer } from '../peers/platform-peer.ts';
import { instanceOf, seedLead, seedSequence } from './followups-seed.ts';
import { seedCampaign } from './sending-seed.ts';

const SECRET_KEY = 'k'.repeat(40);
const logger = createLogger('silent');
const NOW = new Date('2026-12-02T09:00:00Z');
let tdb: TestDatabase;
let peer: PlatformPeer;
let dataDir: string;

function tick() {
  const config = parseConfig({
    DATA_DIR: dataDir,
    SENDER: 'outbox',
    AUTOSEND_SECRET_KEY: SECRET_KEY,
    PLATFORM_API_TIMEOUT_MS: '2000',
  });
  return makeFollowupTickHandler({ db: tdb.db, config, logger, now: () => NOW });
}

async function outboxFiles(): Promise<string[]> {
  return (await readdir(path.join(dataDir, 'outbox')).catch(() => [])).filter((f) =>
    f.endsWith('.eml'),
  );
}

/** A Smartlead campaign whose lead got the opener (with the stats_id the platform gave it), enrolled in one step. */
async function smartleadLead() {
  const ids = await seedCampaign(tdb.db, {
    platform: 'smartlead',
    externalId: '3131',
    sendingHoursStart: null,
    sendingHoursEnd: null,
  });
  const lead = await seedLead(tdb.db, ids, NOW);
  await tdb.db
    .update(messages)
    .set({ source: 'smartlead', raw: { platformRefs: { statsId: 'stats-opener-9' } } })
    .where(eq(messages.leadId, lead.id));
  const seq = await seedSequence(
    tdb.db,
    ids,
    [{ delay: '0 business days', body: 'Hi {{first_name}}, any thoughts?' }],
    [lead.email],
    NOW,
  );
  return { ids, lead, seq };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  peer = await startPlatformPeer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-followups-platform-'));
});
afterAll(async () => {
  await peer?.close();
  await tdb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  peer.requests.length = 0;
  peer.delivered.length = 0;
});

describe('follow-ups of a platform campaign go through its sending connection', () => {
  it('Smartlead: the step goes to reply-email-thread in the lead’s thread, not to the outbox', async () => {
    const { ids, lead, seq } = await smartleadLead();
    await setSendingConnection(
      tdb.db,
      'test',
      ids.workspaceId,
      { kind: 'smartlead', apiKey: 'sl-key-1234567890', baseUrl: peer.url },
      { secretKey: SECRET_KEY },
    );
    const before = await outboxFiles();
    const result = await tick()({ workspaceId: ids.workspaceId });
    expect(result.outcomes.sent).toBe(1);
    expect(peer.delivered).toHaveLength(1);
    const req = peer.delivered[0]!;
    expect(req.path).toBe('/api/v1/campaigns/3131/reply-email-thread');
    expect(req.body).toMatchObject({ email_stats_id: 'stats-opener-9', to_email: lead.email });
    expect(String((req.body as { email_body: string }).email_body)).toContain(
      'Hi Jane, any thoughts?',
    );
    expect(await outboxFiles()).toEqual(before);
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    const [ledger] = await tdb.db
      .select()
      .from(sendLedger)
      .where(eq(sendLedger.idempotencyKey, followupLedgerKey(inst.id, 1)));
    expect(ledger).toMatchObject({ status: 'sent', sender: 'smartlead' });
    // The ids the platform answered with are kept on the outbound message (echo detection reads them).
    const [outbound] = await tdb.db
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, `<autosend.followup.${inst.id}.1@acme.io>`));
    expect(outbound?.raw).toMatchObject({ platformIds: { statsId: 'stats-opener-9' } });
  });

  it('without a Smartlead connection the step is held (no_sending_connection), never sent another way, and goes out once connected', async () => {
    const { ids, lead, seq } = await smartleadLead();
    const before = await outboxFiles();
    const held = await tick()({ workspaceId: ids.workspaceId });
    expect(held.outcomes).toEqual({ no_sending_connection: 1 });
    expect(peer.requests).toHaveLength(0);
    expect(await outboxFiles()).toEqual(before);
    const inst = await instanceOf(tdb.db, lead.id, seq.id);
    expect(inst).toMatchObject({ status: 'active', nextStep: 1 });
    expect(inst.lastError).toMatch(/^no_sending_connection: .*connection set/);
    expect(
      await tdb.db
        .select()
        .from(sendLedger)
        .where(eq(sendLedger.idempotencyKey, followupLedgerKey(inst.id, 1))),
    ).toEqual([]);

    await setSendingConnection(
      tdb.db,
      'test',
      ids.workspaceId,
      { kind: 'smartlead', apiKey: 'sl-key-1234567890', baseUrl: peer.url },
      { secretKey: SECRET_KEY },
    );
    expect((await tick()({ workspaceId: ids.workspaceId })).outcomes.sent).toBe(1);
    expect(peer.delivered).toHaveLength(1);
  });
});

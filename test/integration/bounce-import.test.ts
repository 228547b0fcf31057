import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOfflineProvider } from '../../src/ai/offline-provider.ts';
import { leads, messages } from '../../src/db/schema.ts';
import { parseEml } from '../../src/ingest/parse-eml.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { processInbound } from '../../src/pipeline/process-inbound.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { setupScenario } from '../scenarios/setup-scenario.ts';

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
});
afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
});

describe('a DSN imported from an .eml', () => {
  it('flags the recipient it reports as bounced, not MAILER-DAEMON, and keeps the evidence', async () => {
    const world = await setupScenario(db.db, {
      name: 'postfix eml bounce',
      lead: { email: 'gone@example.org', firstName: 'Gwen' },
      timeline: [],
      end: {},
    } as unknown as Scenario);
    const raw = await readFile(path.resolve('test/fixtures/eml/postfix-bounce.eml'));
    const reply = await parseEml(raw, new Date('2027-01-11T09:00:00Z'));
    const stored = await storeInboundReply({ db: db.db, queue }, world.workspaceId, reply);
    if (stored.status !== 'created') throw new Error(stored.status);
    const outcome = await processInbound(
      makePipelineDeps({
        db: db.db,
        queue,
        config: testConfig({ DATABASE_URL: db.url }),
        logger,
        ai: makeOfflineProvider(),
      }),
      stored.messageId,
    );
    expect(outcome).toMatchObject({ outcome: 'skipped', reason: 'bounce' });
    const [message] = await db.db.select().from(messages).where(eq(messages.id, stored.messageId));
    expect(message!.leadId).toBe(world.leadId);
    expect(message!.fromEmail).toBe('mailer-daemon@mx.example.net');
    const [lead] = await db.db.select().from(leads).where(eq(leads.id, world.leadId));
    expect(lead!.bouncedAt).not.toBeNull();
    expect(lead!.bouncedReason).toMatch(/550 5\.1\.1 User unknown/);
    expect(lead!.bouncedReason).toMatch(/<gone@example\.org>: host mx\.example\.org said/);
    const daemon = await db.db
      .select()
      .from(leads)
      .where(eq(leads.email, 'mailer-daemon@mx.example.net'));
    expect(daemon).toEqual([]);
  });
});

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availabilityReadinessProbe } from '../../src/availability/availability-readiness-probe.ts';
import { campaigns, workspaces } from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { buildApp } from '../../src/http/app.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { processInbound } from '../../src/pipeline/process-inbound.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/* A workspace as `workspace create` leaves it: weekly_hours with no hours. */

const lines: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
let db: TestDatabase;
let queue: JobQueue;
let workspaceId: string;
const EXPECTED = () =>
  `availability is not set up: autosend workspace set-availability ${workspaceId} --source weekly_hours --config`;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'Fresh agency', webhookKey: 'fresh', webhookSecret: 's' })
    .returning();
  workspaceId = ws!.id;
  await db.db.insert(campaigns).values({
    workspaceId,
    platform: 'generic',
    externalId: 'c',
    name: 'Outbound',
    responseMode: 'MANUAL',
    signature: 'Tom',
    configuredAt: new Date(),
  });
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
});

describe('a workspace whose availability is not set up', () => {
  it('says so, with the command that sets it up, in the trail and the logs', async () => {
    const { messageId } = await storeInboundReply({ db: db.db, queue }, workspaceId, {
      source: 'generic',
      providerMessageId: 'fresh-1',
      channel: 'email',
      campaign: { externalId: 'c' },
      lead: { email: 'ana@one.example' },
      from: { email: 'ana@one.example' },
      to: [],
      cc: [],
      subject: 'Re: hello',
      text: 'Sounds good, when could we talk next week?',
      receivedAt: new Date(),
      references: [],
      headers: {},
      platformFlags: {},
      platformRefs: {},
      priorMessages: [],
    });
    const config = testConfig({ DATABASE_URL: db.url });
    await processInbound(makePipelineDeps({ db: db.db, queue, config, logger }), messageId);
    const [report] = await explainReply(db.db, { messageIdOrLeadEmail: messageId });
    const availability = report!.events.find((e) => e.step === 'availability');
    expect(availability).toMatchObject({ outcome: 'none' });
    expect(availability!.reason).toContain(EXPECTED());
    expect(availability!.reason).not.toMatch(/not valid/);
    expect(lines.some((l) => l.includes(EXPECTED()))).toBe(true);
  });

  it('is listed with the fix in /readyz, informational (the service stays ready)', async () => {
    const config = testConfig({ DATABASE_URL: db.url });
    const app = await buildApp({
      config,
      database: db,
      queue,
      logger,
      probes: [availabilityReadinessProbe(db.db)],
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.warnings).toContain('availability');
      expect(body.checks.availability).toMatchObject({ ok: false, informational: true });
      expect(body.checks.availability.detail.notSetUp).toEqual([
        { workspaceId, name: 'Fresh agency', fix: expect.stringContaining(EXPECTED()) },
      ]);
    } finally {
      await app.close();
    }
  });
});

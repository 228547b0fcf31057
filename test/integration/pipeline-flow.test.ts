import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/load-config.ts';
import { campaigns, drafts, leads, reviewRequests, workspaces } from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startSmtpSink } from '../peers/smtp-sink.ts';

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let worker: Worker;
let app: FastifyInstance;
let config: Config;
let dataDir: string;
let webhookKey: string;
const SECRET = 'whsec-pipeline-flow';

async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function postReply(payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  return app.inject({
    method: 'POST',
    url: `/webhooks/generic/${webhookKey}`,
    headers: {
      'content-type': 'application/json',
      'x-autosend-signature': signGenericBody(SECRET, body),
    },
    payload: body,
  });
}

function reply(id: string, email: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    receivedAt: new Date().toISOString(),
    campaign: { id: 'flow-campaign' },
    lead: { email, firstName: email.split('@')[0], company: 'Acme', timeZone: 'Europe/Berlin' },
    from: { email },
    mailbox: 'tom@agency.example',
    to: ['tom@agency.example'],
    subject: 'Re: Quick question',
    text,
    messageId: `<${id}@mail.example>`,
    references: [`<root-${id}@agency.example>`],
    ...extra,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-flow-'));
  config = testConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir });
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const [ws] = await db.db
    .insert(workspaces)
    .values({
      name: 'Flow',
      webhookKey: 'flow-key',
      webhookSecret: SECRET,
      timeZone: 'Europe/Berlin',
    })
    .returning();
  webhookKey = ws!.webhookKey;
  await db.db.insert(campaigns).values({
    workspaceId: ws!.id,
    platform: 'generic',
    externalId: 'flow-campaign',
    name: 'Flow campaign',
    responseMode: 'AI_AUTO_SEND',
    confidenceGate: 80,
    sendDelayMinSeconds: 0,
    sendDelayMaxSeconds: 0,
    bookingLink: 'https://cal.example.com/tom/intro',
    knowledge: 'Setup $1,500 once, $12 per seat per month.',
    senderName: 'Tom',
    senderEmail: 'tom@agency.example',
    signature: 'Tom\nAgency',
    configuredAt: new Date(),
  });
  app = await buildApp({ config, database: db, queue, logger });
  worker = await startWorker({
    queue,
    handlers: buildJobHandlers({ config, database: db, queue, logger }),
    concurrency: 2,
    logger,
  });
});

afterAll(async () => {
  await app?.close();
  await worker?.drain(5_000);
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a reply from webhook to decision', () => {
  it('an interested lead gets an answer with our slots, threaded, in the outbox', async () => {
    const res = await postReply(
      reply(
        'flow-1',
        'jane@acme.example',
        'Sounds interesting, when could we talk?\n\nOn Mon, Tom wrote:\n> Hi Jane',
      ),
    );
    expect(res.statusCode).toBe(202);
    const { messageId } = res.json() as { messageId: string };
    const file = await until(async () => {
      const files = await readdir(path.join(dataDir, 'outbox')).catch(() => []);
      return files.find((f) => f.endsWith('.eml'));
    }, 'an .eml in the outbox');
    const eml = await readFile(path.join(dataDir, 'outbox', file), 'utf8');
    expect(eml).toMatch(/^To: .*jane@acme\.example/m);
    expect(eml).toMatch(/^In-Reply-To: <flow-1@mail\.example>/m);
    expect(eml).toMatch(/^References: .*<root-flow-1@agency\.example>.*<flow-1@mail\.example>/m);
    expect(eml).toMatch(/^Subject: Re: Quick question/m);
    const [report] = await until(async () => {
      const r = await explainReply(db.db, { messageIdOrLeadEmail: messageId });
      return r[0]?.verdict.startsWith('Sent') ? r : undefined;
    }, 'the explain verdict to say Sent');
    expect(report!.events.map((e) => e.step)).toEqual(
      expect.arrayContaining([
        'ingest',
        'gates',
        'classify',
        'availability',
        'draft',
        'evaluate',
        'guards',
        'decide',
        'send',
      ]),
    );
  });

  it('an opt-out flags the lead for good, stops follow-ups and answers nothing', async () => {
    const res = await postReply(
      reply('flow-2', 'olaf@acme.example', 'Please remove me from your list.'),
    );
    const { messageId } = res.json() as { messageId: string };
    const [report] = await until(async () => {
      const r = await explainReply(db.db, { messageIdOrLeadEmail: messageId });
      return r[0]?.verdict.startsWith('Skipped') ? r : undefined;
    }, 'the skip');
    expect(report!.verdict).toMatch(/^Skipped: opt_out/);
    expect(report!.drafts).toEqual([]);
    const [lead] = await db.db.select().from(leads).where(eq(leads.email, 'olaf@acme.example'));
    expect(lead!.optedOutAt).not.toBeNull();
    expect(lead!.optedOutReason).toMatch(/remove me/i);
  });

  it('a colleague answering for the lead goes to review, with Slack failure recorded loudly', async () => {
    const res = await postReply(
      reply(
        'flow-3',
        'paul@cedar.example',
        'Paul left the company. I took over, what is this about?',
        {
          from: { email: 'hr@cedar.example' },
        },
      ),
    );
    const { messageId } = res.json() as { messageId: string };
    const review = await until(async () => {
      const [row] = await db.db
        .select({ review: reviewRequests })
        .from(reviewRequests)
        .innerJoin(drafts, eq(drafts.id, reviewRequests.draftId))
        .where(eq(drafts.messageId, messageId));
      return row?.review;
    }, 'a review request');
    expect(review.reason).toBe('different_sender');
    expect(review.status).toBe('open');
    const [report] = await until(async () => {
      const r = await explainReply(db.db, { messageIdOrLeadEmail: messageId });
      return r[0]?.notifications.length ? r : undefined;
    }, 'a notification attempt');
    expect(report!.notifications[0]!.ok).toBe(false);
    expect(report!.verdict).toMatch(/Held for review: different_sender.*Slack notification FAILED/);
  });
});

describe('a reply from webhook to SMTP', () => {
  it('threads the answer for the mail server when SENDER=smtp', async () => {
    const sink = await startSmtpSink();
    const smtpConfig = testConfig({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SENDER: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    // A second worker with the SMTP sender; the outbox worker is stopped so it cannot take the job.
    await worker.drain(5_000);
    queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
    worker = await startWorker({
      queue,
      handlers: buildJobHandlers({ config: smtpConfig, database: db, queue, logger }),
      concurrency: 2,
      logger,
    });
    await app.close();
    app = await buildApp({ config: smtpConfig, database: db, queue, logger });
    try {
      const res = await postReply(
        reply('flow-smtp', 'lena@acme.example', 'Sounds great, when are you free?'),
      );
      expect(res.statusCode).toBe(202);
      const raw = await until(async () => sink.received[0], 'a message at the SMTP sink');
      const parsed = await simpleParser(raw);
      expect(parsed.inReplyTo).toBe('<flow-smtp@mail.example>');
      expect(parsed.references).toEqual([
        '<root-flow-smtp@agency.example>',
        '<flow-smtp@mail.example>',
      ]);
      expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toContain('lena@acme.example');
      expect(parsed.subject).toBe('Re: Quick question');
    } finally {
      await sink.close();
    }
  });
});

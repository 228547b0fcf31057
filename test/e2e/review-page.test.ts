import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin/tokens.ts';
import { campaigns, reviewRequests, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { processInbound } from '../../src/pipeline/process-inbound.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * The review page in a real browser (Debian's chromium, driven by
 * playwright-core). .ci/run installs chromium; without it this file is
 * skipped and says why.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`review-page e2e skipped: no chromium at ${CHROMIUM}`);

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
let token: string;
let reviewId: string;

describe.skipIf(!haveChromium)('review page', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
    const config = testConfig({ DATABASE_URL: db.url });
    const [ws] = await db.db
      .insert(workspaces)
      .values({ name: 'Page agency', webhookKey: 'page-key', webhookSecret: 's' })
      .returning();
    await db.db.insert(campaigns).values({
      workspaceId: ws!.id,
      platform: 'generic',
      externalId: 'page-c',
      name: 'Page campaign',
      responseMode: 'MANUAL',
      bookingLink: 'https://cal.example.com/tom',
      signature: 'Tom',
      configuredAt: new Date(),
    });
    const { messageId } = await storeInboundReply({ db: db.db, queue }, ws!.id, {
      source: 'generic',
      providerMessageId: 'page-1',
      channel: 'email',
      campaign: { externalId: 'page-c' },
      lead: { email: 'jane@acme.example', firstName: 'Jane' },
      from: { email: 'jane@acme.example' },
      to: [],
      cc: [],
      subject: 'Re: hello',
      text: 'Sounds good, when can we talk?',
      receivedAt: new Date(),
      references: [],
      headers: {},
      platformFlags: {},
      platformRefs: {},
      priorMessages: [],
    });
    const outcome = await processInbound(
      makePipelineDeps({ db: db.db, queue, config, logger }),
      messageId,
    );
    expect(outcome).toMatchObject({ outcome: 'review', reason: 'mode_manual' });
    const [review] = await db.db.select().from(reviewRequests);
    reviewId = review!.id;
    ({ token } = await createToken(db.db, 'test', {
      name: 'page',
      role: 'reviewer',
      workspaceIds: [ws!.id],
    }));
    app = await buildApp({ config, database: db, queue, logger });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await queue?.stop({ graceful: false });
    await db?.drop();
  });

  it('without a token says how to create one, with no console error (favicon included)', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${baseUrl}/`);
    await page.locator('#health', { hasText: /Service (ready|NOT ready)/ }).waitFor();
    const favicon = await page.request.get(`${baseUrl}/favicon.ico`);
    expect(favicon.status()).toBe(200);
    expect(await page.locator('#sign-in').textContent()).toContain(
      'npm run autosend -- token create --name reviewer --role reviewer',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the held draft from the Slack link and approves an edited body', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/reviews/${reviewId}`);
    await page.fill('#token', token);
    await page.click('#save');
    const card = page.locator(`#r-${reviewId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('mode_manual');
    expect(await card.textContent()).toContain('Sounds good, when can we talk?');
    await page.fill(`#b-${reviewId}`, 'Hi Jane, Tuesday 10:00 works. Tom');
    await card.locator('button.approve').click();
    await page.locator(`#s-${reviewId}`, { hasText: 'Approved' }).waitFor();
    const [review] = await db.db
      .select()
      .from(reviewRequests)
      .where(eq(reviewRequests.id, reviewId));
    expect(review).toMatchObject({
      status: 'approved',
      editedBody: 'Hi Jane, Tuesday 10:00 works. Tom',
    });
    expect(review!.decidedBy).toMatch(/^token:/);
  });
});

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import { createUser } from '../../src/auth/manage-users.ts';
import { completeSetup, createSetupLink, firstAdminSetupUrl } from '../../src/auth/setup-links.ts';
import type { Config } from '../../src/config/load-config.ts';
import { campaigns, drafts, reviewRequests, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { buildJobHandlers } from '../../src/jobs/handlers.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * The dashboard in a real browser (Debian's chromium, driven by
 * playwright-core): first admin, sign-in, the Booking tab, a webhook reply
 * below the gate, edit and approve from the queue, the sent reply with its
 * diff, and another workspace's user shut out. .ci/run installs chromium;
 * without it this file is skipped and says why. Screenshots: test-results/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`dashboard e2e skipped: no chromium at ${CHROMIUM}`);
const SHOTS = path.resolve('test-results');

const logger = createLogger('silent');
const PASSWORD = 'correct horse battery staple';
let db: TestDatabase;
let queue: JobQueue;
let worker: Worker;
let app: FastifyInstance;
let browser: Browser;
let config: Config;
let dataDir: string;
/** http://localhost:<port>: browsers keep Secure cookies from localhost over plain HTTP. */
let baseUrl: string;
let alpha: { id: string; webhookSecret: string };
let betaId: string;
let campaignId: string;

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

async function signInAs(page: Page, email: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function webhookKeyOf(workspaceId: string): Promise<string> {
  const [row] = await db.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return row!.webhookKey;
}

describe.skipIf(!haveChromium)('dashboard', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-dash-'));
    config = testConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
    const a = await createWorkspace(db.db, 'test', {
      name: 'Alpha agency',
      timeZone: 'Europe/Berlin',
    });
    const b = await createWorkspace(db.db, 'test', { name: 'Beta agency' });
    alpha = { id: a.id, webhookSecret: a.webhookSecret };
    betaId = b.id;
    const [campaign] = await db.db
      .insert(campaigns)
      .values({
        workspaceId: a.id,
        platform: 'generic',
        externalId: 'spring-push',
        name: 'Spring push',
        responseMode: 'MANUAL',
        bookingLink: 'https://cal.example.com/tom/intro',
        senderName: 'Tom',
        senderEmail: 'tom@agency.example',
        signature: 'Tom',
      })
      .returning();
    campaignId = campaign!.id;

    app = await buildApp({ config, database: db, queue, logger });
    const listening = await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = listening.replace('127.0.0.1', 'localhost');
    worker = await startWorker({
      queue,
      handlers: buildJobHandlers({ config, database: db, queue, logger }),
      concurrency: 2,
      logger,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.drain(5_000);
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('takes an operator from the first-admin link to a sent, edited reply', {
    timeout: 240_000,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // First admin, from the link `npm start` prints.
    const setupUrl = (await firstAdminSetupUrl(db.db, baseUrl))!;
    await page.goto(setupUrl);
    await page.getByRole('heading', { name: 'Create the first admin' }).waitFor();
    await page.getByLabel('Email').fill('owner@alpha.example');
    await page.getByLabel('Password (at least 12 characters)').fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.screenshot({ path: `${SHOTS}/01-setup.png` });
    await page.getByRole('button', { name: /Save and continue/ }).click();
    await page.getByRole('heading', { name: 'Sign in to Autosend' }).waitFor();
    // Someone can sign in now: no new first-admin link.
    expect(await firstAdminSetupUrl(db.db, baseUrl)).toBeUndefined();
    // An admin of Beta only (invited from the CLI): must never see Alpha's replies.
    const invited = await createUser(db.db, 'test', {
      email: 'outsider@beta.example',
      workspace: betaId,
      role: 'admin',
    });
    const link = await createSetupLink(db.db, { userId: invited.userId, now: new Date() });
    await completeSetup(db.db, { token: link, password: PASSWORD }, new Date());

    await signInAs(page, 'owner@alpha.example');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'autosend_session')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    });
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByText('Nothing waits for review').waitFor();

    // Campaign settings → Booking: AI auto-send at 85 %.
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'Spring push' }).click();
    await page.getByRole('form', { name: 'Booking settings' }).waitFor();
    await page.getByLabel(/AI auto-send/).check();
    await page.getByLabel('Confidence gate (%)').fill('85');
    await page.getByLabel('Send delay from (minutes)').fill('0');
    await page.getByLabel('Send delay to (minutes)').fill('0');
    await page.getByLabel(/^Reviewers/).fill('owner@alpha.example');
    await page.getByRole('button', { name: 'Save booking settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/02-booking-tab.png`, fullPage: true });
    const [saved] = await db.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(saved).toMatchObject({ responseMode: 'AI_AUTO_SEND', confidenceGate: 85 });

    // A reply through the real webhook that scores below the gate.
    const payload = JSON.stringify({
      id: 'dash-1',
      receivedAt: new Date().toISOString(),
      campaign: { id: 'spring-push' },
      lead: { email: 'jane@acme.example', firstName: 'Jane', company: 'Acme' },
      from: { email: 'jane@acme.example' },
      to: ['tom@agency.example'],
      subject: 'Re: Quick question',
      text: 'Maybe. What does it cost, and do you integrate with Pipedrive?',
      messageId: '<dash-1@mail.example>',
    });
    const res = await fetch(`${baseUrl}/webhooks/generic/${await webhookKeyOf(alpha.id)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-autosend-signature': signGenericBody(alpha.webhookSecret, payload),
      },
      body: payload,
    });
    expect(res.status).toBe(202);
    const { messageId } = (await res.json()) as { messageId: string };
    const review = await until(
      async () => (await db.db.select().from(reviewRequests))[0],
      'a review request',
    );
    expect(review.reason).toBe('below_threshold');

    // The queue shows it with confidence against the gate.
    await page.getByRole('link', { name: 'Review queue' }).click();
    const card = page.getByRole('article').filter({ hasText: 'jane@acme.example' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('vs gate 85 %');
    expect(await card.textContent()).toContain('What does it cost');
    expect(await card.textContent()).toMatch(/below threshold/);
    await page.screenshot({ path: `${SHOTS}/03-queue.png`, fullPage: true });

    // A reviewer approves from a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/04-queue-phone.png`, fullPage: true });
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    const draftBox = card.getByLabel(/Reply draft/);
    const original = await draftBox.inputValue();
    const edited = `${original}\n\nP.S. Yes, we integrate with Pipedrive.`;
    await draftBox.fill(edited);
    await card.getByRole('figure', { name: 'Edit compared with the AI draft' }).waitFor();
    await card.getByRole('button', { name: 'Approve edited reply and send' }).click();
    await page.getByText('Nothing waits for review').waitFor();
    const [sentDraft] = await until(async () => {
      const rows = await db.db.select().from(drafts).where(eq(drafts.status, 'sent'));
      return rows.length ? rows : undefined;
    }, 'the approved draft to be sent');
    expect(sentDraft!.body).toBe(edited.trim());

    // Reply detail: the sent text, the edit as a diff, and the trail.
    await page.goto(`${baseUrl}/w/${alpha.id}/messages/${messageId}`);
    await page.getByRole('heading', { name: 'Reply from jane@acme.example' }).waitFor();
    await expect
      .poll(() => page.getByTestId('sent-text').textContent())
      .toContain('we integrate with Pipedrive');
    const diff = page.getByRole('figure', { name: 'Edit compared with the AI draft' });
    expect(await diff.locator('.diff-added').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('P.S. Yes, we integrate with Pipedrive.')]),
    );
    const trail = await page
      .getByRole('list')
      .filter({ hasText: 'review: approved' })
      .textContent();
    expect(trail).toMatch(/Send via .*: sent/);
    await page.screenshot({ path: `${SHOTS}/05-reply-detail.png`, fullPage: true });

    // The Slack link /reviews/{id} opens the same reply.
    await page.goto(`${baseUrl}/reviews/${review.id}`);
    await page.getByRole('heading', { name: 'Reply from jane@acme.example' }).waitFor();

    await page.getByRole('link', { name: 'Activity' }).click();
    await page
      .getByRole('img', { name: /Histogram of draft confidence with the gate at 85 %/ })
      .waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/06-activity.png`, fullPage: true });
    const histogram = page.getByRole('img', { name: /Histogram of draft confidence/ });
    expect(await histogram.locator('.recharts-reference-line-line').count()).toBe(1);
    expect(await histogram.textContent()).toContain('gate 85 %');
    await page.getByRole('link', { name: 'Slack' }).click();
    await page.getByRole('heading', { name: 'Slack', exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/07-slack.png`, fullPage: true });
    expect(errors).toEqual([]);

    // Another workspace's user can open neither the page nor the API.
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const outsider = await other.newPage();
    await signInAs(outsider, 'outsider@beta.example');
    await outsider.goto(`${baseUrl}/w/${alpha.id}/messages/${messageId}`);
    await outsider
      .getByRole('alert')
      .filter({ hasText: /not yours/ })
      .waitFor();
    expect(await outsider.content()).not.toContain('jane@acme.example');
    await outsider.goto(`${baseUrl}/reviews/${review.id}`);
    await outsider.getByRole('alert').filter({ hasText: 'Review not found' }).waitFor();
    await outsider.screenshot({ path: `${SHOTS}/08-outsider.png` });
    const api = await outsider.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, body: await r.text() };
    }, `/api/v1/workspaces/${alpha.id}/messages/${messageId}/explain`);
    expect(api.status).toBe(404);
    expect(api.body).not.toContain('jane@acme.example');
    const own = await outsider.evaluate(
      async (url) => (await fetch(url)).status,
      `/api/v1/workspaces/${betaId}/reviews`,
    );
    expect(own).toBe(200);
    await other.close();
    await context.close();
  });
});

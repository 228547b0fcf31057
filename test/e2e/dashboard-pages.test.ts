import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backfillRuns,
  decisionEvents,
  followupInstances,
  messages,
  sendingConnections,
} from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import {
  type BackfillDataset,
  goodModel,
  seedBackfillDataset,
} from '../integration/backfill-seed.ts';
import { seedLead, seedSequence } from '../integration/followups-seed.ts';
import { seedReview } from '../integration/slack-fixtures.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../peers/openai-peer.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';

import {
  haveChromium,
  launchBrowser,
  signIn,
  userWithPassword,
  warnIfNoChromium,
} from './browser-harness.ts';

/*
 * The Slack, Activity, Follow-ups and Backfill pages in a real browser
 * (Debian's chromium, driven by playwright-core) over the real API, with the
 * local Slack and OpenAI-compatible peers. Skipped, saying why, without
 * chromium. Screenshots: test-results/1x-*.png.
 */
warnIfNoChromium('dashboard pages');
const SHOTS = path.resolve('test-results');
const SLACK_TOKEN = 'xoxb-dashboard-pages-token';
/** A token missing the DM-by-email scopes. */
const LIMITED = ['chat:write', 'chat:write.public', 'channels:read'];

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let browser: Browser;
let slack: SlackPeer;
let ai: OpenAiPeer;
let dataDir: string;
let baseUrl: string;
let ds: BackfillDataset;

describe.skipIf(!haveChromium)('dashboard pages', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-dash-pages-'));
    slack = await startSlackPeer({
      token: SLACK_TOKEN,
      scopes: LIMITED,
      users: [{ id: 'U0REVIEW1', email: 'reviewer@acme.example' }],
    });
    ai = await startOpenAiPeer();
    ai.setResponder(goodModel());
    queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
    const config = testConfig({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.url,
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: ai.baseUrl,
      OPENAI_API_KEY: ai.apiKey,
      OPENAI_MAX_RETRIES: '0',
      BACKFILL_SEND_PACING_MS: '0',
    });
    ds = await seedBackfillDataset(db.db, { reviewer: 'reviewer@acme.example' });
    await userWithPassword(db.db, ds.workspaceId, 'admin@backfill.example', 'admin');
    app = await buildApp({ config, database: db, queue, logger });
    const listening = await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = listening.replace('127.0.0.1', 'localhost');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await queue?.stop({ graceful: false });
    await slack?.close();
    await ai?.stop();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a failing sending connection shows a banner on the queue and the Booking tab (admins)', {
    timeout: 120_000,
  }, async () => {
    await db.db.insert(sendingConnections).values({
      workspaceId: ds.workspaceId,
      kind: 'smartlead',
      credentialsSealed: 'v1:not:opened:here',
      lastCheckedAt: new Date(),
      lastCheckOk: false,
      lastErrorCode: 'bad_credentials',
      lastError: 'smartlead refused the API key (HTTP 401)',
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, baseUrl, 'admin@backfill.example');
      await page.goto(`${baseUrl}/w/${ds.workspaceId}/queue`);
      const banner = page
        .getByRole('status')
        .filter({ hasText: 'The smartlead sending connection is failing' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(
        '[bad_credentials]: smartlead refused the API key (HTTP 401)',
      );
      expect(await banner.textContent()).toContain('held, never sent another way');
      await page.goto(`${baseUrl}/w/${ds.workspaceId}/campaigns/${ds.campaignId}/booking`);
      await page
        .getByRole('status')
        .filter({ hasText: 'The smartlead sending connection is failing' })
        .waitFor();
      await page.screenshot({ path: path.join(SHOTS, '17-connection-banner.png'), fullPage: true });
    } finally {
      await context.close();
      await db.db.delete(sendingConnections);
    }
  });

  it('Slack: the doctor names the missing scopes; a test message shows Slack’s missing_scope', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'admin@backfill.example');
    await page.getByRole('link', { name: 'Slack' }).click();
    const doctor = page.getByRole('region', { name: 'Scope doctor' });
    await doctor.getByText('1 of 1 reviewer(s) cannot be reached in Slack').waitFor();
    const scopes = doctor.getByRole('table', { name: 'Scopes review notifications need' });
    const row = (scope: string) => scopes.getByRole('row').filter({ hasText: scope });
    expect(await row('users:read.email').textContent()).toContain('missing');
    expect(await row('im:write').textContent()).toContain('missing');
    expect(await row('chat:write.public').textContent()).toContain('granted');
    expect(await doctor.getByRole('table', { name: /Reviewers/ }).textContent()).toMatch(
      /reviewer@acme\.example.*Q3 outreach.*no.*missing_scope/,
    );
    expect(
      await doctor.getByRole('status').filter({ hasText: 'How to fix' }).textContent(),
    ).toMatch(/Add the Bot Token Scopes .*users:read\.email.*reinstall/);

    const form = page.getByRole('form', { name: 'Send a test message' });
    await form.getByLabel(/^To/).fill('reviewer@acme.example');
    await form.getByRole('button', { name: 'Send test message' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Slack refused: missing_scope' });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /users\.lookupByEmail answered missing_scope — needed scope users:read\.email/,
    );
    await page.screenshot({ path: `${SHOTS}/11-slack-doctor.png`, fullPage: true });

    // Scopes added and the app reinstalled: check again, and the message goes out.
    slack.setScopes([...LIMITED, 'im:write', 'users:read', 'users:read.email']);
    await doctor.getByRole('button', { name: 'Check again' }).click();
    await doctor.getByText('Slack OK: 1 reviewer(s) reachable').waitFor();
    await form.getByRole('button', { name: 'Send test message' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent to reviewer@acme.example' }).waitFor();
    expect(slack.posted.at(-1)).toMatchObject({ user: 'U0REVIEW1' });
    await page.screenshot({ path: `${SHOTS}/12-slack-ok.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Activity: skips and holds per reason, per day', { timeout: 120_000 }, async () => {
    const replies = await db.db
      .select()
      .from(messages)
      .where(and(eq(messages.workspaceId, ds.workspaceId), eq(messages.direction, 'inbound')));
    await db.db.insert(decisionEvents).values([
      { messageId: replies[0]!.id, step: 'decide', outcome: 'skipped', reason: 'bounce' },
      { messageId: replies[1]!.id, step: 'decide', outcome: 'skipped', reason: 'unknown_campaign' },
    ]);
    await seedReview(db.db, { workspaceId: ds.workspaceId, campaignId: ds.campaignId });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'admin@backfill.example');
    await page.getByRole('link', { name: 'Activity' }).click();
    const skips = page.getByRole('region', { name: 'Skipped, by reason' });
    await skips.getByRole('img', { name: /Skipped, by reason per day/ }).waitFor();
    await skips.locator('.recharts-bar-rectangle').first().waitFor();
    const totals = await skips.getByRole('table').textContent();
    expect(totals).toContain('bounce');
    expect(totals).toContain('unknown campaign');
    const holds = page.getByRole('region', { name: 'Held for review, by reason' });
    expect(await holds.getByRole('table').textContent()).toMatch(/below threshold\s*1/);
    // Per day and the histogram are counted by the server over the selected period.
    const perDay = page.getByRole('region', { name: 'Per day' });
    const dayOf = (ago: number) =>
      new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    await perDay.getByText(`${dayOf(13)} to ${dayOf(0)} (UTC)`).waitFor();
    expect(await perDay.getByTestId('activity-totals').textContent()).toMatch(
      /\d+ repl(y|ies); of the drafts made, \d+ sent, [1-9]\d* waiting for review, \d+ rejected/,
    );
    await perDay.locator('.recharts-bar-rectangle').first().waitFor();
    const histogram = page.getByRole('region', { name: 'Confidence scores' });
    expect(await histogram.textContent()).toMatch(/[1-9]\d* drafts? with a score in the period/);
    await page.getByLabel('Period').selectOption('7');
    await perDay.getByText(`${dayOf(6)} to ${dayOf(0)} (UTC)`).waitFor();
    await page.screenshot({ path: `${SHOTS}/13-activity-reasons.png`, fullPage: true });
    await context.close();
  });

  it('Follow-ups: why each is paused, the report, resume and cancel', {
    timeout: 120_000,
  }, async () => {
    const now = new Date();
    const ids = { workspaceId: ds.workspaceId, campaignId: ds.campaignId };
    const replied = await seedLead(db.db, ids, now);
    const waiting = await seedLead(db.db, ids, now);
    await seedSequence(
      db.db,
      ids,
      [
        { delay: '3 business days', channel: 'email', body: 'Any thoughts, {{first_name}}?' },
        { delay: '4 business days', channel: 'email', body: 'Last note.', needsApproval: true },
      ],
      [replied.email, waiting.email],
      now,
      { name: 'Gentle nudges' },
    );
    await db.db
      .update(followupInstances)
      .set({ status: 'paused', pauseReason: 'lead_replied', pausedAt: now })
      .where(eq(followupInstances.leadId, replied.id));

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'admin@backfill.example');
    await page.getByRole('link', { name: 'Follow-ups' }).click();
    await page.getByRole('heading', { name: 'Follow-ups', level: 1 }).waitFor();
    const sequences = page.getByRole('region', { name: 'Sequences', exact: true });
    await sequences.getByRole('heading', { name: 'Q3 outreach' }).waitFor();
    expect(await sequences.textContent()).toContain('Gentle nudges: 2 step(s)');
    const report = page.getByRole('region', { name: 'Report', exact: true });
    expect(await report.textContent()).toMatch(/active\s*1/);
    expect(await report.textContent()).toMatch(/paused\s*1/);

    const pausedRow = page.getByTestId('followup-row').filter({ hasText: replied.email });
    expect(await pausedRow.textContent()).toMatch(/paused: lead replied/);
    expect(await pausedRow.textContent()).toContain('active conversation');
    await page.screenshot({ path: `${SHOTS}/14-followups.png`, fullPage: true });

    await pausedRow.getByRole('button', { name: `Resume follow-up for ${replied.email}` }).click();
    await expect.poll(() => pausedRow.locator('.tag').textContent()).toBe('active');
    const [resumed] = await db.db
      .select()
      .from(followupInstances)
      .where(eq(followupInstances.leadId, replied.id));
    expect(resumed!.status).toBe('active');

    const activeRow = page.getByTestId('followup-row').filter({ hasText: waiting.email });
    await activeRow.getByRole('button', { name: `Cancel follow-up for ${waiting.email}` }).click();
    await activeRow.getByLabel(/Why cancel/).fill('the lead asked by phone');
    await activeRow.getByRole('button', { name: 'Cancel for good' }).click();
    await expect.poll(() => activeRow.locator('.tag').textContent()).toBe('cancelled');
    const [cancelled] = await db.db
      .select()
      .from(followupInstances)
      .where(eq(followupInstances.leadId, waiting.id));
    expect(cancelled!.status).toBe('cancelled');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Backfill: a dry run, a shadow run watched to its end with its log, a cancel', {
    timeout: 180_000,
  }, async () => {
    const [interrupted] = await db.db
      .insert(backfillRuns)
      .values({ workspaceId: ds.workspaceId, mode: 'apply', status: 'paused', phase: 'send' })
      .returning();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'admin@backfill.example');
    await page.getByRole('link', { name: 'Backfill' }).click();
    const form = page.getByRole('form', { name: 'Start a backfill' });
    await form.waitFor();

    await form.getByRole('button', { name: 'Start dry run' }).click();
    const dry = page.getByRole('status').filter({ hasText: 'Dry run done' });
    await dry.waitFor();
    // The dataset's targets, and any reply an earlier test added.
    const dryText = (await dry.getByRole('table').textContent()) ?? '';
    const targets = /Q3 outreach\s*(\d+)/.exec(dryText)?.[1];
    expect(Number(targets)).toBeGreaterThanOrEqual(4);

    // Apply needs an explicit confirmation before it can start.
    await form.getByLabel(/^Apply/).check();
    expect(await form.getByRole('button', { name: 'Start apply' }).isDisabled()).toBe(true);

    await form.getByLabel(/^Shadow/).check();
    await form.getByRole('button', { name: 'Start shadow' }).click();
    const run = page.getByRole('region', { name: /Shadow run/ });
    await run.waitFor();
    await expect
      .poll(() => run.getByTestId('run-status').textContent(), { timeout: 60_000 })
      .toMatch(/completed/);
    expect(await run.getByRole('table', { name: 'Summary per campaign' }).textContent()).toMatch(
      new RegExp(`Q3 outreach\\s*${targets}\\D`),
    );
    // The runs list follows the watched run.
    const runs = page.getByRole('region', { name: 'Runs' });
    await expect
      .poll(() => runs.getByRole('row').filter({ hasText: 'shadow' }).textContent())
      .toMatch(/completed/);
    await run.getByRole('button', { name: 'Show log' }).click();
    const log = run.getByTestId('backfill-log');
    await expect.poll(() => log.textContent()).toMatch(/end/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      run.getByRole('button', { name: 'Download log' }).click(),
    ]);
    const saved = path.join(dataDir, 'downloaded.log');
    await download.saveAs(saved);
    expect(await readFile(saved, 'utf8')).toBe(await log.textContent());
    await page.screenshot({ path: `${SHOTS}/15-backfill-run.png`, fullPage: true });

    // The interrupted run from the list: open it and cancel it.
    await page
      .getByRole('button', { name: `Open apply run ${interrupted!.id.slice(0, 8)}` })
      .click();
    const applyRun = page.getByRole('region', { name: /Apply run/ });
    await applyRun.getByRole('button', { name: 'Cancel run' }).click();
    await expect.poll(() => applyRun.getByTestId('run-status').textContent()).toMatch(/cancelled/);
    const [row] = await db.db
      .select()
      .from(backfillRuns)
      .where(eq(backfillRuns.id, interrupted!.id));
    expect(row!.status).toBe('cancelled');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/16-backfill-phone.png`, fullPage: true });
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    const tooWide = await page.evaluate<string[]>(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 391 && e.parentElement.getBoundingClientRect().right <= 391).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' in ' + e.parentElement.tagName + '.' + e.parentElement.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent ?? '').slice(0, 40))`,
    );
    expect(scrollWidth, `wider than the phone: ${tooWide.join(', ')}`).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  });
});

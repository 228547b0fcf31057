import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  campaigns,
  drafts,
  reviewOutcomes,
  reviewRequests,
} from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type BackfillDataset, seedBackfillDataset } from '../integration/backfill-seed.ts';
import { seedReview } from '../integration/slack-fixtures.ts';

import {
  haveChromium,
  launchBrowser,
  signIn,
  userWithPassword,
  warnIfNoChromium,
} from './browser-harness.ts';

/*
 * Calibration in the dashboard, in a real browser (Debian's chromium, driven
 * by playwright-core) over the real API: the reliability chart with the
 * "not enough evidence" state and then a recommendation, applying it, the
 * circuit-breaker banner on the queue and the Booking tab and closing it,
 * and rejecting a draft with a reason. Skipped, saying why, without
 * chromium. Screenshots: test-results/2x-*.png.
 */
warnIfNoChromium('dashboard calibration');
const SHOTS = path.resolve('test-results');

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let browser: Browser;
let dataDir: string;
let baseUrl: string;
let ds: BackfillDataset;

/** A draft of the main campaign scored `confidence`, reviewed with `outcome`. */
async function reviewed(confidence: number, outcome: 'approved_as_is' | 'rejected') {
  const r = await seedReview(db.db, { workspaceId: ds.workspaceId, campaignId: ds.campaignId });
  const decidedAt = new Date();
  const status = outcome === 'rejected' ? 'rejected' : 'approved';
  await db.db.update(drafts).set({ confidence }).where(eq(drafts.id, r.draftId));
  await db.db
    .update(reviewRequests)
    .set({ status, decidedBy: 'user:seed', decidedAt })
    .where(eq(reviewRequests.id, r.reviewRequestId));
  await db.db.insert(reviewOutcomes).values({
    workspaceId: ds.workspaceId,
    campaignId: ds.campaignId,
    draftId: r.draftId,
    reviewRequestId: r.reviewRequestId,
    outcome,
    rejectReason: outcome === 'rejected' ? 'wrong_facts' : null,
    confidence,
    model: 'offline',
    gate: 80,
    reviewReason: 'below_threshold',
    decidedBy: 'user:seed',
    decidedAt,
  });
}

async function repeat(n: number, fn: () => Promise<void>) {
  for (let i = 0; i < n; i++) await fn();
}

const campaignRow = async () =>
  (await db.db.select().from(campaigns).where(eq(campaigns.id, ds.campaignId)))[0]!;

describe.skipIf(!haveChromium)('dashboard calibration', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-dash-calibration-'));
    queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
    const config = testConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    ds = await seedBackfillDataset(db.db);
    // 90 %: 40 of 40 approved proves 91.2 % (Wilson 95 % lower bound), 30 of 30 only 88.6 %.
    await db.db
      .update(campaigns)
      .set({ targetPrecision: 90 })
      .where(eq(campaigns.id, ds.campaignId));
    await userWithPassword(db.db, ds.workspaceId, 'admin@calibration.example', 'admin');
    await userWithPassword(db.db, ds.workspaceId, 'reviewer@calibration.example', 'reviewer');
    app = await buildApp({ config, database: db, queue, logger });
    const listening = await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = listening.replace('127.0.0.1', 'localhost');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await queue?.stop({ graceful: false });
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('Activity: not enough evidence, then the reliability chart with a recommendation, applied', {
    timeout: 180_000,
  }, async () => {
    // 10 drafts at 92 % all approved as is; 10 at 60 %, half rejected.
    await repeat(10, () => reviewed(0.92, 'approved_as_is'));
    await repeat(5, () => reviewed(0.6, 'approved_as_is'));
    await repeat(5, () => reviewed(0.6, 'rejected'));

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'admin@calibration.example');
    await page.getByRole('link', { name: 'Activity' }).click();
    const section = page.getByRole('region', { name: 'Calibration' });
    const evidence = section.getByRole('status').filter({ hasText: 'Not enough evidence' });
    await evidence.waitFor();
    // The AI auto-send campaign is the one shown first.
    expect(await section.getByRole('combobox', { name: 'Campaign' }).inputValue()).toBe(
      ds.campaignId,
    );
    expect(await evidence.textContent()).toMatch(/Not enough evidence: \d+ more reviews needed/);
    const buckets = section.getByRole('table', { name: 'Reviewed drafts per confidence bucket' });
    expect(await buckets.textContent()).toMatch(/60–69 %\s*10\s*5\s*50 %/);
    expect(await buckets.textContent()).toMatch(/90–100 %\s*10\s*10\s*100 %/);
    expect(await section.getByRole('button', { name: /Apply recommended gate/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/21-calibration-not-enough.png`, fullPage: true });

    // 30 more at 92 %, approved as is: gates 61–92 now prove 90 %, the lowest is recommended.
    await repeat(30, () => reviewed(0.92, 'approved_as_is'));
    await page.reload();
    const chart = section.getByRole('img', { name: /Reliability/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(
      /current gate 80 %, recommended gate 61 %/,
    );
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await chart.textContent()).toContain('recommended 61 %');
    expect(await chart.textContent()).toContain('gate 80 %');
    expect(await chart.textContent()).toMatch(/40\s*of\s*40/);
    expect(await chart.textContent()).toMatch(/5\s*of\s*10/);
    expect(await buckets.textContent()).toMatch(/90–100 %\s*40\s*40\s*100 %/);
    expect(await section.getByRole('status').filter({ hasText: 'Not enough' }).count()).toBe(0);
    const expected = section.getByRole('table', {
      name: 'Expected at the current and the recommended gate',
    });
    expect(await expected.getByRole('row', { name: /Current/ }).textContent()).toMatch(
      /80 %.*0\.0 % \(at most \d+\.\d %\)\s*40/,
    );
    expect(await expected.getByRole('row', { name: /Recommended/ }).textContent()).toMatch(
      /61 %.*0\.0 % \(at most 8\.8 %\)\s*40/,
    );
    await page.screenshot({ path: `${SHOTS}/22-calibration-recommended.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/25-calibration-phone.png`, fullPage: true });
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth'),
      'the calibration section fits a phone',
    ).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    await section.getByRole('button', { name: 'Apply recommended gate (61 %)' }).click();
    await section
      .getByRole('status')
      .filter({ hasText: 'Gate changed from 80 % to 61 %' })
      .waitFor();
    expect((await campaignRow()).confidenceGate).toBe(61);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'campaign.calibration_apply'),
          eq(auditLog.entityId, ds.campaignId),
        ),
      );
    expect(audits).toHaveLength(1);
    // Applied: the recommendation is the gate, nothing left to apply.
    await section.getByRole('img', { name: /current gate 61 %/ }).waitFor();
    expect(await section.getByRole('button', { name: /Apply recommended gate/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a reviewer sees the chart but no Apply button', { timeout: 120_000 }, async () => {
    await db.db
      .update(campaigns)
      .set({ confidenceGate: 80 })
      .where(eq(campaigns.id, ds.campaignId));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'reviewer@calibration.example');
    await page.getByRole('link', { name: 'Activity' }).click();
    const section = page.getByRole('region', { name: 'Calibration' });
    await section.getByRole('img', { name: /recommended gate 61 %/ }).waitFor();
    expect(await section.getByRole('button', { name: /Apply recommended gate/ }).count()).toBe(0);
    await context.close();
  });

  it('Breaker: the banner on the queue and the Booking tab, closed by an admin with a note', {
    timeout: 120_000,
  }, async () => {
    const openedAt = new Date();
    await db.db
      .update(campaigns)
      .set({
        breakerOpenedAt: openedAt,
        breakerReason: 'reviewer_rejections',
        breakerDetail: {
          summary: 'reviewers rejected 4 of the last 10 drafts at or above the gate (more than 3)',
        },
      })
      .where(eq(campaigns.id, ds.campaignId));

    // A reviewer is told, but cannot close it.
    const rContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const rPage = await rContext.newPage();
    await signIn(rPage, baseUrl, 'reviewer@calibration.example');
    await rPage.getByRole('link', { name: 'Review queue' }).click();
    const rBanner = rPage.getByRole('alert', { name: 'Circuit breaker open: Q3 outreach' });
    await rBanner.waitFor();
    expect(await rBanner.getByRole('button', { name: /Close breaker/ }).count()).toBe(0);
    await rContext.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'admin@calibration.example');
    await page.getByRole('link', { name: 'Review queue' }).click();
    const onQueue = page.getByRole('alert', { name: 'Circuit breaker open: Q3 outreach' });
    await onQueue.waitFor();
    expect(await onQueue.textContent()).toMatch(
      /every reply waits for review.*reviewers rejected too many drafts.*reviewers rejected 4 of the last 10/,
    );
    expect(await page.getByRole('alert', { name: /Manual list/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/23-breaker-queue.png`, fullPage: true });

    await page.getByRole('link', { name: 'Campaigns' }).click();
    const listed = page.getByRole('row').filter({ hasText: 'Q3 outreach' });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('breaker open');
    expect(
      await page.getByRole('row').filter({ hasText: 'Manual list' }).textContent(),
    ).not.toContain('breaker open');
    await listed.getByRole('link', { name: 'Q3 outreach' }).click();
    const onBooking = page.getByRole('alert', { name: 'Circuit breaker open: Q3 outreach' });
    await onBooking.waitFor();
    await onBooking.getByRole('button', { name: 'Close breaker…' }).click();
    await onBooking.getByLabel(/What was fixed/).fill('removed the made-up pricing');
    await onBooking
      .getByRole('button', { name: 'Close breaker and resume automatic sends' })
      .click();
    await onBooking.waitFor({ state: 'detached' });
    const row = await campaignRow();
    expect(row.breakerOpenedAt).toBeNull();
    expect(row.breakerClosedAt).not.toBeNull();
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'campaign.breaker_close'), eq(auditLog.entityId, ds.campaignId)),
      );
    expect(JSON.stringify(audit)).toContain('removed the made-up pricing');
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(await page.getByRole('alert', { name: /Circuit breaker open/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Review queue: reject needs a reason from the list, sent with the note', {
    timeout: 120_000,
  }, async () => {
    const r = await seedReview(db.db, { workspaceId: ds.workspaceId, campaignId: ds.campaignId });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'reviewer@calibration.example');
    await page.getByRole('link', { name: 'Review queue' }).click();
    const card = page.getByRole('article').filter({ hasText: 'it is 99 EUR a month' });
    await card.getByRole('button', { name: 'Reject…' }).click();
    const reject = card.getByRole('button', { name: 'Reject draft' });
    expect(await reject.isDisabled()).toBe(true);
    const picker = card.getByRole('combobox', { name: 'Why reject' });
    expect(await picker.locator('option:not([disabled])').allTextContents()).toEqual([
      'Wrong facts',
      'Wrong tone',
      'Wrong slots',
      'Should not reply at all',
      'Personal data',
      'Other',
    ]);
    await picker.selectOption('wrong_facts');
    await card.getByLabel('Note (optional)').fill('we have no price list');
    await page.screenshot({ path: `${SHOTS}/24-reject-reason.png`, fullPage: true });
    await reject.click();
    await card.waitFor({ state: 'detached' });
    const [outcome] = await db.db
      .select()
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.draftId, r.draftId));
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      rejectReason: 'wrong_facts',
      rejectNote: 'we have no price list',
    });
    expect(errors).toEqual([]);
    await context.close();
  });
  it('Review queue: 50 at a time, older reviews follow by cursor until the last', {
    timeout: 180_000,
  }, async () => {
    await repeat(53, async () => {
      await seedReview(db.db, { workspaceId: ds.workspaceId, campaignId: ds.campaignId });
    });
    const open = await db.db
      .select({ id: reviewRequests.id })
      .from(reviewRequests)
      .where(
        and(eq(reviewRequests.workspaceId, ds.workspaceId), eq(reviewRequests.status, 'open')),
      );
    expect(open.length).toBeGreaterThan(50);
    expect(open.length).toBeLessThanOrEqual(100);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, 'reviewer@calibration.example');
    await page.getByRole('link', { name: 'Review queue' }).click();
    const more = page.getByRole('button', { name: 'Show older reviews' });
    await more.waitFor();
    expect(await page.getByRole('article').count()).toBe(50);
    await more.click();
    await expect.poll(() => page.getByRole('article').count()).toBe(open.length);
    expect(await more.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

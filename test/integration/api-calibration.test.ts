import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, reviewOutcomes } from '../../src/db/schema.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

/*
 * The calibration and breaker routes and the reject reason through the JSON
 * API, as a script or the dashboard uses them.
 */

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const base = () => `/api/v1/workspaces/${h.a.workspaceId}`;

describe('calibration API', () => {
  it('refuses an unknown reject reason naming the field, and records a known one', async () => {
    const bad = await h.call(
      h.tokens.reviewerA,
      'POST',
      `${base()}/reviews/${h.a.reviewId}/reject`,
      {
        reason: 'boring',
      },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error)).toMatch(/reason/);
    expect(await h.db.db.select().from(reviewOutcomes)).toEqual([]);
    const ok = await h.call(
      h.tokens.reviewerA,
      'POST',
      `${base()}/reviews/${h.a.reviewId}/reject`,
      {
        reason: 'wrong_facts',
        note: 'quoted a price we do not have',
      },
    );
    expect(ok.status).toBe(200);
    const [outcome] = await h.db.db
      .select()
      .from(reviewOutcomes)
      .where(eq(reviewOutcomes.draftId, h.a.draftId));
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      rejectReason: 'wrong_facts',
      rejectNote: 'quoted a price we do not have',
      campaignId: h.a.campaignId,
    });
  });

  it('answers the per-gate table and buckets, and refuses to apply without evidence', async () => {
    const res = await h.call(
      h.tokens.reviewerA,
      'GET',
      `${base()}/campaigns/${h.a.campaignId}/calibration`,
    );
    expect(res.status).toBe(200);
    expect(res.json.calibration.gates).toHaveLength(50);
    expect(res.json.calibration.buckets).toHaveLength(10);
    expect(res.json.calibration.recommendedGate).toBeNull();
    expect(res.json.calibration.notEnoughEvidence.moreReviewsNeeded).toBeGreaterThan(0);
    const apply = await h.call(
      h.tokens.adminA,
      'POST',
      `${base()}/campaigns/${h.a.campaignId}/calibration/apply`,
    );
    expect(apply.status).toBe(409);
    const reviewerApply = await h.call(
      h.tokens.reviewerA,
      'POST',
      `${base()}/campaigns/${h.a.campaignId}/calibration/apply`,
    );
    expect(reviewerApply.status).toBe(403);
  });

  it('closes an open breaker for an admin (audited) and shows it on the campaign', async () => {
    await h.db.db
      .update(campaigns)
      .set({
        breakerOpenedAt: new Date(),
        breakerReason: 'reviewer_rejections',
        breakerDetail: { summary: 'reviewers rejected 4 of the last 10' },
      })
      .where(eq(campaigns.id, h.a.campaignId));
    const shown = await h.call(h.tokens.reviewerA, 'GET', `${base()}/campaigns/${h.a.campaignId}`);
    expect(shown.json.breaker).toMatchObject({ open: true, reason: 'reviewer_rejections' });
    const closed = await h.call(
      h.tokens.adminA,
      'POST',
      `${base()}/campaigns/${h.a.campaignId}/breaker/close`,
      { note: 'rewrote the knowledge' },
    );
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ open: false, reason: null });
    const again = await h.call(
      h.tokens.adminA,
      'POST',
      `${base()}/campaigns/${h.a.campaignId}/breaker/close`,
      {},
    );
    expect(again.status).toBe(409);
    const audit = await h.call(
      h.tokens.adminA,
      'GET',
      `/api/v1/audit?workspaceId=${h.a.workspaceId}`,
    );
    expect(JSON.stringify(audit.json)).toMatch(/campaign\.breaker_close/);
  });
});

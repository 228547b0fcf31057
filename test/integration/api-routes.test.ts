import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, campaigns, drafts, leads } from '../../src/db/schema.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

let h: ApiHarness;
let base: string;
beforeAll(async () => {
  h = await startApiHarness();
  base = `/api/v1/workspaces/${h.a.workspaceId}`;
});
afterAll(async () => {
  await h?.close();
});

async function lastAudit() {
  const [row] = await h.db.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe('workspaces', () => {
  it('creates a workspace with its secret shown once, audited without the secret', async () => {
    const res = await h.call(h.tokens.agency, 'POST', '/api/v1/workspaces', { name: 'Acme' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Acme', timeZone: 'UTC' });
    expect(res.json.webhookSecret).toHaveLength(43);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'workspace.create',
      workspaceId: res.json.id,
      entityId: res.json.id,
    });
    expect(JSON.stringify(audit.after)).not.toContain(res.json.webhookSecret);
    expect(audit.actor).toMatch(/^token:[0-9a-f-]{36}$/);
  });

  it('gets and renames a workspace, recording before and after', async () => {
    expect((await h.call(h.tokens.reviewerA, 'GET', base)).json.name).toBe('Alpha');
    const res = await h.call(h.tokens.adminA, 'PATCH', base, { name: 'Alpha GmbH' });
    expect(res.status).toBe(200);
    expect(res.json.name).toBe('Alpha GmbH');
    expect(await lastAudit()).toMatchObject({
      action: 'workspace.update',
      before: { name: 'Alpha' },
      after: { name: 'Alpha GmbH' },
    });
  });

  it('shows webhook URLs per platform and rotates the secret', async () => {
    const before = await h.call(h.tokens.adminA, 'GET', `${base}/webhooks`);
    expect(before.status).toBe(200);
    expect(before.json.endpoints.map((e: { url: string }) => e.url)).toEqual(
      ['generic', 'smartlead', 'instantly', 'emailbison'].map(
        (p) => `https://autosend.example/webhooks/${p}/${before.json.webhookKey}`,
      ),
    );
    expect(before.json.endpoints[0].signing).toMatch(/X-Autosend-Signature/);
    const rotated = await h.call(h.tokens.adminA, 'POST', `${base}/webhooks/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.json.webhookSecret).not.toBe(before.json.webhookSecret);
    expect(rotated.json.webhookKey).toBe(before.json.webhookKey);
    expect(await lastAudit()).toMatchObject({ action: 'workspace.rotate_webhook_secret' });
  });

  it('names bad and unknown fields', async () => {
    const res = await h.call(h.tokens.agency, 'POST', '/api/v1/workspaces', {
      name: ' ',
      timeZone: 'Mars/Olympus',
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(Object.keys(res.json.error.fields).sort()).toEqual(['colour', 'name', 'timeZone']);
    expect(res.json.error.fields.colour).toBe('unknown field');
  });

  it('refuses fields on routes that take no body, and oversized bodies', async () => {
    const extra = await h.call(h.tokens.adminA, 'POST', `${base}/webhooks/rotate-secret`, {
      force: true,
    });
    expect(extra.status).toBe(400);
    expect(extra.json.error.fields).toEqual({ force: 'unknown field' });
    const huge = await h.call(h.tokens.adminA, 'PATCH', base, { name: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('payload_too_large');
  });

  it('answers unknown API paths in the error shape', async () => {
    const res = await h.call(h.tokens.agency, 'GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });
});

describe('campaigns', () => {
  it('lists campaigns with new (unconfigured) ones first', async () => {
    const [configured] = await h.db.db
      .insert(campaigns)
      .values({
        workspaceId: h.a.workspaceId,
        platform: 'instantly',
        externalId: 'later',
        name: 'Configured later',
        configuredAt: new Date(),
      })
      .returning();
    const res = await h.call(h.tokens.reviewerA, 'GET', `${base}/campaigns`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((c: { id: string }) => c.id)).toEqual([
      h.a.campaignId,
      configured!.id,
    ]);
    expect(res.json.items[0]).toMatchObject({ responseMode: 'MANUAL', configuredAt: null });
  });

  it('sets mode, gate, delay, reviewers, hours and cap, and audits the change', async () => {
    const url = `${base}/campaigns/${h.a.campaignId}`;
    const res = await h.call(h.tokens.adminA, 'PATCH', url, {
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 85,
      sendDelayMinSeconds: 120,
      sendDelayMaxSeconds: 600,
      reviewers: [
        { kind: 'email', target: 'owner@alpha.example' },
        { kind: 'slack_channel', target: '#replies' },
      ],
      bookingLink: 'https://cal.example/alpha',
      availabilitySource: 'calendly',
      sendingHours: '09:00-17:30',
      dailyAutoSendCap: 40,
      senderName: 'Ben',
      signature: 'Ben, Alpha',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 85,
      sendingHours: '09:00-17:30',
      dailyAutoSendCap: 40,
      reviewers: [
        { kind: 'email', target: 'owner@alpha.example' },
        { kind: 'slack_channel', target: '#replies' },
      ],
    });
    expect(res.json.configuredAt).not.toBeNull();
    const [row] = await h.db.db.select().from(campaigns).where(eq(campaigns.id, h.a.campaignId));
    expect([row!.sendingHoursStart, row!.sendingHoursEnd]).toEqual([540, 1050]);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'campaign.update',
      entityId: h.a.campaignId,
      before: { confidenceGate: 85, responseMode: 'MANUAL', reviewers: [] },
      after: { confidenceGate: 85, responseMode: 'AI_AUTO_SEND' },
    });

    const lowered = await h.call(h.tokens.adminA, 'PATCH', url, {
      confidenceGate: 70,
      reviewers: [],
    });
    expect(lowered.json.reviewers).toEqual([]);
    expect(await lastAudit()).toMatchObject({
      before: { confidenceGate: 85 },
      after: { confidenceGate: 70 },
    });
    const got = await h.call(h.tokens.reviewerA, 'GET', url);
    expect(got.json.confidenceGate).toBe(70);
  });

  it('names the field for a bad reviewer, gate, hours or delay window', async () => {
    const url = `${base}/campaigns/${h.a.campaignId}`;
    const res = await h.call(h.tokens.adminA, 'PATCH', url, {
      confidenceGate: 101,
      sendingHours: '17:00-09:00',
      reviewers: [{ kind: 'slack_member', target: 'bob' }],
      mode: 'AI_AUTO_SEND',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toMatchObject({
      confidenceGate: expect.any(String),
      sendingHours: expect.any(String),
      'reviewers.0.target': expect.stringMatching(/Slack member id/),
      mode: 'unknown field',
    });
    const window = await h.call(h.tokens.adminA, 'PATCH', url, { sendDelayMaxSeconds: 10 });
    expect(window.status).toBe(400);
    expect(Object.keys(window.json.error.fields)).toEqual(['sendDelayMaxSeconds']);
    const empty = await h.call(h.tokens.adminA, 'PATCH', url, {});
    expect(empty.status).toBe(400);
  });
});

describe('leads', () => {
  it('lists leads and looks one up by id or email with flag evidence', async () => {
    const list = await h.call(h.tokens.reviewerA, 'GET', `${base}/leads?flagged=true`);
    expect(list.status).toBe(200);
    expect(list.json.items[0]).toMatchObject({ email: h.a.leadEmail, flags: ['opted_out'] });
    for (const key of [h.a.leadId, encodeURIComponent(h.a.leadEmail.toUpperCase())]) {
      const res = await h.call(h.tokens.reviewerA, 'GET', `${base}/leads/${key}`);
      expect(res.status).toBe(200);
      expect(res.json.flags).toEqual([
        expect.objectContaining({
          flag: 'opted_out',
          reason: 'asked to be removed',
          evidence: [expect.objectContaining({ messageId: h.a.messageId, reason: 'opt_out' })],
        }),
      ]);
    }
  });

  it('rejects unknown query parameters by name', async () => {
    const res = await h.call(h.tokens.reviewerA, 'GET', `${base}/leads?sort=asc`);
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual({ sort: 'unknown field' });
  });

  it('clears a flag only with a reason, audited with the flag as it was', async () => {
    const url = `${base}/leads/${h.a.leadId}/flags/opted_out`;
    const missing = await h.call(h.tokens.adminA, 'DELETE', url, {});
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.json.error.fields)).toEqual(['reason']);
    const res = await h.call(h.tokens.adminA, 'DELETE', url, {
      reason: 'misread an out-of-office',
    });
    expect(res.status).toBe(200);
    expect(res.json.flags).toEqual([]);
    const [row] = await h.db.db.select().from(leads).where(eq(leads.id, h.a.leadId));
    expect(row!.optedOutAt).toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: 'lead.flag_clear',
      entityId: h.a.leadId,
      before: { flag: 'opted_out', reason: 'asked to be removed' },
      after: { reason: 'misread an out-of-office' },
    });
    const again = await h.call(h.tokens.adminA, 'DELETE', url, { reason: 'again please' });
    expect(again.status).toBe(409);
    const badFlag = await h.call(
      h.tokens.adminA,
      'DELETE',
      `${base}/leads/${h.a.leadId}/flags/vip`,
      {
        reason: 'nope nope',
      },
    );
    expect(badFlag.status).toBe(404);
  });
});

describe('activity', () => {
  it('lists messages, drafts, reviews, deliveries and follow-ups, filtered by status', async () => {
    const messages = await h.call(h.tokens.reviewerA, 'GET', `${base}/messages`);
    expect(messages.json.items.map((m: { id: string }) => m.id)).toEqual([h.a.messageId]);
    const message = await h.call(h.tokens.reviewerA, 'GET', `${base}/messages/${h.a.messageId}`);
    expect(message.json.decisionTrail[0]).toMatchObject({ step: 'gates', reason: 'opt_out' });
    const drafts = await h.call(h.tokens.reviewerA, 'GET', `${base}/drafts?status=generated`);
    expect(drafts.json.items.map((d: { id: string }) => d.id)).toEqual([h.a.draftId]);
    const open = await h.call(h.tokens.reviewerA, 'GET', `${base}/reviews?status=open`);
    expect(open.json.items).toEqual([
      expect.objectContaining({ id: h.a.reviewId, reason: 'below_threshold' }),
    ]);
    const failed = await h.call(
      h.tokens.reviewerA,
      'GET',
      `${base}/notification-deliveries?status=failed`,
    );
    expect(failed.json.items).toEqual([expect.objectContaining({ errorCode: 'missing_scope' })]);
    const ok = await h.call(h.tokens.reviewerA, 'GET', `${base}/notification-deliveries?status=ok`);
    expect(ok.json.items).toEqual([]);
    const followups = await h.call(h.tokens.reviewerA, 'GET', `${base}/followups?status=paused`);
    expect(followups.json.items).toEqual([
      expect.objectContaining({ pauseReason: 'lead_replied' }),
    ]);
    const report = await h.call(h.tokens.reviewerA, 'GET', `${base}/followups/report`);
    expect(report.json.byStatus).toMatchObject({ paused: 1, active: 0 });
    const badStatus = await h.call(h.tokens.reviewerA, 'GET', `${base}/drafts?status=lost`);
    expect(badStatus.status).toBe(400);
    expect(Object.keys(badStatus.json.error.fields)).toEqual(['status']);
  });

  it('explains a message', async () => {
    const res = await h.call(
      h.tokens.reviewerA,
      'GET',
      `${base}/messages/${h.a.messageId}/explain`,
    );
    expect(res.status).toBe(200);
    expect(res.json.message.id).toBe(h.a.messageId);
    expect(typeof res.json.verdict).toBe('string');
  });

  it('approves a review with an edited body (reviewer token) and refuses a second decision', async () => {
    const url = `${base}/reviews/${h.a.reviewId}/approve`;
    const res = await h.call(h.tokens.reviewerA, 'POST', url, {
      editedBody: 'Hi Anna, Tuesday 10:00?',
    });
    expect(res.status).toBe(200);
    expect(res.json.draftId).toBe(h.a.draftId);
    const [draft] = await h.db.db.select().from(drafts).where(eq(drafts.id, h.a.draftId));
    expect(draft).toMatchObject({ status: 'approved', body: 'Hi Anna, Tuesday 10:00?' });
    const again = await h.call(
      h.tokens.reviewerA,
      'POST',
      `${base}/reviews/${h.a.reviewId}/reject`,
      {},
    );
    expect(again.status).toBe(409);
  });

  it('rejects a review', async () => {
    const res = await h.call(
      h.tokens.agency,
      'POST',
      `/api/v1/workspaces/${h.b.workspaceId}/reviews/${h.b.reviewId}/reject`,
      {
        note: 'wrong tone',
      },
    );
    expect(res.status).toBe(200);
    const [draft] = await h.db.db.select().from(drafts).where(eq(drafts.id, h.b.draftId));
    expect(draft!.status).toBe('rejected');
  });

  it('retries failed notifications of the workspace', async () => {
    const res = await h.call(h.tokens.reviewerA, 'POST', `${base}/notification-deliveries/retry`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ retried: expect.any(Number), results: expect.any(Array) });
  });
});

describe('audit', () => {
  it('reads the trail newest first, filtered by workspace', async () => {
    const res = await h.call(
      h.tokens.agency,
      'GET',
      `/api/v1/audit?workspaceId=${h.a.workspaceId}&limit=3`,
    );
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(3);
    expect(res.json.items[0].id).toBeGreaterThan(res.json.items[1].id);
    expect(
      res.json.items.every((r: { workspaceId: string }) => r.workspaceId === h.a.workspaceId),
    ).toBe(true);
    const next = await h.call(
      h.tokens.agency,
      'GET',
      `/api/v1/audit?before=${res.json.nextBefore}`,
    );
    expect(next.json.items[0].id).toBeLessThan(res.json.items[2].id);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { auditLog, followupInstances, leads } from '../../src/db/schema.ts';
import { makeFollowupTickHandler } from '../../src/followups/followup-tick-job.ts';
import { createLogger } from '../../src/logger.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';
import { seedLead, seedSequence } from './followups-seed.ts';
import { seedCampaign } from './sending-seed.ts';

const run = promisify(execFile);
let h: ApiHarness;

function cli(...args: string[]) {
  return run(process.execPath, ['bin/autosend.js', ...args], {
    env: { ...process.env, DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('sequences through the API', () => {
  it('refuses a bad template naming the step field, writes nothing, then creates and edits (audited)', async () => {
    const base = `/api/v1/workspaces/${h.a.workspaceId}/followups/sequences`;
    const bad = await h.call(h.tokens.adminA, 'POST', base, {
      campaignId: h.a.campaignId,
      name: 'Nudges',
      steps: [
        { delay: '2bd', body: 'Hi {{firstname}}' },
        { delay: 'soon', body: 'x' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['steps.0.body', 'steps.1.delay']);
    expect(
      (await h.call(h.tokens.adminA, 'GET', base)).json.items.map((s: { name: string }) => s.name),
    ).toEqual(['nudge']);

    const created = await h.call(h.tokens.adminA, 'POST', base, {
      campaignId: h.a.campaignId,
      name: 'Nudges',
      steps: [
        { delay: '3 business days', body: '{Hi|Hello} {{first_name}}' },
        { delay: '48h', channel: 'linkedin', body: 'Connecting here', needsApproval: true },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.json.steps).toMatchObject([
      { position: 1, delay: '3 business days', channel: 'email', needsApproval: false },
      { position: 2, delay: '48 hours', channel: 'linkedin', needsApproval: true },
    ]);
    const dup = await h.call(h.tokens.adminA, 'POST', base, {
      campaignId: h.a.campaignId,
      name: 'nudges',
      steps: [{ delay: '1bd', body: 'x' }],
    });
    expect(dup.status).toBe(409);
    const patched = await h.call(h.tokens.adminA, 'PATCH', `${base}/${created.json.id}`, {
      ghostDays: 10,
    });
    expect(patched.json.ghostDays).toBe(10);
    const audit = await h.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, created.json.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'followup_sequence.create',
      'followup_sequence.update',
    ]);

    const enrol = await h.call(h.tokens.adminA, 'POST', `${base}/${created.json.id}/enrol`, {
      leads: [h.a.leadEmail, 'nobody@example.com'],
    });
    expect(enrol.status).toBe(404);
    expect(enrol.json.error.message).toMatch(/nobody@example.com/);
  });

  it('shows an instance with its history and lets a reviewer approve a waiting step', async () => {
    const [inst] = await h.db.db
      .update(followupInstances)
      .set({
        status: 'paused',
        pauseReason: 'awaiting_approval',
        pausedAt: new Date(),
        pauseDetail: { step: 1 },
      })
      .where(eq(followupInstances.id, h.a.followupId))
      .returning();
    const url = `/api/v1/workspaces/${h.a.workspaceId}/followups/${inst!.id}`;
    const approved = await h.call(h.tokens.reviewerA, 'POST', `${url}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'active', cause: 'step_approved' });
    const again = await h.call(h.tokens.reviewerA, 'POST', `${url}/approve`);
    expect(again.status).toBe(409);
    const shown = await h.call(h.tokens.reviewerA, 'GET', url);
    expect(shown.json.history.at(-1)).toMatchObject({
      from: 'paused: awaiting_approval',
      to: 'active',
      cause: 'step_approved',
    });
    await h.db.db
      .update(followupInstances)
      .set({ status: 'paused', pauseReason: 'lead_replied', approvedStep: null, nextRunAt: null })
      .where(eq(followupInstances.id, h.a.followupId));
  });
});

describe('the report finds the stuck ones', () => {
  it('counts every status with its meaning and lists each anomaly with its leads; exit 1, then 0 once healthy', async () => {
    const ids = await seedCampaign(h.db.db, { name: 'Report campaign' });
    const now = new Date();
    const day = 86_400_000;
    // A healthy majority: active and not yet due.
    const healthy = await Promise.all(Array.from({ length: 8 }, () => seedLead(h.db.db, ids, now)));
    const stuck = await Promise.all(
      Array.from({ length: 5 }, () =>
        seedLead(h.db.db, ids, now, { phone: '+49 170 7654321' }, 20),
      ),
    );
    const seq = await seedSequence(
      h.db.db,
      ids,
      [{ delay: '3bd', body: 'Hi {{first_name}}' }],
      [...healthy, ...stuck].map((l) => l.email),
      now,
      { ghostDays: 7 },
    );
    const set = (leadId: string, values: Partial<typeof followupInstances.$inferInsert>) =>
      h.db.db.update(followupInstances).set(values).where(eq(followupInstances.leadId, leadId));
    const [ghost, enriched, approval, due, until] = stuck;
    await set(ghost!.id, {
      status: 'paused',
      pauseReason: 'lead_replied',
      nextRunAt: null,
      pausedAt: new Date(now.getTime() - 15 * day),
    });
    await set(enriched!.id, {
      status: 'paused',
      pauseReason: 'awaiting_enrichment',
      nextRunAt: null,
      pauseDetail: { step: 1, needs: 'phone' },
    });
    await h.db.db
      .update(leads)
      .set({ updatedAt: new Date(now.getTime() - 3 * 3_600_000) })
      .where(eq(leads.id, enriched!.id));
    await set(approval!.id, {
      status: 'paused',
      pauseReason: 'awaiting_approval',
      nextRunAt: null,
      pausedAt: new Date(now.getTime() - 30 * 3_600_000),
      pauseDetail: { step: 1 },
    });
    await set(due!.id, {
      nextRunAt: new Date(now.getTime() - 5 * 3_600_000),
      lastError: 'send_failed: connection refused',
    });
    await set(until!.id, {
      status: 'paused',
      pauseReason: 'out_of_office',
      nextRunAt: null,
      pausedUntil: new Date(now.getTime() - 2 * day),
    });

    const text = await cli('followups', 'report', '--workspace', ids.workspaceId);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Campaign Report campaign');
    expect(text.stdout).toMatch(/\s9\s+active\s+expected — the next step goes out/);
    expect(text.stdout).toMatch(
      /1\s+paused: lead_replied\s+expected — prevents follow-ups during an active conversation/,
    );
    expect(text.stdout).toContain('5 anomalies:');
    expect(text.stdout).toContain(`${due!.email} (follow-up`);
    expect(text.stdout).toContain('last error: send_failed: connection refused');

    const json = await cli('followups', 'report', '--workspace', ids.workspaceId, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    const byKind = Object.fromEntries(
      report.anomalies.map(
        (a: { kind: string; leads: { leadEmail: string; stuckHours: number }[] }) => [
          a.kind,
          a.leads,
        ],
      ),
    );
    expect(Object.keys(byKind).sort()).toEqual([
      'approval_waiting',
      'due_not_sent',
      'enrichment_arrived',
      'ghost_resume_missed',
      'paused_until_passed',
    ]);
    expect(byKind.ghost_resume_missed.map((l: { leadEmail: string }) => l.leadEmail)).toEqual([
      ghost!.email,
    ]);
    expect(byKind.enrichment_arrived.map((l: { leadEmail: string }) => l.leadEmail)).toEqual([
      enriched!.email,
    ]);
    expect(byKind.approval_waiting[0]).toMatchObject({
      leadEmail: approval!.email,
      stuckHours: 30,
    });
    expect(byKind.due_not_sent[0]).toMatchObject({ leadEmail: due!.email, stuckHours: 5 });
    expect(byKind.paused_until_passed[0]).toMatchObject({
      leadEmail: until!.email,
      stuckHours: 48,
    });
    for (const a of report.anomalies) expect(a.suggestedAction).toBeTruthy();

    const api = await h.call(
      h.tokens.agency,
      'GET',
      `/api/v1/workspaces/${ids.workspaceId}/followups/report?approvalHours=48`,
    );
    expect(api.status).toBe(200);
    expect(api.json.anomalies.map((a: { kind: string }) => a.kind)).not.toContain(
      'approval_waiting',
    );
    expect(api.json.byStatus).toMatchObject({ active: 9, paused: 4 });

    // The tick clears what it can by itself (enrichment, passed date, quiet conversation); a person the rest.
    const config = parseConfig({
      DATABASE_URL: h.db.url,
      DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'autosend-report-')),
    });
    const ticked = await makeFollowupTickHandler({
      db: h.db.db,
      config,
      logger: createLogger('silent'),
      now: () => now,
    })({ workspaceId: ids.workspaceId });
    expect(ticked.outcomes.changed).toBeGreaterThanOrEqual(3);
    const [waiting] = await h.db.db
      .select()
      .from(followupInstances)
      .where(eq(followupInstances.leadId, approval!.id));
    const cancelUrl = `/api/v1/workspaces/${ids.workspaceId}/followups/${waiting!.id}/cancel`;
    // adminA is scoped to workspace A: this workspace's follow-up does not exist for it.
    expect((await h.call(h.tokens.adminA, 'POST', cancelUrl, { reason: 'by phone' })).status).toBe(
      404,
    );
    expect((await h.call(h.tokens.agency, 'POST', cancelUrl, { reason: 'by phone' })).status).toBe(
      200,
    );
    await set(due!.id, { nextRunAt: new Date(now.getTime() + day), lastError: null });
    const after = await cli('followups', 'report', '--workspace', ids.workspaceId, '--json');
    expect(JSON.parse(after.stdout).anomalies).toEqual([]);
    expect(after.code).toBe(0);
    expect(seq.id).toBeTruthy();
  }, 300_000);

  it('creates a sequence and enrols unanswered leads from the CLI', async () => {
    const ids = await seedCampaign(h.db.db, { name: 'CLI campaign' });
    const lead = await seedLead(h.db.db, ids, new Date());
    const created = await cli(
      'followups',
      'sequence',
      'create',
      '--workspace',
      ids.workspaceId,
      '--campaign',
      ids.campaignId,
      '--name',
      'CLI nudges',
      '--step',
      '2bd|email|{Hi|Hello} {{first_name}}',
      '--step',
      '3bd|sms|Text',
      '--approve-step',
      '2',
      '--json',
    );
    expect(created.code).toBe(0);
    const seq = JSON.parse(created.stdout);
    expect(seq.steps).toMatchObject([
      { body: '{Hi|Hello} {{first_name}}', needsApproval: false },
      { channel: 'sms', needsApproval: true },
    ]);
    const enrol = await cli(
      'followups',
      'enrol',
      seq.id,
      '--workspace',
      ids.workspaceId,
      '--unanswered',
    );
    expect(enrol.stdout).toContain('enrolled 1');
    const shown = await cli(
      'followups',
      'sequence',
      'show',
      seq.id,
      '--workspace',
      ids.workspaceId,
    );
    expect(shown.stdout).toContain('2. after 3 business days via sms (needs approval)');
    const bad = await cli(
      'followups',
      'sequence',
      'create',
      '--workspace',
      ids.workspaceId,
      '--campaign',
      ids.campaignId,
      '--name',
      'x',
      '--step',
      '2bd|fax|Hi',
      '--json',
    );
    expect(bad.code).toBe(1);
    expect(Object.keys(JSON.parse(bad.stdout).error.fields)).toEqual(['steps.0.channel']);
    expect(lead.id).toBeTruthy();
  }, 300_000);
});

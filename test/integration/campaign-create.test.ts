import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

const run = promisify(execFile);
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

async function lastAudit() {
  const [row] = await h.db.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe('creating a campaign before its first webhook', () => {
  it('POST /api/v1/workspaces/{id}/campaigns creates it configured, with reviewers, audited', async () => {
    const url = `/api/v1/workspaces/${h.a.workspaceId}/campaigns`;
    const res = await h.call(h.tokens.adminA, 'POST', url, {
      platform: 'smartlead',
      externalId: '98765',
      name: 'Q3 SaaS founders',
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 90,
      sendDelayMinSeconds: 60,
      sendDelayMaxSeconds: 120,
      reviewers: [{ kind: 'email', target: 'owner@alpha.example' }],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      platform: 'smartlead',
      externalId: '98765',
      name: 'Q3 SaaS founders',
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 90,
      sendDelayMinSeconds: 60,
      sendDelayMaxSeconds: 120,
      reviewers: [{ kind: 'email', target: 'owner@alpha.example' }],
    });
    expect(res.json.configuredAt).not.toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: 'campaign.create',
      workspaceId: h.a.workspaceId,
      entityId: res.json.id,
      before: null,
      after: { platform: 'smartlead', externalId: '98765', confidenceGate: 90 },
    });
    const listed = await h.call(h.tokens.reviewerA, 'GET', url);
    expect(listed.json.items.map((c: { id: string }) => c.id)).toContain(res.json.id);

    const again = await h.call(h.tokens.adminA, 'POST', url, {
      platform: 'smartlead',
      externalId: '98765',
      name: 'Twice',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/already exists/);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const url = `/api/v1/workspaces/${h.a.workspaceId}/campaigns`;
    const before = await h.call(h.tokens.adminA, 'GET', url);
    const res = await h.call(h.tokens.adminA, 'POST', url, {
      platform: 'mailchimp',
      externalId: 'x',
      name: 'Bad',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toHaveProperty('platform');
    const window = await h.call(h.tokens.adminA, 'POST', url, {
      platform: 'generic',
      externalId: 'window',
      name: 'Bad window',
      sendDelayMinSeconds: 600,
    });
    expect(window.status).toBe(400);
    expect(window.json.error.fields).toHaveProperty('sendDelayMinSeconds');
    const after = await h.call(h.tokens.adminA, 'GET', url);
    expect(after.json.items).toHaveLength(before.json.items.length);
  });

  it('autosend campaign create does the same from the CLI', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'bin/autosend.js',
        'campaign',
        'create',
        '--workspace',
        h.b.workspaceId,
        '--platform',
        'instantly',
        '--external-id',
        'camp-7',
        '--name',
        'Agencies EU',
        '--mode',
        'AI_AUTO_SEND',
        '--gate',
        '80',
        '--delay',
        '200-400',
        '--reviewer',
        '#replies',
        '--json',
      ],
      { env: { ...process.env, DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' } },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      workspaceId: h.b.workspaceId,
      platform: 'instantly',
      externalId: 'camp-7',
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 80,
      sendDelayMinSeconds: 200,
      reviewers: [{ kind: 'slack_channel', target: '#replies' }],
    });
    expect(await lastAudit()).toMatchObject({
      action: 'campaign.create',
      actor: expect.stringMatching(/^cli:/),
    });
  });
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, leads } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const BIN = path.resolve('bin/autosend.js');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** Runs `autosend ...args` on the test database; resolves with exit code and output. */
function autosend(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PUBLIC_URL: 'https://hooks.example',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs a command with --json and parses stdout as exactly one JSON document. */
async function json(...args: string[]) {
  const run = await autosend(...args, '--json');
  return { code: run.code, doc: JSON.parse(run.stdout), stderr: run.stderr };
}

describe('autosend admin commands --json', () => {
  let workspaceId: string;

  it('workspace create prints one JSON document with the id and secret', async () => {
    const { code, doc } = await json('workspace', 'create', 'Acme', '--time-zone', 'Europe/Berlin');
    expect(code).toBe(0);
    expect(doc).toMatchObject({ name: 'Acme', timeZone: 'Europe/Berlin', id: expect.any(String) });
    expect(doc.webhookSecret).toEqual(expect.any(String));
    workspaceId = doc.id;
    const list = await json('workspace', 'list');
    expect(list.doc.items.map((w: { id: string }) => w.id)).toEqual([workspaceId]);
  });

  it('workspace webhooks shows the URLs and rotates the secret', async () => {
    const shown = await json('workspace', 'webhooks', workspaceId);
    expect(shown.doc.endpoints[1].url).toBe(
      `https://hooks.example/webhooks/smartlead/${shown.doc.webhookKey}`,
    );
    const rotated = await json('workspace', 'webhooks', workspaceId, '--rotate-secret');
    expect(rotated.doc.webhookSecret).not.toBe(shown.doc.webhookSecret);
  });

  it('token create shows the token once; the API accepts it; revoke refuses it', async () => {
    const { doc } = await json(
      'token',
      'create',
      '--name',
      'ci',
      '--role',
      'admin',
      '--workspace',
      workspaceId,
    );
    expect(doc.token).toMatch(/^as_[A-Za-z0-9_-]{40,}$/);
    expect(doc.workspaceIds).toEqual([workspaceId]);
    const app = await buildApp({
      config: testConfig(),
      database: db,
      logger: createLogger('silent'),
    });
    const call = () =>
      app.inject({
        method: 'GET',
        url: '/api/v1/workspaces',
        headers: { authorization: `Bearer ${doc.token}` },
      });
    expect((await call()).json().items[0].id).toBe(workspaceId);
    const list = await json('token', 'list');
    expect(JSON.stringify(list.doc)).not.toContain(doc.token);
    expect(list.doc.items[0]).toMatchObject({ id: doc.id, prefix: doc.token.slice(0, 9) });
    const revoked = await json('token', 'revoke', doc.id);
    expect(revoked.doc.revokedAt).not.toBeNull();
    expect((await call()).statusCode).toBe(401);
    await app.close();
  });

  it('campaign list shows new campaigns first; campaign set configures one', async () => {
    const [done] = await db.db
      .insert(campaigns)
      .values({
        workspaceId,
        platform: 'smartlead',
        externalId: '1',
        name: 'Old',
        configuredAt: new Date(),
      })
      .returning();
    const [fresh] = await db.db
      .insert(campaigns)
      .values({ workspaceId, platform: 'smartlead', externalId: '2', name: 'Discovered' })
      .returning();
    const list = await json('campaign', 'list');
    expect(list.doc.items.map((c: { id: string }) => c.id)).toEqual([fresh!.id, done!.id]);
    // The list spans workspaces: each campaign names its own.
    expect(list.doc.items.map((c: { workspaceName: string }) => c.workspaceName)).toEqual([
      'Acme',
      'Acme',
    ]);

    const set = await json(
      'campaign',
      'set',
      fresh!.id,
      '--mode',
      'AI_AUTO_SEND',
      '--gate',
      '85',
      '--delay',
      '180-420',
      '--reviewer',
      'owner@acme.example',
      '--reviewer',
      '#replies',
      '--sending-hours',
      '09:00-17:00',
      '--daily-cap',
      '30',
    );
    expect(set.code).toBe(0);
    expect(set.doc).toMatchObject({
      responseMode: 'AI_AUTO_SEND',
      confidenceGate: 85,
      sendDelayMinSeconds: 180,
      sendDelayMaxSeconds: 420,
      sendingHours: '09:00-17:00',
      dailyAutoSendCap: 30,
      reviewers: [
        { kind: 'email', target: 'owner@acme.example' },
        { kind: 'slack_channel', target: '#replies' },
      ],
    });
    expect(set.doc.configuredAt).not.toBeNull();
  });

  it('a bad value prints one JSON error naming the field and exits non-zero', async () => {
    const [c] = await db.db.select().from(campaigns).limit(1);
    const bad = await json('campaign', 'set', c!.id, '--reviewer', 'bob');
    expect(bad.code).toBe(1);
    expect(bad.doc.error).toMatchObject({
      code: 'validation_failed',
      fields: { reviewer: expect.any(String) },
    });
    const gate = await json('campaign', 'set', c!.id, '--gate', '120');
    expect(Object.keys(gate.doc.error.fields)).toEqual(['confidenceGate']);
  });

  it('lead show and clear-flag, then audit lists every change with the CLI user', async () => {
    await db.db.insert(leads).values({
      workspaceId,
      email: 'bo@lead.example',
      bouncedAt: new Date(),
      bouncedReason: '550 mailbox unknown',
    });
    const shown = await json('lead', 'show', 'BO@lead.example', '--workspace', workspaceId);
    expect(shown.doc.flags).toEqual([
      expect.objectContaining({ flag: 'bounced', reason: '550 mailbox unknown' }),
    ]);
    const cleared = await json(
      'lead',
      'clear-flag',
      'bo@lead.example',
      '--workspace',
      workspaceId,
      '--flag',
      'bounced',
      '--reason',
      'the address was fixed',
    );
    expect(cleared.doc.flags).toEqual([]);
    const audit = await json('audit', '--workspace', workspaceId);
    const actions = audit.doc.items.map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'workspace.create',
        'workspace.rotate_webhook_secret',
        'token.create',
        'token.revoke',
        'campaign.update',
        'lead.flag_clear',
      ]),
    );
    expect(audit.doc.items[0].actor).toMatch(/^cli:/);
  });
});

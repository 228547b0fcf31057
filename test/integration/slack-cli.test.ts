import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { FULL_SCOPES, LIMITED_SCOPES, seedCampaign, seedReview, TOKEN } from './slack-fixtures.ts';

const BIN = path.resolve('bin/autosend.js');
const DEFAULT_TEXT =
  'Please confirm you can see this message, if you can then take a screenshot and send it to me';

let peer: SlackPeer;
let db: TestDatabase;
beforeAll(async () => {
  peer = await startSlackPeer({
    token: TOKEN,
    scopes: LIMITED_SCOPES,
    users: [{ id: 'U0ANNA', email: 'anna@acme.example' }],
    channels: [{ id: 'C0REVIEWS', name: 'reviews' }],
  });
  db = await createTestDatabase();
});
afterAll(async () => {
  await peer?.close();
  await db?.drop();
});

function autosend(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: peer.url,
      DATABASE_URL: db.url,
      SLACK_SIGNING_SECRET: '',
      ...env,
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
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('autosend slack test-dm', () => {
  it('prints the Slack error with needed and provided scopes and exits non-zero', async () => {
    peer.setScopes(LIMITED_SCOPES);
    const run = await autosend(['slack', 'test-dm', '--to', 'anna@acme.example', '--count', '2']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      `[1/2] failed dm_by_email: users.lookupByEmail: missing_scope (needed: users:read.email; provided: ${LIMITED_SCOPES.join(',')})`,
      `[2/2] failed dm_by_email: users.lookupByEmail: missing_scope (needed: users:read.email; provided: ${LIMITED_SCOPES.join(',')})`,
      '0 sent, 2 failed',
    ]);
  });

  it('sends one by one, prints channel and ts, ends with the counts and exits 0', async () => {
    peer.setScopes(FULL_SCOPES);
    const before = peer.posted.length;
    const run = await autosend([
      'slack',
      'test-dm',
      '--to',
      'anna@acme.example',
      '--count',
      '3',
      '--interval-ms',
      '0',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const [i, line] of lines.slice(0, 3).entries()) {
      expect(line).toMatch(
        new RegExp(`^\\[${i + 1}/3\\] ok dm_by_email channel=D0ANNA ts=\\d+\\.\\d{6}$`),
      );
    }
    expect(lines[3]).toBe('3 sent, 0 failed');
    const sent = peer.posted.slice(before);
    expect(sent.map((m) => [m.channel, m.text])).toEqual(Array(3).fill(['D0ANNA', DEFAULT_TEXT]));
  });
});

describe('autosend slack doctor', () => {
  it('exits non-zero and names the fix while a reviewer is unreachable; 0 once all are reachable', async () => {
    await seedCampaign(db.db, ['anna@acme.example', '#reviews']);
    peer.setScopes(LIMITED_SCOPES);
    const limited = await autosend(['slack', 'doctor']);
    expect(limited.code).toBe(1);
    expect(limited.stdout).toContain('✗ DM a reviewer by email: impossible');
    expect(limited.stdout).toContain('missing scopes: users:read, users:read.email, im:write');
    expect(limited.stdout).toContain('✓ Post to a public channel: works');
    expect(limited.stdout).toContain('✗ anna@acme.example');
    expect(limited.stdout).toContain('Reinstall to Workspace');
    expect(limited.stdout).not.toContain('conversations:write');

    peer.setScopes(FULL_SCOPES);
    const full = await autosend(['slack', 'doctor', '--json']);
    expect(full.code).toBe(0);
    const report = JSON.parse(full.stdout);
    expect(report).toMatchObject({ configured: true, ok: true, reviewerCount: 2 });
  });
});

describe('autosend slack retry', () => {
  it('re-sends failed notifications once the scopes are fixed', async () => {
    const campaign = await seedCampaign(db.db, ['anna@acme.example']);
    const review = await seedReview(db.db, campaign);
    peer.setScopes(LIMITED_SCOPES);
    const failing = await autosend(['slack', 'retry', '--workspace', campaign.workspaceId]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      `${review.reviewRequestId} anna@acme.example: failed users.lookupByEmail: missing_scope`,
    );

    peer.setScopes(FULL_SCOPES);
    const fixed = await autosend(['slack', 'retry', '--workspace', campaign.workspaceId, '--json']);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ sent: 1, failed: 0, pending: 0 });
  });
});

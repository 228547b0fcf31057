import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSendingConnection } from '../../src/admin/sending-connections.ts';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type PlatformPeer, startPlatformPeer } from '../peers/platform-peer.ts';

const BIN = path.resolve('bin/autosend.js');
const OLD_KEY = 'cli-old-secret-key-0123456789abcdefghij';
const NEW_KEY = 'cli-new-secret-key-9876543210zyxwvutsrq';
let db: TestDatabase;
let peer: PlatformPeer;
let dir: string;
let workspaceId: string;
let webhookSecret: string;

beforeAll(async () => {
  db = await createTestDatabase();
  peer = await startPlatformPeer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-cli-conn-'));
  const created = await createWorkspace(db.db, 'test', { name: 'Acme' }, { secretKey: OLD_KEY });
  workspaceId = created.id;
  webhookSecret = created.webhookSecret;
});
afterAll(async () => {
  await peer?.close();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `autosend ...args`, optionally feeding stdin; resolves with exit code and output. */
function autosend(
  args: string[],
  options: { stdin?: string; key?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      AUTOSEND_SECRET_KEY: options.key ?? OLD_KEY,
      PLATFORM_API_TIMEOUT_MS: '3000',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('autosend connection', () => {
  it('set reads the key from stdin, and list shows only its last 4 characters', async () => {
    const set = await autosend(
      [
        'connection',
        'set',
        workspaceId,
        '--kind',
        'smartlead',
        '--api-key',
        '-',
        '--base-url',
        peer.url,
      ],
      { stdin: 'sl-key-1234567890\n' },
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('apiKey set (…7890)');
    const list = await autosend(['connection', 'list', workspaceId, '--json']);
    const doc = JSON.parse(list.stdout);
    expect(doc.items[0]).toMatchObject({
      kind: 'smartlead',
      credentials: { apiKey: 'set (…7890)' },
    });
    expect(list.stdout + set.stdout + set.stderr).not.toContain('sl-key-1234567890');
  });

  it('test says ok', async () => {
    const ok = await autosend(['connection', 'test', workspaceId, 'smartlead']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^smartlead: ok: .*2 campaign/);
  });

  it('test exits 1 saying exactly what is wrong', async () => {
    await setSendingConnection(
      db.db,
      'test',
      workspaceId,
      { kind: 'instantly', apiKey: 'in-revoked-key-0000', baseUrl: peer.url },
      { secretKey: OLD_KEY },
    );
    const bad = await autosend(['connection', 'test', workspaceId, 'instantly']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /^instantly: FAILED \[bad_credentials\]: instantly refused the API key \(HTTP 401\)/,
    );
  });

  it('a bad kind or a missing key is named as a field', async () => {
    const run = await autosend([
      'connection',
      'set',
      workspaceId,
      '--kind',
      'emailbison',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.fields).toMatchObject({
      token: expect.any(String),
      baseUrl: expect.any(String),
    });
  });

  it('rotate-key re-seals connections and webhook secrets under the new key', async () => {
    const keyFile = path.join(dir, 'old.key');
    await writeFile(keyFile, `${OLD_KEY}\n`, { mode: 0o600 });
    const rotated = await autosend(['connection', 'rotate-key', '--previous-key-file', keyFile], {
      key: NEW_KEY,
    });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toBe(
      're-sealed 3 secret(s) (2 connection credential(s), 0 Slack token(s), 0 availability credential(s), 1 webhook secret(s)); 0 already used the current key\n',
    );
    const withNew = await autosend(['connection', 'test', workspaceId, 'smartlead'], {
      key: NEW_KEY,
    });
    expect(withNew.stdout).toMatch(/^smartlead: ok/);
    const webhooks = await autosend(['workspace', 'webhooks', workspaceId, '--json'], {
      key: NEW_KEY,
    });
    expect(JSON.parse(webhooks.stdout).webhookSecret).toBe(webhookSecret);
    const oldKey = await autosend(['workspace', 'webhooks', workspaceId, '--json'], {
      key: OLD_KEY,
    });
    expect(oldKey.code).toBe(1);
    expect(oldKey.stdout).toMatch(/AUTOSEND_SECRET_KEY differs/);
  });

  it('after the rotation the old key no longer opens them, and test says so', async () => {
    const withOld = await autosend(['connection', 'test', workspaceId, 'smartlead'], {
      key: OLD_KEY,
    });
    expect(withOld.stdout).toMatch(
      /FAILED \[credentials_unreadable\]: .*AUTOSEND_SECRET_KEY differs/,
    );
  });
});

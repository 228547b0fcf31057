import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const run = promisify(execFile);
let db: TestDatabase;
let dir: string;

function demo(...args: string[]) {
  return run(process.execPath, ['bin/autosend.js', 'demo', ...args], {
    env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dir, LOG_LEVEL: 'silent' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

interface DemoJson {
  workspaceId: string;
  workspaceName: string;
  reused: boolean;
  rows: Array<{ messageId: string; category: string | null; decision: string; slots: string[] }>;
  sends: { sent: number; waiting: number };
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-demo-'));
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('autosend demo', () => {
  let first: DemoJson;

  it('offers real, spread meeting slots from the demo workspace weekly hours', async () => {
    first = JSON.parse((await demo('--json')).stdout) as DemoJson;
    expect(first.reused).toBe(false);
    expect(first.rows.every((r) => r.decision !== 'pending')).toBe(true);
    const offered = first.rows.filter((r) => r.slots.length > 0);
    expect(offered.length).toBeGreaterThanOrEqual(3);
    // Spread: concurrent leads are not all offered the same first time.
    expect(new Set(offered.map((r) => r.slots[0])).size).toBeGreaterThan(1);
    // What the demo says went out is what is in the outbox.
    const files = (await readdir(path.join(dir, 'outbox')).catch(() => [])).filter((f) =>
      f.endsWith('.eml'),
    );
    expect(files).toHaveLength(first.sends.sent);
    expect(first.sends.sent + first.sends.waiting).toBe(
      first.rows.filter((r) => r.decision === 'send').length,
    );
  }, 240_000);

  it('a second run reuses the demo workspace and says so; nothing is sent twice', async () => {
    const { stdout } = await demo();
    expect(stdout).toContain(`workspace "${first.workspaceName}" (${first.workspaceId})`);
    expect(stdout).toContain('The demo workspace already existed');
    expect(stdout).toContain(`${first.sends.sent} sent during the demo`);
    expect(await db.db.select().from(workspaces)).toHaveLength(1);
    const files = (await readdir(path.join(dir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(first.sends.sent);
  }, 240_000);

  it('--reset starts over in a fresh demo workspace', async () => {
    const again = JSON.parse((await demo('--reset', '--json')).stdout) as DemoJson;
    expect(again.reused).toBe(false);
    expect(again.workspaceId).not.toBe(first.workspaceId);
    const rows = await db.db.select().from(workspaces);
    expect(rows.map((w) => w.id)).toEqual([again.workspaceId]);
  }, 240_000);
});

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

  it('explain --json gives a script the draft body, ISO slots and a settled status', async () => {
    const offered = first.rows.find((r) => r.slots.length > 0 && r.decision === 'send')!;
    const { stdout } = await run(
      process.execPath,
      ['bin/autosend.js', 'explain', offered.messageId, '--json'],
      { env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dir, LOG_LEVEL: 'silent' } },
    );
    const { replies } = JSON.parse(stdout) as {
      replies: Array<{
        status: string;
        draft: {
          body: string;
          slots: Array<{ start: string; end: string; timeZone: string; label: string }>;
        };
      }>;
    };
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(['sent', 'scheduled']).toContain(reply!.status);
    expect(reply!.draft.body.length).toBeGreaterThan(20);
    expect(reply!.draft.slots.map((s) => s.label)).toEqual(offered.slots);
    for (const slot of reply!.draft.slots) {
      expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
      expect(new Date(slot.end).getTime()).toBeGreaterThan(new Date(slot.start).getTime());
      expect(slot.label).toContain(`(${slot.timeZone})`);
    }
  }, 120_000);

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

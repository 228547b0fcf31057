import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionEvents } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../peers/openai-peer.ts';
import { type BackfillDataset, goodModel, seedBackfillDataset } from './backfill-seed.ts';

const BIN = path.resolve('bin/autosend.js');
let db: TestDatabase;
let ai: OpenAiPeer;
let dataDir: string;
let ds: BackfillDataset;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bf-cli-'));
  ai = await startOpenAiPeer();
  ai.setResponder(goodModel());
  ds = await seedBackfillDataset(db.db);
  await db.db.insert(decisionEvents).values({
    messageId: ds.replies.discovered!,
    step: 'decide',
    outcome: 'skipped',
    reason: 'unknown_campaign',
  });
});

afterAll(async () => {
  await ai?.stop();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function start(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: ai.baseUrl,
      OPENAI_API_KEY: ai.apiKey,
      OPENAI_MAX_RETRIES: '0',
      LOG_LEVEL: 'warn',
      AUTO_SEND_DISABLED: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  return {
    child,
    done: new Promise((resolve) =>
      child.once('close', (code) => resolve({ code, stdout, stderr })),
    ),
  };
}

const autosend = (args: string[], env: Record<string, string> = {}) => start(args, env).done;

describe('autosend backfill (CLI)', () => {
  it('campaign set says how many unknown_campaign replies wait and prints the backfill command', async () => {
    const set = await autosend([
      'campaign',
      'set',
      ds.discoveredCampaignId,
      '--mode',
      'AI_AUTO_SEND',
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(
      `1 reply skipped earlier as unknown_campaign can be answered now: autosend backfill --workspace ${ds.workspaceId} --campaign ${ds.discoveredCampaignId}`,
    );
  });

  it('a dry run is the default: prints the table, the log paths, and that nothing changed', async () => {
    const run = await autosend(['backfill', '--workspace', ds.workspaceId]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/backfill dry run dry_run/);
    expect(run.stdout).toMatch(/Q3 outreach\s+4\s+already_answered=1/);
    expect(run.stdout).toMatch(/Discovered\s+1\s+-/);
    expect(run.stdout).toMatch(/nothing was changed/);
    expect(run.stdout).toMatch(/log: .*backfill-ai-auto-send-\d{8}T\d{6}Z\.log/);
    const json = await autosend(['backfill', '--workspace', ds.workspaceId, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ mode: 'dry_run', status: 'dry_run' });
    const runs = await db.pool.query('select count(*)::int as n from backfill_runs');
    expect(runs.rows[0].n).toBe(0);
  });

  it('refuses bad options, naming them, and --apply under the kill switch, saying why', async () => {
    const both = await autosend(['backfill', '--workspace', ds.workspaceId, '--shadow', '--apply']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toMatch(/one of --dry-run, --shadow, --apply/);
    const limit = await autosend(['backfill', '--workspace', ds.workspaceId, '--limit', 'ten']);
    expect(limit.stderr).toMatch(/limit/);
    const scope = await autosend(['backfill']);
    expect(scope.stderr).toMatch(/--workspace ID or --all-workspaces/);
    const killed = await autosend(['backfill', '--workspace', ds.workspaceId, '--apply'], {
      AUTO_SEND_DISABLED: '1',
    });
    expect(killed.code).not.toBe(0);
    expect(killed.stderr).toMatch(/AUTO_SEND_DISABLED=1.*--override-kill-switch/);
  });

  it('Ctrl-C finishes the item in flight, pauses the run and prints the resume command', async () => {
    const logDir = path.join(dataDir, 'ctrl-c');
    const run = start([
      'backfill',
      '--workspace',
      ds.workspaceId,
      '--apply',
      '--send-pacing-ms',
      '60000',
      '--log-dir',
      logDir,
    ]);
    // Wait for the first send (the pacing then holds the run between items).
    for (;;) {
      const files = await readdir(logDir).catch(() => [] as string[]);
      const f = files.find((n) => n.endsWith('.jsonl'));
      if (f && /"event":"sent"/.test(await readFile(path.join(logDir, f), 'utf8'))) break;
      if (run.child.exitCode !== null) throw new Error('exited early');
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill('SIGINT');
    const end = await run.done;
    expect(end.code).toBe(130);
    const id = /resume with: autosend backfill --resume ([0-9a-f-]{36})/.exec(end.stdout)?.[1];
    expect(id, end.stdout).toBeDefined();
    const row = await db.pool.query('select status, phase from backfill_runs where id = $1', [id]);
    expect(row.rows[0]).toEqual({ status: 'paused', phase: 'send' });
    const resumed = await autosend([
      'backfill',
      '--resume',
      id!,
      '--send-pacing-ms',
      '0',
      '--log-dir',
      logDir,
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/completed/);
    expect(resumed.stdout).toMatch(/^sent {6}/m);
  });
});

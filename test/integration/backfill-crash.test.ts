import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../peers/openai-peer.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { type BackfillDataset, goodModel, seedBackfillDataset } from './backfill-seed.ts';
import { FULL_SCOPES, TOKEN } from './slack-fixtures.ts';

/*
 * kill -9 a real `autosend backfill --apply` in the draft phase, resume it,
 * kill -9 it again in the send phase, resume it to the end. Every eligible
 * lead gets exactly one reply, and the log holds every item.
 */

const BIN = path.resolve('bin/autosend.js');
let db: TestDatabase;
let ai: OpenAiPeer;
let slack: SlackPeer;
let dataDir: string;
let logDir: string;
let ds: BackfillDataset;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bf-crash-'));
  logDir = path.join(dataDir, 'logs');
  ai = await startOpenAiPeer();
  ai.setResponder(goodModel(30));
  slack = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    users: [{ id: 'U0REVIEW1', email: 'reviewer@agency.example' }],
  });
  ds = await seedBackfillDataset(db.db, { extraTargets: 10 });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && !c.signalCode) c.kill('SIGKILL');
  await ai?.stop();
  await slack?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function backfill(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'backfill',
      ...args,
      '--log-dir',
      logDir,
      '--concurrency',
      '2',
      '--send-pacing-ms',
      '120',
      '--json',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: ai.baseUrl,
        OPENAI_API_KEY: ai.apiKey,
        OPENAI_MAX_RETRIES: '0',
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_API_URL: slack.url,
        SENDER: 'outbox',
        AUTO_SEND_DISABLED: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function jsonlFile(): Promise<string | undefined> {
  if (!existsSync(logDir)) return undefined;
  const f = (await readdir(logDir)).find((n) => n.endsWith('.jsonl'));
  return f ? path.join(logDir, f) : undefined;
}

async function lines(): Promise<Record<string, unknown>[]> {
  const f = await jsonlFile();
  if (!f) return [];
  return (await readFile(f, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Resolves once the log shows `count` events of the kind (the run writes them as they happen). */
async function logShows(event: string, count: number, exited: Promise<unknown>): Promise<void> {
  let over = false;
  void exited.then(() => {
    over = true;
  });
  for (;;) {
    if ((await lines()).filter((l) => l.event === event).length >= count) return;
    if (over) throw new Error(`the run exited before logging ${count} ${event}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('backfill after kill -9', () => {
  it('resumes in each phase and answers every eligible lead exactly once, with a complete log', async () => {
    const first = backfill(['--apply', '--workspace', ds.workspaceId]);
    await logShows('drafted', 3, first.done);
    first.child.kill('SIGKILL');
    await first.done;
    const runId = (await lines())[0]!.runId as string;
    const mid = await db.pool.query(`select phase, status from backfill_runs where id = $1`, [
      runId,
    ]);
    expect(mid.rows[0]).toMatchObject({ phase: 'draft', status: 'drafting' });

    const second = backfill(['--resume', runId]);
    await logShows('sent', 2, second.done);
    second.child.kill('SIGKILL');
    await second.done;
    const mid2 = await db.pool.query(`select phase from backfill_runs where id = $1`, [runId]);
    expect(mid2.rows[0].phase).toBe('send');

    const third = backfill(['--resume', runId]);
    const end = await third.done;
    expect(end.code, end.stderr).toBe(0);
    const report = JSON.parse(end.stdout);
    expect(report).toMatchObject({ runId, status: 'completed' });

    const replies = await db.pool.query<{ email: string; n: number }>(
      `select l.email, count(m.id)::int as n from leads l
       left join messages m on m.lead_id = l.id and m.direction = 'outbound' and m.source = 'autosend'
       where l.workspace_id = $1 group by 1`,
      [ds.workspaceId],
    );
    const sent = Object.fromEntries(replies.rows.map((r) => [r.email, r.n]));
    const eligible = ['interested', 'folded', ...Array.from({ length: 10 }, (_, i) => `extra${i}`)];
    const states = await db.pool.query<{ email: string; state: string }>(
      `select detail->'lead'->>'email' as email, state from backfill_items where run_id = $1`,
      [runId],
    );
    const stateOf = Object.fromEntries(states.rows.map((r) => [r.email, r.state]));
    for (const role of eligible) {
      const email = ds.leads[role]!;
      // A send interrupted between the ledger key and the hand-off is left to a human, never repeated.
      if (stateOf[email] === 'send_unknown') expect(sent[email]).toBeLessThanOrEqual(1);
      else expect(sent[email], `${role}: ${stateOf[email]}`).toBe(1);
    }
    for (const [email, n] of Object.entries(sent)) expect(n, email).toBeLessThanOrEqual(1);
    for (const role of [
      'answered',
      'optout',
      'ooo',
      'bounced',
      'booked',
      'notinterested',
      'manual',
      'discovered',
    ]) {
      expect(sent[ds.leads[role]!] ?? 0, role).toBe(0);
    }

    // The log: one file pair for the whole run, every item's last state on a line, the summary last.
    const all = await lines();
    expect(new Set(all.map((l) => l.runId))).toEqual(new Set([runId]));
    expect(all.filter((l) => l.event === 'resumed')).toHaveLength(2);
    const items = await db.pool.query<{ id: string; message_id: string; state: string }>(
      `select id, message_id, state from backfill_items where run_id = $1`,
      [runId],
    );
    for (const item of items.rows) {
      const about = all.filter((l) => l.itemId === item.id || l.messageId === item.message_id);
      expect(about.length, `log lines for ${item.state} item ${item.id}`).toBeGreaterThan(0);
      if (item.state !== 'skipped') {
        expect(
          about.some((l) => l.event === item.state),
          `${item.state} line for ${item.id}`,
        ).toBe(true);
      }
    }
    expect(all.at(-1)).toMatchObject({ event: 'summary' });
  }, 120_000);
});

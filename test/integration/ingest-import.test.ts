import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, workspaces } from '../../src/db/schema.ts';
import { importReplyFiles } from '../../src/ingest/import-files.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let queue: JobQueue;
let dir: string;
let workspaceId = '';

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, createLogger('silent'), {
    schedule: false,
    supervise: false,
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-ingest-'));
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'Import', webhookKey: 'wh_import_1', webhookSecret: 's' })
    .returning({ id: workspaces.id });
  workspaceId = ws!.id;
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const eml = [
  'From: Jane Doe <jane@contoso.com>',
  'To: sdr@agency-mail.io',
  'Subject: Re: Quick question',
  'Date: Wed, 18 Nov 2026 15:09:58 +0000',
  'Message-ID: <eml-1@contoso.com>',
  'In-Reply-To: <out-1@agency-mail.io>',
  'X-Autosend-Campaign: imported-q4',
  '',
  'Yes, send me a few times.',
  '',
].join('\r\n');

const jsonl = [
  JSON.stringify({ id: 'l1', lead: { email: 'a@one.io' }, text: 'first' }),
  '',
  JSON.stringify({ id: 'l2', lead: { email: 'broken' }, text: 'second' }),
  '{ not json',
  JSON.stringify({ id: 'l4', lead: { email: 'd@four.io' }, text: 'fourth' }),
].join('\n');

describe('importReplyFiles', () => {
  it('stores .eml and good JSONL lines, reports bad lines with their fields', async () => {
    await writeFile(path.join(dir, 'reply.eml'), eml);
    await writeFile(path.join(dir, 'replies.jsonl'), jsonl);
    const files = [
      path.join(dir, 'reply.eml'),
      path.join(dir, 'replies.jsonl'),
      path.join(dir, 'missing.eml'),
    ];
    const report = await importReplyFiles({ db: db.db, queue }, workspaceId, files);
    expect(report).toMatchObject({ created: 3, duplicate: 0, failed: 3 });
    expect(report.failures).toEqual([
      {
        file: files[1],
        line: 3,
        message: 'invalid generic payload',
        fields: { 'lead.email': 'must be an email address' },
      },
      { file: files[1], line: 4, message: 'not valid JSON', fields: { $: 'not valid JSON' } },
      expect.objectContaining({ file: files[2] }),
    ]);
    const [fromEml] = await db.db
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, '<eml-1@contoso.com>'));
    expect(fromEml).toMatchObject({
      source: 'eml',
      fromEmail: 'jane@contoso.com',
      threadKey: '<out-1@agency-mail.io>',
    });
    expect(fromEml!.campaignId).not.toBeNull();

    const again = await importReplyFiles({ db: db.db, queue }, workspaceId, files.slice(0, 2));
    expect(again).toMatchObject({ created: 0, duplicate: 3, failed: 2 });
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.resolve('bin/autosend.js'), ...args], {
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
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
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('autosend ingest', () => {
  it('imports by webhook key, prints counts and bad lines, exits 1 when a line failed', async () => {
    const file = path.join(dir, 'cli.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ id: 'cli-1', lead: { email: 'cli@one.io' }, text: 'hello' })}\n{"id":"cli-2","text":"x"}\n`,
    );
    const text = await runCli(['ingest', file, '--workspace', 'wh_import_1']);
    expect(text.stdout).toBe(
      `failed ${file}:2: lead.email is required\ncreated 1, duplicate 0, failed 1\n`,
    );
    expect(text.code).toBe(1);

    const json = await runCli(['ingest', file, '--workspace', workspaceId, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ created: 0, duplicate: 1, failed: 1 });

    const unknown = await runCli(['ingest', file, '--workspace', 'wh_nobody']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no workspace with id or key "wh_nobody"');
  });
});

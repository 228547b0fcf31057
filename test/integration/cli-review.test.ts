import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, drafts, reviewRequests, workspaces } from '../../src/db/schema.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { processInbound } from '../../src/pipeline/process-inbound.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const run = promisify(execFile);
const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let dir: string;
const reviewIds: string[] = [];

function cli(...args: string[]) {
  return run(process.execPath, ['bin/autosend.js', ...args], {
    env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dir, LOG_LEVEL: 'silent' },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-cli-review-'));
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'CLI review', webhookKey: 'cli-review', webhookSecret: 's' })
    .returning();
  await db.db.insert(campaigns).values({
    workspaceId: ws!.id,
    platform: 'generic',
    externalId: 'c',
    name: 'Manual campaign',
    responseMode: 'MANUAL',
    signature: 'Tom',
    configuredAt: new Date(),
  });
  const deps = makePipelineDeps({
    db: db.db,
    queue,
    config: testConfig({ DATABASE_URL: db.url }),
    logger,
  });
  for (const [i, email] of ['ana@one.example', 'ben@two.example'].entries()) {
    const { messageId } = await storeInboundReply({ db: db.db, queue }, ws!.id, {
      source: 'generic',
      providerMessageId: `cli-review-${i}`,
      channel: 'email',
      campaign: { externalId: 'c' },
      lead: { email },
      from: { email },
      to: [],
      cc: [],
      subject: 'Re: hello',
      text: 'Interesting, tell me more about how it works.',
      receivedAt: new Date(),
      references: [],
      headers: {},
      platformFlags: {},
      platformRefs: {},
      priorMessages: [],
    });
    await processInbound(deps, messageId);
  }
  const rows = await db.db.select().from(reviewRequests);
  reviewIds.push(...rows.map((r) => r.id));
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('autosend review', () => {
  it('lists open reviews with their reason, then approves with an edit and rejects', async () => {
    expect(reviewIds).toHaveLength(2);
    const listed = JSON.parse((await cli('review', 'list', '--json')).stdout) as {
      id: string;
      reason: string;
    }[];
    expect(listed.map((r) => r.id).sort()).toEqual([...reviewIds].sort());
    expect(listed.every((r) => r.reason === 'mode_manual')).toBe(true);

    // A page at a time: the next page's command is printed, its cursor opaque.
    const page1 = await cli('review', 'list', '--limit', '1');
    const next = /more: autosend review list .*--cursor (\S+)/.exec(page1.stdout)?.[1];
    expect(next).toBeTruthy();
    const page2 = await cli('review', 'list', '--limit', '1', '--cursor', next!, '--json');
    const both = [
      ...reviewIds.filter((id) => page1.stdout.includes(id)),
      ...JSON.parse(page2.stdout).map((r: { id: string }) => r.id),
    ];
    expect(both.sort()).toEqual([...reviewIds].sort());
    expect(page2.stderr).not.toMatch(/more:/);
    await expect(cli('review', 'list', '--cursor', 'nonsense!')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cursor'),
    });

    const edit = path.join(dir, 'edit.txt');
    await writeFile(edit, 'Hi Ana, here is how it works. Tom');
    const approved = JSON.parse(
      (await cli('review', 'approve', reviewIds[0]!, '--edit', edit, '--json')).stdout,
    );
    expect(approved).toMatchObject({ reviewId: reviewIds[0], status: 'approved' });
    const [draft] = await db.db.select().from(drafts).where(eq(drafts.id, approved.draftId));
    expect(draft).toMatchObject({ status: 'approved', body: 'Hi Ana, here is how it works. Tom' });

    await cli('review', 'reject', reviewIds[1]!, '--note', 'off-tone');
    const open = JSON.parse((await cli('review', 'list', '--json')).stdout);
    expect(open).toEqual([]);
  });

  it('refuses to decide a review twice, naming its state', async () => {
    await expect(cli('review', 'reject', reviewIds[0]!)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already approved'),
    });
  });

  it('explain prints the whole trail of every reply of a lead, by email', async () => {
    const text = (await cli('explain', 'ben@two.example')).stdout;
    expect(text).toMatch(/Verdict: Held for review: mode_manual/);
    expect(text).toMatch(/Trail:[\s\S]*gates[\s\S]*classify[\s\S]*decide\s+review \(mode_manual\)/);
    expect(text).toMatch(/Review [0-9a-f-]+: rejected \(mode_manual\) by cli:/);
    // One shape for one reply or many: { replies: [...] }.
    const json = JSON.parse((await cli('explain', 'ben@two.example', '--json')).stdout);
    expect(json.replies).toHaveLength(1);
    expect(json.replies[0].message.lead).toBe('ben@two.example');
    expect(json.replies[0].events.map((e: { step: string }) => e.step)).toContain('decide');
    expect(json.replies[0].status).toBe('skipped');
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOpenAiProvider } from '../../src/ai/openai-provider.ts';
import type { BackfillDeps } from '../../src/backfill/backfill-context.ts';
import { type BackfillRequest, runBackfill } from '../../src/backfill/run-backfill.ts';
import type { Config } from '../../src/config/load-config.ts';
import { campaigns } from '../../src/db/schema.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../peers/openai-peer.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { type BackfillDataset, goodModel, seedBackfillDataset } from './backfill-seed.ts';
import { FULL_SCOPES, TOKEN } from './slack-fixtures.ts';

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let ai: OpenAiPeer;
let slack: SlackPeer;
let dataDir: string;
let config: Config;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-backfill-'));
  ai = await startOpenAiPeer();
  ai.setResponder(goodModel());
  slack = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    users: [{ id: 'U0REVIEW1', email: 'reviewer@agency.example' }],
  });
  config = configWith({});
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await ai?.stop();
  await slack?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function configWith(env: Record<string, string>): Config {
  return testConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    BACKFILL_LOG_DIR: path.join(dataDir, 'run-logs'),
    AI_PROVIDER: 'openai',
    OPENAI_BASE_URL: ai.baseUrl,
    OPENAI_API_KEY: ai.apiKey,
    OPENAI_MAX_RETRIES: '0',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slack.url,
    ...env,
  });
}

function deps(overrides: Partial<BackfillDeps> = {}): BackfillDeps {
  const cfg = overrides.config ?? config;
  return {
    db: db.db,
    queue,
    config: cfg,
    logger,
    ai: makeOpenAiProvider(cfg.ai.openai),
    ...overrides,
  };
}

function request(ds: BackfillDataset, extra: Partial<BackfillRequest> = {}): BackfillRequest {
  return {
    mode: 'dry_run',
    workspaceId: ds.workspaceId,
    campaignIds: [],
    missingOnly: false,
    limit: null,
    concurrency: 4,
    rpm: null,
    sendPacingMs: 0,
    respectDelays: false,
    overrideKillSwitch: false,
    redact: false,
    logDir: path.join(dataDir, 'logs', Math.random().toString(36).slice(2)),
    ...extra,
  };
}

/** Rows a run could touch, per workspace: a dry run must leave every count as it was. */
async function footprint(workspaceId: string) {
  const r = await db.pool.query(
    `select
      (select count(*)::int from backfill_runs) as runs,
      (select count(*)::int from drafts d join messages m on m.id = d.message_id where m.workspace_id = $1) as drafts,
      (select count(*)::int from decision_events e join messages m on m.id = e.message_id where m.workspace_id = $1) as events,
      (select count(*)::int from slot_offers where workspace_id = $1) as offers,
      (select count(*)::int from review_requests where workspace_id = $1) as reviews,
      (select count(*)::int from send_ledger) as sends,
      (select count(*)::int from messages where workspace_id = $1) as messages,
      (select count(*)::int from leads where workspace_id = $1 and (opted_out_at is not null or bounced_at is not null)) as flagged`,
    [workspaceId],
  );
  return r.rows[0];
}

/** Replies we sent, per lead email. */
async function sentPerLead(workspaceId: string): Promise<Record<string, number>> {
  const r = await db.pool.query<{ email: string; n: number }>(
    `select l.email, count(*)::int as n from messages m join leads l on l.id = m.lead_id
     where m.workspace_id = $1 and m.direction = 'outbound' and m.source = 'autosend' group by 1`,
    [workspaceId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.email, x.n]));
}

async function jsonl(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('autosend backfill', () => {
  it('dry run: counts per campaign and skip reason, what apply would do, and changes nothing', async () => {
    const ds = await seedBackfillDataset(db.db);
    const before = await footprint(ds.workspaceId);
    const report = await runBackfill(deps(), request(ds));
    expect(report.status).toBe('dry_run');
    const [q3, ...others] = report.summary;
    expect(others).toEqual([]); // the MANUAL and the unconfigured campaign are out of scope
    expect(q3).toMatchObject({
      campaign: 'Q3 outreach',
      targets: 4, // interested, folded, pricing, notinterested (classified at apply)
      skipped: { already_answered: 1, opt_out: 1, auto_reply: 1, bounce: 1, already_booked: 1 },
    });
    expect(report.table).toMatch(/Q3 outreach\s+4\s+already_answered=1 already_booked=1/);
    expect(await footprint(ds.workspaceId)).toEqual(before);
    expect(ai.requests.length).toBe(0);
    const lines = await jsonl(report.jsonlPath);
    expect(lines.filter((l) => l.event === 'would_draft')).toHaveLength(4);
    expect(lines.filter((l) => l.event === 'skipped')).toHaveLength(5);
    expect(lines.at(-1)).toMatchObject({ event: 'summary' });
    expect(await readFile(report.logPath, 'utf8')).toMatch(/summary\ncampaign\s+targets/);
  });

  it('apply: sends at the gate, reviews below it with the Slack result, one reply per lead, a complete log', async () => {
    const ds = await seedBackfillDataset(db.db);
    const report = await runBackfill(deps(), request(ds, { mode: 'apply' }));
    expect(report.status).toBe('completed');
    expect(report.summary[0]).toMatchObject({
      targets: 3, // notinterested moved to skipped once classified
      drafted: 3,
      sent: 2,
      review: 1,
      notifyOk: 1,
      notifyFailed: 0,
      skipped: {
        already_answered: 1,
        opt_out: 1,
        auto_reply: 1,
        bounce: 1,
        already_booked: 1,
        not_draftable: 1,
      },
    });
    expect(await sentPerLead(ds.workspaceId)).toEqual({
      [ds.leads.interested!]: 1,
      [ds.leads.folded!]: 1,
    });
    // The folded older reply got no answer of its own: the one reply answers the latest.
    const answered = await db.pool.query(
      `select d.message_id from drafts d where d.status = 'sent' and d.message_id = any($1::uuid[])`,
      [[ds.replies['folded:1'], ds.replies.folded]],
    );
    expect(answered.rows.map((r) => r.message_id)).toEqual([ds.replies.folded]);
    const review = await db.pool.query(
      `select r.reason, r.status from review_requests r join drafts d on d.id = r.draft_id where d.message_id = $1`,
      [ds.replies.pricing],
    );
    expect(review.rows).toEqual([{ reason: 'below_threshold', status: 'open' }]);
    expect(slack.posted.some((p) => p.user === 'U0REVIEW1')).toBe(true);

    const lines = await jsonl(report.jsonlPath);
    const sent = lines.filter((l) => l.event === 'sent');
    expect(sent).toHaveLength(2);
    for (const l of sent) {
      expect(l).toMatchObject({
        runId: report.runId,
        phase: 'send',
        confidence: 95,
        gate: 80,
        decision: 'send',
      });
      expect(l.lead).toMatchObject({ email: expect.stringMatching(/@lead\.example$/) });
      expect(l.campaign).toMatchObject({ name: 'Q3 outreach' });
    }
    const reviewLine = lines.find((l) => l.event === 'review')!;
    expect(reviewLine).toMatchObject({
      reason: 'below_threshold',
      confidence: 60,
      slack: { result: 'ok' },
    });
    const drafted = lines.filter((l) => l.event === 'drafted');
    expect(drafted).toHaveLength(3);
    expect(drafted.every((l) => typeof l.draftId === 'string' && l.category === 'interested')).toBe(
      true,
    );
    // No message bodies in the log.
    const text = await readFile(report.logPath, 'utf8');
    expect(text).not.toMatch(/Sounds interesting|Thanks for getting back/);
    expect(text).toMatch(/summary\ncampaign/);
  });

  it('apply: a reply claiming a booking gets no slots and is held booking_claimed, whatever the category', async () => {
    const ds = await seedBackfillDataset(db.db, {
      extraReplies: [
        { role: 'claimed', text: 'Done - I just grabbed a slot on your calendar for Thursday.' },
      ],
    });
    // goodModel classifies it `interested` at 90 %, above the gate of 80.
    const report = await runBackfill(deps(), request(ds, { mode: 'apply' }));
    expect(report.status).toBe('completed');
    expect(await sentPerLead(ds.workspaceId)).not.toHaveProperty(ds.leads.claimed!);
    const held = await db.pool.query(
      `select r.reason, d.offered_slots from review_requests r join drafts d on d.id = r.draft_id where d.message_id = $1`,
      [ds.replies.claimed],
    );
    expect(held.rows).toEqual([{ reason: 'booking_claimed', offered_slots: [] }]);
  });

  it('a dry run between two applies changes nothing, and the second apply answers nobody twice', async () => {
    const ds = await seedBackfillDataset(db.db);
    await runBackfill(deps(), request(ds, { mode: 'apply' }));
    const after = await footprint(ds.workspaceId);
    const dry = await runBackfill(deps(), request(ds));
    expect(await footprint(ds.workspaceId)).toEqual(after);
    // Still unanswered: the review item, and the not-interested reply (a dry run does not classify).
    expect(dry.summary[0]).toMatchObject({ targets: 2 });
    const second = await runBackfill(deps(), request(ds, { mode: 'apply' }));
    expect(second.summary[0]!.sent).toBe(0);
    expect(await sentPerLead(ds.workspaceId)).toEqual({
      [ds.leads.interested!]: 1,
      [ds.leads.folded!]: 1,
    });
    // Regenerated: the first run's draft for the review item is superseded, its review closed.
    const drafts = await db.pool.query(
      `select d.status, r.status as review from drafts d left join review_requests r on r.draft_id = d.id
       where d.message_id = $1 order by d.version`,
      [ds.replies.pricing],
    );
    expect(drafts.rows).toEqual([
      { status: 'superseded', review: 'superseded' },
      { status: 'generated', review: 'open' },
    ]);
  });

  it('re-checks the conversation just before each send: a human answer in between supersedes the draft', async () => {
    const ds = await seedBackfillDataset(db.db);
    const controller = new AbortController();
    // Pause the run as the send phase starts (what Ctrl-C does), then a human answers one lead.
    const paused = await runBackfill(
      deps({
        signal: controller.signal,
        progress: {
          start: (phase) => {
            if (phase === 'send') controller.abort();
          },
          tick() {},
          stop() {},
          line() {},
        },
      }),
      request(ds, { mode: 'apply' }),
    );
    expect(paused).toMatchObject({
      status: 'paused',
      resumeCommand: `autosend backfill --resume ${paused.runId}`,
    });
    const inbound = await db.pool.query('select * from messages where id = $1', [
      ds.replies.interested,
    ]);
    const m = inbound.rows[0];
    await db.pool.query(
      `insert into messages (workspace_id, lead_id, campaign_id, direction, source, provider_message_id, thread_key,
                             from_email, text, occurred_at)
       values ($1, $2, $3, 'outbound', 'smartlead', 'human-1', $4, 'sam@agency.example', 'answered by hand', now())`,
      [m.workspace_id, m.lead_id, m.campaign_id, m.thread_key],
    );
    const resumed = await runBackfill(
      deps(),
      request(ds, { mode: 'apply', resumeRunId: paused.runId }),
    );
    expect(resumed.status).toBe('completed');
    expect(resumed.summary[0]).toMatchObject({ sent: 1, superseded: 1, review: 1 });
    expect(await sentPerLead(ds.workspaceId)).toEqual({ [ds.leads.folded!]: 1 });
    const lines = await jsonl(resumed.jsonlPath);
    expect(lines.find((l) => l.event === 'superseded')).toMatchObject({
      change: { kind: 'newer_message', direction: 'outbound' },
    });
  });

  it('--limit caps the targets of the run', async () => {
    const ds = await seedBackfillDataset(db.db, { extraTargets: 5 });
    const report = await runBackfill(deps(), request(ds, { mode: 'apply', limit: 3 }));
    const targets = report.summary.reduce((n, s) => n + s.targets, 0);
    expect(targets).toBe(3);
    const items = await db.pool.query(
      `select count(*)::int as n from backfill_items where run_id = $1 and state <> 'skipped'`,
      [report.runId],
    );
    expect(items.rows[0].n).toBe(3);
  });

  it('kill switch: apply refuses to start and says why; --override-kill-switch sends and is logged', async () => {
    const ds = await seedBackfillDataset(db.db);
    const killed = configWith({ AUTO_SEND_DISABLED: '1' });
    const before = await footprint(ds.workspaceId);
    await expect(
      runBackfill(deps({ config: killed }), request(ds, { mode: 'apply' })),
    ).rejects.toThrow(/AUTO_SEND_DISABLED=1.*--override-kill-switch/);
    expect(await footprint(ds.workspaceId)).toEqual(before);
    const report = await runBackfill(
      deps({ config: killed }),
      request(ds, { mode: 'apply', overrideKillSwitch: true }),
    );
    expect(report.summary[0]!.sent).toBe(2);
    const lines = await jsonl(report.jsonlPath);
    expect(lines.find((l) => l.event === 'kill_switch_overridden')).toMatchObject({
      warning: expect.stringMatching(/SENDS/),
    });
  });

  it('shadow: saves nothing sendable, stops the transcript at the reply, puts the draft beside the human answer', async () => {
    const ds = await seedBackfillDataset(db.db);
    const before = await footprint(ds.workspaceId);
    const seen = ai.requests.length;
    const report = await runBackfill(deps(), request(ds, { mode: 'shadow' }));
    expect(report.status).toBe('completed');
    const after = await footprint(ds.workspaceId);
    expect(after).toMatchObject({
      reviews: before.reviews,
      sends: before.sends,
      offers: before.offers,
      messages: before.messages,
    });
    const statuses = await db.pool.query(
      `select distinct d.status from drafts d join messages m on m.id = d.message_id where m.workspace_id = $1`,
      [ds.workspaceId],
    );
    expect(statuses.rows).toEqual([{ status: 'shadow' }]);
    // The answered conversation is drafted too, and its transcript ends at the lead's reply.
    const item = await db.pool.query(
      `select detail from backfill_items where run_id = $1 and message_id = $2`,
      [report.runId, ds.replies.answered],
    );
    expect(item.rows[0].detail).toMatchObject({
      humanAnswerId: expect.any(String),
      shadow: { gate: 'send' },
    });
    const requests = ai.requests.slice(seen).map((r) => JSON.stringify(r.body.messages));
    const forAnswered = requests.filter((r) => r.includes('Interested, tell me more.'));
    expect(forAnswered.length).toBe(3); // classify, draft, evaluate
    expect(forAnswered.every((r) => !r.includes('HUMAN-ANSWER'))).toBe(true);
    expect(report.summary[0]!.shadow).toMatchObject({
      gate: { send: 3, review: 1 },
      '95': { send: 3, review: 1 },
    });
    expect(report.table).toMatch(/shadow: would auto-send \/ review/);
  });

  it('--redact masks names and emails in both log files', async () => {
    const ds = await seedBackfillDataset(db.db);
    const report = await runBackfill(deps(), request(ds, { redact: true }));
    const both =
      (await readFile(report.logPath, 'utf8')) + (await readFile(report.jsonlPath, 'utf8'));
    for (const email of Object.values(ds.leads)) expect(both).not.toContain(email);
    expect(both).not.toContain('Interested Lead');
    expect(both).toMatch(/i\*\*\*@l\*\*\*\.example/);
  });

  it('a model answering badly fails that item with its reason and the run goes on', async () => {
    const ds = await seedBackfillDataset(db.db);
    const bad = await startOpenAiPeer();
    try {
      let n = 0;
      const good = goodModel();
      // First three calls go wrong in three ways; the rest answer well.
      bad.setResponder((body) => {
        n++;
        if (n === 1) return { kind: 'invalid_json' };
        if (n === 2) return { kind: 'rate_limit', retryAfter: '0' };
        if (n === 3) return { kind: 'slow', delayMs: 5_000 };
        return good(body);
      });
      const cfg = configWith({
        OPENAI_BASE_URL: bad.baseUrl,
        OPENAI_API_KEY: bad.apiKey,
        // Each call has its own timeout: the slow answer may be any of the three.
        OPENAI_CLASSIFY_TIMEOUT_MS: '300',
        OPENAI_DRAFT_TIMEOUT_MS: '300',
        OPENAI_EVALUATE_TIMEOUT_MS: '300',
      });
      const report = await runBackfill(
        deps({ config: cfg, ai: makeOpenAiProvider(cfg.ai.openai) }),
        request(ds, { mode: 'apply', concurrency: 1 }),
      );
      expect(report.status).toBe('completed');
      const failed = await db.pool.query<{ reason: string }>(
        `select detail->>'reason' as reason from backfill_items where run_id = $1 and state = 'failed' order by 1`,
        [report.runId],
      );
      expect(failed.rows.map((r) => r.reason)).toEqual([
        'ai_bad_output',
        'ai_rate_limited',
        'ai_timeout',
      ]);
      expect(report.summary[0]!.failed).toBe(3);
      // The fourth target went on to the end.
      expect(report.summary[0]!.targets - report.summary[0]!.failed).toBe(1);
      const lines = await jsonl(report.jsonlPath);
      expect(
        lines
          .filter((l) => l.event === 'failed')
          .map((l) => l.code)
          .sort(),
      ).toEqual(['ai_bad_output', 'ai_rate_limited', 'ai_timeout']);
    } finally {
      await bad.stop();
    }
  });

  it('replies skipped earlier as unknown_campaign are targets once their campaign is configured', async () => {
    const ds = await seedBackfillDataset(db.db);
    await db.db
      .update(campaigns)
      .set({ responseMode: 'AI_AUTO_SEND', configuredAt: new Date() })
      .where(eq(campaigns.id, ds.discoveredCampaignId));
    const report = await runBackfill(
      deps(),
      request(ds, { campaignIds: [ds.discoveredCampaignId] }),
    );
    expect(report.summary).toHaveLength(1);
    expect(report.summary[0]).toMatchObject({ campaign: 'Discovered', targets: 1 });
    await expect(
      runBackfill(deps(), request(ds, { campaignIds: [ds.manualCampaignId] })),
    ).rejects.toThrow(/"Manual list" is MANUAL/);
  });

  it('--all-workspaces covers the AI_AUTO_SEND campaigns of every workspace', async () => {
    const one = await seedBackfillDataset(db.db);
    const two = await seedBackfillDataset(db.db);
    const report = await runBackfill(deps(), request(one, { workspaceId: null }));
    const ids = report.summary.map((s) => s.campaignId);
    expect(ids).toEqual(expect.arrayContaining([one.campaignId, two.campaignId]));
    expect(ids).not.toContain(one.manualCampaignId);
  });

  it('writes the log under BACKFILL_LOG_DIR by default, named by its UTC start', async () => {
    const ds = await seedBackfillDataset(db.db);
    const { logDir: _drop, ...rest } = request(ds);
    const report = await runBackfill(deps(), rest as BackfillRequest);
    expect(path.dirname(report.logPath)).toBe(path.join(dataDir, 'run-logs'));
    expect(path.basename(report.logPath)).toMatch(/^backfill-ai-auto-send-\d{8}T\d{6}Z\.log$/);
    expect(await readdir(path.join(dataDir, 'run-logs'))).toContain(
      path.basename(report.jsonlPath),
    );
  });

  it('two runs started in the same second get two log files', async () => {
    const ds = await seedBackfillDataset(db.db);
    const logDir = path.join(dataDir, 'same-second');
    const at = () => new Date('2026-03-02T09:00:00.250Z');
    const first = await runBackfill(deps({ now: at }), request(ds, { logDir }));
    const second = await runBackfill(deps({ now: at }), request(ds, { logDir }));
    expect(path.basename(first.logPath)).toBe('backfill-ai-auto-send-20260302T090000Z.log');
    expect(path.basename(second.logPath)).toBe('backfill-ai-auto-send-20260302T090000Z-2.log');
    expect((await readdir(logDir)).sort()).toEqual([
      'backfill-ai-auto-send-20260302T090000Z-2.jsonl',
      'backfill-ai-auto-send-20260302T090000Z-2.log',
      'backfill-ai-auto-send-20260302T090000Z.jsonl',
      'backfill-ai-auto-send-20260302T090000Z.log',
    ]);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { campaignReviewers, decisionEvents, drafts, sendLedger } from '../../src/db/schema.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { makeReplySendHandler } from '../../src/sending/send-reply.ts';
import { sendingReadinessProbe } from '../../src/sending/sending-health.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import { type SmtpSink, startSmtpSink } from '../peers/smtp-sink.ts';
import { seedCampaign, seedReply } from './sending-seed.ts';
import { captureLogger, FULL_SCOPES, TOKEN } from './slack-fixtures.ts';

/*
 * A wrong SMTP password (535) is the operator's to fix: sends are held, not
 * failed; /readyz, the log and Slack say so once; with the right password
 * the held send goes out, exactly once.
 */

let tdb: TestDatabase;
let queue: JobQueue;
let sink: SmtpSink;
let slack: SlackPeer;
let ids: { workspaceId: string; campaignId: string };
const auth = { user: 'sam@acme.io', password: 'the-right-password' };
const captured = captureLogger();

beforeAll(async () => {
  tdb = await createTestDatabase();
  queue = await startJobQueue(tdb.url, captured.logger, { schedule: false, supervise: false });
  sink = await startSmtpSink({ auth });
  slack = await startSlackPeer({
    token: TOKEN,
    scopes: FULL_SCOPES,
    channels: [{ id: 'C0OPS', name: 'ops', botIsMember: true }],
  });
  ids = await seedCampaign(tdb.db);
  await tdb.db
    .insert(campaignReviewers)
    .values({ campaignId: ids.campaignId, kind: 'slack_channel', target: '#ops' });
});
afterAll(async () => {
  await sink?.close();
  await slack?.close();
  await queue?.stop({ graceful: false });
  await tdb?.drop();
});

function handlerWithPassword(password: string) {
  const config = parseConfig({
    SENDER: 'smtp',
    SMTP_URL: `smtp://${encodeURIComponent(auth.user)}:${password}@127.0.0.1:${sink.port}`,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slack.url,
  });
  return makeReplySendHandler({ db: tdb.db, config, logger: captured.logger, queue });
}

async function draftState(draftId: string) {
  const [draft] = await tdb.db.select().from(drafts).where(eq(drafts.id, draftId));
  const ledger = await tdb.db.select().from(sendLedger).where(eq(sendLedger.draftId, draftId));
  const held = await tdb.db
    .select()
    .from(decisionEvents)
    .where(and(eq(decisionEvents.draftId, draftId), eq(decisionEvents.outcome, 'held')));
  return { status: draft!.status, ledger, held };
}

describe('SMTP 535 then fixed credentials', () => {
  it('holds every send, alerts once, and sends each exactly once after the fix', async () => {
    const first = await seedReply(tdb.db, ids);
    const second = await seedReply(tdb.db, ids);
    const wrong = handlerWithPassword('wrong-password');
    const lastAttempt = { retryCount: 3, retryLimit: 3 };

    expect(await wrong({ draftId: first.draftId }, lastAttempt)).toMatchObject({
      outcome: 'held',
      hold: 'credentials',
    });
    expect(await wrong({ draftId: second.draftId })).toMatchObject({ outcome: 'held' });
    // The retry of the first is held again, with a longer wait.
    expect(await wrong({ draftId: first.draftId })).toMatchObject({ outcome: 'held' });
    expect(sink.logins.filter((l) => !l.ok).length).toBeGreaterThanOrEqual(3);
    expect(sink.received).toHaveLength(0);

    const held = await draftState(first.draftId);
    expect(held.status).toBe('generated');
    expect(held.ledger).toEqual([]);
    expect(held.held.map((e) => (e.detail as { attempt: number }).attempt)).toEqual([1, 2]);
    const waits = held.held.map(
      (e) => new Date((e.detail as { retryAt: string }).retryAt).getTime() - e.at.getTime(),
    );
    expect(waits[1]!).toBeGreaterThan(waits[0]!);

    // Seen on /readyz (informational), in the log, and once in Slack.
    const [name, check] = await sendingReadinessProbe(tdb.db)();
    expect(name).toBe('sending');
    expect(check).toMatchObject({
      ok: false,
      informational: true,
      detail: { held: true, cause: 'credentials' },
    });
    expect(captured.lines.some((l) => String(l.msg).includes('refused our credentials'))).toBe(
      true,
    );
    expect(JSON.stringify(captured.lines)).not.toContain('wrong-password');
    const alerts = slack.posted.filter((m) => m.text.includes('refused our credentials'));
    expect(alerts).toHaveLength(1);

    // The operator fixes SMTP_URL; the queued attempts go out, each exactly once.
    const fixed = handlerWithPassword(auth.password);
    expect(await fixed({ draftId: first.draftId })).toMatchObject({ outcome: 'sent' });
    expect(await fixed({ draftId: second.draftId })).toMatchObject({ outcome: 'sent' });
    expect(await fixed({ draftId: first.draftId })).toEqual({ outcome: 'noop', status: 'sent' });
    expect(sink.received).toHaveLength(2);
    expect((await draftState(first.draftId)).ledger).toMatchObject([{ status: 'sent' }]);
    const [, after] = await sendingReadinessProbe(tdb.db)();
    expect(after).toMatchObject({ ok: true, detail: { held: false } });
  });
});

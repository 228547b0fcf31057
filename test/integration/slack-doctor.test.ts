import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDoctorReport } from '../../src/slack/format-doctor-report.ts';
import { makeSlackClient } from '../../src/slack/make-slack-client.ts';
import { runConfiguredSlackDoctor } from '../../src/slack/run-configured-doctor.ts';
import { runSlackDoctor } from '../../src/slack/slack-doctor.ts';
import {
  slackReadinessProbe,
  startSlackDoctorSchedule,
  storeSlackCheck,
} from '../../src/slack/slack-doctor-schedule.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { type SlackPeer, startSlackPeer } from '../peers/slack-peer.ts';
import {
  captureLogger,
  FULL_SCOPES,
  LIMITED_SCOPES,
  seedCampaign,
  TOKEN,
  testConfig,
} from './slack-fixtures.ts';

const users = [
  { id: 'U0REVIEW1', email: 'reviewer@acme.example' },
  { id: 'U0GONE', email: 'gone@acme.example', deleted: true },
];
const channels = [
  { id: 'C0REVIEWS', name: 'reviews' },
  { id: 'G0SECRET', name: 'secret-reviews', isPrivate: true },
];

let peer: SlackPeer;
let db: TestDatabase;
beforeAll(async () => {
  peer = await startSlackPeer({ token: TOKEN, scopes: LIMITED_SCOPES, users, channels });
  db = await createTestDatabase();
});
afterAll(async () => {
  await peer?.close();
  await db?.drop();
});

describe('slack doctor', () => {
  it('on a token without lookup and DM scopes: DMs by email impossible, names the scopes, public channel works', async () => {
    peer.setScopes(LIMITED_SCOPES);
    const report = await runSlackDoctor(makeSlackClient(TOKEN, { apiUrl: peer.url }), [
      { target: 'reviewer@acme.example' },
      { target: '#reviews' },
    ]);
    expect(report.auth.ok).toBe(true);
    expect(report.grantedScopes).toEqual(LIMITED_SCOPES);
    const byId = Object.fromEntries(report.capabilities.map((c) => [c.id, c]));
    expect(byId.dm_by_email).toMatchObject({
      works: false,
      missingScopes: ['users:read', 'users:read.email', 'im:write'],
    });
    expect(byId.dm_by_email!.note).toMatch(/^impossible/);
    expect(byId.dm_by_email!.fix).toMatch(/OAuth & Permissions.*[Rr]einstall.*SLACK_BOT_TOKEN/);
    expect(byId.post_public_channel).toMatchObject({ works: true, missingScopes: [] });
    expect(byId.post_public_channel!.note).toMatch(/^works: in any public channel/);
    expect(report.reviewers).toEqual([
      expect.objectContaining({
        target: 'reviewer@acme.example',
        reachable: false,
        code: 'missing_scope',
        missingScopes: ['users:read', 'users:read.email', 'im:write'],
      }),
      expect.objectContaining({ target: '#reviews', reachable: true, method: 'channel' }),
    ]);
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).not.toContain('conversations:write');
  });

  it('on a full token: every capability works and every reviewer is reached', async () => {
    peer.setScopes(FULL_SCOPES);
    const report = await runSlackDoctor(makeSlackClient(TOKEN, { apiUrl: peer.url }), [
      { target: 'reviewer@acme.example' },
      { target: 'U0REVIEW1' },
      { target: 'C0REVIEWS' },
    ]);
    expect(report.capabilities.every((c) => c.works)).toBe(true);
    expect(report.reviewers.map((r) => [r.target, r.reachable, r.method])).toEqual([
      ['reviewer@acme.example', true, 'dm_by_email'],
      ['U0REVIEW1', true, 'dm_by_member_id'],
      ['C0REVIEWS', true, 'channel'],
    ]);
    expect(report.ok).toBe(true);
    expect(peer.posted).toHaveLength(0); // the doctor sends nothing
  });

  it('says why each unreachable reviewer cannot be reached', async () => {
    peer.setScopes(FULL_SCOPES);
    const report = await runSlackDoctor(makeSlackClient(TOKEN, { apiUrl: peer.url }), [
      { target: 'nobody@acme.example' },
      { target: 'gone@acme.example' },
      { target: 'G0SECRET' },
    ]);
    expect(report.reviewers.map((r) => [r.target, r.reachable, r.code])).toEqual([
      ['nobody@acme.example', false, 'users_not_found'],
      ['gone@acme.example', false, 'users_not_found'],
      ['G0SECRET', false, 'channel_not_found'],
    ]);
  });

  it('reports a revoked token on every reviewer', async () => {
    const revokedPeer = await startSlackPeer({ token: TOKEN, scopes: FULL_SCOPES, users });
    try {
      revokedPeer.revoke();
      const report = await runSlackDoctor(makeSlackClient(TOKEN, { apiUrl: revokedPeer.url }), [
        { target: 'reviewer@acme.example' },
      ]);
      expect(report.auth).toMatchObject({ ok: false, failure: { code: 'token_revoked' } });
      expect(report.reviewers[0]).toMatchObject({ reachable: false, code: 'token_revoked' });
      expect(report.reviewers[0]!.problem).toMatch(/reinstall the app and update SLACK_BOT_TOKEN/);
    } finally {
      await revokedPeer.close();
    }
  });

  it('checks every configured reviewer, stores the result and shows it on readiness', async () => {
    peer.setScopes(LIMITED_SCOPES);
    await seedCampaign(db.db, ['reviewer@acme.example', '#reviews'], 'Spring outreach');
    const config = testConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: peer.url });
    const report = await runConfiguredSlackDoctor({ db: db.db, config });
    expect(report).toMatchObject({ configured: true, ok: false, reviewerCount: 2 });
    expect(report.summary).toBe('1 of 2 reviewer(s) cannot be reached in Slack');
    const text = formatDoctorReport(report);
    expect(text).toContain('✗ DM a reviewer by email: impossible');
    expect(text).toContain('missing scopes: users:read, users:read.email, im:write');
    expect(text).toContain('✓ Post to a public channel: works');
    expect(text).toContain('✗ reviewer@acme.example [Spring outreach] via dm_by_email');

    await storeSlackCheck(db.db, report);
    const [name, check] = await slackReadinessProbe(db.db)();
    expect(name).toBe('slack');
    expect(check).toMatchObject({
      ok: false,
      detail: { configured: true, summary: report.summary },
    });
  });

  it('without any token: not configured, shown on readiness without failing it', async () => {
    const report = await runConfiguredSlackDoctor({ db: db.db, config: testConfig({}) });
    expect(report).toMatchObject({ configured: false, ok: false });
    expect(report.summary).toMatch(/Slack is not configured.*2 reviewer\(s\) cannot be notified/);
    await storeSlackCheck(db.db, report);
    const [, check] = await slackReadinessProbe(db.db)();
    expect(check).toMatchObject({ ok: true, detail: { configured: false } });
  });

  it('runs on start-up from the schedule and stores the result for every process', async () => {
    peer.setScopes(FULL_SCOPES);
    const { logger, lines } = captureLogger();
    const config = testConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: peer.url });
    const schedule = startSlackDoctorSchedule({ db: db.db, config, logger });
    await schedule.stop(); // waits for the start-up run
    const [, check] = await slackReadinessProbe(db.db)();
    expect(check).toMatchObject({
      ok: true,
      detail: { configured: true, summary: 'Slack OK: 2 reviewer(s) reachable' },
    });
    expect(
      lines.some((l) => l.check === 'slack' && l.msg === 'Slack OK: 2 reviewer(s) reachable'),
    ).toBe(true);
  });
});

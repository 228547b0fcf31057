import type { FastifyInstance } from 'fastify';
import { createToken, revokeToken } from '../../src/admin/tokens.ts';
import { createWorkspace } from '../../src/admin/workspaces.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { Db } from '../../src/db/client.ts';
import {
  backfillRuns,
  campaigns,
  decisionEvents,
  drafts,
  followupInstances,
  followupSequences,
  leads,
  messages,
  notificationDeliveries,
  reviewRequests,
} from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/** The ids of one seeded workspace, keyed by the route parameter they fill. */
export interface SeededWorkspace {
  workspaceId: string;
  campaignId: string;
  leadId: string;
  leadEmail: string;
  messageId: string;
  draftId: string;
  reviewId: string;
  runId: string;
  sequenceId: string;
  followupId: string;
}

/** A workspace with one of everything: campaign, flagged lead, reply, draft, open review, delivery, follow-up. */
export async function seedWorkspace(db: Db, name: string): Promise<SeededWorkspace> {
  const ws = await createWorkspace(db, 'test', { name });
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId: ws.id,
      platform: 'smartlead',
      externalId: `${name}-1`,
      name: `${name} outreach`,
    })
    .returning();
  const leadEmail = `anna@${name.toLowerCase()}.example`;
  const [lead] = await db
    .insert(leads)
    .values({
      workspaceId: ws.id,
      email: leadEmail,
      firstName: 'Anna',
      optedOutAt: new Date('2025-01-02T10:00:00Z'),
      optedOutReason: 'asked to be removed',
    })
    .returning();
  const [message] = await db
    .insert(messages)
    .values({
      workspaceId: ws.id,
      leadId: lead!.id,
      campaignId: campaign!.id,
      direction: 'inbound',
      source: 'smartlead',
      providerMessageId: `${name}-m1`,
      threadKey: `${name}-t1`,
      fromEmail: leadEmail,
      subject: 'Re: hello',
      text: 'Please remove me from your list',
      occurredAt: new Date('2025-01-02T09:59:00Z'),
    })
    .returning();
  await db.insert(decisionEvents).values({
    messageId: message!.id,
    step: 'gates',
    outcome: 'skipped',
    reason: 'opt_out',
    detail: { phrase: 'remove me' },
  });
  const [draft] = await db
    .insert(drafts)
    .values({
      messageId: message!.id,
      body: 'Hi Anna, does Tuesday work?',
      model: 'offline',
      confidence: 0.6,
    })
    .returning();
  const [review] = await db
    .insert(reviewRequests)
    .values({ workspaceId: ws.id, draftId: draft!.id, reason: 'below_threshold' })
    .returning();
  await db.insert(notificationDeliveries).values({
    reviewRequestId: review!.id,
    target: 'owner@example.com',
    method: 'dm_by_email',
    ok: false,
    errorCode: 'missing_scope',
  });
  const [sequence] = await db
    .insert(followupSequences)
    .values({ workspaceId: ws.id, campaignId: campaign!.id, name: 'nudge' })
    .returning();
  const [followup] = await db
    .insert(followupInstances)
    .values({
      sequenceId: sequence!.id,
      leadId: lead!.id,
      status: 'paused',
      pauseReason: 'lead_replied',
    })
    .returning();
  const [run] = await db
    .insert(backfillRuns)
    .values({ workspaceId: ws.id, mode: 'apply', status: 'paused', phase: 'send' })
    .returning();
  return {
    runId: run!.id,
    workspaceId: ws.id,
    campaignId: campaign!.id,
    leadId: lead!.id,
    leadEmail,
    messageId: message!.id,
    draftId: draft!.id,
    reviewId: review!.id,
    sequenceId: sequence!.id,
    followupId: followup!.id,
  };
}

export interface ApiHarness {
  db: TestDatabase;
  app: FastifyInstance;
  a: SeededWorkspace;
  b: SeededWorkspace;
  tokens: { agency: string; adminA: string; reviewerA: string; revoked: string };
  /** app.inject with a bearer token. */
  call(
    token: string | undefined,
    method: string,
    url: string,
    body?: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON responses loosely
  ): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** A test database with workspaces A and B, tokens, and the app started in-process with a job queue. */
export async function startApiHarness(): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const logger = createLogger('silent');
  const queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  const config = parseConfig({ DATABASE_URL: db.url, PUBLIC_URL: 'https://autosend.example' });
  const app = await buildApp({ config, database: db, queue, logger } as Parameters<
    typeof buildApp
  >[0]);
  const a = await seedWorkspace(db.db, 'Alpha');
  const b = await seedWorkspace(db.db, 'Beta');
  const agency = (await createToken(db.db, 'test', { name: 'agency', role: 'admin' })).token;
  const adminA = (
    await createToken(db.db, 'test', {
      name: 'a-admin',
      role: 'admin',
      workspaceIds: [a.workspaceId],
    })
  ).token;
  const reviewerA = (
    await createToken(db.db, 'test', {
      name: 'a-reviewer',
      role: 'reviewer',
      workspaceIds: [a.workspaceId],
    })
  ).token;
  const revokedToken = await createToken(db.db, 'test', { name: 'old', role: 'admin' });
  await revokeToken(db.db, 'test', revokedToken.id);
  return {
    db,
    app,
    a,
    b,
    tokens: { agency, adminA, reviewerA, revoked: revokedToken.token },
    async call(token, method, url, body) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
    },
    async close() {
      await app.close();
      await queue.stop({ graceful: false });
      await db.drop();
    },
  };
}

/** Values for every path parameter of the route table, from one seeded workspace. */
export const routeParamsOf = (w: SeededWorkspace): Record<string, string> => ({
  ...w,
  flag: 'opted_out',
  kind: 'outbox',
});

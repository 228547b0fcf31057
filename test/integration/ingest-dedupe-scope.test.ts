import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
let workspaceId = '';
const KEY = 'wh_dedupe_8Hs2';
const SECRET = 'dedupe-secret-4';

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('silent');
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  app = await buildApp({ config: testConfig(), database: db, queue, logger });
  const [ws] = await db.db
    .insert(workspaces)
    .values({ name: 'Dedupe', webhookKey: KEY, webhookSecret: SECRET })
    .returning({ id: workspaces.id });
  workspaceId = ws!.id;
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

function post(source: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (source === 'generic') headers['x-autosend-signature'] = signGenericBody(SECRET, body);
  else headers.authorization = `Bearer ${SECRET}`;
  return app.inject({ method: 'POST', url: `/webhooks/${source}/${KEY}`, headers, payload: body });
}

const generic = (id: string, email: string) => ({
  id,
  lead: { email },
  text: 'Happy to talk next week.',
});

const emailbison = (id: number, email: string, instance: string) => ({
  event: { type: 'LEAD_REPLIED', instance_url: instance, workspace_id: 3 },
  data: {
    reply: { id, from_email_address: email, text_body: 'Tell me more.' },
    lead: { email },
    campaign: { id: 12, name: 'EB campaign' },
  },
});

const instantly = (emailId: string, email: string) => ({
  event_type: 'reply_received',
  email_id: emailId,
  lead_email: email,
  reply_text: 'Interested, what does it cost?',
  campaign_id: 'c-inst-1',
});

async function leadOf(messageId: string) {
  const [row] = await db.db
    .select({ fromEmail: messages.fromEmail, source: messages.source })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId)));
  return row;
}

describe('the same provider id from different sources', () => {
  it('stores a generic, an EmailBison and an Instantly reply with id 77123 as three replies', async () => {
    const a = await post('generic', generic('77123', 'ana@alpha.io'));
    const b = await post('emailbison', emailbison(77123, 'ben@beta.io', 'https://eb.agency.io'));
    const c = await post('instantly', instantly('77123', 'cleo@gamma.io'));
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([202, 202, 202]);
    const ids = [a.json().messageId, b.json().messageId, c.json().messageId];
    expect(new Set(ids).size).toBe(3);
    expect(await leadOf(ids[0])).toEqual({ fromEmail: 'ana@alpha.io', source: 'generic' });
    expect(await leadOf(ids[1])).toEqual({ fromEmail: 'ben@beta.io', source: 'emailbison' });
    expect(await leadOf(ids[2])).toEqual({ fromEmail: 'cleo@gamma.io', source: 'instantly' });
  });

  it('still answers a retry of each as a duplicate of its own reply', async () => {
    const again = await post('instantly', instantly('77123', 'cleo@gamma.io'));
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    expect(await leadOf(again.json().messageId)).toEqual({
      fromEmail: 'cleo@gamma.io',
      source: 'instantly',
    });
  });

  it('keeps two EmailBison instances apart, and one instance however its URL is written', async () => {
    const other = await post('emailbison', emailbison(77123, 'dan@delta.io', 'https://eb2.io'));
    expect(other.statusCode).toBe(202);
    expect(await leadOf(other.json().messageId)).toMatchObject({ fromEmail: 'dan@delta.io' });
    const sameInstance = await post(
      'emailbison',
      emailbison(77123, 'ben@beta.io', 'https://EB.agency.io/'),
    );
    expect(sameInstance.statusCode).toBe(200);
    expect(sameInstance.json().duplicate).toBe(true);
  });
});

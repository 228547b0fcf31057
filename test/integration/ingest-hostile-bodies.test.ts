import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionEvents, leads, messages, workspaces } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * Correctly signed bodies that PostgreSQL cannot store as sent (NUL, lone
 * surrogates) must be stored cleaned, with the change in the trail; bodies
 * nested 10,000 deep must be refused with a 400 naming the field. On every
 * webhook source.
 */

let db: TestDatabase;
let queue: JobQueue;
let app: FastifyInstance;
const KEY = 'wh_hostile_5Tq1';
const SECRET = 'hostile-secret-7';
const NUL = '\u0000';
const LONE = '\uD800';

beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('silent');
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  app = await buildApp({ config: testConfig(), database: db, queue, logger });
  await db.db
    .insert(workspaces)
    .values({ name: 'Hostile', webhookKey: KEY, webhookSecret: SECRET });
});

afterAll(async () => {
  await app?.close();
  await queue?.stop({ graceful: false });
  await db?.drop();
});

function post(source: string, payload: unknown, raw?: string) {
  const body = raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (source === 'generic') headers['x-autosend-signature'] = signGenericBody(SECRET, body);
  else headers.authorization = `Bearer ${SECRET}`;
  return app.inject({ method: 'POST', url: `/webhooks/${source}/${KEY}`, headers, payload: body });
}

/** JSON text nested `depth` objects deep (JSON.stringify itself would overflow on it). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}

interface Dirty {
  id: string;
  text: string;
  subject: string;
  name: string;
}

/** Per source: a reply whose id, text, subject and name carry the given strings, and where deep JSON goes. */
const sources: Record<
  string,
  { build(d: Dirty, n: number): Record<string, unknown>; deepField: string }
> = {
  generic: {
    build: (d, n) => ({
      id: d.id,
      lead: { email: `g${n}@hostile.io`, firstName: d.name },
      subject: d.subject,
      text: d.text,
      flags: { [`x${NUL}flag`]: true },
    }),
    deepField: 'flags',
  },
  smartlead: {
    build: (d, n) => ({
      event_type: 'EMAIL_REPLY',
      stats_id: d.id,
      sl_lead_email: `s${n}@hostile.io`,
      to_email: `s${n}@hostile.io`,
      to_name: d.name,
      from_email: 'alex@agency-mail.io',
      subject: d.subject,
      campaign_id: 9181,
      reply_message: { message_id: `<sl-${n}@x.io>`, text: d.text, time: '2026-11-19T09:35:00Z' },
    }),
    deepField: 'reply_message',
  },
  instantly: {
    build: (d, n) => ({
      event_type: 'reply_received',
      email_id: d.id,
      lead_email: `i${n}@hostile.io`,
      firstName: d.name,
      reply_subject: d.subject,
      reply_text: d.text,
      campaign_id: 'c-1',
    }),
    deepField: 'step',
  },
  emailbison: {
    build: (d, n) => ({
      event: { type: 'LEAD_REPLIED', instance_url: 'https://eb.io' },
      data: {
        reply: {
          id: d.id,
          from_email_address: `e${n}@hostile.io`,
          from_name: d.name,
          email_subject: d.subject,
          text_body: d.text,
        },
        lead: { email: `e${n}@hostile.io`, first_name: d.name },
      },
    }),
    deepField: 'data',
  },
};

async function trail(messageId: string) {
  const [event] = await db.db
    .select({ detail: decisionEvents.detail })
    .from(decisionEvents)
    .where(eq(decisionEvents.messageId, messageId));
  return event?.detail as { cleaned?: { fields: string[]; count: number } } | undefined;
}

describe.each(Object.keys(sources))('POST /webhooks/%s with hostile bodies', (source) => {
  const { build, deepField } = sources[source]!;

  it('stores a reply with NUL in its id, text, subject and name, and records what changed', async () => {
    const res = await post(
      source,
      build(
        {
          id: `nul${NUL}-1`,
          text: `Yes${NUL}, call me`,
          subject: `Re${NUL}: hi`,
          name: `Ma${NUL}ria`,
        },
        1,
      ),
    );
    expect(res.statusCode).toBe(202);
    const { messageId, cleaned } = res.json();
    expect(cleaned.length).toBeGreaterThan(0);
    const [row] = await db.db.select().from(messages).where(eq(messages.id, messageId));
    expect(row!.text).toContain('Yes, call me');
    expect(row!.subject).toBe('Re: hi');
    expect(row!.providerMessageId).toContain('nul-1');
    const [lead] = await db.db.select().from(leads).where(eq(leads.id, row!.leadId));
    expect(lead!.firstName).toBe('Maria');
    expect((await trail(messageId))?.cleaned?.fields).toEqual(
      expect.arrayContaining(['providerMessageId', 'subject', 'lead.firstName']),
    );
    if (source === 'generic') expect(row!.platformFlags).toEqual({ xflag: true });

    // The platform's retry of the same body is a duplicate of the stored reply, not a 500.
    const again = await post(
      source,
      build(
        { id: `nul${NUL}-1`, text: `Yes${NUL}, call me`, subject: `Re${NUL}: hi`, name: 'x' },
        1,
      ),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ messageId, duplicate: true });
  });

  it('stores a reply with lone surrogates, replaced by U+FFFD', async () => {
    const res = await post(
      source,
      build(
        { id: `lone${LONE}-2`, text: `Hi ${LONE} there 😀`, subject: `S${LONE}`, name: 'Ana' },
        2,
      ),
    );
    expect(res.statusCode).toBe(202);
    const [row] = await db.db.select().from(messages).where(eq(messages.id, res.json().messageId));
    expect(row!.text).toContain('Hi \uFFFD there 😀');
    expect(row!.subject).toBe('S\uFFFD');
    expect(res.json().cleaned).toEqual(expect.arrayContaining(['subject', 'text']));
  });

  it('refuses JSON nested 10,000 deep with a 400 naming the field, and stores nothing', async () => {
    const payload = build({ id: 'deep-3', text: 'hello', subject: 's', name: 'Ana' }, 3);
    payload[deepField] = '__DEEP__';
    const raw = JSON.stringify(payload).replace('"__DEEP__"', nestedJson(10_000));
    const before = (await db.db.select({ id: messages.id }).from(messages)).length;
    const res = await post(source, undefined, raw);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields)[0]).toMatch(new RegExp(`^${deepField}\\.`));
    expect((await db.db.select({ id: messages.id }).from(messages)).length).toBe(before);
  });
});

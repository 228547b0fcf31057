import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

/*
 * EXPLAIN of each hot query against a seeded database (tens of thousands of
 * rows in the big tables, ANALYZEd), failing on a sequential scan of a large
 * table: the plan the planner picks at this size is the one it keeps at a
 * million rows, where a sequential scan is what makes a path slow. The SQL
 * mirrors the code named beside each query; change both together.
 */

const LARGE = new Set([
  'messages',
  'drafts',
  'decision_events',
  'send_ledger',
  'leads',
  'followup_instances',
  'slot_offers',
  'review_requests',
]);

let db: TestDatabase;
const ids: Record<string, string> = {};

/** Seeds with generate_series: 10 workspaces, 20 campaigns, 20k leads, 40k messages, 20k drafts, 80k events. */
const SEED = `
insert into workspaces (name, webhook_key, webhook_secret)
  select 'ws ' || g, 'plan-key-' || g, 'x' from generate_series(1, 10) g;
insert into campaigns (workspace_id, platform, external_id, name)
  select w.id, 'generic', 'c' || g, 'Campaign ' || g from workspaces w, generate_series(1, 2) g;
insert into leads (workspace_id, email)
  select w.id, 'lead' || g || '@' || w.webhook_key || '.example' from workspaces w, generate_series(1, 2000) g;
insert into messages (workspace_id, lead_id, campaign_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
  select l.workspace_id, l.id,
         (select c.id from campaigns c where c.workspace_id = l.workspace_id order by c.external_id limit 1 offset (g % 2)),
         'inbound', 'generic', 'pm-' || l.id || '-' || g, 't-' || l.id, l.email,
         now() - (g || ' days')::interval - (random() * interval '1 day')
  from leads l, generate_series(1, 2) g;
insert into drafts (message_id, body, model, status, send_after, created_at)
  select m.id, 'body', 'm', (array['sent','rejected','superseded','generated']::draft_status[])[1 + (row_number() over () % 4)],
         m.occurred_at + interval '5 minutes', m.occurred_at
  from messages m where m.provider_message_id like '%-1';
update drafts set sent_message_id = (select m.id from messages m where m.id <> drafts.message_id limit 1) where status = 'sent' and random() < 0.01;
insert into decision_events (message_id, draft_id, step, outcome)
  select d.message_id, d.id, s, 'ok' from drafts d, unnest(array['gates','classify','draft','decide']) s;
insert into send_ledger (idempotency_key, draft_id, sender, status, started_at)
  select 'k-' || d.id, d.id, 'outbox', 'sent', d.send_after from drafts d where d.status = 'sent';
insert into review_requests (workspace_id, draft_id, reason, status, created_at, decided_at)
  select m.workspace_id, d.id, 'low', 'rejected', d.created_at, d.created_at from drafts d join messages m on m.id = d.message_id where d.status = 'rejected';
insert into review_requests (workspace_id, draft_id, reason, status, created_at)
  select m.workspace_id, d.id, 'low', 'open', d.created_at from drafts d join messages m on m.id = d.message_id where d.status = 'generated';
insert into followup_sequences (workspace_id, name) select w.id, 'seq' from workspaces w;
insert into followup_instances (sequence_id, lead_id)
  select s.id, l.id from followup_sequences s join leads l on l.workspace_id = s.workspace_id;
insert into slot_offers (workspace_id, lead_id, draft_id, slot_start, slot_end, expires_at, status)
  select m.workspace_id, m.lead_id, d.id, d.created_at + interval '1 day', d.created_at + interval '1 day 30 minutes', d.created_at + interval '1 day', 'expired'
  from drafts d join messages m on m.id = d.message_id;
analyze;
`;

/** Every relation a plan reads with a sequential scan. */
function seqScans(node: Record<string, unknown>, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan') found.push(String(node['Relation Name']));
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
    seqScans(child, found);
  }
  return found;
}

async function largeSeqScans(text: string, values: unknown[]): Promise<string[]> {
  const result = await db.pool.query(`explain (format json) ${text}`, values);
  const plan = (result.rows[0]['QUERY PLAN'] as [{ Plan: Record<string, unknown> }])[0].Plan;
  return seqScans(plan).filter((relation) => LARGE.has(relation));
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(SEED);
  const pick = async (name: string, sql: string) => {
    ids[name] = (await db.pool.query(sql)).rows[0].id;
  };
  await pick('workspace', `select id from workspaces order by name limit 1`);
  await pick('campaign', `select id from campaigns order by name limit 1`);
  await pick('lead', `select id from leads order by email limit 1`);
  await pick('message', `select id from messages order by provider_message_id limit 1`);
  await pick('draft', `select id from drafts order by id limit 1`);
}, 120_000);

afterAll(() => db?.drop());

const now = () => new Date();
const dayStart = () => {
  const n = now();
  return new Date(Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate()));
};

const HOT: Array<{ what: string; sql: string; values: () => unknown[] }> = [
  {
    what: 'daily cap: automatic sends today, under the message lock (pipeline/persist-decision.ts lockAndReadFacts)',
    sql: `select count(*)::int from drafts inner join messages on messages.id = drafts.message_id
          where messages.campaign_id = $1 and drafts.status in ('generated','sending','sent','send_unknown')
            and drafts.send_after >= $2`,
    values: () => [ids.campaign, dayStart()],
  },
  {
    what: 'daily cap under the campaign lock (sending/send-ledger.ts automaticSendsSince)',
    sql: `select count(*) from send_ledger
          inner join drafts on drafts.id = send_ledger.draft_id
          inner join messages on messages.id = drafts.message_id
          left join review_requests on review_requests.draft_id = drafts.id and review_requests.status = 'approved'
          where messages.campaign_id = $1 and send_ledger.started_at >= $2
            and send_ledger.status in ('sending','sent','unknown') and review_requests.id is null`,
    values: () => [ids.campaign, dayStart()],
  },
  {
    what: 'the reply context: the conversation and its flags, one statement (pipeline/load-reply-context.ts)',
    sql: `select m.id, t.id,
            exists (select 1 from decision_events e where e.message_id = m.id and (e.step = 'decide' or e.outcome = 'skipped')),
            (select e.detail from decision_events e where e.message_id = m.id and e.outcome = 'failed' and e.detail ? 'resume' order by e.id desc limit 1),
            exists (select 1 from followup_instances f where f.lead_id = m.lead_id and f.status in ('active', 'paused')),
            exists (select 1 from messages lm join drafts ld on ld.message_id = lm.id where lm.lead_id = m.lead_id and ld.status = 'sent')
          from messages m
          join leads l on l.id = m.lead_id
          join workspaces w on w.id = m.workspace_id
          left join campaigns c on c.id = m.campaign_id
          join messages t on t.workspace_id = m.workspace_id and t.thread_key = m.thread_key
          where m.id = $1 order by t.occurred_at, t.created_at`,
    values: () => [ids.message],
  },
  {
    what: 'reply.send: the thread check beside the draft (sending/check-thread.ts threadChangeSql)',
    sql: `select
            (select json_build_object('id', n.id, 'direction', n.direction) from messages n
              where n.workspace_id = m.workspace_id and n.thread_key = m.thread_key
                and n.id <> m.id and n.occurred_at > m.occurred_at order by n.occurred_at limit 1),
            (select od.id from drafts od join messages om on om.id = od.message_id
              where om.workspace_id = m.workspace_id and om.thread_key = m.thread_key
                and od.id <> d.id and od.status = 'sending' limit 1)
          from drafts d join messages m on m.id = d.message_id where d.id = $1`,
    values: () => [ids.draft],
  },
  {
    what: "a lead's follow-up instances (pause on reply, lead show)",
    sql: 'select * from followup_instances where lead_id = $1',
    values: () => [ids.lead],
  },
  {
    what: "a draft's decision events (foreign key, explain)",
    sql: 'select * from decision_events where draft_id = $1',
    values: () => [ids.draft],
  },
  {
    what: 'explain: the trail of one reply (explain/explain-reply.ts)',
    sql: 'select * from decision_events where message_id = $1 order by id',
    values: () => [ids.message],
  },
  {
    what: 'the draft that sent a message (foreign key drafts.sent_message_id)',
    sql: 'select id from drafts where sent_message_id = $1',
    values: () => [ids.message],
  },
  {
    what: "a draft's slot offers (foreign key slot_offers.draft_id)",
    sql: 'select * from slot_offers where draft_id = $1',
    values: () => [ids.draft],
  },
  {
    what: 'the live draft of a message (drafts_one_live_per_message)',
    sql: `select id from drafts where message_id = $1 and status in ('generated','approved','sending','send_unknown')`,
    values: () => [ids.message],
  },
  {
    what: "a campaign's messages, newest first (admin/list-activity.ts listMessages)",
    sql: `select id from messages where workspace_id = $1 and campaign_id = $2
          order by occurred_at desc, id desc limit 50`,
    values: () => [ids.workspace, ids.campaign],
  },
  {
    what: 'webhook dedupe on the provider message id (ingest)',
    sql: 'select id from messages where workspace_id = $1 and provider_message_id = $2',
    values: () => [ids.workspace, 'pm-x'],
  },
  {
    what: 'lead by email (ingest, lead show)',
    sql: 'select id from leads where workspace_id = $1 and lower(email) = lower($2)',
    values: () => [ids.workspace, 'lead1@plan-key-1.example'],
  },
  {
    what: 'open review queue, newest first (admin/list-activity.ts listReviews)',
    sql: `select id from review_requests where workspace_id = $1 and status = 'open'
          order by created_at desc, id desc limit 50`,
    values: () => [ids.workspace],
  },
  {
    what: "explain by lead email: a lead's inbound replies (explain/explain-reply.ts explainReply)",
    sql: `select messages.id from messages inner join leads on leads.id = messages.lead_id
          where lower(leads.email) = lower($1) and messages.direction = 'inbound' and messages.workspace_id = $2
          order by messages.occurred_at`,
    values: () => ['lead1@plan-key-1.example', ids.workspace],
  },
  {
    what: 'explain by lead email across workspaces (the agency-wide CLI)',
    sql: `select messages.id from messages inner join leads on leads.id = messages.lead_id
          where lower(leads.email) = lower($1) and messages.direction = 'inbound'
          order by messages.occurred_at`,
    values: () => ['lead1@plan-key-1.example'],
  },
  {
    what: 'explain by message id, provider id or Message-ID (explain/explain-reply.ts explainReply)',
    sql: `select id from messages
          where (id = $1 or provider_message_id = $2 or rfc_message_id = $2) and workspace_id = $3`,
    values: () => [ids.message, 'pm-x', ids.workspace],
  },
  {
    what: "lead show: the evidence of a lead's flags (admin/leads.ts evidenceFor)",
    sql: `select * from decision_events inner join messages on messages.id = decision_events.message_id
          where messages.lead_id = $1 and decision_events.reason in ('opt_out', 'bounce', 'already_booked')
          order by decision_events.id desc limit 50`,
    values: () => [ids.lead],
  },
  {
    what: 'activity counts: replies per day (admin/summarise-activity.ts)',
    sql: `select to_char(m.occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int
          from messages m where m.workspace_id = $1 and m.direction = 'inbound' and m.occurred_at >= $2
          group by 1`,
    values: () => [ids.workspace, new Date(Date.now() - 30 * 86_400_000)],
  },
  {
    what: 'review list, every status, newest first (admin/list-activity.ts listReviews)',
    sql: `select id from review_requests where workspace_id = $1
          order by created_at desc, id desc limit 50`,
    values: () => [ids.workspace],
  },
  {
    what: 'send ledger of a draft (sending/send-reply.ts)',
    sql: 'select * from send_ledger where draft_id = $1',
    values: () => [ids.draft],
  },
];

/** Every node type of a plan. */
function nodeTypes(node: Record<string, unknown>, found: string[] = []): string[] {
  found.push(String(node['Node Type']));
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
    nodeTypes(child, found);
  }
  return found;
}

/*
 * Keyset pages (admin/keyset-page.ts) a few hundred rows deep: the cursor is
 * a real row's key, and the plan must walk the list's index from there.
 */
const DEEP_PAGES: Array<{ what: string; cursorAt: string; sql: string }> = [
  {
    what: 'open review queue (listReviews, review_requests_status_created_idx)',
    cursorAt: `select created_at::text as at, id from review_requests where workspace_id = $1 and status = 'open'
               order by created_at desc, id desc offset 500 limit 1`,
    sql: `select id from review_requests where workspace_id = $1 and status = 'open'
          and (created_at, id) < ($2::timestamptz, $3::uuid) order by created_at desc, id desc limit 51`,
  },
  {
    what: 'every review (listReviews, review_requests_workspace_created_idx)',
    cursorAt: `select created_at::text as at, id from review_requests where workspace_id = $1
               order by created_at desc, id desc offset 500 limit 1`,
    sql: `select id from review_requests where workspace_id = $1
          and (created_at, id) < ($2::timestamptz, $3::uuid) order by created_at desc, id desc limit 51`,
  },
  {
    what: 'messages (listMessages, messages_workspace_occurred_idx)',
    cursorAt: `select occurred_at::text as at, id from messages where workspace_id = $1
               order by occurred_at desc, id desc offset 2000 limit 1`,
    sql: `select id from messages where workspace_id = $1
          and (occurred_at, id) < ($2::timestamptz, $3::uuid) order by occurred_at desc, id desc limit 51`,
  },
  {
    what: 'leads (listLeads, leads_workspace_created_idx)',
    cursorAt: `select created_at::text as at, id from leads where workspace_id = $1
               order by created_at desc, id desc offset 1000 limit 1`,
    sql: `select id from leads where workspace_id = $1
          and (created_at, id) < ($2::timestamptz, $3::uuid) order by created_at desc, id desc limit 51`,
  },
  {
    what: 'drafts (listDrafts, drafts_created_idx)',
    cursorAt: `select d.created_at::text as at, d.id from drafts d join messages m on m.id = d.message_id
               where m.workspace_id = $1 order by d.created_at desc, d.id desc offset 500 limit 1`,
    sql: `select d.id from drafts d join messages m on m.id = d.message_id where m.workspace_id = $1
          and (d.created_at, d.id) < ($2::timestamptz, $3::uuid) order by d.created_at desc, d.id desc limit 51`,
  },
  {
    what: 'follow-ups (listFollowups, followup_instances_updated_idx)',
    cursorAt: `select f.updated_at::text as at, f.id from followup_instances f join followup_sequences s on s.id = f.sequence_id
               where s.workspace_id = $1 order by f.updated_at desc, f.id desc offset 500 limit 1`,
    sql: `select f.id from followup_instances f join followup_sequences s on s.id = f.sequence_id where s.workspace_id = $1
          and (f.updated_at, f.id) < ($2::timestamptz, $3::uuid) order by f.updated_at desc, f.id desc limit 51`,
  },
];

describe('hot query plans on a seeded database', () => {
  it('the seed is large enough for the planner to care', async () => {
    const { rows } = await db.pool.query(
      `select (select count(*) from messages)::int as messages, (select count(*) from decision_events)::int as events`,
    );
    expect(rows[0].messages).toBeGreaterThanOrEqual(40_000);
    expect(rows[0].events).toBeGreaterThanOrEqual(80_000);
  });

  it('the check itself catches a sequential scan (an unindexed predicate)', async () => {
    expect(await largeSeqScans('select id from drafts where body = $1', ['x'])).toEqual(['drafts']);
  });

  it("without 0012's index, a deep page of the open review queue sorts", async () => {
    const q = DEEP_PAGES[0]!;
    const [key] = (await db.pool.query(q.cursorAt, [ids.workspace])).rows;
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      await client.query('drop index review_requests_status_created_idx');
      await client.query('drop index review_requests_workspace_created_idx');
      const result = await client.query(`explain (format json) ${q.sql}`, [
        ids.workspace,
        key.at,
        key.id,
      ]);
      const plan = (result.rows[0]['QUERY PLAN'] as [{ Plan: Record<string, unknown> }])[0].Plan;
      expect(nodeTypes(plan).some((t) => t.includes('Sort'))).toBe(true);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  for (const q of DEEP_PAGES) {
    it(`a deep page reads an index range in list order, no sort, no scan: ${q.what}`, async () => {
      const [key] = (await db.pool.query(q.cursorAt, [ids.workspace])).rows;
      const values = [ids.workspace, key.at, key.id];
      expect(await largeSeqScans(q.sql, values)).toEqual([]);
      const result = await db.pool.query(`explain (format json) ${q.sql}`, values);
      const plan = (result.rows[0]['QUERY PLAN'] as [{ Plan: Record<string, unknown> }])[0].Plan;
      expect(nodeTypes(plan).filter((t) => t.includes('Sort'))).toEqual([]);
    });
  }

  it("without the migration's lead_id index, a lead's follow-ups are a sequential scan", async () => {
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      await client.query('drop index followup_instances_lead_idx');
      const result = await client.query(
        'explain (format json) select * from followup_instances where lead_id = $1',
        [ids.lead],
      );
      const plan = (result.rows[0]['QUERY PLAN'] as [{ Plan: Record<string, unknown> }])[0].Plan;
      expect(seqScans(plan)).toEqual(['followup_instances']);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  for (const q of HOT) {
    it(`reads no large table sequentially: ${q.what}`, async () => {
      expect(await largeSeqScans(q.sql, q.values())).toEqual([]);
    });
  }
});

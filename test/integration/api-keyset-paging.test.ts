import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

/*
 * Every paged list pages by cursor: walking it while rows are inserted
 * returns each row exactly once, rows that share a timestamp (to the
 * microsecond or within one millisecond) included; a cursor that is not one
 * of ours is refused naming the field.
 */

let h: ApiHarness;
const base = () => `/api/v1/workspaces/${h.a.workspaceId}`;
const T = '2025-03-01 12:00:00.000';

/** SQL inserting `n` rows of a list, their sort times tied or microseconds apart. */
const SEEDS: Record<string, (n: number, at: string) => string> = {
  messages: (n, at) => `
    insert into messages (workspace_id, lead_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
    select $1, $2, 'inbound', 'generic', 'page-' || gen_random_uuid(), 'page-thread', 'x@y.io',
           '${at}'::timestamptz + (g % 3) * interval '1 microsecond'
    from generate_series(1, ${n}) g`,
  drafts: (n, at) => `
    with m as (
      insert into messages (workspace_id, lead_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
      select $1, $2, 'inbound', 'generic', 'draft-' || gen_random_uuid(), 'draft-thread', 'x@y.io', now()
      from generate_series(1, ${n}) returning id)
    insert into drafts (message_id, body, model, status, created_at)
    select m.id, 'b', 'm', 'rejected', '${at}'::timestamptz + (row_number() over () % 2) * interval '1 microsecond' from m`,
  reviews: (n, at) => `
    with m as (
      insert into messages (workspace_id, lead_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
      select $1, $2, 'inbound', 'generic', 'review-' || gen_random_uuid(), 'review-thread', 'x@y.io', now()
      from generate_series(1, ${n}) returning id),
    d as (insert into drafts (message_id, body, model) select m.id, 'b', 'm' from m returning id)
    insert into review_requests (workspace_id, draft_id, reason, created_at)
    select $1, d.id, 'low', '${at}'::timestamptz + (row_number() over () % 3) * interval '1 microsecond' from d`,
  'notification-deliveries': (n, at) => `
    insert into notification_deliveries (review_request_id, target, method, ok, attempted_at)
    select (select id from review_requests where workspace_id = $1 limit 1), 'x@y.io', 'dm_by_email', true,
           '${at}'::timestamptz + (g % 2) * interval '1 microsecond'
    from generate_series(1, ${n}) g where $2::uuid is not null`,
  leads: (n, at) => `
    insert into leads (workspace_id, email, created_at)
    select $1, 'page-' || gen_random_uuid() || '@y.io', '${at}'::timestamptz + (g % 3) * interval '1 microsecond'
    from generate_series(1, ${n}) g where $2::uuid is not null`,
  followups: (n, at) => `
    with l as (
      insert into leads (workspace_id, email) select $1, 'fu-' || gen_random_uuid() || '@y.io'
      from generate_series(1, ${n}) where $2::uuid is not null returning id)
    insert into followup_instances (sequence_id, lead_id, updated_at)
    select (select s.id from followup_sequences s where s.workspace_id = $1 limit 1), l.id,
           '${at}'::timestamptz + (row_number() over () % 2) * interval '1 microsecond' from l`,
};

async function seed(list: string, n: number, at: string) {
  await h.db.pool.query(SEEDS[list]!(n, at), [h.a.workspaceId, h.a.leadId]);
}

async function ids(list: string): Promise<string[]> {
  const res = await h.call(h.tokens.reviewerA, 'GET', `${base()}/${list}?limit=200`);
  return res.json.items.map((i: { id: string }) => i.id);
}

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('cursor paging', () => {
  it.each(Object.keys(SEEDS))(
    '%s: paging while rows are inserted returns every row exactly once',
    async (list) => {
      await seed(list, 11, T);
      const before = await ids(list);
      expect(before.length).toBeGreaterThanOrEqual(11);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await h.call(h.tokens.reviewerA, 'GET', `${base()}/${list}?limit=3${query}`);
        expect(res.status).toBe(200);
        expect(res.json.items.length).toBeLessThanOrEqual(3);
        expect(res.json).not.toHaveProperty('nextOffset');
        seen.push(...res.json.items.map((i: { id: string }) => i.id));
        cursor = res.json.nextCursor;
        // Newer rows arrive while the client pages: they belong before the first page.
        await seed(list, 2, new Date().toISOString());
        pages += 1;
      } while (cursor && pages < 50);
      expect(cursor).toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(before));
      // The last page says so: no empty page after it.
      expect(seen.length).toBeGreaterThan(3 * (pages - 1));
    },
  );

  it.each(['not-base64!', Buffer.from('["yesterday","x"]').toString('base64url'), 'e30'])(
    'refuses the cursor %s with a 400 naming the field',
    async (cursor) => {
      for (const list of Object.keys(SEEDS)) {
        const res = await h.call(h.tokens.reviewerA, 'GET', `${base()}/${list}?cursor=${cursor}`);
        expect(res.status).toBe(400);
        expect(res.json.error.fields).toHaveProperty('cursor');
      }
    },
  );

  it('the old offset parameter is refused by name', async () => {
    const res = await h.call(h.tokens.reviewerA, 'GET', `${base()}/reviews?offset=50`);
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual({ offset: 'unknown field' });
  });
});

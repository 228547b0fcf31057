import os from 'node:os';
import { encodeCursor } from '../../src/admin/keyset-page.ts';
import { listReviews } from '../../src/admin/list-activity.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';

/**
 * bench/review-list: the open review queue of one workspace holding REVIEWS
 * open reviews, first page and a page DEPTH rows deep, 50 rows a page. The
 * deep page the old way (LIMIT/OFFSET, the same joins) beside the cursor
 * (listReviews itself), in the same run. Median of ROUNDS runs each.
 */

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100_000);
const DEPTH = Number(process.env.BENCH_DEPTH ?? Math.floor(REVIEWS * 0.9));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const logger = createLogger('error');

const SEED = `
insert into workspaces (name, webhook_key, webhook_secret) values ('Bench', 'bench-review-list', 'x');
insert into campaigns (workspace_id, platform, external_id, name) select id, 'generic', 'c1', 'C' from workspaces;
insert into leads (workspace_id, email) select w.id, 'lead' || g || '@bench.example' from workspaces w, generate_series(1, 10000) g;
insert into messages (workspace_id, lead_id, campaign_id, direction, source, provider_message_id, thread_key, from_email, occurred_at)
  select l.workspace_id, l.id, (select id from campaigns), 'inbound', 'generic', 'pm-' || g, 't-' || g, l.email,
         now() - g * interval '1 minute'
  from generate_series(1, $1::int) g join leads l on l.email = 'lead' || (1 + g % 10000) || '@bench.example';
insert into drafts (message_id, body, model, created_at) select id, 'body', 'm', occurred_at from messages;
insert into review_requests (workspace_id, draft_id, reason, created_at)
  select m.workspace_id, d.id, 'below_threshold', d.created_at from drafts d join messages m on m.id = d.message_id;
analyze;
`;

/** The old listReviews query shape: the same joins and order, LIMIT/OFFSET. */
const OFFSET_PAGE = `
select r.id, d.body, m.text, l.email, c.name from review_requests r
  left join drafts d on d.id = r.draft_id
  left join messages m on m.id = d.message_id
  left join followup_instances f on f.id = r.followup_instance_id
  left join followup_sequences s on s.id = f.sequence_id
  join leads l on l.id = coalesce(m.lead_id, f.lead_id)
  left join campaigns c on c.id = coalesce(m.campaign_id, s.campaign_id)
 where r.workspace_id = $1 and r.status = 'open'
 order by r.created_at desc, r.id desc limit 50 offset $2`;

async function median(op: () => Promise<unknown>): Promise<number> {
  await op();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await op();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<BenchResult> {
  return withBenchDatabase(logger, async (url) => {
    const database = openDatabase(url, { poolMax: 2, statementTimeoutMs: 600_000 });
    try {
      const seedStart = performance.now();
      await database.pool.query(SEED.replaceAll('$1::int', String(REVIEWS)));
      const seedSeconds = (performance.now() - seedStart) / 1000;
      const ws = (await database.pool.query('select id from workspaces')).rows[0].id as string;
      // The cursor of the row just before DEPTH, as a client paging there would hold it.
      const walk = await database.pool.query(
        `select id, created_at::text as at from review_requests where workspace_id = $1 and status = 'open'
          order by created_at desc, id desc offset $2 limit 1`,
        [ws, DEPTH - 1],
      );
      const cursor = encodeCursor({ at: walk.rows[0].at, id: walk.rows[0].id });
      const first = await median(() => listReviews(database.db, ws, { status: 'open' }));
      const deepCursor = await median(() =>
        listReviews(database.db, ws, { status: 'open', cursor }),
      );
      const deepOffset = await median(() => database.pool.query(OFFSET_PAGE, [ws, DEPTH]));
      const offsetFirst = await median(() => database.pool.query(OFFSET_PAGE, [ws, 0]));
      const load = os.loadavg().map((l) => l.toFixed(2));
      const table = [
        `review list: ${REVIEWS} open reviews in one workspace, 50 a page, deep page at row ${DEPTH} (seeded in ${seedSeconds.toFixed(1)} s)`,
        `  first page, cursor (listReviews)   ${first.toFixed(2)} ms`,
        `  first page, offset 0 (old SQL)     ${offsetFirst.toFixed(2)} ms`,
        `  deep page, cursor (listReviews)    ${deepCursor.toFixed(2)} ms`,
        `  deep page, OFFSET ${DEPTH} (old SQL)  ${deepOffset.toFixed(2)} ms`,
        `  median of ${ROUNDS}; load average ${load.join(' ')}`,
      ].join('\n');
      return {
        table,
        figures: {
          reviews: REVIEWS,
          depth: DEPTH,
          first,
          offsetFirst,
          deepCursor,
          deepOffset,
          loadAverage: os.loadavg(),
        },
      };
    } finally {
      await database.close();
    }
  });
}

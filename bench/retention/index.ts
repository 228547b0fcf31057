import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import { purgeExpiredContent } from '../../src/privacy/purge-expired-content.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';

/**
 * bench/retention: the retention purge (batches of 500, SKIP LOCKED, one
 * transaction each) against one unbounded UPDATE of the same rows, each with
 * live single-row writes to rows being purged running beside it. Prints purge
 * rows/s and the live writes' p50/p99: batches must keep live writes fast.
 */

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const EVENTS_PER_MESSAGE = 3;
const logger = createLogger('error');
const NOW = new Date('2026-06-01T00:00:00Z');

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Single-row writes (as inbound.process and explain-side updates do) until stopped. */
function liveWrites(pool: pg.Pool, ids: string[]) {
  const latencies: number[] = [];
  let stop = false;
  const loops = [0, 1].map(async () => {
    while (!stop) {
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const started = performance.now();
      await pool.query('update messages set platform_flags = platform_flags where id = $1', [id]);
      latencies.push(performance.now() - started);
    }
  });
  return {
    async finish() {
      stop = true;
      await Promise.all(loops);
      const sorted = [...latencies].sort((a, b) => a - b);
      return { writes: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
    },
  };
}

async function seed(pool: pg.Pool): Promise<string[]> {
  const ws = await pool.query<{ id: string }>(
    `insert into workspaces (name, webhook_key, webhook_secret) values ('bench', 'bench-retention', 's') returning id`,
  );
  const wsId = ws.rows[0]!.id;
  const lead = await pool.query<{ id: string }>(
    `insert into leads (workspace_id, email) values ($1, 'anna@example.com') returning id`,
    [wsId],
  );
  const ids = await pool.query<{ id: string }>(
    `insert into messages (workspace_id, lead_id, direction, source, provider_message_id, thread_key,
        from_email, text, html, headers, raw, occurred_at)
     select $1, $2, 'inbound', 'generic', 'p' || g, 't' || g, 'anna@example.com',
        repeat('Anna Lindqvist wrote a reply. ', 20), '<p>' || repeat('Anna ', 50) || '</p>',
        '{"from":"Anna <anna@example.com>"}', '{"lead":{"email":"anna@example.com"},"platformRefs":{"id":"x"}}',
        timestamptz '2026-01-01' + g * interval '1 second'
     from generate_series(1, $3::int) g returning id`,
    [wsId, lead.rows[0]!.id, MESSAGES],
  );
  await pool.query(
    `insert into decision_events (message_id, step, outcome, reason, detail)
     select m.id, 'decide', 'review', 'below_threshold',
            '{"confidence":0.7,"gate":85,"evidence":"Anna Lindqvist asks about pricing"}'
     from messages m, generate_series(1, $1::int)`,
    [EVENTS_PER_MESSAGE],
  );
  await pool.query('analyze');
  return ids.rows.map((r) => r.id);
}

/** Puts the purged content back, so both approaches purge the same rows. */
async function unpurge(pool: pg.Pool): Promise<void> {
  await pool.query(
    `update messages set content_purged_at = null, text = repeat('Anna Lindqvist wrote a reply. ', 20),
       raw = '{"lead":{"email":"anna@example.com"}}'`,
  );
  await pool.query(
    `update decision_events set detail = '{"confidence":0.7,"gate":85,"evidence":"Anna asks"}'`,
  );
  await pool.query('vacuum analyze messages');
  await pool.query('vacuum analyze decision_events');
}

/** The naive purge: one UPDATE per table over every expired row, in one transaction. */
async function unboundedPurge(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `update messages set text = '', html = null, headers = '{}', raw = null, content_purged_at = $1
       where content_purged_at is null and occurred_at < $2`,
      [NOW, new Date(NOW.getTime() - 30 * 86_400_000)],
    );
    await client.query(`update decision_events set detail = detail - 'evidence'`);
    await client.query('commit');
  } finally {
    client.release();
  }
}

async function measure(pool: pg.Pool, ids: string[], purge: () => Promise<unknown>) {
  const live = liveWrites(pool, ids);
  const started = performance.now();
  await purge();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rowsPerSecond: MESSAGES / seconds, live: await live.finish() };
}

export async function run(): Promise<BenchResult> {
  return withBenchDatabase(logger, async (url) => {
    const pool = new pg.Pool({ connectionString: url, max: 6 });
    const database = openDatabase(url, { poolMax: 4 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bench-retention-'));
    try {
      const ids = await seed(pool);
      const idle = liveWrites(pool, ids);
      await new Promise((r) => setTimeout(r, 2000));
      const idleLive = await idle.finish();
      const batched = await measure(pool, ids, () =>
        purgeExpiredContent(
          { db: database.db, logger, outboxDir: dir, backfillLogDir: dir },
          { days: 30, now: NOW, maxBatches: 10_000 },
        ),
      );
      await unpurge(pool);
      const unbounded = await measure(pool, ids, () => unboundedPurge(pool));
      const row = (name: string, m: typeof batched) =>
        `${name.padEnd(38)}| ${m.seconds.toFixed(2).padStart(9)} | ${m.rowsPerSecond.toFixed(0).padStart(10)} | ${String(m.live.writes).padStart(11)} | ${m.live.p50.toFixed(1).padStart(7)} | ${m.live.p99.toFixed(1).padStart(7)}`;
      const table = [
        `bench/retention — ${MESSAGES} expired messages with ${EVENTS_PER_MESSAGE} trail events each; 2 live single-row writers on those rows`,
        `load: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${os.cpus().length} cores`,
        '',
        'what                                  | purge s   | messages/s | live writes | p50 ms  | p99 ms',
        '--------------------------------------|-----------|------------|-------------|---------|--------',
        `${'no purge (live writes alone, 2 s)'.padEnd(38)}| ${'-'.padStart(9)} | ${'-'.padStart(10)} | ${String(idleLive.writes).padStart(11)} | ${idleLive.p50.toFixed(1).padStart(7)} | ${idleLive.p99.toFixed(1).padStart(7)}`,
        row('retention.purge, batches of 500', batched),
        row('one unbounded UPDATE per table', unbounded),
      ].join('\n');
      return {
        table,
        figures: {
          messages: MESSAGES,
          idleP99Ms: Number(idleLive.p99.toFixed(1)),
          batchedSeconds: Number(batched.seconds.toFixed(2)),
          batchedLiveP99Ms: Number(batched.live.p99.toFixed(1)),
          unboundedSeconds: Number(unbounded.seconds.toFixed(2)),
          unboundedLiveP99Ms: Number(unbounded.live.p99.toFixed(1)),
        },
      };
    } finally {
      await database.close();
      await pool.end();
      await rm(dir, { recursive: true, force: true });
    }
  });
}

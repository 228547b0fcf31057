import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createLogger } from '../../src/logger.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';
import {
  makeLatency,
  type PoolFigures,
  runBackfillPool,
  runFixedBatches,
  startBenchPeer,
} from './draft-pool.ts';

/**
 * bench/backfill: the draft phase's scheduling against the local
 * OpenAI-compatible peer with lognormal latency (median 100 ms, sigma 0.6),
 * in two regimes — latency-bound (2,000 targets, concurrency 16, no limit)
 * and rate-bound (600 targets, the peer admitting 3,600 requests/minute and
 * answering 429 with Retry-After beyond) — each beside fixed Promise.all
 * batches of the same size; then the peak RSS of `autosend backfill` dry-running
 * 100,000 targets, started as the CLI starts (bin/autosend.js with the node
 * flags of package.json's `autosend` script). Bound = max(N·mean_latency/concurrency, N/rpm), N = model
 * calls made (429s included); goal ratio ≤ 1.10, RSS < 300 MB.
 *
 * Database: BENCH_DATABASE_URL or TEST_DATABASE_URL, else an embedded server.
 */

const LATENCY_TARGETS = Number(process.env.BENCH_BACKFILL_TARGETS ?? 2000);
const RATE_TARGETS = Number(process.env.BENCH_BACKFILL_RATE_TARGETS ?? 600);
const DRY_RUN_TARGETS = Number(process.env.BENCH_BACKFILL_DRY_RUN ?? 100_000);
const CONCURRENCY = 16;
const RPM = 3600;

async function regime(name: string, targets: number, rpm: number | null, seed: number) {
  const peer = await startBenchPeer({
    latency: makeLatency(100, 0.6, seed),
    ...(rpm ? { rpmLimit: rpm } : {}),
  });
  try {
    const pool = await runBackfillPool(peer, targets, CONCURRENCY, rpm);
    // The batches get no client-side limit: they learn the limit from 429s, as naive code does.
    const batches = await runFixedBatches(peer, targets, CONCURRENCY, rpm);
    return { name, targets, pool, batches };
  } finally {
    await peer.stop();
  }
}

/** 100k conversations (our opener and the lead's reply) seeded in SQL. */
async function seedConversations(url: string, n: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ws = randomUUID();
    const campaign = randomUUID();
    await client.query(
      `insert into workspaces (id, name, webhook_key, webhook_secret) values ($1, 'Bench', $2, 's')`,
      [ws, `bench-${ws}`],
    );
    await client.query(
      `insert into campaigns (id, workspace_id, platform, external_id, name, response_mode, configured_at, sender_email)
       values ($1, $2, 'generic', 'bench', 'Bench campaign', 'AI_AUTO_SEND', now(), 'sam@agency.example')`,
      [campaign, ws],
    );
    await client.query(
      `insert into leads (workspace_id, email, first_name)
       select $1, 'lead' || g || '@bench.example', 'Lead' from generate_series(1, $2::int) g`,
      [ws, n],
    );
    for (const [direction, text, days] of [
      ['outbound', 'Hi, quick question about your outbound?', 30],
      ['inbound', 'Sounds interesting, can we talk next week?', 20],
    ] as const) {
      await client.query(
        `insert into messages (workspace_id, lead_id, campaign_id, direction, source, provider_message_id,
                               thread_key, from_email, text, occurred_at)
         select $1, l.id, $2, $3::message_direction, 'generic', $3 || '-' || l.email, 'thread-' || l.email,
                case when $3 = 'inbound' then l.email else 'sam@agency.example' end, $4,
                now() - make_interval(days => $5::int)
         from leads l where l.workspace_id = $1`,
        [ws, campaign, direction, text, days],
      );
    }
    await client.query('analyze');
    return ws;
  } finally {
    await client.end();
  }
}

interface DryRunFigures {
  targets: number;
  wallMs: number;
  peakRssMb: number;
}

/**
 * The node flags `npm run autosend` passes (package.json's `autosend` script,
 * the same as bin/autosend.js's shebang), so the bench runs the command as a
 * user does.
 */
function cliNodeFlags(): string[] {
  const pkg = JSON.parse(
    readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8'),
  );
  const script: string = pkg.scripts.autosend;
  const flags = script.slice(script.indexOf(' node ') + 6, script.indexOf(' bin/autosend.js'));
  return flags.split(/\s+/).filter((f) => f.startsWith('--'));
}

/** The kernel's peak-RSS mark of a running process (Linux), in MB; null elsewhere. */
async function peakRssOf(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `autosend backfill --workspace ID` (a dry run, the default) as its own
 * process, exactly as the CLI starts, and follows its peak RSS (VmHWM, which
 * only grows) until it exits.
 */
async function dryRunCli(
  url: string,
  workspaceId: string,
  logDir: string,
  heapMb?: number,
): Promise<DryRunFigures> {
  const args = [
    ...cliNodeFlags(),
    ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
    path.join(import.meta.dirname, '../../bin/autosend.js'),
    'backfill',
    '--workspace',
    workspaceId,
    '--log-dir',
    logDir,
    '--json',
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error', DATA_DIR: logDir },
  });
  let out = '';
  let progress = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    progress += d;
  });
  let peakRssMb = 0;
  const follow = setInterval(async () => {
    peakRssMb = Math.max(peakRssMb, (await peakRssOf(child.pid!)) ?? 0);
  }, 20);
  const code = await new Promise<number | null>((r) => child.once('close', r));
  clearInterval(follow);
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`autosend backfill exited ${code}:\n${progress}`);
  const report = JSON.parse(out) as { summary: { targets: number }[] };
  return { targets: report.summary.reduce((n, s) => n + s.targets, 0), wallMs, peakRssMb };
}

/**
 * The big dry run; the same command on an empty workspace (its start-up
 * peak); and the big one again under a 128 MB heap limit: finishing there
 * shows the live set stays small however many targets pass through.
 */
async function dryRunRss(): Promise<{
  big: DryRunFigures;
  empty: DryRunFigures;
  capped: DryRunFigures;
  seedMs: number;
}> {
  // The shared helper creates and migrates the database.
  return withBenchDatabase(createLogger('error'), async (url) => {
    const seedStarted = performance.now();
    const workspaceId = await seedConversations(url, DRY_RUN_TARGETS);
    const seedMs = performance.now() - seedStarted;
    const emptyWorkspace = await seedConversations(url, 0);
    const logDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-bench-bf-'));
    try {
      const big = await dryRunCli(url, workspaceId, logDir);
      const empty = await dryRunCli(url, emptyWorkspace, logDir);
      const capped = await dryRunCli(url, workspaceId, logDir, 128);
      return { big, empty, capped, seedMs };
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const row = (label: string, f: PoolFigures) =>
  `  ${label.padEnd(22)} wall ${s(f.wallMs).padStart(9)}  bound ${s(f.boundMs).padStart(9)}  ratio ${f.ratio.toFixed(3)}  calls ${f.calls} (429: ${f.rateLimited}, failed: ${f.failed})  mean latency ${f.meanLatencyMs.toFixed(1)} ms`;

export async function run(): Promise<BenchResult> {
  const latency = await regime('latency-bound', LATENCY_TARGETS, null, 0x1234567);
  const rate = await regime('rate-bound', RATE_TARGETS, RPM, 0x7654321);
  const dry = await dryRunRss();
  const table = [
    `backfill draft phase vs the OpenAI-compatible peer (lognormal latency, median 100 ms), concurrency ${CONCURRENCY}`,
    `${latency.name}: ${latency.targets} targets, no limit`,
    row('backfill pool', latency.pool),
    row('Promise.all batches', latency.batches),
    `${rate.name}: ${rate.targets} targets, ${RPM} requests/minute (429 + Retry-After beyond)`,
    row('backfill pool (--rpm)', rate.pool),
    row('Promise.all batches', rate.batches),
    `autosend backfill (dry run) of ${dry.big.targets} targets, node ${cliNodeFlags().join(' ')}: peak RSS ${dry.big.peakRssMb.toFixed(0)} MB (goal < 300 MB), wall ${s(dry.big.wallMs)} (seeding ${s(dry.seedMs)})`,
    `  same command, 0 targets: peak RSS ${dry.empty.peakRssMb.toFixed(0)} MB (start-up alone)`,
    `  ${dry.capped.targets} targets under --max-old-space-size=128: peak RSS ${dry.capped.peakRssMb.toFixed(0)} MB, wall ${s(dry.capped.wallMs)}`,
  ].join('\n');
  return {
    table,
    figures: {
      latencyBound: { pool: latency.pool, batches: latency.batches },
      rateBound: { pool: rate.pool, batches: rate.batches },
      dryRun: dry,
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { getLead } from '../../src/admin/leads.ts';
import { listReviews } from '../../src/admin/list-activity.ts';
import { summariseActivity } from '../../src/admin/summarise-activity.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { buildApp } from '../../src/http/app.ts';
import { signGenericBody } from '../../src/ingest/verify-webhook.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { processInbound } from '../../src/pipeline/process-inbound.ts';
import { countAutoSendsSince } from '../../src/sending/send-ledger.ts';
import { makeReplySendHandler } from '../../src/sending/send-reply.ts';
import { withBenchDatabase } from '../lib/with-bench-database.ts';
import type { BenchResult } from '../run.ts';
import { ISSUE_COUNTS, SEED_SECRET, scaleCounts, seedScale } from './seed-scale.ts';

/**
 * bench/scale: the hot paths timed through the real code (the functions the
 * HTTP routes and jobs call) on an empty database, then again after seeding
 * the issue's volume (1M messages, 100k leads, 3M decision events, 200k
 * drafts across 50 workspaces; BENCH_SCALE_FACTOR scales it) and ANALYZE.
 * Each figure is the median of BENCH_RUNS runs; the goal is seeded within 2×
 * of empty. Both phases use workspace 0 of the seed: in the empty phase only
 * the workspaces and campaigns exist.
 */

const FACTOR = Number(process.env.BENCH_SCALE_FACTOR ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const GOAL = 2;
const logger = createLogger('error');
const WS_KEY = 'scale-ws-0';
const CAMPAIGN = 'c-0-0';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function timeRuns(runs: number, op: (i: number) => Promise<unknown>): Promise<number> {
  await op(-1); // warm-up: connections, prepared plans, caches
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await op(i);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** The ids a phase reads: a reply with a draft, a lead with flags, the deep review offset. */
interface Targets {
  workspaceId: string;
  campaignId: string;
  messageId: string;
  leadEmail: string;
  deepOffset: number;
}

type Phase = Record<string, number>;

export async function run(): Promise<BenchResult> {
  const counts = scaleCounts(FACTOR);
  const outbox = await mkdtemp(path.join(os.tmpdir(), 'autosend-bench-scale-'));
  try {
    return await withBenchDatabase(logger, async (url) => {
      const config = parseConfig({
        DATABASE_URL: url,
        LOG_LEVEL: 'error',
        DATA_DIR: outbox,
        AI_PROVIDER: 'offline',
        SENDER: 'outbox',
      });
      const database = openDatabase(url);
      const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
      const app = await buildApp({ config, database, queue, logger });
      const db = database.db;
      const pipeline = makePipelineDeps({ db, queue, config, logger });
      const sendDeps = { db, config, logger, queue };
      const seeder = new pg.Client({ connectionString: url });
      // The database is dropped with (force) after a failure: that must not hide the failure.
      seeder.on('error', () => {});
      await seeder.connect();

      // Empty: only the workspaces, campaigns and sequences; the probe leads' own replies.
      await seedScale(seeder, counts, 'workspaces');
      const workspaceId = (await seeder.query(`select md5('ws-0')::uuid as id`)).rows[0].id;

      let webhookSerial = 0;
      /** One signed generic webhook through Fastify (inject), returning the stored message id. */
      const postWebhook = async () => {
        const i = webhookSerial++;
        const body = JSON.stringify({
          id: `scale-probe-${i}`,
          receivedAt: new Date().toISOString(),
          campaign: { id: CAMPAIGN },
          lead: { email: `probe${i % 3}@scale-ws-0.example` },
          from: { email: `probe${i % 3}@scale-ws-0.example` },
          to: ['tom@agency.example'],
          subject: 'Re: Quick question',
          text: `Sounds good, could we talk on Tuesday? (${i})`,
          messageId: `<scale-probe-${i}@mail.example>`,
        });
        const response = await app.inject({
          method: 'POST',
          url: `/webhooks/generic/${WS_KEY}`,
          headers: {
            'content-type': 'application/json',
            'x-autosend-signature': signGenericBody(SEED_SECRET, body),
          },
          payload: body,
        });
        if (response.statusCode !== 202) {
          throw new Error(`webhook ${i}: HTTP ${response.statusCode} ${response.body}`);
        }
        return (response.json() as { messageId: string }).messageId;
      };

      const measure = async (t: Targets): Promise<Phase> => {
        const fresh: string[] = [];
        const toSend: Array<{ draftId: string; at: Date }> = [];
        const phase: Phase = {};
        phase['webhook ingest'] = await timeRuns(RUNS, async () => {
          fresh.push(await postWebhook());
        });
        phase['inbound.process'] = await timeRuns(RUNS, async () => {
          const outcome = await processInbound(pipeline, fresh.shift()!);
          if (outcome.outcome === 'failed')
            throw new Error(`inbound.process failed: ${outcome.code}`);
          if (outcome.outcome === 'send') toSend.push(outcome);
        });
        // reply.send at its scheduled time, for the drafts the pipeline decided to send.
        if (toSend.length >= 2) {
          const sends = toSend.splice(0);
          const handlers = sends.map((s) =>
            makeReplySendHandler({ ...sendDeps, now: () => new Date(s.at.getTime() + 1000) }),
          );
          phase['reply.send'] = await timeRuns(sends.length - 1, async (i) => {
            const k = i + 1;
            await handlers[k]!({ draftId: sends[k]!.draftId });
          });
        }
        phase['review list, first page'] = await timeRuns(RUNS, () =>
          listReviews(db, t.workspaceId, { limit: 50 }),
        );
        phase['review list, open'] = await timeRuns(RUNS, () =>
          listReviews(db, t.workspaceId, { status: 'open', limit: 50 }),
        );
        // The deep page's cursor, found by walking the pages before it as a reader would.
        let deepCursor: string | undefined;
        for (let seen = 0; seen < t.deepOffset; seen += 50) {
          const page = await listReviews(db, t.workspaceId, {
            limit: 50,
            ...(deepCursor ? { cursor: deepCursor } : {}),
          });
          if (!page.nextCursor) break;
          deepCursor = page.nextCursor;
        }
        phase[`review list, deep page (row ${t.deepOffset}, by cursor)`] = await timeRuns(
          RUNS,
          () =>
            listReviews(db, t.workspaceId, {
              limit: 50,
              ...(deepCursor ? { cursor: deepCursor } : {}),
            }),
        );
        phase['explain'] = await timeRuns(RUNS, () =>
          explainReply(db, { workspaceId: t.workspaceId, messageIdOrLeadEmail: t.messageId }),
        );
        phase['explain by lead email'] = await timeRuns(RUNS, () =>
          explainReply(db, { workspaceId: t.workspaceId, messageIdOrLeadEmail: t.leadEmail }),
        );
        phase['lead show'] = await timeRuns(RUNS, () => getLead(db, t.workspaceId, t.leadEmail));
        phase['activity counts (30 days)'] = await timeRuns(RUNS, () =>
          summariseActivity(db, { workspaceId: t.workspaceId, now: new Date() }),
        );
        const today = new Date();
        today.setUTCHours(0, 0, 0, 0);
        phase['daily cap check'] = await timeRuns(RUNS, () =>
          countAutoSendsSince(db, t.campaignId, today),
        );
        return phase;
      };

      const campaignId = (
        await seeder.query(`select id from campaigns where external_id = $1`, [CAMPAIGN])
      ).rows[0].id;
      const probeMessage = await postWebhook();
      await processInbound(pipeline, probeMessage);
      const DEEP = Math.max(
        50,
        Math.floor((0.9 * (counts.drafts * 0.5)) / counts.workspaces / 50) * 50,
      );
      const empty = await measure({
        workspaceId,
        campaignId,
        messageId: probeMessage,
        leadEmail: 'probe0@scale-ws-0.example',
        deepOffset: DEEP,
      });

      const seedStarted = performance.now();
      const seconds = await seedScale(seeder, counts, 'rows');
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const seededMessage = (
        await seeder.query(
          `select d.message_id as id from drafts d join messages m on m.id = d.message_id
           where m.workspace_id = $1 and d.status = 'sent' order by m.occurred_at desc limit 1`,
          [workspaceId],
        )
      ).rows[0].id;
      const reviews = (
        await seeder.query(
          `select count(*)::int as n from review_requests where workspace_id = $1`,
          [workspaceId],
        )
      ).rows[0].n as number;
      const seeded = await measure({
        workspaceId,
        campaignId,
        messageId: seededMessage,
        leadEmail: 'lead0@scale-ws-0.example',
        deepOffset: DEEP,
      });

      await seeder.end();
      await app.close();
      await queue.stop({ graceful: false });
      await database.close();

      const rows = Object.keys(seeded).map((name) => {
        const e = empty[name] ?? Number.NaN;
        const s = seeded[name]!;
        return { name, empty: e, seeded: s, ratio: s / e };
      });
      const pad = (s: string, n: number) => s.padEnd(n);
      const num = (x: number, n: number) => x.toFixed(2).padStart(n);
      const table = [
        `bench/scale — factor ${FACTOR}: ${counts.messages} messages, ${counts.leads} leads, ${counts.decisionEvents} decision events, ${counts.drafts} drafts, ${counts.workspaces} workspaces (issue: ${ISSUE_COUNTS.messages} messages)`,
        `seeded in ${seedSeconds.toFixed(1)} s (${Object.entries(seconds)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}); workspace 0 has ${reviews} review requests; median of ${RUNS} runs`,
        `load: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${os.cpus().length} cores`,
        '',
        `${pad('path', 40)} | empty ms | seeded ms | ratio | goal`,
        `${'-'.repeat(40)}-|----------|-----------|-------|------`,
        ...rows.map(
          (r) =>
            `${pad(r.name, 40)} | ${num(r.empty, 8)} | ${num(r.seeded, 9)} | ${num(r.ratio, 5)} | ${r.ratio <= GOAL ? 'ok' : `>${GOAL}×`}`,
        ),
      ].join('\n');
      return {
        table,
        figures: {
          factor: FACTOR,
          counts,
          runs: RUNS,
          seedSeconds: Number(seedSeconds.toFixed(1)),
          paths: Object.fromEntries(
            rows.map((r) => [
              r.name,
              {
                emptyMs: Number(r.empty.toFixed(2)),
                seededMs: Number(r.seeded.toFixed(2)),
                ratio: Number(r.ratio.toFixed(2)),
              },
            ]),
          ),
          load: os.loadavg(),
        },
      };
    });
  } finally {
    await rm(outbox, { recursive: true, force: true });
  }
}

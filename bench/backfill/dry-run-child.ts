/**
 * Runs a dry-run backfill of one workspace in its own process and prints its
 * figures (peak RSS from getrusage) as one JSON line: bench/backfill/index.ts
 * spawns it so the measurement holds only the backfill.
 */
import { makeOfflineProvider } from '../../src/ai/offline-provider.ts';
import { runBackfill } from '../../src/backfill/run-backfill.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';

const [url, workspaceId, logDir] = process.argv.slice(2) as [string, string, string];
const logger = createLogger('error');
const config = parseConfig({ DATABASE_URL: url, LOG_LEVEL: 'error', DATA_DIR: logDir });
const database = openDatabase(url, { poolMax: 4 });
const queue = await startJobQueue(url, logger, { schedule: false, supervise: false });
const started = performance.now();
const report = await runBackfill(
  { db: database.db, queue, config, logger, ai: makeOfflineProvider() },
  {
    mode: 'dry_run',
    workspaceId,
    campaignIds: [],
    missingOnly: false,
    limit: null,
    concurrency: 8,
    rpm: null,
    sendPacingMs: 0,
    respectDelays: false,
    overrideKillSwitch: false,
    redact: false,
    logDir,
  },
);
const wallMs = performance.now() - started;
await queue.stop({ graceful: false });
await database.close();
process.stdout.write(
  `${JSON.stringify({
    targets: report.summary.reduce((n, s) => n + s.targets, 0),
    wallMs,
    // getrusage reports maxrss in kilobytes on Linux.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1048576,
  })}\n`,
);

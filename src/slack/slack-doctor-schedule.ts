import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { systemChecks } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';
import type { Logger } from '../logger.ts';
import { type ConfiguredDoctorReport, runConfiguredSlackDoctor } from './run-configured-doctor.ts';

const CHECK_NAME = 'slack';

/** Stores the doctor's latest result in system_checks, shared by every process (and /readyz). */
export async function storeSlackCheck(
  db: Db,
  report: ConfiguredDoctorReport,
  at = new Date(),
): Promise<void> {
  const values = {
    name: CHECK_NAME,
    ok: report.ok,
    summary: report.summary,
    detail: report as unknown as Record<string, unknown>,
    checkedAt: at,
  };
  await db
    .insert(systemChecks)
    .values(values)
    .onConflictDoUpdate({
      target: systemChecks.name,
      set: { ok: values.ok, summary: values.summary, detail: values.detail, checkedAt: at },
    });
}

/** Runs the doctor once, stores the result and logs it (error level when reviewers cannot be reached). */
export async function runAndStoreSlackDoctor(deps: {
  db: Db;
  config: Config;
  logger: Logger;
}): Promise<ConfiguredDoctorReport> {
  const report = await runConfiguredSlackDoctor(deps);
  await storeSlackCheck(deps.db, report);
  if (report.ok) deps.logger.info({ check: CHECK_NAME }, report.summary);
  else if (!report.configured && report.reviewerCount === 0)
    deps.logger.warn({ check: CHECK_NAME }, report.summary);
  else {
    const problems = report.checks.flatMap((c) =>
      c.report.reviewers
        .filter((r) => !r.reachable)
        .map((r) => ({
          target: r.target,
          code: r.code,
          missingScopes: r.missingScopes,
          problem: r.problem,
        })),
    );
    deps.logger.error(
      { check: CHECK_NAME, problems },
      `${report.summary}; run \`autosend slack doctor\` for the fix`,
    );
  }
  return report;
}

/**
 * Runs the Slack doctor at start-up (in the background) and then every
 * `intervalMs` (default 15 minutes). Call stop() on shutdown.
 */
export function startSlackDoctorSchedule(deps: {
  db: Db;
  config: Config;
  logger: Logger;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = runAndStoreSlackDoctor(deps)
      .catch((error) =>
        deps.logger.error({ err: error, check: CHECK_NAME }, 'Slack doctor failed to run'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs ?? 15 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * /readyz entry for Slack, from the stored doctor result. Not configured is
 * ready (the problem is shown, not fatal); a configured token that is
 * rejected or cannot reach reviewers is not.
 */
export function slackReadinessProbe(db: Db): ReadinessProbe {
  return async () => {
    const [row] = await db.select().from(systemChecks).where(eq(systemChecks.name, CHECK_NAME));
    if (!row) {
      return [
        CHECK_NAME,
        { ok: true, informational: true, detail: { summary: 'not checked yet' } },
      ];
    }
    const detail = row.detail as Partial<ConfiguredDoctorReport>;
    return [
      CHECK_NAME,
      {
        ok: row.ok || detail.configured === false,
        informational: true,
        detail: {
          configured: detail.configured ?? true,
          summary: row.summary,
          checkedAt: row.checkedAt,
        },
      },
    ];
  };
}

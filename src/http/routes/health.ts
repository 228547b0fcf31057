import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/load-config.ts';
import type { Database } from '../../db/client.ts';
import { migrationStatus } from '../../db/migrate.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { withDeadline } from '../with-deadline.ts';

export interface ReadinessCheck {
  ok: boolean;
  detail?: unknown;
  /**
   * Informational checks (e.g. Slack reachability) are shown, and fail loudly
   * in their own `ok`, but do not make the process unready: a broken Slack
   * scope must not take webhooks out of a load balancer.
   */
  informational?: boolean;
}

/** Extra readiness checks contributed by other capabilities (e.g. the Slack doctor). */
export type ReadinessProbe = () => Promise<[name: string, check: ReadinessCheck]>;

async function timed<T>(fn: () => Promise<T>): Promise<ReadinessCheck & { result?: T }> {
  try {
    return { ok: true, result: await fn() };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

/**
 * GET /healthz: the process is up. GET /readyz: database, migrations and job
 * queue usable. Every check runs at once under one deadline
 * (`READYZ_TIMEOUT_MS`, 2 s): a check still waiting then is reported as
 * timed out and the answer is 503, so a stalled database is seen in time.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: {
    database: Database;
    queue?: JobQueue;
    probes?: ReadinessProbe[];
    config?: Pick<Config, 'deadlines'>;
  },
): void {
  const deadlineMs = deps.config?.deadlines.readyzMs ?? 2_000;
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, ReadinessCheck> = {};
    const bounded = <T>(fn: () => Promise<T>) =>
      timed(() => withDeadline(fn(), deadlineMs, 'the check'));
    const [db, migrations, q, ...probed] = await Promise.all([
      bounded(() => deps.database.pool.query('select 1')),
      bounded(() => migrationStatus(deps.database.pool)),
      deps.queue ? bounded(() => deps.queue!.boss.getQueues()) : undefined,
      ...(deps.probes ?? []).map((probe, index) =>
        bounded(probe).then((r): [string, ReadinessCheck] =>
          r.ok ? r.result! : [`probe${index + 1}`, { ok: false, detail: r.detail }],
        ),
      ),
    ]);
    checks.database = { ok: db.ok, detail: db.detail };
    checks.migrations = migrations.ok
      ? { ok: migrations.result!.current, detail: { pending: migrations.result!.pending } }
      : { ok: false, detail: migrations.detail };
    if (q) checks.queue = { ok: q.ok, detail: q.ok ? { queues: q.result!.length } : q.detail };
    for (const [name, check] of probed) checks[name] = check;
    const ready = Object.values(checks).every((c) => c.ok || c.informational);
    const warnings = Object.entries(checks)
      .filter(([, c]) => !c.ok && c.informational)
      .map(([name]) => name);
    return reply.code(ready ? 200 : 503).send({ ready, warnings, checks });
  });
}

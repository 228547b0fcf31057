import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client.ts';
import { migrationStatus } from '../../db/migrate.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';

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

/** GET /healthz: the process is up. GET /readyz: database, migrations and job queue usable. */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { database: Database; queue?: JobQueue; probes?: ReadinessProbe[] },
): void {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, ReadinessCheck> = {};
    const db = await timed(() => deps.database.pool.query('select 1'));
    checks.database = { ok: db.ok, detail: db.detail };
    const migrations = await timed(() => migrationStatus(deps.database.pool));
    checks.migrations = migrations.ok
      ? { ok: migrations.result!.current, detail: { pending: migrations.result!.pending } }
      : { ok: false, detail: migrations.detail };
    if (deps.queue) {
      const queue = deps.queue;
      const q = await timed(() => queue.boss.getQueues());
      checks.queue = { ok: q.ok, detail: q.ok ? { queues: q.result!.length } : q.detail };
    }
    for (const probe of deps.probes ?? []) {
      const [name, check] = await probe().catch((error: Error): [string, ReadinessCheck] => [
        'probe',
        { ok: false, detail: error.message },
      ]);
      checks[name] = check;
    }
    const ready = Object.values(checks).every((c) => c.ok || c.informational);
    const warnings = Object.entries(checks)
      .filter(([, c]) => !c.ok && c.informational)
      .map(([name]) => name);
    return reply.code(ready ? 200 : 503).send({ ready, warnings, checks });
  });
}

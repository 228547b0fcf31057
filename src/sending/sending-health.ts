import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { drafts, systemChecks } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';
import type { HoldCause } from './email-sender.ts';

/*
 * Whether sends can leave, shared by every process through system_checks
 * (row `sending`): set failing when a send is held (credentials refused,
 * server unreachable), set working again by the next send that leaves.
 */

/** The system_checks row of sending's health. */
export const SENDING_CHECK = 'sending';
const CHECK_NAME = SENDING_CHECK;

/** The operator's next step for each hold cause. */
export function holdSummary(cause: HoldCause, sender: string): string {
  return cause === 'credentials'
    ? `sends are held: the ${sender} server refused our credentials; fix them (SMTP_URL) and held sends resume by themselves`
    : `sends are held: the ${sender} server cannot be reached; check the host, port and TLS settings (SMTP_URL); held sends resume by themselves`;
}

/**
 * Marks sending as failing. Returns true when it was working before (or never
 * checked): the caller alerts once per outage, not once per held draft.
 */
export async function recordSendingHeld(
  db: DbOrTx,
  input: { cause: HoldCause; sender: string; error: string; at: Date },
): Promise<boolean> {
  const summary = holdSummary(input.cause, input.sender);
  const detail = { cause: input.cause, sender: input.sender, error: input.error };
  // xmax = 0 on an insert; on update, the old `ok` is read from the row being replaced.
  const result = await db.execute<{ was_ok: boolean | null }>(sql`
    with previous as (select ok from system_checks where name = ${CHECK_NAME})
    insert into system_checks (name, ok, summary, detail, checked_at)
    values (${CHECK_NAME}, false, ${summary}, ${JSON.stringify({ ...detail, since: input.at })}::jsonb, ${input.at})
    on conflict (name) do update set
      ok = false,
      summary = excluded.summary,
      detail = excluded.detail || jsonb_build_object('since',
        case when system_checks.ok then excluded.detail->'since' else system_checks.detail->'since' end),
      checked_at = excluded.checked_at
    returning (select ok from previous) as was_ok`);
  const wasOk = result.rows[0]?.was_ok;
  return wasOk === null || wasOk === undefined || wasOk === true;
}

/** Marks sending as working again. Returns true when it had been failing (sends resumed). */
export async function recordSendingWorks(db: DbOrTx, at: Date): Promise<boolean> {
  const resumed = await db
    .update(systemChecks)
    .set({ ok: true, summary: 'sends are leaving', checkedAt: at })
    .where(and(eq(systemChecks.name, CHECK_NAME), eq(systemChecks.ok, false)))
    .returning({ name: systemChecks.name });
  return resumed.length > 0;
}

/**
 * /readyz entry `sending`: failing while sends are held, and the number of
 * drafts whose delivery is unknown (`send_unknown`, a human must check the
 * mailbox). Informational: a wrong SMTP password must not take webhooks out
 * of a load balancer.
 */
export function sendingReadinessProbe(db: Db): ReadinessProbe {
  return async () => {
    const [row] = await db.select().from(systemChecks).where(eq(systemChecks.name, CHECK_NAME));
    const [unknown] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(drafts)
      .where(eq(drafts.status, 'send_unknown'));
    const sendUnknown = unknown?.n ?? 0;
    const detail = (row?.detail ?? {}) as Record<string, unknown>;
    return [
      CHECK_NAME,
      {
        ok: (row?.ok ?? true) && sendUnknown === 0,
        informational: true,
        detail: {
          summary: row?.summary ?? 'no send attempted yet',
          held: row ? !row.ok : false,
          ...(row && !row.ok ? { cause: detail.cause, since: detail.since } : {}),
          sendUnknown,
          ...(sendUnknown > 0
            ? {
                sendUnknownHint:
                  'drafts whose delivery is unknown: check the mailbox before re-sending (review queue)',
              }
            : {}),
          checkedAt: row?.checkedAt,
        },
      },
    ];
  };
}

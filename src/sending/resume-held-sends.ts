import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

/**
 * Approved drafts that reply.send held because their sending connection was
 * missing or refused (`no_sending_connection`, `sending_connection_failed`)
 * are queued again once the workspace has a connection for the campaign's
 * platform not known to fail
 * (just set, or tested ok since). A human already approved them, so nothing
 * else would ever send them. Drafts that were automatic stay in the review
 * queue: approving one sends it. Runs with `platform.reconcile`.
 */
export async function resumeHeldSends(
  db: Db,
  queue: JobQueue,
  options: { workspaceId?: string } = {},
): Promise<number> {
  const rows = await db.execute<{ draft_id: string }>(sql`
    select d.id as draft_id
    from drafts d
    join messages m on m.id = d.message_id
    join campaigns camp on camp.id = m.campaign_id
    join lateral (
      select e.reason from decision_events e
      where e.draft_id = d.id and e.step = 'send'
      order by e.id desc limit 1
    ) last on true
    where d.status = 'approved'
      and last.reason in ('no_sending_connection', 'sending_connection_failed')
      and (${options.workspaceId ?? null}::uuid is null or m.workspace_id = ${options.workspaceId ?? null}::uuid)
      and exists (
        select 1 from sending_connections c
        where c.workspace_id = m.workspace_id and c.kind::text = camp.platform::text
          and c.last_check_ok is distinct from false
      )`);
  for (const row of rows.rows) {
    await queue.enqueue('reply.send', { draftId: row.draft_id }, { singletonKey: row.draft_id });
  }
  return rows.rows.length;
}

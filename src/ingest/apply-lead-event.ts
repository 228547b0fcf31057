import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { flagLead } from '../pipeline/lead-flags.ts';
import { findSuppression, noteRefusal } from '../privacy/suppressions.ts';
import type { LeadEvent } from './interpret-lead-event.ts';

/**
 * Flags the lead a platform event names (creating the lead when it is new,
 * so a bounced address is never written to later) and stops its follow-ups.
 * A pending draft for the lead is then superseded by reply.send's own check.
 * A suppressed address is never stored again: the event is only counted.
 */
export async function applyLeadEvent(
  db: Db,
  workspaceId: string,
  event: LeadEvent,
): Promise<{ leadId: string } | { suppressed: true }> {
  return db.transaction(async (tx) => {
    const hit = await findSuppression(tx, workspaceId, [event.leadEmail]);
    if (hit) {
      await noteRefusal(tx, hit, event.at);
      return { suppressed: true as const };
    }
    const result = await tx.execute<{ id: string }>(sql`
      insert into leads (workspace_id, email) values (${workspaceId}, ${event.leadEmail})
      on conflict (workspace_id, lower(email)) do update set email = leads.email
      returning id`);
    const leadId = result.rows[0]!.id;
    await flagLead(tx, { leadId, flag: event.flag, evidence: event.evidence, at: event.at });
    return { leadId };
  });
}

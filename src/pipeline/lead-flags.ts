import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { followupInstances, leads } from '../db/schema.ts';

export type LeadFlag = 'opted_out' | 'bounced' | 'booked';

/**
 * Flags a lead permanently with its evidence (first evidence wins) and stops
 * its follow-up sequences. After this nothing is sent to the lead by any path:
 * reply.send, approvals and follow-ups all re-check these columns.
 */
export async function flagLead(
  tx: DbOrTx,
  input: { leadId: string; flag: LeadFlag; evidence: string; at: Date },
): Promise<void> {
  const evidence = input.evidence.slice(0, 1000);
  const now = new Date();
  if (input.flag === 'opted_out') {
    await tx
      .update(leads)
      .set({ optedOutAt: input.at, optedOutReason: evidence, updatedAt: now })
      .where(and(eq(leads.id, input.leadId), isNull(leads.optedOutAt)));
  } else if (input.flag === 'bounced') {
    await tx
      .update(leads)
      .set({ bouncedAt: input.at, bouncedReason: evidence, updatedAt: now })
      .where(and(eq(leads.id, input.leadId), isNull(leads.bouncedAt)));
  } else {
    await tx
      .update(leads)
      .set({ bookedAt: input.at, bookedReason: evidence, updatedAt: now })
      .where(and(eq(leads.id, input.leadId), isNull(leads.bookedAt)));
  }
  await tx
    .update(followupInstances)
    .set({
      status: 'stopped',
      pauseReason: null,
      stopReason: input.flag,
      nextRunAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(followupInstances.leadId, input.leadId),
        inArray(followupInstances.status, ['active', 'paused']),
      ),
    );
}

/** Pauses the lead's running follow-ups because they replied; returns how many. */
export async function pauseFollowupsForReply(tx: DbOrTx, leadId: string): Promise<number> {
  const paused = await tx
    .update(followupInstances)
    .set({ status: 'paused', pauseReason: 'lead_replied', updatedAt: new Date() })
    .where(and(eq(followupInstances.leadId, leadId), eq(followupInstances.status, 'active')))
    .returning({ id: followupInstances.id });
  return paused.length;
}

/** True when any flag forbids sending to the lead. */
export function isLeadFlagged(lead: { optedOutAt: Date | null; bouncedAt: Date | null }): boolean {
  return lead.optedOutAt !== null || lead.bouncedAt !== null;
}

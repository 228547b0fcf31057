import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { leads } from '../db/schema.ts';
import { applyToLeadInstances } from '../followups/apply-followup-event.ts';
import { pauseForInbound } from '../followups/pause-for-reply.ts';

export type LeadFlag = 'opted_out' | 'bounced' | 'booked';

/**
 * Flags a lead permanently with its evidence (first evidence wins) and stops
 * its follow-up sequences (cancelled; completed for a booking). After this nothing is sent to the lead by any path:
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
  // Bounce and opt-out cancel the lead's sequences; a booking completes them.
  await applyToLeadInstances(tx, input.leadId, () => ({
    type: 'lead_flagged',
    at: now,
    flag: input.flag,
    evidence,
  }));
}

/** Pauses the lead's running follow-ups because they replied; returns how many. */
export async function pauseFollowupsForReply(
  tx: DbOrTx,
  leadId: string,
  reply: { messageId: string; at: Date },
): Promise<number> {
  return (await pauseForInbound(tx, { leadId, ...reply })).length;
}

/** True when any flag forbids sending to the lead. */
export function isLeadFlagged(lead: { optedOutAt: Date | null; bouncedAt: Date | null }): boolean {
  return lead.optedOutAt !== null || lead.bouncedAt !== null;
}

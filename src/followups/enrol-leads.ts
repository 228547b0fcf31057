import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { followupInstances, followupSequences, leads, workspaces } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { validZone } from '../sending/sending-window.ts';
import { addDelay } from './add-delay.ts';
import { recordTransition } from './apply-followup-event.ts';
import { stepsOf } from './manage-sequences.ts';

export const enrolSchema = z
  .strictObject({
    /** Leads by id or email. */
    leads: z.array(z.string().trim().min(1)).max(10_000).optional(),
    /** Every lead of the campaign whose last message is ours (no reply after it). */
    unanswered: z.boolean().optional(),
  })
  .refine((v) => (v.leads?.length ?? 0) > 0 || v.unanswered === true, {
    message: 'name leads, or set unanswered',
    path: ['leads'],
  });

export interface EnrolResult {
  enrolled: number;
  alreadyEnrolled: number;
  skipped: { lead: string; reason: string }[];
}

const isUuid = (v: string) => z.uuid().safeParse(v).success;

/**
 * Enrols leads in a sequence in one transaction: an `active` instance whose
 * first step falls due after its delay in the lead's zone, and a history row.
 * Leads who bounced, opted out or booked are skipped with the reason; leads
 * already enrolled are left as they are.
 */
export async function enrolLeadsInTx(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    sequenceId: string;
    leadIds: string[];
    by: 'hand' | 'api' | 'unanswered' | 'first_email';
    now: Date;
  },
): Promise<EnrolResult> {
  const [row] = await tx
    .select({ sequence: followupSequences, zone: workspaces.timeZone })
    .from(followupSequences)
    .innerJoin(workspaces, eq(workspaces.id, followupSequences.workspaceId))
    .where(
      and(
        eq(followupSequences.workspaceId, input.workspaceId),
        eq(followupSequences.id, input.sequenceId),
      ),
    );
  if (!row)
    throw new AutosendError('not_found', `follow-up sequence ${input.sequenceId} not found`);
  const first = (await stepsOf(tx, [row.sequence.id])).get(row.sequence.id)?.[0];
  if (!first) throw new AutosendError('conflict', 'the sequence has no steps');
  const result: EnrolResult = { enrolled: 0, alreadyEnrolled: 0, skipped: [] };
  if (!input.leadIds.length) return result;
  const found = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, input.workspaceId), inArray(leads.id, input.leadIds)));
  for (const lead of found) {
    const flag = lead.bouncedAt
      ? 'bounced'
      : lead.optedOutAt
        ? 'opted_out'
        : lead.bookedAt
          ? 'booked'
          : null;
    if (flag) {
      result.skipped.push({ lead: lead.email, reason: flag });
      continue;
    }
    const due = addDelay(
      input.now,
      first.delayAmount,
      first.delayUnit,
      validZone(lead.timeZone, row.zone),
    );
    const [created] = await tx
      .insert(followupInstances)
      .values({
        sequenceId: row.sequence.id,
        leadId: lead.id,
        status: 'active',
        nextStep: 1,
        nextRunAt: due,
        enrolledBy: input.by,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing({ target: [followupInstances.sequenceId, followupInstances.leadId] })
      .returning({ id: followupInstances.id });
    if (!created) {
      result.alreadyEnrolled++;
      continue;
    }
    result.enrolled++;
    await recordTransition(tx, created.id, {
      fromStatus: 'active',
      fromReason: null,
      toStatus: 'active',
      toReason: null,
      cause: `enrolled_${input.by}`,
      detail: { firstDueAt: due.toISOString() },
      at: input.now,
    });
  }
  return result;
}

/** Leads of the campaign whose latest message is ours: nobody answered our last email. */
async function unansweredLeadIds(tx: DbOrTx, campaignId: string): Promise<string[]> {
  const rows = await tx.execute<{ lead_id: string }>(sql`
    select distinct on (lead_id) lead_id, direction
    from messages where campaign_id = ${campaignId}
    order by lead_id, occurred_at desc, created_at desc`);
  return (rows.rows as { lead_id: string; direction?: string }[])
    .filter((r) => r.direction === 'outbound')
    .map((r) => r.lead_id);
}

/** Enrols by hand or through the API: named leads, or the campaign's unanswered ones (audited). */
export async function enrolLeads(
  db: Db,
  ref: { workspaceId: string; sequenceId: string; actor: string; by: 'hand' | 'api' },
  input: z.input<typeof enrolSchema>,
  now = new Date(),
): Promise<EnrolResult> {
  const q = parseInput(enrolSchema, input);
  return db.transaction(async (tx) => {
    const [sequence] = await tx
      .select()
      .from(followupSequences)
      .where(
        and(
          eq(followupSequences.workspaceId, ref.workspaceId),
          eq(followupSequences.id, ref.sequenceId),
        ),
      );
    if (!sequence)
      throw new AutosendError('not_found', `follow-up sequence ${ref.sequenceId} not found`);
    const ids = new Set<string>();
    const unknown: string[] = [];
    for (const key of q.leads ?? []) {
      const [lead] = await tx
        .select({ id: leads.id })
        .from(leads)
        .where(
          and(
            eq(leads.workspaceId, ref.workspaceId),
            isUuid(key) ? eq(leads.id, key) : sql`lower(${leads.email}) = lower(${key})`,
          ),
        );
      if (lead) ids.add(lead.id);
      else unknown.push(key);
    }
    if (unknown.length) {
      throw new AutosendError(
        'not_found',
        `lead(s) not found in the workspace: ${unknown.slice(0, 10).join(', ')}`,
      );
    }
    if (q.unanswered) {
      if (!sequence.campaignId) throw new AutosendError('conflict', 'the sequence has no campaign');
      for (const id of await unansweredLeadIds(tx, sequence.campaignId)) ids.add(id);
    }
    const result = await enrolLeadsInTx(tx, {
      workspaceId: ref.workspaceId,
      sequenceId: ref.sequenceId,
      leadIds: [...ids],
      by: q.unanswered && !q.leads?.length ? 'unanswered' : ref.by,
      now,
    });
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor: ref.actor,
      action: 'followup_sequence.enrol',
      entityType: 'followup_sequence',
      entityId: ref.sequenceId,
      before: null,
      after: { ...result, unanswered: q.unanswered ?? false, leads: q.leads?.length ?? 0 },
    });
    return result;
  });
}

/**
 * The campaign's first email went out to a lead (a platform event or the
 * API): enrol the lead in every sequence of the campaign. Runs in the
 * caller's transaction.
 */
export async function enrolOnFirstEmail(
  tx: DbOrTx,
  input: { workspaceId: string; campaignId: string; leadId: string; now: Date },
): Promise<number> {
  const sequences = await tx
    .select({ id: followupSequences.id })
    .from(followupSequences)
    .where(
      and(
        eq(followupSequences.workspaceId, input.workspaceId),
        eq(followupSequences.campaignId, input.campaignId),
      ),
    );
  let enrolled = 0;
  for (const s of sequences) {
    const r = await enrolLeadsInTx(tx, {
      workspaceId: input.workspaceId,
      sequenceId: s.id,
      leadIds: [input.leadId],
      by: 'first_email',
      now: input.now,
    });
    enrolled += r.enrolled;
  }
  return enrolled;
}

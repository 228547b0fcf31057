import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { parseInput } from '../admin/parse-input.ts';
import { recordAudit } from '../admin/record-audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { campaigns, followupSequences, followupSteps } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { parseDelay } from './add-delay.ts';
import type { StepSpec } from './followup-types.ts';
import { createSequenceSchema, type StepInput, updateSequenceSchema } from './sequence-input.ts';

export interface SequenceView {
  id: string;
  workspaceId: string;
  campaignId: string | null;
  name: string;
  ghostDays: number;
  oooDefaultDays: number;
  steps: (StepSpec & { delay: string })[];
  createdAt: string;
  updatedAt: string;
}

type SequenceRow = typeof followupSequences.$inferSelect;
type StepRow = typeof followupSteps.$inferSelect;

function delayLabel(s: Pick<StepRow, 'delayAmount' | 'delayUnit'>): string {
  return s.delayUnit === 'hours' ? `${s.delayAmount} hours` : `${s.delayAmount} business days`;
}

function view(row: SequenceRow, steps: StepRow[]): SequenceView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    campaignId: row.campaignId,
    name: row.name,
    ghostDays: row.ghostDays,
    oooDefaultDays: row.oooDefaultDays,
    steps: steps
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        position: s.position,
        delay: delayLabel(s),
        delayAmount: s.delayAmount,
        delayUnit: s.delayUnit,
        channel: s.channel,
        subject: s.subject,
        body: s.body,
        needsApproval: s.needsApproval,
      })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The steps of sequences, by sequence id. */
export async function stepsOf(db: DbOrTx, sequenceIds: string[]): Promise<Map<string, StepRow[]>> {
  const out = new Map<string, StepRow[]>();
  if (!sequenceIds.length) return out;
  const rows = await db
    .select()
    .from(followupSteps)
    .where(inArray(followupSteps.sequenceId, sequenceIds))
    .orderBy(asc(followupSteps.position));
  for (const r of rows) out.set(r.sequenceId, [...(out.get(r.sequenceId) ?? []), r]);
  return out;
}

async function loadSequence(db: DbOrTx, workspaceId: string, sequenceId: string, lock = false) {
  const query = db
    .select()
    .from(followupSequences)
    .where(
      and(eq(followupSequences.workspaceId, workspaceId), eq(followupSequences.id, sequenceId)),
    );
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AutosendError('not_found', `follow-up sequence ${sequenceId} not found`);
  return view(row, (await stepsOf(db, [row.id])).get(row.id) ?? []);
}

function stepRows(sequenceId: string, steps: StepInput[]) {
  return steps.map((s, i) => {
    const delay = parseDelay(s.delay)!;
    return {
      sequenceId,
      position: i + 1,
      delayAmount: delay.amount,
      delayUnit: delay.unit,
      channel: s.channel,
      subject: s.subject,
      body: s.body,
      needsApproval: s.needsApproval,
    };
  });
}

function nameTaken(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? error;
  const e = cause as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'followup_sequences_campaign_name_unique';
}

/** Creates a sequence with its steps for a campaign of the workspace (audited). */
export async function createSequence(
  db: Db,
  ref: { workspaceId: string; actor: string },
  input: z.input<typeof createSequenceSchema>,
): Promise<SequenceView> {
  const q = parseInput(createSequenceSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const [campaign] = await tx
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(and(eq(campaigns.workspaceId, ref.workspaceId), eq(campaigns.id, q.campaignId)));
      if (!campaign) throw new AutosendError('not_found', `campaign ${q.campaignId} not found`);
      const [row] = await tx
        .insert(followupSequences)
        .values({
          workspaceId: ref.workspaceId,
          campaignId: q.campaignId,
          name: q.name,
          ghostDays: q.ghostDays,
          oooDefaultDays: q.oooDefaultDays,
        })
        .returning();
      await tx.insert(followupSteps).values(stepRows(row!.id, q.steps));
      const created = await loadSequence(tx, ref.workspaceId, row!.id);
      await recordAudit(tx, {
        workspaceId: ref.workspaceId,
        actor: ref.actor,
        action: 'followup_sequence.create',
        entityType: 'followup_sequence',
        entityId: row!.id,
        before: null,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (nameTaken(error)) {
      throw new AutosendError('conflict', `the campaign already has a sequence named "${q.name}"`);
    }
    throw error;
  }
}

/** Edits a sequence: name, periods, or all its steps at once (audited, before and after). */
export async function updateSequence(
  db: Db,
  ref: { workspaceId: string; actor: string; sequenceId: string },
  input: z.input<typeof updateSequenceSchema>,
): Promise<SequenceView> {
  const q = parseInput(updateSequenceSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const before = await loadSequence(tx, ref.workspaceId, ref.sequenceId, true);
      const { steps, ...plain } = q;
      await tx
        .update(followupSequences)
        .set({ ...plain, updatedAt: new Date() })
        .where(eq(followupSequences.id, ref.sequenceId));
      if (steps) {
        await tx.delete(followupSteps).where(eq(followupSteps.sequenceId, ref.sequenceId));
        await tx.insert(followupSteps).values(stepRows(ref.sequenceId, steps));
      }
      const after = await loadSequence(tx, ref.workspaceId, ref.sequenceId);
      await recordAudit(tx, {
        workspaceId: ref.workspaceId,
        actor: ref.actor,
        action: 'followup_sequence.update',
        entityType: 'followup_sequence',
        entityId: ref.sequenceId,
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    if (nameTaken(error)) {
      throw new AutosendError('conflict', `the campaign already has a sequence named "${q.name}"`);
    }
    throw error;
  }
}

/** One sequence of the workspace with its steps. */
export function getSequence(db: Db, workspaceId: string, sequenceId: string) {
  return loadSequence(db, workspaceId, sequenceId);
}

/** The workspace's sequences with their steps, newest first. */
export async function listSequences(db: Db, workspaceId: string): Promise<SequenceView[]> {
  const rows = await db
    .select()
    .from(followupSequences)
    .where(eq(followupSequences.workspaceId, workspaceId))
    .orderBy(asc(followupSequences.createdAt));
  const steps = await stepsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, steps.get(r.id) ?? []));
}

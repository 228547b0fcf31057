import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isValidZone } from '../availability/local-slot-info.ts';
import type { Db } from '../db/client.ts';
import { leads, workspaces } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { type LeadView, leadView, loadLead } from './leads.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The workspace of a lead named only by email or id (the CLI without
 * --workspace). Several workspaces hold the address: refused, naming them.
 */
export async function findLeadWorkspace(db: Db, idOrEmail: string): Promise<string> {
  const match = UUID.test(idOrEmail)
    ? eq(leads.id, idOrEmail)
    : eq(sql`lower(${leads.email})`, idOrEmail.trim().toLowerCase());
  const rows = await db
    .select({ workspaceId: workspaces.id, name: workspaces.name })
    .from(leads)
    .innerJoin(workspaces, eq(workspaces.id, leads.workspaceId))
    .where(match)
    .orderBy(workspaces.name);
  if (rows.length === 1) return rows[0]!.workspaceId;
  if (rows.length === 0)
    throw new AutosendError('not_found', `lead ${idOrEmail} not found in any workspace`);
  throw new AutosendError(
    'conflict',
    `${idOrEmail} is a lead in ${rows.length} workspaces: ${rows
      .map((r) => `${r.name} (${r.workspaceId})`)
      .join(', ')}; choose one with --workspace ID`,
    { details: { workspaces: rows } },
  );
}

/** What a person may correct on a lead. */
export const leadUpdateSchema = z.strictObject({
  /** IANA zone the lead's slots are labelled and filtered in; null clears it (the workspace's is used). */
  timeZone: z
    .string()
    .trim()
    .refine((v) => isValidZone(v), 'must be an IANA time zone such as Europe/Berlin')
    .nullable(),
});

/**
 * Sets or corrects a lead's time zone (a webhook only fills an empty one),
 * audited as `lead.update` with before and after.
 */
export async function updateLead(
  db: Db,
  actor: string,
  ref: { workspaceId: string; leadIdOrEmail: string },
  input: z.input<typeof leadUpdateSchema>,
): Promise<LeadView> {
  const { timeZone } = parseInput(leadUpdateSchema, input);
  return db.transaction(async (tx) => {
    const row = await loadLead(tx, ref.workspaceId, ref.leadIdOrEmail, true);
    const [updated] = await tx
      .update(leads)
      .set({ timeZone, updatedAt: new Date() })
      .where(eq(leads.id, row.id))
      .returning();
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor,
      action: 'lead.update',
      entityType: 'lead',
      entityId: row.id,
      before: { timeZone: row.timeZone },
      after: { timeZone },
    });
    return leadView(tx, updated!);
  });
}

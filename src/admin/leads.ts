import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import { decisionEvents, leads, messages } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { afterCursor, type Page, pageFields, pageOf, sortKeyOf } from './keyset-page.ts';
import { parseInput } from './parse-input.ts';
import { recordAudit } from './record-audit.ts';

export const LEAD_FLAGS = ['opted_out', 'bounced', 'booked'] as const;
export type LeadFlag = (typeof LEAD_FLAGS)[number];

/** The decision reasons whose events are evidence for each flag. */
const EVIDENCE_REASONS: Record<LeadFlag, string[]> = {
  opted_out: ['opt_out'],
  bounced: ['bounce'],
  booked: ['already_booked', 'meeting_booked_unverified', 'booking_claimed'],
};

const COLUMNS = {
  opted_out: { at: 'optedOutAt', reason: 'optedOutReason' },
  bounced: { at: 'bouncedAt', reason: 'bouncedReason' },
  booked: { at: 'bookedAt', reason: 'bookedReason' },
} as const;

export interface FlagEvidence {
  messageId: string;
  subject: string;
  excerpt: string;
  step: string;
  outcome: string;
  reason: string | null;
  detail: unknown;
  at: string;
}

export interface LeadFlagView {
  flag: LeadFlag;
  at: string;
  reason: string;
  evidence: FlagEvidence[];
}

export interface LeadView {
  id: string;
  workspaceId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  timeZone: string | null;
  flags: LeadFlagView[];
  createdAt: string;
  updatedAt: string;
}

export const clearFlagSchema = z.strictObject({
  reason: z.string().trim().min(3, 'say why the flag is wrong (at least 3 characters)').max(1000),
});

type LeadRow = typeof leads.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lead of the workspace by id or email (case-insensitive), optionally locked; not_found otherwise. */
export async function loadLead(db: DbOrTx, workspaceId: string, idOrEmail: string, lock = false) {
  const match = UUID.test(idOrEmail)
    ? eq(leads.id, idOrEmail)
    : eq(sql`lower(${leads.email})`, idOrEmail.trim().toLowerCase());
  const query = db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), match));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AutosendError('not_found', `lead ${idOrEmail} not found`);
  return row;
}

async function evidenceFor(db: DbOrTx, leadId: string): Promise<Map<string, FlagEvidence[]>> {
  const reasons = Object.values(EVIDENCE_REASONS).flat();
  const rows = await db
    .select({ event: decisionEvents, message: messages })
    .from(decisionEvents)
    .innerJoin(messages, eq(messages.id, decisionEvents.messageId))
    .where(and(eq(messages.leadId, leadId), inArray(decisionEvents.reason, reasons)))
    .orderBy(desc(decisionEvents.id))
    .limit(50);
  const byReason = new Map<string, FlagEvidence[]>();
  for (const { event, message } of rows) {
    const list = byReason.get(event.reason!) ?? [];
    list.push({
      messageId: message.id,
      subject: message.subject,
      excerpt: message.text.slice(0, 300),
      step: event.step,
      outcome: event.outcome,
      reason: event.reason,
      detail: event.detail,
      at: event.at.toISOString(),
    });
    byReason.set(event.reason!, list);
  }
  return byReason;
}

function flagsOf(row: LeadRow, evidence: Map<string, FlagEvidence[]>): LeadFlagView[] {
  const flags: LeadFlagView[] = [];
  for (const flag of LEAD_FLAGS) {
    const at = row[COLUMNS[flag].at];
    if (!at) continue;
    flags.push({
      flag,
      at: at.toISOString(),
      reason: row[COLUMNS[flag].reason] ?? '',
      evidence: EVIDENCE_REASONS[flag].flatMap((r) => evidence.get(r) ?? []),
    });
  }
  return flags;
}

/** The lead as the API and CLI show it, with its flags and their evidence. */
export async function leadView(db: DbOrTx, row: LeadRow): Promise<LeadView> {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    company: row.company,
    timeZone: row.timeZone,
    flags: flagsOf(row, await evidenceFor(db, row.id)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Finds a lead of the workspace by id or email (case-insensitive), with its flags and their evidence. */
export async function getLead(db: Db, workspaceId: string, idOrEmail: string): Promise<LeadView> {
  return leadView(db, await loadLead(db, workspaceId, idOrEmail));
}

export const leadListSchema = z.strictObject({
  email: z.string().trim().min(1).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  ...pageFields,
});

/** Lists a workspace's leads, newest first; `flagged=true` keeps those with any flag. */
export async function listLeads(
  db: Db,
  workspaceId: string,
  query: z.input<typeof leadListSchema>,
): Promise<Page<Record<string, unknown>>> {
  const q = parseInput(leadListSchema, query);
  const anyFlag = sql`(${leads.optedOutAt} is not null or ${leads.bouncedAt} is not null or ${leads.bookedAt} is not null)`;
  const rows = await db
    .select({ ...getTableColumns(leads), sortKey: sortKeyOf(leads.createdAt) })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, workspaceId),
        afterCursor(leads.createdAt, leads.id, q.cursor),
        q.email ? sql`lower(${leads.email}) like ${`%${q.email.toLowerCase()}%`}` : undefined,
        q.flagged === 'true' ? anyFlag : q.flagged === 'false' ? sql`not ${anyFlag}` : undefined,
      ),
    )
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(q.limit + 1);
  const listed = pageOf(rows, q.limit);
  const items = listed.items.map((row) => ({
    ...row,
    flags: LEAD_FLAGS.filter((f) => row[COLUMNS[f].at] !== null),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
  return { items, nextCursor: listed.nextCursor };
}

/**
 * Clears one flag (opted_out, bounced, booked) with the reason a person gives,
 * recording the flag as it was in the audit trail. Refused when not set.
 */
export async function clearLeadFlag(
  db: Db,
  actor: string,
  ref: { workspaceId: string; leadIdOrEmail: string; flag: LeadFlag },
  input: z.input<typeof clearFlagSchema>,
): Promise<LeadView> {
  const { reason } = parseInput(clearFlagSchema, input);
  return db.transaction(async (tx) => {
    const row = await loadLead(tx, ref.workspaceId, ref.leadIdOrEmail, true);
    const cols = COLUMNS[ref.flag];
    const at = row[cols.at];
    if (!at)
      throw new AutosendError('conflict', `lead ${row.email} is not ${ref.flag.replace('_', ' ')}`);
    const [updated] = await tx
      .update(leads)
      .set({ [cols.at]: null, [cols.reason]: null, updatedAt: new Date() })
      .where(eq(leads.id, row.id))
      .returning();
    await recordAudit(tx, {
      workspaceId: ref.workspaceId,
      actor,
      action: 'lead.flag_clear',
      entityType: 'lead',
      entityId: row.id,
      before: { flag: ref.flag, at: at.toISOString(), reason: row[cols.reason] },
      after: { flag: ref.flag, cleared: true, reason },
    });
    return leadView(tx, updated!);
  });
}

import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { campaigns } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';

/** What a backfill covers: one workspace or all of them, optionally some campaigns. */
export interface BackfillScope {
  /** Null: every workspace (--all-workspaces). */
  workspaceId: string | null;
  /** Empty: every AI_AUTO_SEND campaign in scope. */
  campaignIds: string[];
}

export interface ScopeCampaign {
  id: string;
  name: string;
  workspaceId: string;
  confidenceGate: number;
}

/**
 * The campaigns a backfill may answer in: configured and in AI_AUTO_SEND. A
 * campaign named with --campaign that is not one of them is an error naming
 * it and saying why, not a silent empty run.
 */
export async function loadScopeCampaigns(
  db: DbOrTx,
  scope: BackfillScope,
): Promise<ScopeCampaign[]> {
  const where = [
    ...(scope.workspaceId ? [eq(campaigns.workspaceId, scope.workspaceId)] : []),
    ...(scope.campaignIds.length ? [inArray(campaigns.id, scope.campaignIds)] : []),
  ];
  const rows = await db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      workspaceId: campaigns.workspaceId,
      confidenceGate: campaigns.confidenceGate,
      responseMode: campaigns.responseMode,
      configuredAt: campaigns.configuredAt,
    })
    .from(campaigns)
    .where(where.length ? and(...where) : undefined)
    .orderBy(campaigns.name);
  const fields: Record<string, string> = {};
  for (const id of scope.campaignIds) {
    const row = rows.find((r) => r.id === id);
    if (!row) fields[`campaign ${id}`] = 'not found in this workspace';
    else if (!row.configuredAt) {
      fields[`campaign ${id}`] =
        `"${row.name}" is not configured yet (autosend campaign set ${id})`;
    } else if (row.responseMode !== 'AI_AUTO_SEND') {
      fields[`campaign ${id}`] =
        `"${row.name}" is ${row.responseMode}: set --mode ai_auto_send before a backfill`;
    }
  }
  if (Object.keys(fields).length) {
    throw new ValidationError(
      `cannot backfill: ${Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
      fields,
    );
  }
  return rows
    .filter((r) => r.configuredAt && r.responseMode === 'AI_AUTO_SEND')
    .map(({ id, name, workspaceId, confidenceGate }) => ({
      id,
      name,
      workspaceId,
      confidenceGate,
    }));
}

import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { suppressions } from '../db/schema.ts';
import { hashAddress } from './address-hash.ts';

export interface SuppressionHit {
  id: string;
  /** `workspace` when suppressed in this workspace only, `all` when in every workspace. */
  scope: 'workspace' | 'all';
}

/**
 * The suppression that covers any of these addresses in the workspace (its
 * own or an every-workspace one), or null. One indexed lookup.
 */
export async function findSuppression(
  db: DbOrTx,
  workspaceId: string,
  addresses: (string | null | undefined)[],
): Promise<SuppressionHit | null> {
  const hashes = [...new Set(addresses.filter((a): a is string => !!a?.trim()).map(hashAddress))];
  if (!hashes.length) return null;
  const [row] = await db
    .select({ id: suppressions.id, workspaceId: suppressions.workspaceId })
    .from(suppressions)
    .where(
      and(
        inArray(suppressions.addressHash, hashes),
        or(isNull(suppressions.workspaceId), eq(suppressions.workspaceId, workspaceId)),
      ),
    )
    .limit(1);
  return row ? { id: row.id, scope: row.workspaceId ? 'workspace' : 'all' } : null;
}

/** Counts one refused delivery or send against the suppression. */
export async function noteRefusal(db: DbOrTx, hit: SuppressionHit, at: Date): Promise<void> {
  await db
    .update(suppressions)
    .set({ refusedCount: sql`${suppressions.refusedCount} + 1`, lastRefusedAt: at })
    .where(eq(suppressions.id, hit.id));
}

/** Adds a suppression (idempotent: an existing one for the same scope is kept). */
export async function addSuppression(
  tx: DbOrTx,
  input: { workspaceId: string | null; address: string; createdBy: string },
): Promise<{ addressHash: string; created: boolean }> {
  const addressHash = hashAddress(input.address);
  const rows = await tx.execute<{ id: string }>(sql`
    insert into suppressions (workspace_id, address_hash, created_by)
    values (${input.workspaceId}, ${addressHash}, ${input.createdBy})
    on conflict (coalesce(workspace_id, '00000000-0000-0000-0000-000000000000'::uuid), address_hash)
    do nothing
    returning id`);
  return { addressHash, created: rows.rows.length > 0 };
}

/**
 * A select-list expression: `workspace` or `all` when one of these address
 * columns is suppressed in the row's workspace, else null. Hashes in SQL as
 * hashAddress does (sha256 of the trimmed, lower-cased address), so a context
 * loader reads the suppression with its own row, in its own statement.
 */
export function suppressedSql(addresses: AnyPgColumn[], workspaceId: AnyPgColumn) {
  const hashes = sql.join(
    addresses.map((a) => sql`encode(sha256(convert_to(lower(btrim(${a})), 'UTF8')), 'hex')`),
    sql`, `,
  );
  return sql<'workspace' | 'all' | null>`(
    select case when s.workspace_id is null then 'all' else 'workspace' end
    from suppressions s
    where s.address_hash in (${hashes})
      and (s.workspace_id is null or s.workspace_id = ${workspaceId})
    limit 1)`;
}

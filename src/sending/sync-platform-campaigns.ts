import { and, eq, sql } from 'drizzle-orm';
import { findConnectionRow } from '../admin/sending-connections.ts';
import { getWorkspaceRow } from '../admin/workspaces.ts';
import type { Db } from '../db/client.ts';
import { campaigns, sendingConnections } from '../db/schema.ts';
import { AutosendError, ValidationError } from '../errors.ts';
import { openConnectionCredentials, SENDING_CONNECTION_KINDS } from './connection-credentials.ts';
import type { PlatformHttp } from './platforms/call-platform-api.ts';
import type { PlatformName } from './platforms/classify-platform-response.ts';
import { listPlatformCampaigns } from './platforms/list-platform-campaigns.ts';
import { platformBaseUrl } from './platforms/platform-base-url.ts';

const PLATFORMS = new Set<string>(['smartlead', 'instantly', 'emailbison']);

/**
 * Lists the platform's campaigns into Autosend (`autosend connection sync`):
 * unknown ones become discovered campaigns (MANUAL, configured_at null, the
 * same rows a first webhook would create), so they can be configured before
 * the first reply; a known campaign whose name a person never set follows the
 * platform's name. Records the outcome on the connection either way.
 */
export async function syncPlatformCampaigns(
  db: Db,
  workspaceId: string,
  kind: string,
  options: { secretKey: string | undefined; http: PlatformHttp; now?: () => Date },
): Promise<{
  workspaceId: string;
  kind: PlatformName;
  listed: number;
  discovered: number;
  renamed: number;
}> {
  await getWorkspaceRow(db, workspaceId);
  const known = (SENDING_CONNECTION_KINDS as readonly string[]).includes(kind);
  const row = known ? await findConnectionRow(db, workspaceId, kind as PlatformName) : undefined;
  if (known && !row) {
    throw new AutosendError('not_found', `workspace ${workspaceId} has no ${kind} connection`);
  }
  if (!row || !PLATFORMS.has(kind)) {
    throw new ValidationError(`only platform connections have campaigns to sync, not "${kind}"`, {
      kind: 'must be smartlead, instantly or emailbison',
    });
  }
  const platform = kind as PlatformName;
  const at = (options.now ?? (() => new Date()))();
  try {
    const listed = await listPlatformCampaigns(
      platform,
      openConnectionCredentials(row, options.secretKey),
      {
        ...options.http,
        baseUrl: platformBaseUrl(platform, row.settings as Record<string, unknown>),
      },
    );
    const counts = await db.transaction(async (tx) => {
      let discovered = 0;
      let renamed = 0;
      for (const c of listed) {
        const inserted = await tx
          .insert(campaigns)
          .values({
            workspaceId,
            platform,
            externalId: c.externalId,
            name: c.name,
            responseMode: 'MANUAL',
            configuredAt: null,
          })
          .onConflictDoNothing({
            target: [campaigns.workspaceId, campaigns.platform, campaigns.externalId],
          })
          .returning({ id: campaigns.id });
        if (inserted[0]) {
          discovered += 1;
          continue;
        }
        const updated = await tx
          .update(campaigns)
          .set({ name: c.name, updatedAt: at })
          .where(
            and(
              eq(campaigns.workspaceId, workspaceId),
              eq(campaigns.platform, platform),
              eq(campaigns.externalId, c.externalId),
              sql`${campaigns.configuredAt} is null`,
              sql`${campaigns.name} <> ${c.name}`,
            ),
          )
          .returning({ id: campaigns.id });
        renamed += updated.length;
      }
      await tx
        .update(sendingConnections)
        .set({ lastSyncAt: at, lastSyncError: null })
        .where(eq(sendingConnections.id, row.id));
      return { discovered, renamed };
    });
    return { workspaceId, kind: platform, listed: listed.length, ...counts };
  } catch (error) {
    await db
      .update(sendingConnections)
      .set({ lastSyncAt: at, lastSyncError: (error as Error).message })
      .where(eq(sendingConnections.id, row.id));
    throw error;
  }
}

/**
 * Syncs the campaigns of every platform connection (of one workspace, or all):
 * the scheduled part of `platform.reconcile`. A failing connection is recorded
 * on its row by syncPlatformCampaigns and logged; the others still run.
 */
export async function syncAllPlatformCampaigns(
  db: Db,
  options: {
    secretKey: string | undefined;
    http: PlatformHttp;
    workspaceId?: string;
    onError: (kind: string, workspaceId: string, error: unknown) => void;
  },
): Promise<number> {
  const rows = await db
    .select({ workspaceId: sendingConnections.workspaceId, kind: sendingConnections.kind })
    .from(sendingConnections)
    .where(
      options.workspaceId ? eq(sendingConnections.workspaceId, options.workspaceId) : undefined,
    );
  let synced = 0;
  for (const row of rows.filter((r) => PLATFORMS.has(r.kind))) {
    try {
      await syncPlatformCampaigns(db, row.workspaceId, row.kind, options);
      synced += 1;
    } catch (error) {
      options.onError(row.kind, row.workspaceId, error);
    }
  }
  return synced;
}

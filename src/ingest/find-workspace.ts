import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';

export interface IngestWorkspace {
  id: string;
  name: string;
  /** As stored: sealed (`v1:…`) or clear; open with ingest/webhook-secrets.ts. */
  webhookSecret: string;
  webhookSecretPrevious: string | null;
  webhookSecretPreviousUntil: Date | null;
}

const ingestColumns = {
  id: workspaces.id,
  name: workspaces.name,
  webhookSecret: workspaces.webhookSecret,
  webhookSecretPrevious: workspaces.webhookSecretPrevious,
  webhookSecretPreviousUntil: workspaces.webhookSecretPreviousUntil,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace a webhook URL names by its public key, or undefined. */
export async function findWorkspaceByWebhookKey(
  db: DbOrTx,
  webhookKey: string,
): Promise<IngestWorkspace | undefined> {
  const [row] = await db
    .select(ingestColumns)
    .from(workspaces)
    .where(eq(workspaces.webhookKey, webhookKey))
    .limit(1);
  return row;
}

/** A workspace named on the command line by its id or its webhook key. */
export async function findWorkspaceByIdOrKey(
  db: DbOrTx,
  idOrKey: string,
): Promise<IngestWorkspace | undefined> {
  if (UUID.test(idOrKey)) {
    const [row] = await db
      .select(ingestColumns)
      .from(workspaces)
      .where(eq(workspaces.id, idOrKey))
      .limit(1);
    if (row) return row;
  }
  return findWorkspaceByWebhookKey(db, idOrKey);
}

import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { DbOrTx } from '../db/client.ts';
import { availabilityCache, workspaces } from '../db/schema.ts';
import { AutosendError, asAutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { openAvailabilitySecrets } from './availability-secrets.ts';
import { type AvailabilitySourceName, parseAvailabilitySettings } from './availability-settings.ts';
import { availabilityNotSetUpMessage, isAvailabilitySetUp } from './availability-setup.ts';
import type { Slot } from './slot.ts';
import type { FetchImpl } from './sources/fetch-json.ts';
import { makeAvailabilitySource } from './sources/make-availability-source.ts';

export interface AvailabilityDeps {
  db: DbOrTx;
  config: Config;
  logger: Logger;
  /** Defaults to global fetch; tests pass their own only to reach local peers. */
  fetchImpl?: FetchImpl;
}

export interface Availability {
  /** Free slots as the source gave them (read-time filters not yet applied). */
  slots: Slot[];
  /** True when the source failed and these are the last good slots. */
  stale: boolean;
  /** When the slots were fetched; null when the source never answered. */
  fetchedAt: Date | null;
  /** Why the slots are stale or empty, for the decision trail and the draft's explain. */
  warning?: string;
  /** The workspace's time zone, read with the slots (the allocator needs both). */
  timeZone: string;
}

/** fetched_at is NOT NULL: the epoch marks "never fetched" on a row that only records an error. */
const NEVER = new Date(0);
/** A failing source is tried again after this long at most, not on every reply. */
const FAILURE_RETRY_MS = 120_000;
/** Calendly refuses a start in the past: ask from a little after now. */
const FETCH_LEAD_MS = 60_000;

/**
 * A workspace's free slots: from the cache while fresh, else refreshed from
 * its source. A source failure keeps the last good slots marked stale (and
 * logs a warning); with nothing usable the slots are empty and `warning`
 * says why. Never throws for a source failure.
 */
export async function getAvailability(
  deps: AvailabilityDeps,
  workspaceId: string,
  now: Date,
): Promise<Availability> {
  const loaded = await load(deps.db, workspaceId);
  const { workspace, cached } = loaded;
  if (cached && cached.source === workspace.availabilitySource && cached.expiresAt > now) {
    return fromRow(cached, workspace.timeZone);
  }
  return refreshFrom(deps, workspaceId, now, loaded);
}

/** Fetches from the source now and stores the result (the `availability.refresh` job). */
export async function refreshAvailability(
  deps: AvailabilityDeps,
  workspaceId: string,
  now: Date,
): Promise<Availability> {
  return refreshFrom(deps, workspaceId, now, await load(deps.db, workspaceId));
}

async function refreshFrom(
  deps: AvailabilityDeps,
  workspaceId: string,
  now: Date,
  { workspace, cached }: Awaited<ReturnType<typeof load>>,
): Promise<Availability> {
  const timeZone = workspace.timeZone;
  const source = workspace.availabilitySource as AvailabilitySourceName;
  const ttlMs = deps.config.availability.cacheTtlSeconds * 1000;
  if (!isAvailabilitySetUp(source, workspace.availabilityConfig)) {
    // Nothing to fetch from: say so and how to fix it, and cache nothing, so
    // the first reply after set-availability already uses the new settings.
    const warning = availabilityNotSetUpMessage(workspaceId);
    deps.logger.warn({ workspaceId, source }, warning);
    return { slots: [], stale: false, fetchedAt: null, warning, timeZone };
  }
  try {
    const settings = parseAvailabilitySettings(
      source,
      openAvailabilitySecrets(source, workspace.availabilityConfig, deps.config.secretKey),
      workspace.timeZone,
    );
    const from = new Date(now.getTime() + FETCH_LEAD_MS);
    // One day beyond the horizon, so a slot near the edge survives the next TTL.
    const to = new Date(now.getTime() + (deps.config.availability.horizonDays + 1) * 86_400_000);
    const slots = await makeAvailabilitySource(settings, deps.fetchImpl).fetchSlots({ from, to });
    const row = {
      workspaceId,
      source,
      slots,
      fetchedAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
      stale: false,
      lastError: null,
      lastErrorAt: null,
    };
    await deps.db
      .insert(availabilityCache)
      .values(row)
      .onConflictDoUpdate({ target: availabilityCache.workspaceId, set: row });
    return { slots, stale: false, fetchedAt: now, timeZone };
  } catch (thrown) {
    const error = asAutosendError(thrown);
    const keep =
      cached && cached.source === source && cached.fetchedAt > NEVER ? cached : undefined;
    const message = `${source}: ${error.message}`.slice(0, 1000);
    deps.logger.warn(
      {
        workspaceId,
        source,
        code: error.code,
        keptSlots: keep ? (keep.slots as Slot[]).length : 0,
      },
      'availability source failed; serving the last good slots, if any',
    );
    const row = {
      workspaceId,
      source,
      slots: keep ? (keep.slots as Slot[]) : [],
      fetchedAt: keep ? keep.fetchedAt : NEVER,
      expiresAt: new Date(now.getTime() + Math.min(ttlMs, FAILURE_RETRY_MS)),
      stale: true,
      lastError: message,
      lastErrorAt: now,
    };
    await deps.db
      .insert(availabilityCache)
      .values(row)
      .onConflictDoUpdate({ target: availabilityCache.workspaceId, set: row });
    return fromRow(row, timeZone);
  }
}

type CacheRow = typeof availabilityCache.$inferSelect;

function fromRow(
  row: Omit<CacheRow, 'workspaceId'> & { workspaceId?: string },
  timeZone: string,
): Availability {
  const slots = (Array.isArray(row.slots) ? row.slots : []) as Slot[];
  const fetchedAt = row.fetchedAt > NEVER ? row.fetchedAt : null;
  if (!row.stale) return { slots, stale: false, fetchedAt, timeZone };
  const since = row.lastErrorAt ? ` since ${row.lastErrorAt.toISOString()}` : '';
  const warning = fetchedAt
    ? `availability source failing${since} (${row.lastError}); offering slots fetched at ${fetchedAt.toISOString()}`
    : `availability source failing${since} (${row.lastError}); no slots were ever fetched`;
  return { slots, stale: true, fetchedAt, warning, timeZone };
}

/** The workspace's availability settings and its cache row, in one statement. */
async function load(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({
      workspace: {
        availabilitySource: workspaces.availabilitySource,
        availabilityConfig: workspaces.availabilityConfig,
        timeZone: workspaces.timeZone,
      },
      cached: availabilityCache,
    })
    .from(workspaces)
    .leftJoin(availabilityCache, eq(availabilityCache.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!row) {
    throw new AutosendError('not_found', `workspace ${workspaceId} not found`, {
      details: { workspaceId },
    });
  }
  return { workspace: row.workspace, cached: row.cached ?? undefined };
}

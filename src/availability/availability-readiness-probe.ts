import type { Db } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import type { ReadinessProbe } from '../http/routes/health.ts';
import type { AvailabilitySourceName } from './availability-settings.ts';
import { availabilityNotSetUpMessage, isAvailabilitySetUp } from './availability-setup.ts';

/**
 * /readyz's informational `availability` check: every workspace whose
 * availability is not set up, with the command that sets it up. Informational:
 * such a workspace still gets drafts (with the booking link instead of slots).
 */
export function availabilityReadinessProbe(db: Db): ReadinessProbe {
  return async () => {
    const rows = await db
      .select({
        id: workspaces.id,
        name: workspaces.name,
        source: workspaces.availabilitySource,
        config: workspaces.availabilityConfig,
      })
      .from(workspaces);
    const notSetUp = rows
      .filter((w) => !isAvailabilitySetUp(w.source as AvailabilitySourceName, w.config))
      .map((w) => ({ workspaceId: w.id, name: w.name, fix: availabilityNotSetUpMessage(w.id) }));
    const summary = notSetUp.length
      ? `${notSetUp.length} of ${rows.length} workspaces: availability is not set up, so replies offer no slots`
      : `${rows.length} workspaces have availability set up`;
    return [
      'availability',
      { ok: notSetUp.length === 0, informational: true, detail: { summary, notSetUp } },
    ];
  };
}

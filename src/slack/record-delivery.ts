import type { DbOrTx } from '../db/client.ts';
import { notificationDeliveries } from '../db/schema.ts';
import type { DeliveryOutcome } from './send-to-reviewer.ts';

/** Appends one notification_deliveries row for one attempt, ok or not. */
export async function recordDelivery(
  db: DbOrTx,
  input: { reviewRequestId: string | null; target: string; outcome: DeliveryOutcome },
): Promise<void> {
  const { outcome } = input;
  const failure = outcome.failure;
  await db.insert(notificationDeliveries).values({
    reviewRequestId: input.reviewRequestId,
    channel: 'slack',
    target: input.target,
    method: outcome.method,
    ok: outcome.ok,
    errorCode: failure?.code ?? null,
    errorMessage: failure ? failure.message.slice(0, 1000) : null,
    // On a fallback success, keep what the preferred path lacked: it still needs fixing.
    neededScopes: failure?.needed ?? outcome.fallbackFrom?.needed ?? null,
    providedScopes: failure?.provided ?? outcome.grantedScopes ?? null,
    providerChannel: outcome.channel ?? null,
    providerTs: outcome.ts ?? null,
    latencyMs: outcome.latencyMs,
  });
}

/** An outcome for a failure found before calling Slack (no token, no reviewers). */
export function localFailure(
  method: DeliveryOutcome['method'],
  code: string,
  message: string,
): DeliveryOutcome {
  return {
    ok: false,
    method,
    channel: undefined,
    ts: undefined,
    failure: {
      method: 'none',
      code,
      message,
      needed: undefined,
      provided: undefined,
      retryAfterSeconds: undefined,
      transient: false,
    },
    fallbackFrom: undefined,
    grantedScopes: undefined,
    latencyMs: 0,
  };
}

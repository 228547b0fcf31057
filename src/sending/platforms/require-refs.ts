import { AutosendError } from '../../errors.ts';
import type { OutgoingEmail } from '../email-sender.ts';
import type { PlatformName } from './classify-platform-response.ts';

/**
 * The thread ids a platform needs, read from what the inbound webhook carried.
 * A missing id is permanent (the reply cannot be threaded), so it is refused
 * before any request, naming the webhook field it should have come from.
 */
export function requireRefs<K extends string>(
  platform: PlatformName,
  mail: OutgoingEmail,
  fields: Record<K, string>,
): Record<K, string> {
  const refs = mail.platform?.refs ?? {};
  const out = {} as Record<K, string>;
  const missing: string[] = [];
  for (const [key, webhookField] of Object.entries(fields) as [K, string][]) {
    const value = refs[key];
    if (value) out[key] = value;
    else missing.push(`${key} (webhook ${webhookField})`);
  }
  if (missing.length) {
    throw new AutosendError(
      'platform_rejected',
      `cannot reply in the ${platform} thread: the inbound message has no ${missing.join(', ')}`,
      { details: { delivery: 'rejected', platform, kind: 'missing_thread_ids', missing } },
    );
  }
  return out;
}

import type { SendingConnectionKind } from './connection-credentials.ts';

export type CampaignPlatform = 'generic' | 'smartlead' | 'instantly' | 'emailbison';

export type SendingChoice =
  | { use: 'connection'; kind: SendingConnectionKind }
  /** No connection of its own: the process-wide SENDER (outbox or SMTP_URL). */
  | { use: 'default' }
  | { use: 'none'; needs: CampaignPlatform };

/**
 * Which way a campaign's reply goes out. Pure. A platform campaign goes only
 * through its platform's connection: without it the reply waits for review,
 * never sent some other way (a reply that bypasses the platform breaks its
 * threading, stats and sequence stop). A generic campaign uses the
 * workspace's SMTP connection, else its outbox connection, else SENDER.
 */
export function chooseSendingConnection(
  platform: CampaignPlatform,
  available: ReadonlySet<SendingConnectionKind>,
): SendingChoice {
  if (platform !== 'generic') {
    return available.has(platform)
      ? { use: 'connection', kind: platform }
      : { use: 'none', needs: platform };
  }
  if (available.has('smtp')) return { use: 'connection', kind: 'smtp' };
  if (available.has('outbox')) return { use: 'connection', kind: 'outbox' };
  return { use: 'default' };
}

import path from 'node:path';
import { outboxFileName } from '../sending/outbox-sender.ts';
import { outboxFileExists, writeOutboxFile } from '../sending/write-outbox-file.ts';

/** One sms or LinkedIn follow-up, ready for a provider. */
export interface ChannelMessage {
  channel: 'sms' | 'linkedin';
  /** A phone number or a LinkedIn profile URL. */
  to: string;
  text: string;
  /** Deterministic per instance and step, like an email's Message-ID. */
  messageId: string;
  leadEmail: string;
}

/**
 * Hands an sms or LinkedIn message to a provider. Errors follow the email
 * senders' contract (`deliveryError`: rejected, not_sent, unknown), so the
 * scheduler treats every channel alike.
 */
export interface ChannelSender {
  name: string;
  send(message: ChannelMessage): Promise<{ providerMessageId: string }>;
  exists?(messageId: string): Promise<boolean>;
}

/**
 * The default for sms and LinkedIn: one JSON file per message under
 * `<outbox>/<channel>/`, written like the email outbox (write-outbox-file.ts:
 * atomic, never overwriting), so nothing is lost while no provider is
 * configured and an operator (or a script) can pick the messages up.
 */
export function makeOutboxChannelSender(
  outboxDir: string,
  channel: 'sms' | 'linkedin',
): ChannelSender {
  const dir = path.join(outboxDir, channel);
  const fileOf = (messageId: string) =>
    path.join(dir, outboxFileName(messageId).replace(/\.eml$/, '.json'));
  return {
    name: `outbox-${channel}`,
    async send(message) {
      await writeOutboxFile(
        fileOf(message.messageId),
        async () => `${JSON.stringify(message, null, 2)}\n`,
      );
      return { providerMessageId: message.messageId };
    },
    exists: (messageId) => outboxFileExists(fileOf(messageId)),
  };
}

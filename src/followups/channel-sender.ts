import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { deliveryError } from '../sending/email-sender.ts';
import { outboxFileName } from '../sending/outbox-sender.ts';

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
 * `<outbox>/<channel>/`, written to a temporary name and linked into place
 * (never overwriting), so nothing is lost while no provider is configured
 * and an operator (or a script) can pick the messages up.
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
      const target = fileOf(message.messageId);
      const temp = path.join(
        dir,
        `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      try {
        await mkdir(dir, { recursive: true });
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(`${JSON.stringify(message, null, 2)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        throw deliveryError('not_sent', `outbox write failed: ${(error as Error).message}`, error);
      }
      try {
        await link(temp, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw code === 'EEXIST'
          ? deliveryError('unknown', `${path.basename(target)} is already in the outbox`, error)
          : deliveryError('not_sent', `outbox write failed: ${(error as Error).message}`, error);
      } finally {
        await rm(temp, { force: true }).catch(() => {});
      }
      return { providerMessageId: message.messageId };
    },
    async exists(messageId) {
      try {
        return (await stat(fileOf(messageId))).isFile();
      } catch {
        return false;
      }
    },
  };
}

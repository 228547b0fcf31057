import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailSender, OutgoingEmail } from './email-sender.ts';
import { outboxFileExists, writeOutboxFile } from './write-outbox-file.ts';

/** `<autosend.x@acme.com>` → `autosend.x@acme.com.eml`: one file name per Message-ID. */
export function outboxFileName(messageId: string): string {
  const bare = messageId.trim().replace(/^<|>$/g, '');
  return `${bare.replace(/[^A-Za-z0-9._@+-]/g, '_')}.eml`;
}

/** Builds the RFC 5322 bytes of a reply with nodemailer's composer. */
export async function composeMessage(mail: OutgoingEmail, date?: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to,
    ...(mail.cc?.length ? { cc: mail.cc } : {}),
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length ? { references: mail.references } : {}),
    ...(date ? { date } : {}),
  });
  return composer.compile().build();
}

export interface OutboxSender extends EmailSender {
  name: 'outbox';
  /** The directory the `.eml` files are written to. */
  dir: string;
  exists(messageId: string): Promise<boolean>;
}

/**
 * Writes each reply as an `.eml` file under `dir`, atomically and never over
 * an existing file (write-outbox-file.ts): "the file exists" means "it was sent".
 */
export function makeOutboxSender(dir: string): OutboxSender {
  const fileOf = (messageId: string) => path.join(dir, outboxFileName(messageId));
  return {
    name: 'outbox',
    dir,
    async send(mail) {
      await writeOutboxFile(fileOf(mail.messageId), () => composeMessage(mail));
      return { providerMessageId: mail.messageId };
    },
    exists: (messageId) => outboxFileExists(fileOf(messageId)),
  };
}

import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { deliveryError, type EmailSender, type OutgoingEmail } from './email-sender.ts';

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
 * Writes each reply as an `.eml` file under `dir`. The file is written to a
 * temporary name, flushed to disk, then linked to its final name: a crash
 * leaves either no file or the whole message, so "the file exists" means "it
 * was sent". The link never replaces an existing file: a second hand-off of
 * one Message-ID fails loudly (`unknown`) instead of silently overwriting.
 */
export function makeOutboxSender(dir: string): OutboxSender {
  return {
    name: 'outbox',
    dir,
    async send(mail) {
      const target = path.join(dir, outboxFileName(mail.messageId));
      // Not ending in .eml, so readers of the outbox never pick up a half-written file.
      const temp = path.join(
        dir,
        `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      try {
        const bytes = await composeMessage(mail);
        await mkdir(dir, { recursive: true });
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        // Nothing is visible in the outbox yet: certainly not sent.
        throw deliveryError('not_sent', `outbox write failed: ${(error as Error).message}`, error);
      }
      try {
        await publish(temp, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw code === 'EEXIST'
          ? deliveryError('unknown', `${path.basename(target)} is already in the outbox`, error)
          : deliveryError('not_sent', `outbox write failed: ${(error as Error).message}`, error);
      } finally {
        await rm(temp, { force: true }).catch(() => {});
      }
      return { providerMessageId: mail.messageId };
    },
    async exists(messageId) {
      try {
        return (await stat(path.join(dir, outboxFileName(messageId)))).isFile();
      } catch {
        return false;
      }
    },
  };
}

/** Gives the finished file its final name without ever replacing one (rename where links are unsupported). */
async function publish(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    ) {
      throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
    }
    await rename(temp, target);
  }
}

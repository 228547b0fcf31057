import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { deliveryError } from './email-sender.ts';

/**
 * Writes one outbox file (an `.eml` reply, a `.json` sms or LinkedIn
 * follow-up): to a temporary name, flushed to disk, then linked to its final
 * name. A crash leaves either no file or the whole message, so "the file
 * exists" means "it was sent". The link never replaces an existing file: a
 * second hand-off of one message fails loudly (`unknown`) instead of
 * silently overwriting. `bytes` is built inside the not-sent boundary: a
 * composer that throws means nothing was handed off.
 */
export async function writeOutboxFile(
  target: string,
  bytes: () => Promise<Buffer | string>,
): Promise<void> {
  const dir = path.dirname(target);
  // Not ending in the final extension, so readers of the outbox never pick up a half-written file.
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const content = await bytes();
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content);
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
}

/** Whether an outbox file is in place (the message was handed off). */
export async function outboxFileExists(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

/** Gives the finished file its final name without ever replacing one (rename where links are unsupported). */
async function publish(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (await outboxFileExists(target)) {
      throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
    }
    await rename(temp, target);
  }
}

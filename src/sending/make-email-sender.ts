import type { Config } from '../config/load-config.ts';
import type { EmailSender } from './email-sender.ts';
import { makeOutboxSender } from './outbox-sender.ts';
import { makeSmtpSender } from './smtp-sender.ts';

/** The sender named by SENDER: `outbox` (DATA_DIR/outbox, the default) or `smtp` (SMTP_URL). */
export function makeEmailSender(config: Pick<Config, 'sending' | 'outboxDir'>): EmailSender {
  if (config.sending.sender === 'smtp') {
    // parseConfig refuses SENDER=smtp without SMTP_URL, so this holds.
    return makeSmtpSender(config.sending.smtpUrl!);
  }
  return makeOutboxSender(config.outboxDir);
}

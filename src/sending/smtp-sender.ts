import nodemailer, { type NodemailerError } from 'nodemailer';
import { type DeliveryFailure, deliveryError, type EmailSender } from './email-sender.ts';

/** Failures that happen before the server could have accepted anything. */
const BEFORE_HANDOFF_CODES = new Set(['EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE']);
const BEFORE_HANDOFF_ORIGINAL = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const BEFORE_HANDOFF_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * What an SMTP error means for the draft. A reply code is a definite answer:
 * 5xx (but 503) rejects the message for good, 4xx declines it for now. Without
 * a reply code, only failures while connecting are certainly before the
 * hand-off; a connection lost later may have delivered the message.
 */
export function classifySmtpError(error: NodemailerError): DeliveryFailure {
  if (typeof error.responseCode === 'number') {
    const permanent = error.permanent ?? (error.responseCode >= 500 && error.responseCode !== 503);
    return permanent ? 'rejected' : 'not_sent';
  }
  if (error.code && BEFORE_HANDOFF_CODES.has(error.code)) return 'not_sent';
  if (error.originalCode && BEFORE_HANDOFF_ORIGINAL.has(error.originalCode)) return 'not_sent';
  if (error.timeoutType && BEFORE_HANDOFF_TIMEOUTS.has(error.timeoutType)) return 'not_sent';
  // Not `command === 'CONN'`: nodemailer labels a line dropped mid-DATA that way too.
  return 'unknown';
}

/** Sends through an SMTP server (nodemailer) at `smtpUrl` (smtp:// or smtps://). */
export function makeSmtpSender(smtpUrl: string): EmailSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(mail) {
      try {
        await transport.sendMail({
          from: mail.from.name
            ? { name: mail.from.name, address: mail.from.address }
            : mail.from.address,
          to: mail.to,
          ...(mail.cc?.length ? { cc: mail.cc } : {}),
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
          ...(mail.references.length ? { references: mail.references } : {}),
        });
      } catch (error) {
        const err = error as NodemailerError;
        const delivery = classifySmtpError(err);
        throw deliveryError(delivery, `smtp send ${delivery}: ${err.message}`, error);
      }
      return { providerMessageId: mail.messageId };
    },
    close() {
      transport.close();
    },
  };
}

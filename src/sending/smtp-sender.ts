import nodemailer, { type NodemailerError } from 'nodemailer';
import {
  type DeliveryFailure,
  deliveryError,
  type EmailSender,
  type HoldCause,
} from './email-sender.ts';

/** Credentials refused (535 and friends arrive as EAUTH): the operator must fix SMTP_URL. */
const CREDENTIAL_CODES = new Set(['EAUTH', 'ENOAUTH']);
/** The server cannot be reached or spoken to: nothing was handed off, the operator must look. */
const CONNECTION_CODES = new Set(['EDNS', 'ETLS']);
/** Failures that happen before the server could have accepted anything. */
const BEFORE_HANDOFF_CODES = new Set(['ECONFIG', 'EENVELOPE']);
const BEFORE_HANDOFF_ORIGINAL = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const BEFORE_HANDOFF_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * What an SMTP error means for the draft. Authentication is checked first:
 * a 535 is a reply code, but it refuses our credentials, not the message, so
 * the send is held (never failed) until the operator fixes them; so are
 * failures to connect at all. Otherwise a reply code is a definite answer:
 * 5xx (but 503) rejects the message for good, 4xx declines it for now. A
 * connection lost later may have delivered the message.
 */
export function classifySmtpError(error: NodemailerError): {
  delivery: DeliveryFailure;
  hold?: HoldCause;
} {
  if (error.code && CREDENTIAL_CODES.has(error.code)) {
    return { delivery: 'held', hold: 'credentials' };
  }
  if (
    (error.code && CONNECTION_CODES.has(error.code)) ||
    (error.originalCode && BEFORE_HANDOFF_ORIGINAL.has(error.originalCode)) ||
    (error.timeoutType && BEFORE_HANDOFF_TIMEOUTS.has(error.timeoutType))
  ) {
    return { delivery: 'held', hold: 'connection' };
  }
  return { delivery: classifyReply(error) };
}

function classifyReply(error: NodemailerError): DeliveryFailure {
  if (typeof error.responseCode === 'number') {
    const permanent = error.permanent ?? (error.responseCode >= 500 && error.responseCode !== 503);
    return permanent ? 'rejected' : 'not_sent';
  }
  if (error.code && BEFORE_HANDOFF_CODES.has(error.code)) return 'not_sent';
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
        const { delivery, hold } = classifySmtpError(err);
        throw deliveryError(
          delivery,
          `smtp send ${delivery}${hold ? ` (${hold})` : ''}: ${err.message}`,
          error,
          hold ? { hold } : {},
        );
      }
      return { providerMessageId: mail.messageId };
    },
    close() {
      transport.close();
    },
  };
}

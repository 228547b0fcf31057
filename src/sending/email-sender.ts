import { AutosendError } from '../errors.ts';

/** One reply ready for a sender: headers already built (see build-reply-headers.ts). */
export interface OutgoingEmail {
  /** Our mailbox, optionally with a display name: `{ name, address }`. */
  from: { name?: string | undefined; address: string };
  to: string[];
  cc?: string[];
  /** Already `Re: …`; senders never add another prefix. */
  subject: string;
  text: string;
  /** `<id@domain>`; deterministic per draft so every attempt reuses it. */
  messageId: string;
  /** Parent Message-ID; undefined when the parent carried none. */
  inReplyTo: string | undefined;
  references: string[];
  /**
   * For platform senders: the ids the inbound webhook carried (Smartlead
   * statsId, Instantly replyToUuid and eaccount, EmailBison replyId and
   * senderEmailId) and the campaign's id on the platform.
   */
  platform?: { refs: Record<string, string>; campaignExternalId: string | null };
}

/** What a sender reports back; platform senders add the ids the platform returned. */
export interface SentEmail {
  providerMessageId: string;
  /** The Message-ID the platform put on the reply, when it says. */
  rfcMessageId?: string;
  /** Every id the platform returned, stored on the outbound message. */
  platformIds?: Record<string, string>;
}

/** Hands a reply to the outside world: outbox files, SMTP, or a sending platform's API. */
export interface EmailSender {
  name: 'outbox' | 'smtp' | 'smartlead' | 'instantly' | 'emailbison';
  /**
   * Resolves once the message is handed off. Throws via `deliveryError`:
   * `send_rejected` (refused for good), `send_failed` with delivery `not_sent`
   * (certainly not handed off, safe to retry) or `unknown` (may have gone out).
   */
  send(mail: OutgoingEmail): Promise<SentEmail>;
  /** Whether the message with this Message-ID was certainly handed off (outbox only). */
  exists?(messageId: string): Promise<boolean>;
}

/** What a failed send means for the draft. */
export type DeliveryFailure = 'rejected' | 'not_sent' | 'unknown';

/** Builds the coded error a sender throws for each kind of failure. */
export function deliveryError(
  delivery: DeliveryFailure,
  message: string,
  cause?: unknown,
): AutosendError {
  return new AutosendError(delivery === 'rejected' ? 'send_rejected' : 'send_failed', message, {
    cause,
    details: { delivery },
  });
}

/**
 * Reads back what a sender's error means. Anything not built by
 * `deliveryError` (a bug, an unexpected throw) counts as `unknown`: the mail
 * may have left, so it must not be retried blindly.
 */
export function deliveryOf(error: unknown): DeliveryFailure {
  if (error instanceof AutosendError) {
    const delivery = error.details?.['delivery'];
    if (delivery === 'rejected' || delivery === 'not_sent' || delivery === 'unknown') {
      return delivery;
    }
  }
  return 'unknown';
}

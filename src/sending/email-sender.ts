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
   * (certainly not handed off, safe to retry), `held` (not handed off, the
   * operator must fix credentials or connection) or `unknown` (may have gone out).
   */
  send(mail: OutgoingEmail): Promise<SentEmail>;
  /** Whether the message with this Message-ID was certainly handed off (outbox only). */
  exists?(messageId: string): Promise<boolean>;
}

/**
 * What a failed send means for the draft. `held`: certainly not handed off,
 * and only the operator can fix it (credentials refused, server unreachable):
 * the send waits and retries with backoff, and the draft never fails for it.
 */
export type DeliveryFailure = 'rejected' | 'not_sent' | 'unknown' | 'held';

/** Why sends are held: the sender refused our credentials, or cannot be reached. */
export type HoldCause = 'credentials' | 'connection';

/**
 * Builds the coded error a sender throws for each kind of failure. Every
 * sender (SMTP, platform APIs) reports "the operator must fix the
 * credentials / connection" as `deliveryError('held', …, { hold })`.
 */
export function deliveryError(
  delivery: DeliveryFailure,
  message: string,
  cause?: unknown,
  options: { hold?: HoldCause } = {},
): AutosendError {
  return new AutosendError(delivery === 'rejected' ? 'send_rejected' : 'send_failed', message, {
    cause,
    details: {
      delivery,
      ...(delivery === 'held' ? { hold: options.hold ?? 'connection' } : {}),
    },
  });
}

/** The hold cause of a `held` delivery error ('connection' when unspecified). */
export function holdCauseOf(error: unknown): HoldCause {
  const hold = error instanceof AutosendError ? error.details?.['hold'] : undefined;
  return hold === 'credentials' ? 'credentials' : 'connection';
}

/**
 * Reads back what a sender's error means. Anything not built by
 * `deliveryError` (a bug, an unexpected throw) counts as `unknown`: the mail
 * may have left, so it must not be retried blindly.
 */
export function deliveryOf(error: unknown): DeliveryFailure {
  if (error instanceof AutosendError) {
    const delivery = error.details?.['delivery'];
    if (
      delivery === 'rejected' ||
      delivery === 'not_sent' ||
      delivery === 'unknown' ||
      delivery === 'held'
    ) {
      return delivery;
    }
  }
  return 'unknown';
}

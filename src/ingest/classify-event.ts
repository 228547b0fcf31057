/**
 * What a webhook delivery is: a reply to store, or an event we deliberately
 * ignore (opens, sends, our own replies echoed back) with the reason.
 */
export type WebhookEventKind = { kind: 'reply' } | { kind: 'ignored'; reason: string };

export const REPLY_EVENT: WebhookEventKind = { kind: 'reply' };

/** An ignored event, named so the platform's delivery log shows why. */
export function ignoredEvent(reason: string): WebhookEventKind {
  return { kind: 'ignored', reason };
}

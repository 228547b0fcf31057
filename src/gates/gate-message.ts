/**
 * What the gates look at: one received reply, as the ingest layer mapped it.
 * Kept separate from `InboundReply` so the gates stay pure and easy to feed
 * from tests, `.eml` files and webhooks alike.
 */
export interface GateMessage {
  fromEmail: string;
  fromName?: string;
  /** SMTP envelope sender; '' or '<>' is the null return path of DSNs; null/undefined = unknown. */
  returnPath?: string | null;
  subject: string;
  /** Full plain body as received, quoted thread and delivery-status parts included. */
  text: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Flags the platform set, e.g. { isAutoReply, isBounce, isUnsubscribe, eventType }. */
  platformFlags: Record<string, unknown>;
}

/** The gates, in the order they run. */
export const GATES = ['bounce', 'opt_out', 'auto_reply'] as const;
export type Gate = (typeof GATES)[number];

/** A gate that fired, with the quote or header that made it fire. */
export interface GateHit {
  gate: Gate;
  evidence: string;
}

/** Trims a matched line to something short enough for a decision trail. */
export function quoteEvidence(line: string, max = 200): string {
  const flat = line.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

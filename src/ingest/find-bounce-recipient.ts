/**
 * Whose address bounced. A delivery status notification comes from
 * MAILER-DAEMON or a postmaster; the lead to flag is the recipient it reports,
 * read in order of reliability: the DSN's `Final-Recipient` and
 * `Original-Recipient` fields (RFC 3464), `X-Failed-Recipients`, the `To` of
 * the original message the DSN returns, then the "<address>: host … said"
 * lines of plain-text bounces (Postfix, qmail). Pure.
 */

export interface BounceRecipient {
  email: string;
  /** Where it was read, kept as evidence ("Final-Recipient: rfc822; jane@acme.com"). */
  evidence: string;
}

const ADDRESS = /[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

function addressIn(value: string | undefined): string | null {
  return value?.match(ADDRESS)?.[0]?.toLowerCase() ?? null;
}

/**
 * Returns the failed recipient of a bounce, or null when none is named.
 * `ours` are our own addresses (the mailbox the DSN was delivered to, the
 * sender): a recipient among them is never the lead.
 */
export function findBounceRecipient(input: {
  text: string;
  headers: Record<string, string>;
  /** Text of message/rfc822 or text/rfc822-headers parts (the original message). */
  originalHeaders?: string;
  ours: string[];
}): BounceRecipient | null {
  const ours = new Set(input.ours.map((a) => a.toLowerCase()));
  const candidates: BounceRecipient[] = [];
  const add = (email: string | null, evidence: string) => {
    if (email && !ours.has(email)) candidates.push({ email, evidence: evidence.trim() });
  };
  for (const field of ['final-recipient', 'original-recipient']) {
    const re = new RegExp(`^\\s*${field}\\s*:\\s*(.+)$`, 'gim');
    for (const m of input.text.matchAll(re)) add(addressIn(m[1]), m[0]);
  }
  const failed = input.headers['x-failed-recipients'];
  if (failed) add(addressIn(failed), `X-Failed-Recipients: ${failed}`);
  const original =
    input.originalHeaders ??
    // DSNs that inline the original message below the report.
    input.text.slice(input.text.search(/^(?:return-path|received|message-id|from)\s*:/im));
  const to = original.match(/^to\s*:\s*(.+)$/im);
  if (to) add(addressIn(to[1]), `original message To: ${to[1]!.trim()}`);
  for (const m of input.text.matchAll(/^\s*<([^>\s]+@[^>\s]+)>\s*:?\s.*$/gm)) {
    add(addressIn(m[1]), m[0]);
  }
  return candidates[0] ?? null;
}

/**
 * Threading headers of a reply (RFC 5322 §3.6.4): a Message-ID of our own,
 * In-Reply-To the parent, References the parent's chain plus the parent, and
 * the parent's subject behind one `Re:`. Pure.
 */

export interface ParentMessage {
  rfcMessageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
}

export interface ReplyHeaders {
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  subject: string;
}

/** `<id>` form of a message id, whether stored with or without angle brackets. */
export function normalizeMessageId(id: string): string | undefined {
  const bare = id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return bare ? `<${bare}>` : undefined;
}

/**
 * A Message-ID derived from the draft id and our domain: a retry, a crash
 * recovery or a second worker all produce the same id for the same draft,
 * which is what lets the outbox (and a human) recognise a send that happened.
 */
export function draftMessageId(draftId: string, domain: string): string {
  return `<autosend.${draftId.toLowerCase()}@${domain.toLowerCase()}>`;
}

/** `Re: <subject>`, never doubled (an existing `Re:`/`RE:` prefix is kept as is). */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  if (/^re\s*(\[\d+\])?\s*:/i.test(trimmed)) return trimmed;
  return trimmed ? `Re: ${trimmed}` : 'Re:';
}

/** The domain part of an address (`a@b.com` → `b.com`). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).trim() : address.trim();
}

/** Builds every threading header of our reply to `parent`. */
export function buildReplyHeaders(input: {
  draftId: string;
  fromAddress: string;
  parent: ParentMessage;
  /** The draft's own subject; empty means answer under the parent's subject. */
  draftSubject?: string;
}): ReplyHeaders {
  const parentId = input.parent.rfcMessageId
    ? normalizeMessageId(input.parent.rfcMessageId)
    : undefined;
  const chain = input.parent.references.length
    ? input.parent.references
    : input.parent.inReplyTo
      ? [input.parent.inReplyTo]
      : [];
  const references: string[] = [];
  // A stored element may hold several ids ("<a> <b>") when a platform sent the raw header.
  const ids = chain.flatMap((entry) => entry.match(/<[^<>]+>/g) ?? [entry]);
  for (const id of [...ids, ...(parentId ? [parentId] : [])]) {
    const normal = normalizeMessageId(id);
    if (normal && !references.includes(normal)) references.push(normal);
  }
  const base = input.draftSubject?.trim() ? input.draftSubject : input.parent.subject;
  return {
    messageId: draftMessageId(input.draftId, domainOf(input.fromAddress)),
    inReplyTo: parentId,
    references,
    subject: replySubject(base),
  };
}

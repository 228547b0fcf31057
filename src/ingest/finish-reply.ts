import { ValidationError } from '../errors.ts';
import { type InboundReply, type InboundReplyInput, inboundReplySchema } from './inbound-reply.ts';
import type { PayloadReader } from './read-payload.ts';

/**
 * The thread a reply belongs to: the platform's own conversation id when it
 * has one, else the root of the References chain, the parent (In-Reply-To),
 * the reply's own Message-ID, and last a stable per-campaign-and-lead key.
 */
export function deriveThreadKey(input: {
  platformThreadId?: string | undefined;
  references?: string[];
  inReplyTo?: string | undefined;
  rfcMessageId?: string | undefined;
  fallback: string;
}): string {
  return (
    input.platformThreadId ??
    input.references?.[0] ??
    input.inReplyTo ??
    input.rfcMessageId ??
    input.fallback
  );
}

/** Splits a References header (or a list of ids) into angle-bracketed ids. */
export function splitMessageIds(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = text.match(/<[^<>\s]+>/g);
  if (ids) return ids;
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Ends a mapper: throws the collected field problems (platform paths), then
 * validates the mapped shape. A failure of the latter is a mapper bug or an
 * odd value the getters let through; it is reported by InboundReply path.
 */
export function finishReply(
  reader: PayloadReader,
  what: string,
  build: () => InboundReplyInput,
): InboundReply {
  reader.finish(`invalid ${what} payload`);
  const parsed = inboundReplySchema.safeParse(build());
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    fields[issue.path.join('.') || '$'] ??= issue.message;
  }
  throw new ValidationError(`invalid ${what} payload`, fields);
}

import { buildReplyHeaders } from './build-reply-headers.ts';
import type { OutgoingEmail } from './email-sender.ts';
import type { SendContext } from './load-send-context.ts';
import { replyRecipient } from './reply-recipient.ts';

/** The reply as it goes out: to the lead, from our mailbox, threaded under the inbound. */
export function buildReplyMail(ctx: SendContext, mailbox: string): OutgoingEmail {
  const headers = buildReplyHeaders({
    draftId: ctx.draft.id,
    fromAddress: mailbox,
    parent: ctx.inbound,
    draftSubject: ctx.draft.subject,
  });
  // A reviewer's edit is what the human approved.
  const body =
    ctx.review?.status === 'approved' && ctx.review.editedBody
      ? ctx.review.editedBody
      : ctx.draft.body;
  return {
    from: { name: ctx.campaign?.senderName ?? undefined, address: mailbox },
    to: [replyRecipient(ctx.lead)],
    subject: headers.subject,
    text: body,
    messageId: headers.messageId,
    inReplyTo: headers.inReplyTo,
    references: headers.references,
    platform: {
      refs: platformRefsOf(ctx.inbound.raw),
      campaignExternalId: ctx.campaign?.externalId ?? null,
    },
  };
}

/** The ids ingest kept in `raw.platformRefs` (see store-inbound-reply.ts). */
export function platformRefsOf(raw: unknown): Record<string, string> {
  const refs = (raw as { platformRefs?: unknown } | null)?.platformRefs;
  if (!refs || typeof refs !== 'object') return {};
  return Object.fromEntries(
    Object.entries(refs).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

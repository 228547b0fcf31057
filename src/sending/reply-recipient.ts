/**
 * The address a reply to an inbound message is sent to: the thread's lead.
 * Shared by reply.send (build-reply-mail.ts) and the draft guards, so the
 * `wrong_recipient` guard checks the address the send will really use.
 */
export function replyRecipient(lead: { email: string }): string {
  return lead.email;
}

import type { EmailSender } from '../email-sender.ts';
import {
  callPlatformApi,
  type PlatformHttp,
  platformSendError,
  platformUrl,
  platformVerdictError,
} from './call-platform-api.ts';
import { requireRefs } from './require-refs.ts';
import { textToHtml } from './text-to-html.ts';

export const INSTANTLY_API_URL = 'https://api.instantly.ai';

/**
 * Replies in the lead's Instantly thread: `POST /api/v2/emails/reply` with
 * `Authorization: Bearer <key>`, `eaccount` (the mailbox that received the
 * reply, the webhook's `email_account`), `reply_to_uuid` (the webhook's
 * `email_id`), `subject` and `body{text,html}` ✅ (developer.instantly.ai).
 * The answer is the sent Email object; its `id` and `message_id` are kept.
 */
export function makeInstantlySender(
  credentials: { apiKey: string },
  options: PlatformHttp & { baseUrl?: string },
): EmailSender {
  const baseUrl = options.baseUrl ?? INSTANTLY_API_URL;
  return {
    name: 'instantly',
    async send(mail) {
      const refs = requireRefs('instantly', mail, { replyToUuid: 'email_id' });
      const eaccount = mail.platform?.refs.eaccount ?? mail.from.address;
      const what = 'emails/reply';
      let answer: Awaited<ReturnType<typeof callPlatformApi>>;
      try {
        answer = await callPlatformApi(options, {
          platform: 'instantly',
          what,
          method: 'POST',
          url: platformUrl(baseUrl, '/api/v2/emails/reply'),
          headers: { authorization: `Bearer ${credentials.apiKey}` },
          body: {
            eaccount,
            reply_to_uuid: refs.replyToUuid,
            subject: mail.subject,
            body: { text: mail.text, html: textToHtml(mail.text) },
          },
        });
      } catch (error) {
        throw platformSendError('instantly', error);
      }
      if (answer.verdict.kind !== 'ok')
        throw platformVerdictError('instantly', what, answer.verdict);
      const email = (answer.body ?? {}) as { id?: unknown; message_id?: unknown };
      const id = typeof email.id === 'string' ? email.id : undefined;
      const messageId = typeof email.message_id === 'string' ? email.message_id : undefined;
      return {
        providerMessageId: id ?? mail.messageId,
        ...(messageId ? { rfcMessageId: messageId } : {}),
        platformIds: {
          ...(id ? { emailId: id } : {}),
          ...(messageId ? { messageId } : {}),
          replyToUuid: refs.replyToUuid,
          eaccount,
        },
      };
    },
  };
}

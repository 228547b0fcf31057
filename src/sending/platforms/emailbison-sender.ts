import type { EmailSender } from '../email-sender.ts';
import {
  callPlatformApi,
  type PlatformHttp,
  platformSendError,
  platformUrl,
  platformVerdictError,
} from './call-platform-api.ts';
import { requireRefs } from './require-refs.ts';

/**
 * Replies in the lead's EmailBison thread: `POST {instance}/api/replies/{reply_id}/reply`
 * with `Authorization: Bearer <token>`, `message`, `sender_email_id` (the
 * webhook's `data.sender_email.id`), `to_emails[{name,email_address}]` and
 * `content_type: text` ✅ (docs.emailbison.com "Responding to Messages").
 * ⚠️ The answer's shape is not documented; `data.reply.id`, `data.id` or `id`
 * is kept when present. EmailBison then fires "Manual Email Sent" for this
 * reply, which ingest ignores (map-emailbison-payload.ts).
 */
export function makeEmailBisonSender(
  credentials: { token: string },
  options: PlatformHttp & { baseUrl: string },
): EmailSender {
  return {
    name: 'emailbison',
    async send(mail) {
      const refs = requireRefs('emailbison', mail, {
        replyId: 'data.reply.id',
        senderEmailId: 'data.sender_email.id',
      });
      const what = 'replies/reply';
      const senderEmailId = Number(refs.senderEmailId);
      let answer: Awaited<ReturnType<typeof callPlatformApi>>;
      try {
        answer = await callPlatformApi(options, {
          platform: 'emailbison',
          what,
          method: 'POST',
          url: platformUrl(
            options.baseUrl,
            `/api/replies/${encodeURIComponent(refs.replyId)}/reply`,
          ),
          headers: { authorization: `Bearer ${credentials.token}` },
          body: {
            message: mail.text,
            sender_email_id: Number.isInteger(senderEmailId) ? senderEmailId : refs.senderEmailId,
            to_emails: mail.to.map((address) => ({ name: null, email_address: address })),
            content_type: 'text',
            inject_previous_email_body: true,
          },
        });
      } catch (error) {
        throw platformSendError('emailbison', error);
      }
      if (answer.verdict.kind !== 'ok')
        throw platformVerdictError('emailbison', what, answer.verdict);
      const id = sentReplyId(answer.body);
      return {
        providerMessageId: id ?? mail.messageId,
        platformIds: { ...(id ? { replyId: id } : {}), parentReplyId: refs.replyId },
      };
    },
  };
}

function sentReplyId(body: unknown): string | undefined {
  const b = (body ?? {}) as { id?: unknown; data?: { id?: unknown; reply?: { id?: unknown } } };
  const id = b.data?.reply?.id ?? b.data?.id ?? b.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

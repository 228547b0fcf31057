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

export const SMARTLEAD_API_URL = 'https://server.smartlead.ai';

/**
 * Replies in the lead's Smartlead thread:
 * `POST /api/v1/campaigns/{campaign_id}/reply-email-thread?api_key=…` with
 * `email_stats_id` (the webhook's `stats_id`), `email_body` (HTML) and
 * `reply_message_id` (the reply's message id) ✅ (api.smartlead.ai reference).
 * The answer is `{ success, message }` and carries no id of the sent email ⚠️,
 * so our own Message-ID names it; a 200 with `success: false` is refused ⚠️
 * (not documented; read as the platform declining).
 */
export function makeSmartleadSender(
  credentials: { apiKey: string },
  options: PlatformHttp & { baseUrl?: string },
): EmailSender {
  const baseUrl = options.baseUrl ?? SMARTLEAD_API_URL;
  return {
    name: 'smartlead',
    async send(mail) {
      const refs = requireRefs('smartlead', mail, { statsId: 'stats_id' });
      const campaignId =
        mail.platform?.campaignExternalId ??
        requireRefs('smartlead', mail, { campaignId: 'campaign_id' }).campaignId;
      const replyMessageId = mail.platform?.refs.replyMessageId;
      const what = 'reply-email-thread';
      let answer: Awaited<ReturnType<typeof callPlatformApi>>;
      try {
        answer = await callPlatformApi(options, {
          platform: 'smartlead',
          what,
          method: 'POST',
          url: platformUrl(
            baseUrl,
            `/api/v1/campaigns/${encodeURIComponent(campaignId)}/reply-email-thread`,
            { api_key: credentials.apiKey },
          ),
          body: {
            email_stats_id: refs.statsId,
            email_body: textToHtml(mail.text),
            ...(replyMessageId ? { reply_message_id: replyMessageId } : {}),
            to_email: mail.to[0],
          },
        });
      } catch (error) {
        throw platformSendError('smartlead', error);
      }
      if (answer.verdict.kind !== 'ok')
        throw platformVerdictError('smartlead', what, answer.verdict);
      const body = (answer.body ?? {}) as { success?: unknown; message?: unknown };
      if (body.success === false) {
        throw platformVerdictError('smartlead', what, {
          kind: 'validation',
          status: answer.status,
          message: typeof body.message === 'string' ? body.message : 'success: false',
        });
      }
      return {
        providerMessageId: mail.messageId,
        platformIds: {
          statsId: refs.statsId,
          ...(typeof body.message === 'string' ? { message: body.message } : {}),
        },
      };
    },
  };
}

import type { InboundReply } from '../../ingest/inbound-reply.ts';
import { mapEmailBisonPayload } from '../../ingest/map-emailbison-payload.ts';
import { mapInstantlyPayload } from '../../ingest/map-instantly-payload.ts';
import {
  callPlatformApi,
  type PlatformHttp,
  platformSendError,
  platformUrl,
  platformVerdictError,
} from './call-platform-api.ts';
import type { PlatformName } from './classify-platform-response.ts';
import type { PlatformCredentials } from './list-platform-campaigns.ts';

/**
 * Why Smartlead replies are not reconciled, shown by `connection reconcile`,
 * `connection list`, the API and /readyz. Smartlead documents a master-inbox
 * listing (`POST /api/v1/master-inbox/inbox-replies`, api.smartlead.ai
 * "Get Inbox Replies" / "fetch-inbox-replies") but its two reference pages
 * give different response shapes, and neither carries the reply's `stats_id`
 * and `reply_message.message_id`: the ids the EMAIL_REPLY webhook dedupes on
 * and reply-email-thread needs. A reply taken in from it could be processed a
 * second time when its webhook arrives, and could not be answered in thread.
 * The per-lead message history (`GET /campaigns/{id}/leads/{lead}/message-history`)
 * would need one call per lead. Unconfirmed ⚠️ (December 2026).
 */
export const SMARTLEAD_NOT_RECONCILED =
  'not supported: Smartlead documents no replies listing that carries the webhook ids (stats_id, reply message id) needed to deduplicate against EMAIL_REPLY and answer in thread, so missed Smartlead webhooks are not caught; watch the webhook (docs/webhooks.md)';

/**
 * The platform's most recent received replies, mapped through the SAME
 * webhook mapper (map-*-payload.ts) so each gets the provider message id its
 * webhook would have had: ingest's deduplication then makes a reply seen
 * twice (webhook and reconciliation, in either order) one message.
 *
 * - Instantly `GET /api/v2/emails?email_type=received&limit=100` (Bearer) →
 *   `{ items: [Email] }`; an Email's `id` is the webhook's `email_id` ✅ (v2
 *   Email object); the `email_type` filter is documented for v1 and assumed
 *   for v2 ⚠️.
 * - EmailBison `GET {instance}/api/replies?folder=inbox` (Bearer) →
 *   `{ data: [reply] }` with the webhook's `data.reply` fields plus
 *   `campaign_id`, `lead_id`, `sender_email_id` ⚠️ (reply listing shape taken
 *   from the lead replies page; the workspace-wide listing is unconfirmed).
 * - Smartlead: not reconciled (SMARTLEAD_NOT_RECONCILED says why).
 *
 * One page (the newest) per run: the run is frequent, the window short.
 * A listed item the mapper refuses is skipped and counted, never fatal.
 */
export async function listRecentReplies(
  platform: PlatformName,
  credentials: PlatformCredentials,
  options: PlatformHttp & { baseUrl: string; listedAt: Date },
): Promise<{ replies: InboundReply[]; unreadable: number; supported: boolean }> {
  if (platform === 'smartlead') return { replies: [], unreadable: 0, supported: false };
  const request =
    platform === 'instantly'
      ? {
          url: platformUrl(options.baseUrl, '/api/v2/emails', {
            email_type: 'received',
            limit: '100',
          }),
          headers: { authorization: `Bearer ${credentials.apiKey ?? ''}` },
        }
      : {
          url: platformUrl(options.baseUrl, '/api/replies', { folder: 'inbox' }),
          headers: { authorization: `Bearer ${credentials.token ?? ''}` },
        };
  let answer: Awaited<ReturnType<typeof callPlatformApi>>;
  try {
    answer = await callPlatformApi(options, {
      platform,
      what: 'list replies',
      method: 'GET',
      ...request,
    });
  } catch (error) {
    throw platformSendError(platform, error);
  }
  if (answer.verdict.kind !== 'ok')
    throw platformVerdictError(platform, 'list replies', answer.verdict);
  const body = (answer.body ?? {}) as { items?: unknown; data?: unknown };
  const items = platform === 'instantly' ? body.items : body.data;
  if (!Array.isArray(items)) {
    throw platformVerdictError(platform, 'list replies', {
      kind: 'validation',
      status: answer.status,
      message: 'the answer holds no reply list',
    });
  }
  const replies: InboundReply[] = [];
  let unreadable = 0;
  for (const item of items) {
    try {
      const reply =
        platform === 'instantly'
          ? mapInstantlyPayload(instantlyAsWebhook(item), options.listedAt)
          : mapEmailBisonPayload(emailBisonAsWebhook(item), options.listedAt);
      replies.push({
        ...reply,
        platformFlags: { ...reply.platformFlags, recoveredBy: 'reconciliation' },
      });
    } catch {
      unreadable += 1;
    }
  }
  return { replies, unreadable, supported: true };
}

/** An Instantly v2 Email object in the shape of its reply webhook. */
function instantlyAsWebhook(item: unknown): Record<string, unknown> {
  const e = (item ?? {}) as Record<string, unknown>;
  const body = (e.body ?? {}) as { text?: unknown; html?: unknown };
  return {
    event_type:
      e.is_auto_reply === 1 || e.is_auto_reply === true ? 'auto_reply_received' : 'reply_received',
    email_id: e.id,
    lead_email: e.lead ?? e.from_address_email,
    email_account: e.eaccount,
    campaign_id: e.campaign_id,
    reply_subject: e.subject,
    reply_text: body.text,
    reply_html: body.html,
    timestamp: e.timestamp_email ?? e.timestamp_created,
  };
}

/** An EmailBison reply of the listing in the shape of its LEAD_REPLIED webhook. */
function emailBisonAsWebhook(item: unknown): Record<string, unknown> {
  const r = (item ?? {}) as Record<string, unknown>;
  return {
    event: { type: 'LEAD_REPLIED' },
    data: {
      reply: r,
      ...(r.campaign_id !== undefined && r.campaign_id !== null
        ? { campaign: { id: r.campaign_id } }
        : {}),
      ...(r.lead_id !== undefined && r.lead_id !== null ? { lead: { id: r.lead_id } } : {}),
      ...(r.sender_email_id !== undefined && r.sender_email_id !== null
        ? { sender_email: { id: r.sender_email_id } }
        : {}),
    },
  };
}

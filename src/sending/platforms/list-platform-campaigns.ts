import {
  callPlatformApi,
  type PlatformHttp,
  platformSendError,
  platformUrl,
  platformVerdictError,
} from './call-platform-api.ts';
import type { PlatformName } from './classify-platform-response.ts';
import { INSTANTLY_PAGE_LIMIT, MAX_LISTING_PAGES } from './platform-limits.ts';

export interface PlatformCampaign {
  externalId: string;
  name: string;
  status?: string;
}

export interface PlatformCredentials {
  apiKey?: string;
  token?: string;
}

/**
 * The platform's campaigns, every page (up to a bound). Read-only, so the
 * connection test uses its first page as the harmless authenticated call.
 *
 * - Smartlead `GET /api/v1/campaigns?api_key=…` → array of `{ id, name, status }` ✅
 * - Instantly `GET /api/v2/campaigns?limit=&starting_after=` (Bearer) →
 *   `{ items: [{ id, name, status }], next_starting_after }` ✅
 * - EmailBison `GET {instance}/api/campaigns?page=` (Bearer) → Laravel page
 *   `{ data: [{ id, name, status }], links: { next } }` ⚠️ (paging fields unconfirmed)
 *
 * Throws the same coded errors as the senders (auth, rate limit, ...).
 */
export async function listPlatformCampaigns(
  platform: PlatformName,
  credentials: PlatformCredentials,
  options: PlatformHttp & { baseUrl: string; firstPageOnly?: boolean },
): Promise<PlatformCampaign[]> {
  const out: PlatformCampaign[] = [];
  let cursor: string | undefined;
  let page = 1;
  for (let i = 0; i < MAX_LISTING_PAGES; i++) {
    const request = campaignsRequest(platform, credentials, options.baseUrl, { cursor, page });
    let answer: Awaited<ReturnType<typeof callPlatformApi>>;
    try {
      answer = await callPlatformApi(options, {
        platform,
        what: 'list campaigns',
        method: 'GET',
        ...request,
      });
    } catch (error) {
      throw platformSendError(platform, error);
    }
    if (answer.verdict.kind !== 'ok') {
      throw platformVerdictError(platform, 'list campaigns', answer.verdict);
    }
    const parsed = readCampaignPage(platform, answer.body);
    if (!parsed) {
      throw platformVerdictError(platform, 'list campaigns', {
        kind: 'validation',
        status: answer.status,
        message: `the answer is not a ${platform} campaign list (${answer.text.slice(0, 80) || 'empty'}): is the base URL right?`,
      });
    }
    out.push(...parsed.items);
    if (options.firstPageOnly || !parsed.next) break;
    cursor = parsed.next;
    page += 1;
  }
  return out;
}

function campaignsRequest(
  platform: PlatformName,
  credentials: PlatformCredentials,
  baseUrl: string,
  at: { cursor: string | undefined; page: number },
): { url: URL; headers?: Record<string, string> } {
  switch (platform) {
    case 'smartlead':
      return {
        url: platformUrl(baseUrl, '/api/v1/campaigns', { api_key: credentials.apiKey ?? '' }),
      };
    case 'instantly':
      return {
        url: platformUrl(baseUrl, '/api/v2/campaigns', {
          limit: String(INSTANTLY_PAGE_LIMIT),
          ...(at.cursor ? { starting_after: at.cursor } : {}),
        }),
        headers: { authorization: `Bearer ${credentials.apiKey ?? ''}` },
      };
    case 'emailbison':
      return {
        url: platformUrl(baseUrl, '/api/campaigns', { page: String(at.page) }),
        headers: { authorization: `Bearer ${credentials.token ?? ''}` },
      };
  }
}

function toCampaign(raw: unknown): PlatformCampaign | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as { id?: unknown; name?: unknown; status?: unknown };
  if (typeof r.id !== 'string' && typeof r.id !== 'number') return null;
  const id = String(r.id);
  return {
    externalId: id,
    name: typeof r.name === 'string' && r.name.trim() ? r.name.trim() : id,
    ...(typeof r.status === 'string' || typeof r.status === 'number'
      ? { status: String(r.status) }
      : {}),
  };
}

function readCampaignPage(
  platform: PlatformName,
  body: unknown,
): { items: PlatformCampaign[]; next: string | undefined } | null {
  const list = (raw: unknown) =>
    Array.isArray(raw)
      ? raw.map(toCampaign).filter((c): c is PlatformCampaign => c !== null)
      : null;
  if (platform === 'smartlead') {
    const items = list(body);
    return items ? { items, next: undefined } : null;
  }
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (platform === 'instantly') {
    const items = list(b.items);
    const next = typeof b.next_starting_after === 'string' ? b.next_starting_after : undefined;
    return items ? { items, next: items.length ? next : undefined } : null;
  }
  const items = list(b.data);
  const links = b.links as { next?: unknown } | undefined;
  const next = typeof links?.next === 'string' && links.next ? 'next' : undefined;
  return items ? { items, next } : null;
}

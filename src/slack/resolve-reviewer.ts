import type { WebClient } from '@slack/web-api';
import type { EmailLookupCache } from './email-lookup-cache.ts';
import type { DeliveryMethod, ReviewerTarget } from './reviewer-target.ts';
import { type SlackFailure, toSlackFailure } from './slack-failure.ts';

export type ResolvedReviewer =
  | {
      ok: true;
      method: DeliveryMethod;
      /** Where chat.postMessage posts: the DM (D…), the member id (fallback) or the channel. */
      channel: string;
      memberId: string | undefined;
      /** Why the DM could not be opened, when the member-id fallback is used. */
      fallbackFrom: SlackFailure | undefined;
    }
  | { ok: false; method: DeliveryMethod; failure: SlackFailure };

function hasScope(list: string | undefined, scope: string): boolean {
  return (list ?? '').split(',').some((s) => s.trim() === scope);
}

/** email → member id, from the cache or users.lookupByEmail (users:read.email). */
async function lookupMemberId(
  client: WebClient,
  email: string,
  cache: EmailLookupCache | undefined,
  cacheKey: string,
): Promise<{ memberId: string } | { failure: SlackFailure }> {
  const cached = cache?.get(cacheKey);
  if (cached) return { memberId: cached };
  try {
    const result = await client.users.lookupByEmail({ email });
    const memberId = result.user?.id;
    if (!memberId) {
      return {
        failure: {
          ...toSlackFailure('users.lookupByEmail', new Error('no user id')),
          code: 'users_not_found',
          transient: false,
        },
      };
    }
    cache?.set(cacheKey, memberId);
    return { memberId };
  } catch (error) {
    return { failure: toSlackFailure('users.lookupByEmail', error) };
  }
}

/**
 * Opens the app's DM with a member (conversations.open, im:write). When the
 * token lacks the scope for that but holds chat:write, falls back to posting
 * to the member id itself and says so (method post_to_member_id).
 */
async function openDm(
  client: WebClient,
  memberId: string,
  method: DeliveryMethod,
): Promise<ResolvedReviewer> {
  try {
    const result = await client.conversations.open({ users: memberId });
    const channel = result.channel?.id;
    if (channel) return { ok: true, method, channel, memberId, fallbackFrom: undefined };
    return {
      ok: false,
      method,
      failure: {
        ...toSlackFailure('conversations.open', new Error('no channel id')),
        transient: false,
      },
    };
  } catch (error) {
    const failure = toSlackFailure('conversations.open', error);
    if (failure.code === 'missing_scope' && hasScope(failure.provided, 'chat:write')) {
      return {
        ok: true,
        method: 'post_to_member_id',
        channel: memberId,
        memberId,
        fallbackFrom: failure,
      };
    }
    return { ok: false, method, failure };
  }
}

/**
 * Finds where to post for one reviewer: email → users.lookupByEmail →
 * conversations.open → the D… id; member id → conversations.open; channel →
 * itself. Failures are returned (with Slack's code and scopes), not thrown.
 */
export async function resolveReviewer(
  client: WebClient,
  target: ReviewerTarget,
  options: { cache?: EmailLookupCache; cacheNamespace?: string } = {},
): Promise<ResolvedReviewer> {
  if (target.kind === 'channel') {
    return {
      ok: true,
      method: 'channel',
      channel: target.channel,
      memberId: undefined,
      fallbackFrom: undefined,
    };
  }
  if (target.kind === 'member') return openDm(client, target.memberId, 'dm_by_member_id');
  const found = await lookupMemberId(
    client,
    target.email,
    options.cache,
    `${options.cacheNamespace ?? ''}:${target.email}`,
  );
  if ('failure' in found) return { ok: false, method: 'dm_by_email', failure: found.failure };
  return openDm(client, found.memberId, 'dm_by_email');
}

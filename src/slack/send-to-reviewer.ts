import { performance } from 'node:perf_hooks';
import type { KnownBlock, WebClient } from '@slack/web-api';
import type { ChannelPacer } from './channel-pacer.ts';
import type { EmailLookupCache } from './email-lookup-cache.ts';
import { resolveReviewer } from './resolve-reviewer.ts';
import type { DeliveryMethod, ReviewerTarget } from './reviewer-target.ts';
import { type SlackFailure, toSlackFailure } from './slack-failure.ts';

export interface SlackMessage {
  /** Plain-text fallback: notifications, screen readers, clients without Block Kit. */
  text: string;
  blocks?: KnownBlock[];
}

export interface DeliveryOutcome {
  ok: boolean;
  /** 'none' when nothing was tried (no token, no reviewers). */
  method: DeliveryMethod | 'none';
  /** The channel Slack posted to (D…, C…), when it did. */
  channel: string | undefined;
  ts: string | undefined;
  failure: SlackFailure | undefined;
  /** Set when the DM could not be opened and the member-id fallback was used. */
  fallbackFrom: SlackFailure | undefined;
  /** Scopes the token holds, as Slack reported them on the last call (x-oauth-scopes). */
  grantedScopes: string | undefined;
  latencyMs: number;
}

/**
 * Delivers one message to one reviewer: resolve (lookup, open DM or
 * fallback), wait for the channel's pacing slot, chat.postMessage. Never
 * throws for Slack failures: the outcome carries them.
 */
export async function sendToReviewer(
  client: WebClient,
  target: ReviewerTarget,
  message: SlackMessage,
  deps: { cache?: EmailLookupCache; cacheNamespace?: string; pacer?: ChannelPacer } = {},
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const resolveOptions = {
    ...(deps.cache ? { cache: deps.cache } : {}),
    ...(deps.cacheNamespace ? { cacheNamespace: deps.cacheNamespace } : {}),
  };
  const resolved = await resolveReviewer(client, target, resolveOptions);
  if (!resolved.ok) {
    return {
      ok: false,
      method: resolved.method,
      channel: undefined,
      ts: undefined,
      failure: resolved.failure,
      fallbackFrom: undefined,
      grantedScopes: resolved.failure.provided,
      latencyMs: elapsed(),
    };
  }
  await deps.pacer?.wait(resolved.channel);
  try {
    const result = await client.chat.postMessage({
      channel: resolved.channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      unfurl_links: false,
    });
    return {
      ok: true,
      method: resolved.method,
      channel: result.channel ?? resolved.channel,
      ts: result.ts,
      failure: undefined,
      fallbackFrom: resolved.fallbackFrom,
      grantedScopes: result.response_metadata?.scopes?.join(','),
      latencyMs: elapsed(),
    };
  } catch (error) {
    const failure = toSlackFailure('chat.postMessage', error);
    return {
      ok: false,
      method: resolved.method,
      channel: undefined,
      ts: undefined,
      failure,
      fallbackFrom: resolved.fallbackFrom,
      grantedScopes: failure.provided,
      latencyMs: elapsed(),
    };
  }
}

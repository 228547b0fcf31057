import type { WebClient } from '@slack/web-api';
import { resolveReviewer } from './resolve-reviewer.ts';
import { type DeliveryMethod, parseReviewerTarget } from './reviewer-target.ts';
import { assessCapabilities, type Capability, scopeFixText } from './slack-capabilities.ts';
import {
  describeSlackFailure,
  type SlackFailure,
  TOKEN_DEAD_CODES,
  toSlackFailure,
} from './slack-failure.ts';

export interface DoctorReviewer {
  target: string;
  /** Campaign names using this reviewer, for the report. */
  campaigns?: string[];
}

export interface ReviewerReach {
  target: string;
  campaigns: string[];
  reachable: boolean;
  method: DeliveryMethod | undefined;
  /** Why it cannot be reached (or the caveat when it can), in a sentence. */
  problem: string | undefined;
  code: string | undefined;
  missingScopes: string[];
}

export interface DoctorReport {
  ok: boolean;
  auth: {
    ok: boolean;
    team: string | undefined;
    botUser: string | undefined;
    failure: SlackFailure | undefined;
  };
  grantedScopes: string[];
  capabilities: Capability[];
  reviewers: ReviewerReach[];
}

const reach = (r: DoctorReviewer, fields: Partial<ReviewerReach>): ReviewerReach => ({
  target: r.target,
  campaigns: r.campaigns ?? [],
  reachable: false,
  method: undefined,
  problem: undefined,
  code: undefined,
  missingScopes: [],
  ...fields,
});

const split = (list: string | undefined) =>
  list
    ? list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Whether a channel reviewer can be posted to: conversations.info when the token may call it, else the scopes. */
async function checkChannel(
  client: WebClient,
  r: DoctorReviewer,
  channel: string,
  scopes: Set<string>,
): Promise<ReviewerReach> {
  if (!scopes.has('chat:write')) {
    return reach(r, {
      method: 'channel',
      code: 'missing_scope',
      missingScopes: ['chat:write'],
      problem: 'the token cannot post messages (chat:write)',
    });
  }
  if (/^[CG]/.test(channel)) {
    try {
      const info = await client.conversations.info({ channel });
      const c = info.channel;
      if (c?.is_member || (!c?.is_private && scopes.has('chat:write.public')))
        return reach(r, { reachable: true, method: 'channel' });
      return reach(r, {
        method: 'channel',
        code: 'not_in_channel',
        missingScopes: c?.is_private ? [] : ['chat:write.public'],
        problem: c?.is_private
          ? 'private channel the app is not a member of: /invite @your-app in it'
          : 'the app is not in this public channel: /invite @your-app, or add chat:write.public',
      });
    } catch (error) {
      const failure = toSlackFailure('conversations.info', error);
      if (failure.code === 'channel_not_found') {
        return reach(r, {
          method: 'channel',
          code: failure.code,
          problem: 'channel not found, or private and the app is not a member (invite it)',
        });
      }
      // No channels:read / groups:read: fall back to what the scopes allow.
    }
  }
  if (scopes.has('chat:write.public')) {
    return reach(r, {
      reachable: true,
      method: 'channel',
      problem: 'assumed public (membership not verified: add channels:read to check)',
    });
  }
  return reach(r, {
    method: 'channel',
    code: 'unverified',
    missingScopes: ['chat:write.public'],
    problem:
      'cannot verify the app is in this channel: invite it (/invite @your-app) or add chat:write.public',
  });
}

async function checkReviewer(
  client: WebClient,
  r: DoctorReviewer,
  scopes: Set<string>,
): Promise<ReviewerReach> {
  const target = parseReviewerTarget(r.target);
  if (!target)
    return reach(r, {
      code: 'invalid_target',
      problem: 'not an email, member id (U…/W…) or channel (#name, C…)',
    });
  if (target.kind === 'channel') return checkChannel(client, r, target.channel, scopes);
  const resolved = await resolveReviewer(client, target);
  if (resolved.ok) {
    const caveat = resolved.fallbackFrom
      ? `no DM possible (${describeSlackFailure(resolved.fallbackFrom)}); messages go to the member id, which fails if the app's Messages tab is off`
      : undefined;
    return reach(r, {
      reachable: scopes.has('chat:write'),
      method: resolved.method,
      problem: scopes.has('chat:write') ? caveat : 'the token cannot post messages (chat:write)',
      missingScopes: resolved.fallbackFrom
        ? split(resolved.fallbackFrom.needed)
        : scopes.has('chat:write')
          ? []
          : ['chat:write'],
    });
  }
  const f = resolved.failure;
  const missing =
    f.code === 'missing_scope' && f.method === 'users.lookupByEmail'
      ? ['users:read', 'users:read.email', 'im:write', 'chat:write'].filter((s) => !scopes.has(s))
      : split(f.needed);
  const problems: Record<string, string> = {
    users_not_found: 'no active Slack member has this email',
    user_not_found: 'no such Slack member',
    user_disabled: 'this Slack member is deactivated',
    user_not_visible: 'the app cannot see this member',
    missing_scope: `the token lacks ${missing.join(', ') || f.needed}`,
  };
  return reach(r, {
    method: resolved.method,
    code: f.code,
    missingScopes: missing,
    problem: problems[f.code] ?? describeSlackFailure(f),
  });
}

/**
 * Checks a bot token for review notifications: auth.test (no scope needed)
 * and its granted scopes (x-oauth-scopes), what each way of reaching a
 * reviewer can do, then resolves every given reviewer with the same code the
 * notifier uses and says which cannot be reached and why. Sends no message.
 */
export async function runSlackDoctor(
  client: WebClient,
  reviewers: DoctorReviewer[],
): Promise<DoctorReport> {
  let auth: DoctorReport['auth'];
  let granted: string[] = [];
  try {
    const result = await client.auth.test();
    granted = result.response_metadata?.scopes ?? [];
    auth = { ok: true, team: result.team, botUser: result.user, failure: undefined };
  } catch (error) {
    const failure = toSlackFailure('auth.test', error);
    granted = split(failure.provided);
    auth = { ok: false, team: undefined, botUser: undefined, failure };
  }
  const capabilities = assessCapabilities(auth.ok ? granted : []);
  const scopes = new Set(granted);
  const results: ReviewerReach[] = [];
  for (const r of reviewers) {
    if (!auth.ok) {
      const code = auth.failure!.code;
      results.push(
        reach(r, {
          code,
          problem: TOKEN_DEAD_CODES.has(code)
            ? `the token does not work (${code}): reinstall the app and update SLACK_BOT_TOKEN`
            : `Slack could not be reached (${describeSlackFailure(auth.failure!)})`,
        }),
      );
      continue;
    }
    results.push(await checkReviewer(client, r, scopes));
  }
  return {
    ok: auth.ok && results.every((r) => r.reachable),
    auth,
    grantedScopes: granted,
    capabilities,
    reviewers: results,
  };
}

/** The fix for every unreachable reviewer's missing scopes, in one sentence (undefined when none). */
export function combinedScopeFix(report: DoctorReport): string | undefined {
  const missing = [
    ...new Set(report.reviewers.filter((r) => !r.reachable).flatMap((r) => r.missingScopes)),
  ];
  return missing.length ? scopeFixText(missing) : undefined;
}

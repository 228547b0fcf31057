import { LogLevel, WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import type { Config } from '../config/load-config.ts';
import type { DbOrTx } from '../db/client.ts';
import { workspaces } from '../db/schema.ts';
import { openSecret } from './secret-box.ts';

/** Per-call timeout: a hung Slack call must not hold a job (and its claim) for long. */
const SLACK_TIMEOUT_MS = 15_000;

/**
 * A WebClient that fails fast: no SDK retries (the review.notify job owns
 * retries, with backoff and Retry-After), rate-limited calls rejected rather
 * than pausing the whole client, and a timeout on every call.
 */
export function makeSlackClient(
  token: string,
  options: { apiUrl?: string | undefined } = {},
): WebClient {
  return new WebClient(token, {
    ...(options.apiUrl ? { slackApiUrl: `${options.apiUrl.replace(/\/+$/, '')}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_TIMEOUT_MS,
    // The SDK's own logging would go to the console; our callers log outcomes.
    logLevel: LogLevel.ERROR,
  });
}

export interface SlackTokenChoice {
  token: string;
  /** Where it came from, for messages: never the token itself. */
  source: 'workspace' | 'SLACK_BOT_TOKEN';
}

/**
 * The bot token for a workspace: its own stored (encrypted) token when it has
 * one, else SLACK_BOT_TOKEN. Undefined when neither is set.
 */
export async function resolveSlackToken(
  db: DbOrTx,
  config: Config,
  workspaceId: string | undefined,
): Promise<SlackTokenChoice | undefined> {
  if (workspaceId) {
    const [row] = await db
      .select({ sealed: workspaces.slackBotTokenEncrypted })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (row?.sealed) {
      if (!config.secretKey) {
        throw new Error(
          'workspace has a stored Slack token but AUTOSEND_SECRET_KEY is not set to decrypt it',
        );
      }
      return { token: openSecret(row.sealed, config.secretKey), source: 'workspace' };
    }
  }
  return config.slack.botToken
    ? { token: config.slack.botToken, source: 'SLACK_BOT_TOKEN' }
    : undefined;
}

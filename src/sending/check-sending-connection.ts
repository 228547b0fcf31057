import nodemailer, { type NodemailerError } from 'nodemailer';
import { AutosendError } from '../errors.ts';
import type { SendingConnectionKind } from './connection-credentials.ts';
import type { PlatformHttp } from './platforms/call-platform-api.ts';
import type { PlatformName } from './platforms/classify-platform-response.ts';
import { listPlatformCampaigns } from './platforms/list-platform-campaigns.ts';
import { platformBaseUrl } from './platforms/platform-base-url.ts';

/** What `connection test` found: ok, or exactly what is wrong. */
export type ConnectionCheck =
  | { ok: true; summary: string }
  | {
      ok: false;
      /** bad_credentials, missing_permission, wrong_url, unreachable, rate_limited, platform_error */
      errorCode: string;
      problem: string;
    };

/**
 * Makes one harmless authenticated call: the first page of the platform's
 * campaign list (read-only), an SMTP login without sending, nothing for the
 * outbox. Never throws for a failed check: the result says what is wrong.
 */
export async function checkSendingConnection(
  kind: SendingConnectionKind,
  settings: Record<string, unknown>,
  credentials: Record<string, string>,
  http: PlatformHttp,
): Promise<ConnectionCheck> {
  if (kind === 'outbox') {
    return {
      ok: true,
      summary: 'replies are written as .eml files to DATA_DIR/outbox (nothing is sent)',
    };
  }
  if (kind === 'smtp') return checkSmtp(credentials.smtpUrl ?? '', http.timeoutMs);
  const baseUrl = platformBaseUrl(kind, settings);
  try {
    const campaigns = await listPlatformCampaigns(kind, credentials, {
      ...http,
      baseUrl,
      firstPageOnly: true,
    });
    return {
      ok: true,
      summary: `${kind} accepted the credentials at ${new URL(baseUrl).host}; ${campaigns.length} campaign(s) on the first page`,
    };
  } catch (error) {
    return describePlatformFailure(kind, baseUrl, error);
  }
}

function describePlatformFailure(
  platform: PlatformName,
  baseUrl: string,
  error: unknown,
): ConnectionCheck {
  if (!(error instanceof AutosendError)) throw error;
  const d = error.details ?? {};
  const status = d.httpStatus as number | undefined;
  const host = new URL(baseUrl).host;
  const keyName = platform === 'emailbison' ? 'API token' : 'API key';
  if (d.kind === 'auth' && status === 403) {
    return {
      ok: false,
      errorCode: 'missing_permission',
      problem: `${platform} accepted the ${keyName} but refused the call (HTTP 403): it lacks a permission (scope). Give it read and send access. Platform said: ${error.message}`,
    };
  }
  if (d.kind === 'auth') {
    return {
      ok: false,
      errorCode: 'bad_credentials',
      problem: `${platform} refused the ${keyName} (HTTP ${status}): it is wrong, revoked, or belongs to another workspace. Platform said: ${error.message}`,
    };
  }
  if (d.kind === 'network' && d.delivery === 'not_sent') {
    return {
      ok: false,
      errorCode: platform === 'emailbison' ? 'wrong_url' : 'unreachable',
      problem:
        platform === 'emailbison'
          ? `could not reach the EmailBison instance at ${host}: is baseUrl your instance URL? (${error.message})`
          : `could not reach ${host}: ${error.message}`,
    };
  }
  if (d.kind === 'validation' && (status === 404 || status === 405 || (status ?? 0) < 300)) {
    return {
      ok: false,
      errorCode: 'wrong_url',
      problem: `${host} did not answer like the ${platform} API${platform === 'emailbison' ? ': is baseUrl your EmailBison instance URL?' : ''} (${error.message})`,
    };
  }
  if (d.kind === 'rate_limited') {
    return {
      ok: false,
      errorCode: 'rate_limited',
      problem: `${platform} is rate limiting this key; try again in ${d.retryAfterSeconds}s (the key itself was not judged)`,
    };
  }
  return { ok: false, errorCode: 'platform_error', problem: error.message };
}

async function checkSmtp(smtpUrl: string, timeoutMs: number): Promise<ConnectionCheck> {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as never);
  const host = (() => {
    try {
      return new URL(smtpUrl).host;
    } catch {
      return 'the SMTP server';
    }
  })();
  try {
    await transport.verify();
    return { ok: true, summary: `${host} accepted the connection and login` };
  } catch (error) {
    const err = error as NodemailerError;
    if (err.code === 'EAUTH' || err.code === 'ENOAUTH') {
      return {
        ok: false,
        errorCode: 'bad_credentials',
        problem: `${host} refused the login: ${err.message}`,
      };
    }
    return {
      ok: false,
      errorCode: 'unreachable',
      problem: `could not talk to ${host}: ${err.message}`,
    };
  } finally {
    transport.close();
  }
}

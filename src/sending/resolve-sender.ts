import { eq } from 'drizzle-orm';
import { recordConnectionCheck } from '../admin/sending-connections.ts';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import { sendingConnections } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { type CampaignPlatform, chooseSendingConnection } from './choose-sending-connection.ts';
import { openConnectionCredentials, type SendingConnectionKind } from './connection-credentials.ts';
import type { EmailSender } from './email-sender.ts';
import type { ConnectionForSend } from './lock-send-context.ts';
import { makeOutboxSender } from './outbox-sender.ts';
import type { PlatformHttp } from './platforms/call-platform-api.ts';
import { makeEmailBisonSender } from './platforms/emailbison-sender.ts';
import { makeInstantlySender } from './platforms/instantly-sender.ts';
import { platformBaseUrl } from './platforms/platform-base-url.ts';
import { makeSmartleadSender } from './platforms/smartlead-sender.ts';
import { makeSmtpSender } from './smtp-sender.ts';

export type SenderRoute =
  | { route: 'send'; sender: EmailSender }
  | {
      route: 'hold';
      reason: 'no_sending_connection' | 'sending_connection_failed';
      detail: Record<string, unknown>;
    };

/** Who is sending: a reply's SendContext or a follow-up's InstanceContext both fit. */
export interface SenderTarget {
  workspace: { id: string };
  campaign: { platform: CampaignPlatform } | null;
}

export interface ResolveSenderDeps {
  db: Db;
  config: Pick<Config, 'secretKey' | 'outboxDir' | 'sending'>;
  logger: Logger;
  /** The process-wide sender (SENDER) for generic campaigns without a connection. */
  defaultSender: EmailSender;
  http?: Partial<PlatformHttp>;
}

/**
 * The sender for one reply or follow-up, from the workspace's sending
 * connections and the campaign's platform (choose-sending-connection.ts). A platform sender that
 * meets an auth error marks its connection, so `connection list` and /readyz
 * show the broken key.
 */
export function makeSenderResolver(deps: ResolveSenderDeps) {
  const http: PlatformHttp = { timeoutMs: deps.config.sending.platformTimeoutMs, ...deps.http };
  /** With `connections` already read (lock-send-context.ts), nothing more is read. */
  return async function resolveSender(
    ctx: SenderTarget,
    connections?: ConnectionForSend[],
  ): Promise<SenderRoute> {
    const rows: ConnectionForSend[] =
      connections ??
      (await deps.db
        .select()
        .from(sendingConnections)
        .where(eq(sendingConnections.workspaceId, ctx.workspace.id)));
    const byKind = new Map(rows.map((r) => [r.kind, r] as const));
    const platform = ctx.campaign?.platform ?? 'generic';
    const choice = chooseSendingConnection(platform, new Set(byKind.keys()));
    if (choice.use === 'default') return { route: 'send', sender: deps.defaultSender };
    if (choice.use === 'none') {
      return {
        route: 'hold',
        reason: 'no_sending_connection',
        detail: {
          platform,
          fix: `autosend connection set ${ctx.workspace.id} --kind ${choice.needs} ...`,
        },
      };
    }
    const row = byKind.get(choice.kind)!;
    let credentials: Record<string, string>;
    try {
      credentials = openConnectionCredentials(row, deps.config.secretKey);
    } catch (error) {
      if (!(error instanceof AutosendError)) throw error;
      return {
        route: 'hold',
        reason: 'sending_connection_failed',
        detail: { connection: choice.kind, error: error.message },
      };
    }
    return { route: 'send', sender: watchAuth(buildSender(row, credentials), row) };
  };

  function buildSender(row: ConnectionForSend, credentials: Record<string, string>): EmailSender {
    const settings = row.settings as Record<string, unknown>;
    switch (row.kind) {
      case 'outbox':
        return makeOutboxSender(deps.config.outboxDir);
      case 'smtp': {
        const smtp = makeSmtpSender(credentials.smtpUrl ?? '');
        return {
          name: 'smtp',
          send: (mail) => smtp.send(mail).finally(() => smtp.close()),
        };
      }
      case 'smartlead':
        return makeSmartleadSender(
          { apiKey: credentials.apiKey ?? '' },
          { ...http, baseUrl: platformBaseUrl('smartlead', settings) },
        );
      case 'instantly':
        return makeInstantlySender(
          { apiKey: credentials.apiKey ?? '' },
          { ...http, baseUrl: platformBaseUrl('instantly', settings) },
        );
      case 'emailbison':
        return makeEmailBisonSender(
          { token: credentials.token ?? '' },
          { ...http, baseUrl: platformBaseUrl('emailbison', settings) },
        );
    }
  }

  function watchAuth(sender: EmailSender, row: ConnectionForSend): EmailSender {
    return {
      ...sender,
      async send(mail) {
        try {
          return await sender.send(mail);
        } catch (error) {
          if (error instanceof AutosendError && error.code === 'platform_auth_failed') {
            await markAuthFailed(row.id, row.kind, error.message);
          }
          throw error;
        }
      },
    };
  }

  async function markAuthFailed(id: string, kind: SendingConnectionKind, message: string) {
    deps.logger.error({ connection: kind }, 'sending connection refused its credentials');
    await recordConnectionCheck(
      deps.db,
      id,
      { ok: false, errorCode: 'bad_credentials', problem: `a send was refused: ${message}` },
      new Date(),
    ).catch((err: unknown) =>
      deps.logger.error({ err }, 'could not record the connection failure'),
    );
  }
}

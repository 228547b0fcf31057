/** Platforms that post replies to `/webhooks/{platform}/{webhookKey}`. */
export const WEBHOOK_PLATFORMS = ['generic', 'smartlead', 'instantly', 'emailbison'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

export interface WebhookEndpoint {
  platform: WebhookPlatform;
  url: string;
  /** How the sender proves it knows the workspace's webhook secret. */
  signing: string;
}

/* Mirrors src/ingest/verify-webhook.ts, which checks what is described here. */
const SIGNING: Record<WebhookPlatform, string> = {
  generic:
    'Header X-Autosend-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook secret>. ' +
    'Optionally send X-Autosend-Timestamp: <unix seconds> and sign "<timestamp>.<raw body>" (accepted within 5 minutes).',
  smartlead:
    'Put the webhook secret in the webhook’s secret_key (sent in the payload), or sign with X-Smartlead-Signature: sha256=<hex HMAC of the raw body>.',
  instantly:
    'Add a header in the webhook’s headers: Authorization: Bearer <webhook secret> (or X-Autosend-Secret: <webhook secret>).',
  emailbison:
    'Append ?secret=<webhook secret> to the URL (EmailBison documents no signing), or send Authorization: Bearer <webhook secret>.',
};

/** The webhook URLs of one workspace, with how each platform must authenticate. */
export function webhookEndpoints(publicUrl: string, webhookKey: string): WebhookEndpoint[] {
  const base = publicUrl.replace(/\/+$/, '');
  return WEBHOOK_PLATFORMS.map((platform) => ({
    platform,
    url: `${base}/webhooks/${platform}/${webhookKey}`,
    signing: SIGNING[platform],
  }));
}

import type { WebhookEventKind } from './classify-event.ts';
import type { InboundReply } from './inbound-reply.ts';
import { classifyEmailBisonEvent, mapEmailBisonPayload } from './map-emailbison-payload.ts';
import { mapGenericPayload } from './map-generic-payload.ts';
import { classifyInstantlyEvent, mapInstantlyPayload } from './map-instantly-payload.ts';
import { classifySmartleadEvent, mapSmartleadPayload } from './map-smartlead-payload.ts';

export const WEBHOOK_SOURCES = ['generic', 'smartlead', 'instantly', 'emailbison'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export function isWebhookSource(value: string): value is WebhookSource {
  return (WEBHOOK_SOURCES as readonly string[]).includes(value);
}

const adapters: Record<
  WebhookSource,
  {
    classify(payload: unknown): WebhookEventKind;
    map(payload: unknown, receivedAt: Date): InboundReply;
  }
> = {
  generic: { classify: () => ({ kind: 'reply' }), map: mapGenericPayload },
  smartlead: { classify: classifySmartleadEvent, map: mapSmartleadPayload },
  instantly: { classify: classifyInstantlyEvent, map: mapInstantlyPayload },
  emailbison: { classify: classifyEmailBisonEvent, map: mapEmailBisonPayload },
};

/**
 * One webhook delivery → a reply to store, or an ignored event with its
 * reason. Throws ValidationError (platform field paths) for a bad reply payload.
 */
export function interpretWebhookPayload(
  source: WebhookSource,
  payload: unknown,
  receivedAt: Date,
): { kind: 'reply'; reply: InboundReply } | { kind: 'ignored'; reason: string } {
  const adapter = adapters[source];
  const event = adapter.classify(payload);
  if (event.kind === 'ignored') return event;
  return { kind: 'reply', reply: adapter.map(payload, receivedAt) };
}

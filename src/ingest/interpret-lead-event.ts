import type { LeadFlag } from '../pipeline/lead-flags.ts';
import type { WebhookSource } from './map-webhook-payload.ts';
import { readPayload } from './read-payload.ts';

/**
 * A platform event about the lead that is not a reply: a bounce, an
 * unsubscribe, a meeting booked. It flags the lead exactly as the text gates
 * would (lead-flags.ts), with the event as evidence. Pure.
 */
export interface LeadEvent {
  flag: LeadFlag;
  leadEmail: string;
  /** `smartlead EMAIL_BOUNCE webhook (campaign 9181)`: shown as the flag's evidence. */
  evidence: string;
  at: Date;
  eventType: string;
}

/*
 * Event names per platform:
 * - Instantly ✅ (developer.instantly.ai webhook events): `email_bounced`,
 *   `lead_unsubscribed`, `lead_meeting_booked` (a lead label event).
 * - Smartlead ⚠️: the API site lists EMAIL_BOUNCED and EMAIL_UNSUBSCRIBED; the
 *   help centre names EMAIL_BOUNCE and LEAD_UNSUBSCRIBED; all are accepted, and
 *   LEAD_CATEGORY_UPDATED whose category is "Meeting Booked" marks the booking.
 * - EmailBison ⚠️ (OpenAPI copy): EMAIL_BOUNCED, LEAD_UNSUBSCRIBED.
 */
const FLAGS: Record<WebhookSource, Record<string, LeadFlag>> = {
  generic: {},
  instantly: {
    email_bounced: 'bounced',
    lead_unsubscribed: 'opted_out',
    lead_meeting_booked: 'booked',
  },
  smartlead: {
    EMAIL_BOUNCE: 'bounced',
    EMAIL_BOUNCED: 'bounced',
    EMAIL_UNSUBSCRIBED: 'opted_out',
    LEAD_UNSUBSCRIBED: 'opted_out',
  },
  emailbison: { EMAIL_BOUNCED: 'bounced', LEAD_UNSUBSCRIBED: 'opted_out' },
};

const LEAD_EMAIL_PATHS: Record<WebhookSource, string[]> = {
  generic: [],
  instantly: ['lead_email'],
  smartlead: ['sl_lead_email', 'to_email', 'lead_email', 'lead.email'],
  emailbison: ['data.lead.email', 'data.reply.to.0.address'],
};

function eventTypeOf(source: WebhookSource, body: Record<string, unknown>): string {
  if (source === 'instantly') return String(body.event_type ?? '');
  const event = body.event_type ?? body.event;
  const raw = event && typeof event === 'object' ? (event as { type?: unknown }).type : event;
  return String(raw ?? '').toUpperCase();
}

/** The lead event a webhook delivery carries, or null when it is not one. */
export function interpretLeadEvent(
  source: WebhookSource,
  payload: unknown,
  receivedAt: Date,
): LeadEvent | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const body = payload as Record<string, unknown>;
  const type = eventTypeOf(source, body);
  const r = readPayload(body);
  let flag = FLAGS[source][type];
  if (!flag && source === 'smartlead' && type === 'LEAD_CATEGORY_UPDATED') {
    const category = r.firstText(['lead_category.new_name', 'category', 'lead_category']) ?? '';
    if (/meeting\s*booked/i.test(category)) flag = 'booked';
  }
  if (!flag) return null;
  const leadEmail = LEAD_EMAIL_PATHS[source].map((p) => r.email(p)).find(Boolean);
  if (!leadEmail) return null;
  const campaign = r.firstText(['campaign_id', 'data.campaign.id']);
  const at =
    r.date('event_timestamp') ??
    r.date('timestamp') ??
    r.date('data.scheduled_email.bounced_at') ??
    receivedAt;
  return {
    flag,
    leadEmail,
    evidence: `${source} ${type} webhook${campaign ? ` (campaign ${campaign})` : ''}`,
    at,
    eventType: type,
  };
}

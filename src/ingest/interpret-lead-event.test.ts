import { describe, expect, it } from 'vitest';
import { interpretLeadEvent } from './interpret-lead-event.ts';

const at = new Date('2026-03-02T10:00:00Z');

describe('interpretLeadEvent', () => {
  it.each([
    ['instantly', { event_type: 'email_bounced', lead_email: 'A@x.io' }, 'bounced'],
    ['instantly', { event_type: 'lead_unsubscribed', lead_email: 'a@x.io' }, 'opted_out'],
    ['instantly', { event_type: 'lead_meeting_booked', lead_email: 'a@x.io' }, 'booked'],
    ['smartlead', { event_type: 'EMAIL_BOUNCE', sl_lead_email: 'a@x.io' }, 'bounced'],
    ['smartlead', { event: 'EMAIL_UNSUBSCRIBED', lead: { email: 'a@x.io' } }, 'opted_out'],
    [
      'smartlead',
      {
        event_type: 'LEAD_CATEGORY_UPDATED',
        sl_lead_email: 'a@x.io',
        lead_category: { new_name: 'Meeting Booked' },
      },
      'booked',
    ],
    [
      'emailbison',
      { event: { type: 'EMAIL_BOUNCED' }, data: { lead: { email: 'a@x.io' } } },
      'bounced',
    ],
    [
      'emailbison',
      { event: { type: 'LEAD_UNSUBSCRIBED' }, data: { lead: { email: 'a@x.io' } } },
      'opted_out',
    ],
  ] as const)('%s %j flags the lead %s', (source, payload, flag) => {
    expect(interpretLeadEvent(source, payload, at)).toMatchObject({ flag, leadEmail: 'a@x.io' });
  });

  it('ignores opens, sends, other categories, and events naming no lead', () => {
    expect(
      interpretLeadEvent('instantly', { event_type: 'email_opened', lead_email: 'a@x.io' }, at),
    ).toBeNull();
    expect(
      interpretLeadEvent('instantly', { event_type: 'email_sent', lead_email: 'a@x.io' }, at),
    ).toBeNull();
    expect(
      interpretLeadEvent(
        'smartlead',
        {
          event_type: 'LEAD_CATEGORY_UPDATED',
          sl_lead_email: 'a@x.io',
          lead_category: { new_name: 'Interested' },
        },
        at,
      ),
    ).toBeNull();
    expect(
      interpretLeadEvent('emailbison', { event: { type: 'EMAIL_BOUNCED' }, data: {} }, at),
    ).toBeNull();
  });

  it('names the platform, the event and the campaign as evidence', () => {
    expect(
      interpretLeadEvent(
        'instantly',
        { event_type: 'email_bounced', lead_email: 'a@x.io', campaign_id: 'c-9' },
        at,
      ),
    ).toEqual({
      flag: 'bounced',
      leadEmail: 'a@x.io',
      evidence: 'instantly email_bounced webhook (campaign c-9)',
      at,
      eventType: 'email_bounced',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { interpretFirstEmailSent } from './interpret-sent-event.ts';

const at = new Date('2026-12-02T09:00:00Z');

describe('interpretFirstEmailSent', () => {
  it.each([
    [
      'smartlead',
      {
        event_type: 'EMAIL_SENT',
        sl_lead_email: 'A@x.io',
        campaign_id: 9181,
        sequence_number: 1,
        event_timestamp: '2026-11-18T08:00:00+00:00',
      },
      { leadEmail: 'a@x.io', campaignExternalId: '9181', at: new Date('2026-11-18T08:00:00Z') },
    ],
    [
      'smartlead',
      { event: 'EMAIL_SENT', lead: { email: 'a@x.io' }, campaign_id: 7, sequence_number: '1' },
      { leadEmail: 'a@x.io', campaignExternalId: '7', at },
    ],
    [
      'instantly',
      {
        event_type: 'email_sent',
        lead_email: 'a@x.io',
        campaign_id: 'c-1',
        is_first: true,
        step: 3,
      },
      { leadEmail: 'a@x.io', campaignExternalId: 'c-1', at },
    ],
    [
      'instantly',
      { event_type: 'email_sent', lead_email: 'a@x.io', campaign_id: 'c-1', step: 1 },
      { leadEmail: 'a@x.io', campaignExternalId: 'c-1', at },
    ],
    [
      'emailbison',
      {
        event: { type: 'CONTACT_FIRST_EMAILED' },
        data: { lead: { email: 'a@x.io' }, campaign: { id: 42 } },
      },
      { leadEmail: 'a@x.io', campaignExternalId: '42', at },
    ],
    [
      'emailbison',
      {
        event: { type: 'EMAIL_SENT' },
        data: {
          lead: { email: 'a@x.io' },
          campaign: { id: 42 },
          scheduled_email: { sequence_step_order: 1 },
        },
      },
      { leadEmail: 'a@x.io', campaignExternalId: '42', at },
    ],
  ] as const)('%s first email: enrols', (source, payload, expected) => {
    expect(interpretFirstEmailSent(source, payload, at)).toMatchObject(expected);
  });

  it.each([
    [
      'smartlead',
      { event_type: 'EMAIL_SENT', sl_lead_email: 'a@x.io', campaign_id: 1, sequence_number: 2 },
    ],
    [
      'smartlead',
      { event_type: 'EMAIL_REPLY', sl_lead_email: 'a@x.io', campaign_id: 1, sequence_number: 1 },
    ],
    ['smartlead', { event_type: 'EMAIL_SENT', campaign_id: 1, sequence_number: 1 }],
    [
      'instantly',
      {
        event_type: 'email_sent',
        lead_email: 'a@x.io',
        campaign_id: 'c',
        is_first: false,
        step: 1,
      },
    ],
    ['instantly', { event_type: 'email_sent', lead_email: 'a@x.io', step: 1, is_first: true }],
    [
      'emailbison',
      {
        event: { type: 'EMAIL_SENT' },
        data: {
          lead: { email: 'a@x.io' },
          campaign: { id: 4 },
          scheduled_email: { sequence_step_order: 2 },
        },
      },
    ],
    [
      'emailbison',
      {
        event: { type: 'MANUAL_EMAIL_SENT' },
        data: { lead: { email: 'a@x.io' }, campaign: { id: 4 } },
      },
    ],
    [
      'generic',
      { event_type: 'EMAIL_SENT', lead_email: 'a@x.io', campaign_id: 1, sequence_number: 1 },
    ],
  ] as const)(
    '%s: a later step, another event or a missing lead/campaign is not a first email',
    (source, payload) => {
      expect(interpretFirstEmailSent(source, payload, at)).toBeNull();
    },
  );
});

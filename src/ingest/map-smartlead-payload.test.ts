import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { classifySmartleadEvent, mapSmartleadPayload } from './map-smartlead-payload.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

/** The flat EMAIL_REPLY shape of help.smartlead.ai "Threaded Replies" / "Email Reply Webhooks". */
const smartleadFlatReply = {
  webhook_id: 100,
  webhook_name: 'Autosend',
  campaign_status: 'ACTIVE',
  stats_id: 'a891fe37-c45d-21e8-67ba-fcd44e9c33a8',
  stats_thread_id: 'thread-5521',
  sl_email_lead_id: '1482956',
  sl_email_lead_map_id: 1438627,
  sl_lead_email: 'James.Parker@Parkerlogistics.com',
  from_email: 'alex@agency-mail.io',
  cc_emails: [],
  subject: 'Re: Some more conversions?',
  to_email: 'james.parker@parkerlogistics.com',
  to_name: 'James Parker',
  event_type: 'EMAIL_REPLY',
  event_timestamp: '2026-11-19T09:35:01+00:00',
  time_replied: '2026-11-19T09:35:01+00:00',
  sent_message: {
    message_id: '<sl-out-1@agency-mail.io>',
    html: '<div>Hi James,<br>worth a chat?</div>',
    text: 'Hi James,\nworth a chat?',
    time: '2026-11-18T08:00:00+00:00',
  },
  reply_message: {
    message_id: '<BDD5kUwc77maSjLRv2gmq@mail.gmail.com>',
    html: '<div>Sure, send me some times next week.</div>',
    text: 'Sure, send me some times next week.\n',
    time: '2026-11-19T09:35:00+00:00',
  },
  campaign_name: 'Logistics Q4',
  campaign_id: 9181,
  sequence_number: 1,
  secret_key: 'sl-secret',
  app_url: 'https://app.smartlead.ai/app/master-inbox?leadMap=1438627',
  description: 'james.parker@parkerlogistics.com replied to Email 1',
  metadata: { webhook_created_at: '2026-11-01T08:14:40.843Z' },
  leadCorrespondence: {
    targetLeadEmail: 'james.parker@parkerlogistics.com',
    replyReceivedFrom: 'james.parker@parkerlogistics.com',
    repliedCompanyDomain: 'parkerlogistics.com',
  },
};

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('mapSmartleadPayload (flat EMAIL_REPLY)', () => {
  it('maps the documented fields: our mailbox, the lead, the sent message as history', () => {
    const reply = mapSmartleadPayload(smartleadFlatReply, NOW);
    expect(reply).toMatchObject({
      source: 'smartlead',
      providerMessageId:
        'a891fe37-c45d-21e8-67ba-fcd44e9c33a8:<BDD5kUwc77maSjLRv2gmq@mail.gmail.com>',
      campaign: { externalId: '9181', name: 'Logistics Q4' },
      lead: { email: 'james.parker@parkerlogistics.com', firstName: 'James', lastName: 'Parker' },
      from: { email: 'james.parker@parkerlogistics.com', name: 'James Parker' },
      mailbox: 'alex@agency-mail.io',
      to: ['alex@agency-mail.io'],
      text: 'Sure, send me some times next week.',
      receivedAt: new Date('2026-11-19T09:35:00Z'),
      rfcMessageId: '<BDD5kUwc77maSjLRv2gmq@mail.gmail.com>',
      inReplyTo: '<sl-out-1@agency-mail.io>',
      threadKey: 'thread-5521',
      platformRefs: { statsId: 'a891fe37-c45d-21e8-67ba-fcd44e9c33a8', campaignId: '9181' },
      platformFlags: { eventType: 'EMAIL_REPLY' },
    });
    expect(reply.priorMessages).toEqual([
      {
        direction: 'outbound',
        text: 'Hi James,\nworth a chat?',
        at: new Date('2026-11-18T08:00:00Z'),
        rfcMessageId: '<sl-out-1@agency-mail.io>',
      },
    ]);
  });

  it('shows a colleague who answered as the sender, the lead unchanged', () => {
    const reply = mapSmartleadPayload(
      {
        ...smartleadFlatReply,
        leadCorrespondence: {
          targetLeadEmail: 'james.parker@parkerlogistics.com',
          replyReceivedFrom: 'Nina.Shah@parkerlogistics.com',
        },
      },
      NOW,
    );
    expect(reply.lead.email).toBe('james.parker@parkerlogistics.com');
    expect(reply.from.email).toBe('nina.shah@parkerlogistics.com');
    expect(reply.platformFlags.replyReceivedFrom).toBe('nina.shah@parkerlogistics.com');
  });

  it('falls back to the deprecated fields and to HTML', () => {
    const {
      reply_message: _r,
      sl_lead_email: _l,
      stats_thread_id: _t,
      ...old
    } = smartleadFlatReply;
    const reply = mapSmartleadPayload(
      { ...old, message_id: '<old@mail.gmail.com>', reply_body: '<p>Not now, thanks.</p>' },
      NOW,
    );
    expect(reply.providerMessageId).toBe(`${smartleadFlatReply.stats_id}:<old@mail.gmail.com>`);
    expect(reply.lead.email).toBe('james.parker@parkerlogistics.com');
    expect(reply.text).toBe('Not now, thanks.');
    expect(reply.threadKey).toBe('<sl-out-1@agency-mail.io>');
  });

  it('names the missing fields by their Smartlead path', () => {
    expect(
      fieldsOf(() =>
        mapSmartleadPayload({ event_type: 'EMAIL_REPLY', campaign_id: 1, cc_emails: 'x' }, NOW),
      ),
    ).toEqual({
      stats_id: 'is required',
      'reply_message.message_id': 'is required',
      sl_lead_email: 'is required (or to_email)',
      'reply_message.text': 'reply_message.text or .html is required',
      'cc_emails.0': 'must be an email address',
    });
  });
});

describe('mapSmartleadPayload (nested EMAIL_REPLIED)', () => {
  const nested = {
    event: 'EMAIL_REPLIED',
    timestamp: '2026-11-19T10:30:00Z',
    campaign_id: 123,
    campaign_name: 'Cold Outreach Q1',
    lead_id: 789,
    email_account_id: 456,
    lead: {
      email: 'jane@acme.example',
      first_name: 'Jane',
      last_name: 'Doe',
      company_name: 'Acme Corp',
      custom_fields: { job_title: 'CEO' },
    },
    sequence_number: 1,
    email: { subject: 'Quick question', message_id: 'abc123@smartlead.ai' },
    reply: {
      subject: 'Re: Quick question',
      body: 'Thanks for reaching out...',
      received_at: '2026-11-19T10:29:00Z',
    },
  };

  it('maps lead, reply and campaign', () => {
    const reply = mapSmartleadPayload(nested, NOW);
    expect(reply).toMatchObject({
      providerMessageId: '123:789:2026-11-19T10:29:00.000Z',
      campaign: { externalId: '123', name: 'Cold Outreach Q1' },
      lead: {
        email: 'jane@acme.example',
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Acme Corp',
      },
      from: { email: 'jane@acme.example' },
      subject: 'Re: Quick question',
      text: 'Thanks for reaching out...',
      inReplyTo: 'abc123@smartlead.ai',
      platformRefs: { leadId: '789', emailAccountId: '456' },
    });
  });

  it('names missing nested fields', () => {
    expect(
      fieldsOf(() => mapSmartleadPayload({ event: 'EMAIL_REPLIED', lead: {}, reply: {} }, NOW)),
    ).toEqual({
      'lead.email': 'is required',
      'reply.body': 'is required',
      'reply.received_at': 'is required (or reply.message_id or timestamp)',
    });
  });
});

describe('classifySmartleadEvent', () => {
  it('stores replies and ignores other events', () => {
    expect(classifySmartleadEvent(smartleadFlatReply)).toEqual({ kind: 'reply' });
    expect(classifySmartleadEvent({ event: 'EMAIL_REPLIED' })).toEqual({ kind: 'reply' });
    expect(classifySmartleadEvent({ event_type: 'EMAIL_OPEN' })).toEqual({
      kind: 'ignored',
      reason: 'smartlead_event:EMAIL_OPEN',
    });
  });

  it('maps an untracked reply with the sender as the lead and no campaign', () => {
    const reply = mapSmartleadPayload(
      {
        event_type: 'UNTRACKED_REPLIES',
        event_timestamp: '2026-11-17T05:24:33.353Z',
        reply_message: {
          message_id: '<CAJZ@mail.gmail.com>',
          html: '',
          text: 'Hi\n',
          time: '2026-11-17T05:24:33.353Z',
        },
        sender_detail: 'Sunita Soy <sunita@example.org>',
        recipient_detail: 'alex@agency-mail.io',
        subject: 'Untracked replies',
      },
      NOW,
    );
    expect(reply).toMatchObject({
      campaign: null,
      lead: { email: 'sunita@example.org', firstName: 'Sunita' },
      mailbox: 'alex@agency-mail.io',
      text: 'Hi',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../errors.ts';
import { classifyEmailBisonEvent, mapEmailBisonPayload } from './map-emailbison-payload.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

const emailBisonReply = {
  event: {
    type: 'LEAD_REPLIED',
    name: 'Lead Replied',
    instance_url: 'https://send.agency-bison.com',
    workspace_id: 3,
    workspace_name: 'Acme Agency',
  },
  data: {
    campaign: { id: 42, name: 'HR Tech founders' },
    lead: {
      id: 9001,
      email: 'priya@talentloop.io',
      first_name: 'Priya',
      last_name: 'Nair',
      company: 'TalentLoop',
      title: 'CEO',
    },
    reply: {
      id: 77123,
      uuid: '9b0f2c1e-aaaa-4bbb-8ccc-0d1e2f3a4b5c',
      email_subject: 'Re: Hiring velocity at TalentLoop',
      from_email_address: 'Priya@TalentLoop.io',
      from_name: 'Priya Nair',
      to: [{ address: 'sam@agency-mail.io', name: 'Sam' }],
      cc: [],
      html_body: '<p>Happy to chat. What does pricing look like?</p>',
      text_body: 'Happy to chat. What does pricing look like?',
      date_received: '2026-11-19T16:45:00.000000Z',
      automated_reply: false,
      interested: true,
      type: 'Tracked Reply',
      folder: 'Inbox',
    },
    scheduled_email: { id: 555, raw_message_id: '<eb-out-555@agency-mail.io>' },
    sender_email: { id: 12, email: 'sam@agency-mail.io', name: 'Sam' },
  },
};

describe('mapEmailBisonPayload', () => {
  it('maps a LEAD_REPLIED event', () => {
    const reply = mapEmailBisonPayload(emailBisonReply, NOW);
    expect(reply).toMatchObject({
      source: 'emailbison',
      providerMessageId: '77123',
      campaign: { externalId: '42', name: 'HR Tech founders' },
      lead: {
        email: 'priya@talentloop.io',
        firstName: 'Priya',
        lastName: 'Nair',
        company: 'TalentLoop',
      },
      from: { email: 'priya@talentloop.io', name: 'Priya Nair' },
      mailbox: 'sam@agency-mail.io',
      to: ['sam@agency-mail.io'],
      text: 'Happy to chat. What does pricing look like?',
      receivedAt: new Date('2026-11-19T16:45:00Z'),
      inReplyTo: '<eb-out-555@agency-mail.io>',
      threadKey: '<eb-out-555@agency-mail.io>',
      platformFlags: { eventType: 'LEAD_REPLIED', isAutoReply: false, interested: true },
      platformRefs: {
        replyId: '77123',
        senderEmailId: '12',
        instanceUrl: 'https://send.agency-bison.com',
      },
    });
  });

  it('flags reply.automated_reply and maps an untracked reply without lead or campaign', () => {
    const { campaign: _c, lead: _l, scheduled_email: _s, ...data } = emailBisonReply.data;
    const reply = mapEmailBisonPayload(
      {
        event: { type: 'UNTRACKED_REPLY_RECEIVED' },
        data: { ...data, reply: { ...data.reply, automated_reply: true } },
      },
      NOW,
    );
    expect(reply.platformFlags.isAutoReply).toBe(true);
    expect(reply.campaign).toBeNull();
    expect(reply.lead.email).toBe('priya@talentloop.io');
  });

  it('names missing fields by their path under data', () => {
    let fields: Record<string, string> = {};
    try {
      mapEmailBisonPayload(
        { event: { type: 'LEAD_REPLIED' }, data: { reply: { date_received: 'soon' } } },
        NOW,
      );
    } catch (error) {
      fields = (error as ValidationError).fields;
    }
    expect(fields).toEqual({
      'data.reply.id': 'is required',
      'data.reply.from_email_address': 'is required',
      'data.reply.text_body': 'text_body or html_body is required',
      'data.reply.date_received': 'must be an ISO 8601 date',
    });
  });

  it('ignores manual_email_sent (our own API replies) and non-reply events', () => {
    expect(classifyEmailBisonEvent(emailBisonReply)).toEqual({ kind: 'reply' });
    expect(classifyEmailBisonEvent({ event: { type: 'MANUAL_EMAIL_SENT' }, data: {} })).toEqual({
      kind: 'ignored',
      reason: 'manual_email_sent',
    });
    expect(classifyEmailBisonEvent({ event: { type: 'EMAIL_OPENED' } })).toEqual({
      kind: 'ignored',
      reason: 'emailbison_event:email_opened',
    });
  });
});

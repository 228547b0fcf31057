import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { mapGenericPayload } from './map-generic-payload.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

const example = {
  id: 'crm-reply-2041',
  receivedAt: '2026-11-20T09:14:00Z',
  campaign: { id: 'q4-saas-founders', name: 'Q4 SaaS founders' },
  lead: {
    email: 'Maria.Lopez@Northwind.io',
    firstName: 'Maria',
    lastName: 'Lopez',
    company: 'Northwind',
  },
  from: { email: 'maria.lopez@northwind.io', name: 'Maria Lopez' },
  mailbox: 'alex@agency-mail.io',
  to: ['alex@agency-mail.io'],
  cc: ['ops@northwind.io'],
  subject: 'Re: Cutting onboarding time at Northwind',
  text: 'Hi Alex, sounds interesting. Could we talk Thursday afternoon?\n\nOn Tue, Alex wrote:\n> ...',
  messageId: '<CAF=abc123@mail.gmail.com>',
  inReplyTo: '<out-77@agency-mail.io>',
  references: ['<out-77@agency-mail.io>'],
  headers: { 'Auto-Submitted': 'no' },
  history: [{ direction: 'outbound', text: 'Hi Maria, ...', at: '2026-11-18T08:00:00Z' }],
  someFieldWeDoNotKnow: { nested: true },
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

describe('mapGenericPayload', () => {
  it('maps the documented example and ignores unknown fields', () => {
    const reply = mapGenericPayload(example, NOW);
    expect(reply).toMatchObject({
      source: 'generic',
      providerMessageId: 'crm-reply-2041',
      campaign: { externalId: 'q4-saas-founders', name: 'Q4 SaaS founders' },
      lead: { email: 'maria.lopez@northwind.io', firstName: 'Maria', company: 'Northwind' },
      from: { email: 'maria.lopez@northwind.io', name: 'Maria Lopez' },
      mailbox: 'alex@agency-mail.io',
      cc: ['ops@northwind.io'],
      rfcMessageId: '<CAF=abc123@mail.gmail.com>',
      inReplyTo: '<out-77@agency-mail.io>',
      threadKey: '<out-77@agency-mail.io>',
      headers: { 'auto-submitted': 'no' },
      receivedAt: new Date('2026-11-20T09:14:00Z'),
    });
    expect(reply.priorMessages).toEqual([
      { direction: 'outbound', text: 'Hi Maria, ...', at: new Date('2026-11-18T08:00:00Z') },
    ]);
    expect(JSON.stringify(reply)).not.toContain('someFieldWeDoNotKnow');
  });

  it('needs only id, lead.email and a body; the sender defaults to the lead', () => {
    const reply = mapGenericPayload(
      { id: 'r1', lead: { email: 'a@b.co' }, html: '<p>Yes&nbsp;please</p>' },
      NOW,
    );
    expect(reply.from.email).toBe('a@b.co');
    expect(reply.text).toBe('Yes please');
    expect(reply.campaign).toBeNull();
    expect(reply.receivedAt).toEqual(NOW);
    expect(reply.threadKey).toBe('generic:-:a@b.co');
  });

  it('prefers the caller thread id and accepts a "Name <address>" sender', () => {
    const reply = mapGenericPayload(
      { ...example, threadId: 'crm-thread-9', from: 'Tom Baker <TOM@northwind.io>' },
      NOW,
    );
    expect(reply.threadKey).toBe('crm-thread-9');
    expect(reply.from).toEqual({ email: 'tom@northwind.io', name: 'Tom Baker' });
  });

  it('names every missing or bad field by its path', () => {
    expect(
      fieldsOf(() =>
        mapGenericPayload(
          {
            lead: { email: 'not-an-address' },
            cc: ['ok@x.io', 42],
            receivedAt: 'yesterday',
            campaign: { name: 'no id' },
            history: [{ direction: 'sideways' }],
          },
          NOW,
        ),
      ),
    ).toEqual({
      id: 'is required',
      'lead.email': 'must be an email address',
      text: 'text or html is required',
      'campaign.id': 'is required when campaign is given',
      'cc.1': 'must be an email address',
      receivedAt: 'must be an ISO 8601 date',
      'history.0.direction': 'must be inbound or outbound',
    });
  });

  it('rejects a body that is not an object', () => {
    expect(fieldsOf(() => mapGenericPayload([1, 2], NOW))).toEqual({ $: 'must be a JSON object' });
  });
});

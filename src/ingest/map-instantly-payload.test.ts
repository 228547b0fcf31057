import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../errors.ts';
import { classifyInstantlyEvent, mapInstantlyPayload } from './map-instantly-payload.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

/** developer.instantly.ai/guides/webhook-events, reply_received, with a lead custom field. */
const instantlyReply = {
  timestamp: '2026-11-19T14:02:11.000Z',
  event_type: 'reply_received',
  workspace: '5f0c3a9e-2b1d-4c8e-9a6f-1d2e3f4a5b6c',
  campaign_id: '0b9e7c1a-44d2-4f0e-8a3b-6c5d4e3f2a1b',
  campaign_name: 'Dental clinics DACH',
  lead_email: 'Dr.Weber@praxis-weber.de',
  email_account: 'lena@agency-mail.io',
  unibox_url: 'https://app.instantly.ai/app/unibox?thread=abc',
  step: 2,
  variant: 1,
  is_first: true,
  email_id: '01J9Z8K6T3Q2M1N0P9R8S7T6U5',
  email_subject: 'Kurze Frage, Dr. Weber',
  email_text: 'Hallo Dr. Weber, ...',
  reply_text_snippet: 'Gerne, rufen Sie mich',
  reply_subject: 'Re: Kurze Frage, Dr. Weber',
  reply_text: 'Gerne, rufen Sie mich am Dienstag an.\n\nAm Mo. schrieb Lena:\n> Hallo',
  reply_html: '<div>Gerne, rufen Sie mich am Dienstag an.</div>',
  firstName: 'Anna',
  lastName: 'Weber',
  companyName: 'Praxis Weber',
  practiceSize: '4 chairs',
};

describe('mapInstantlyPayload', () => {
  it('maps a reply_received event', () => {
    const reply = mapInstantlyPayload(instantlyReply, NOW);
    expect(reply).toMatchObject({
      source: 'instantly',
      providerMessageId: '01J9Z8K6T3Q2M1N0P9R8S7T6U5',
      campaign: { externalId: '0b9e7c1a-44d2-4f0e-8a3b-6c5d4e3f2a1b', name: 'Dental clinics DACH' },
      lead: {
        email: 'dr.weber@praxis-weber.de',
        firstName: 'Anna',
        lastName: 'Weber',
        company: 'Praxis Weber',
      },
      mailbox: 'lena@agency-mail.io',
      subject: 'Re: Kurze Frage, Dr. Weber',
      receivedAt: new Date('2026-11-19T14:02:11Z'),
      platformFlags: { eventType: 'reply_received', isAutoReply: false, step: 2 },
      platformRefs: { replyToUuid: '01J9Z8K6T3Q2M1N0P9R8S7T6U5', eaccount: 'lena@agency-mail.io' },
      threadKey: 'instantly:0b9e7c1a-44d2-4f0e-8a3b-6c5d4e3f2a1b:dr.weber@praxis-weber.de',
    });
    expect(reply.text).toContain('am Dienstag');
    expect(reply.priorMessages).toEqual([{ direction: 'outbound', text: 'Hallo Dr. Weber, ...' }]);
    expect(JSON.stringify(reply)).not.toContain('4 chairs');
  });

  it('flags auto_reply_received as an auto-reply', () => {
    const reply = mapInstantlyPayload(
      { ...instantlyReply, event_type: 'auto_reply_received' },
      NOW,
    );
    expect(reply.platformFlags.isAutoReply).toBe(true);
  });

  it('names missing fields', () => {
    let fields: Record<string, string> = {};
    try {
      mapInstantlyPayload(
        { event_type: 'reply_received', lead_email: 'nope', email_account: 5 },
        NOW,
      );
    } catch (error) {
      fields = (error as ValidationError).fields;
    }
    expect(fields).toEqual({
      email_id: 'is required',
      lead_email: 'must be an email address',
      email_account: 'must be an email address',
      reply_text: 'reply_text or reply_html is required',
    });
  });

  it('ignores events that are not replies', () => {
    expect(classifyInstantlyEvent(instantlyReply)).toEqual({ kind: 'reply' });
    expect(classifyInstantlyEvent({ ...instantlyReply, event_type: 'email_opened' })).toEqual({
      kind: 'ignored',
      reason: 'instantly_event:email_opened',
    });
  });
});

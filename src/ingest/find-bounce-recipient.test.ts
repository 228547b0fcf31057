import { describe, expect, it } from 'vitest';
import { findBounceRecipient } from './find-bounce-recipient.ts';

const ours = ['sarah@autosend-demo.com'];

describe('findBounceRecipient', () => {
  it.each([
    [
      'Final-Recipient wins over Original-Recipient',
      'Original-Recipient: rfc822;Tom.B@acme.com\nFinal-Recipient: rfc822; tom.b@mail.acme.com\nAction: failed',
      {},
      { email: 'tom.b@mail.acme.com', evidence: 'Final-Recipient: rfc822; tom.b@mail.acme.com' },
    ],
    [
      'Original-Recipient alone',
      'Original-Recipient: rfc822;Tom.B@acme.com\nAction: failed',
      {},
      { email: 'tom.b@acme.com', evidence: 'Original-Recipient: rfc822;Tom.B@acme.com' },
    ],
    [
      'X-Failed-Recipients header (Exim)',
      'This message was created automatically by mail delivery software.',
      { 'x-failed-recipients': 'jane@contoso.com' },
      { email: 'jane@contoso.com', evidence: 'X-Failed-Recipients: jane@contoso.com' },
    ],
    [
      "the original message's To, inlined below the report",
      'Delivery failed.\n\nReturn-Path: <sarah@autosend-demo.com>\nFrom: Sarah <sarah@autosend-demo.com>\nTo: Tom Baker <tom@acme-industrial.com>\nSubject: hi',
      {},
      {
        email: 'tom@acme-industrial.com',
        evidence: 'original message To: Tom Baker <tom@acme-industrial.com>',
      },
    ],
    [
      'our own address is never the bounced lead',
      'Final-Recipient: rfc822; sarah@autosend-demo.com\n<lead@acme.com>: host said: 550 5.1.1 unknown',
      {},
      { email: 'lead@acme.com', evidence: '<lead@acme.com>: host said: 550 5.1.1 unknown' },
    ],
  ])('%s', (_name, text, headers, expected) => {
    expect(findBounceRecipient({ text, headers, ours })).toEqual(expected);
  });

  it('returns null when no recipient is named', () => {
    expect(findBounceRecipient({ text: 'Mail delivery failed.', headers: {}, ours })).toBeNull();
  });
});

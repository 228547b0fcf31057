import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './corpus/all-cases.ts';
import { BOUNCES } from './corpus/bounces.ts';
import { human, machine } from './corpus/corpus-case.ts';
import { detectBounce } from './detect-bounce.ts';

describe('detectBounce over the corpus', () => {
  it.each(ALL_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const hit = detectBounce(c.message);
    if (c.expected === 'bounce') expect(hit?.gate).toBe('bounce');
    else expect(hit).toBeNull();
  });
});

function bounceNamed(prefix: string) {
  const found = BOUNCES.find((c) => c.name.startsWith(prefix));
  if (!found) throw new Error(`no corpus case ${prefix}`);
  return detectBounce(found.message);
}

describe('detectBounce evidence', () => {
  it('quotes Status and Diagnostic-Code of a DSN', () => {
    const hit = bounceNamed('Postfix: Undelivered');
    expect(hit?.evidence).toContain('Status: 5.1.1');
    expect(hit?.evidence).toContain('Diagnostic-Code: smtp; 550 5.1.1');
  });

  it('quotes the SMTP line of a plain-text bounce', () => {
    expect(bounceNamed('qmail')?.evidence).toContain('550 No such user here');
    expect(bounceNamed('Exchange on-premises')?.evidence).toContain('RESOLVER.ADR.ExRecipNotFound');
  });

  it('quotes the wording when there is no code', () => {
    expect(bounceNamed('Yahoo')?.evidence).toMatch(/Failure Notice|554/);
  });
});

describe('detectBounce needs machine context, not words', () => {
  const words = [
    'Your email was rejected by our server: 550 5.7.1 spam. Please call me instead.',
    'Mail delivery failed for my colleague, he left. Talk to me.',
    'Address not found? No - the address is right, I just never got the PDF.',
    'Delivery Status Notification (Failure) is what I got when I wrote to your support.',
  ];
  it.each(words)('a person writing: %s', (text) => {
    expect(detectBounce(human(text, { returnPath: '<tom@acme-industrial.com>' }))).toBeNull();
  });

  it('a person whose return path is unknown is still a person', () => {
    expect(
      detectBounce(human('Undeliverable mail keeps piling up here.', { returnPath: null })),
    ).toBeNull();
  });

  it('null return path plus bounce subject and wording is a bounce', () => {
    const hit = detectBounce(
      machine({
        fromEmail: 'noreply@mx.partner.example',
        returnPath: '',
        subject: 'Undeliverable: Quick question',
        text: 'Delivery has failed to these recipients or groups:\nbuyer@partner.example',
      }),
    );
    expect(hit?.gate).toBe('bounce');
  });

  it('a DSN content type with only a transient status is not a bounce', () => {
    const msg = machine({
      subject: 'Delivery Status Notification',
      headers: { 'content-type': 'multipart/report; report-type=delivery-status' },
      text: 'Final-Recipient: rfc822; a@b.example\nAction: delayed\nStatus: 4.2.2',
    });
    expect(detectBounce(msg)).toBeNull();
  });

  it('DSN text pasted into a reply from a real mailbox is not a bounce', () => {
    const text = [
      'This is what I got back from your colleague address, just so you know:',
      '',
      'Reporting-MTA: dns; mx.acme-industrial.com',
      'Final-Recipient: rfc822; old.sales@autosend-demo.com',
      'Action: failed',
      'Status: 5.1.1',
    ].join('\n');
    expect(detectBounce(human(text))).toBeNull();
  });

  it('a read receipt (disposition-notification) is not a bounce', () => {
    const msg = machine({
      fromEmail: 'tom@acme-industrial.com',
      subject: 'Read: Quick question',
      headers: { 'content-type': 'multipart/report; report-type=disposition-notification' },
      text: 'Your message was read on Tuesday, March 4, 2025 10:30:00 AM.',
    });
    expect(detectBounce(msg)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buildReplyHeaders, normalizeMessageId, replySubject } from './build-reply-headers.ts';

const draftId = '0b7c1a52-3f7e-4c1e-9a55-2f0d6a1e9c11';

describe('buildReplyHeaders (RFC 5322 §3.6.4)', () => {
  it('threads under a parent with References: parent chain + parent id', () => {
    const h = buildReplyHeaders({
      draftId,
      fromAddress: 'Sam@Acme.io',
      parent: {
        rfcMessageId: '<lead-2@example.com>',
        inReplyTo: '<ours-1@acme.io>',
        references: ['<root@acme.io>', '<ours-1@acme.io>'],
        subject: 'Re: Quick question',
      },
    });
    expect(h).toEqual({
      messageId: `<autosend.${draftId}@acme.io>`,
      inReplyTo: '<lead-2@example.com>',
      references: ['<root@acme.io>', '<ours-1@acme.io>', '<lead-2@example.com>'],
      subject: 'Re: Quick question',
    });
  });

  it("uses the parent's single In-Reply-To when it has no References", () => {
    const h = buildReplyHeaders({
      draftId,
      fromAddress: 'sam@acme.io',
      parent: {
        rfcMessageId: 'lead-2@example.com',
        inReplyTo: 'root@acme.io',
        references: [],
        subject: 'Hello',
      },
    });
    expect(h.inReplyTo).toBe('<lead-2@example.com>');
    expect(h.references).toEqual(['<root@acme.io>', '<lead-2@example.com>']);
    expect(h.subject).toBe('Re: Hello');
  });

  it('splits a stored raw References header and drops duplicates', () => {
    const h = buildReplyHeaders({
      draftId,
      fromAddress: 'sam@acme.io',
      parent: {
        rfcMessageId: '<b@x>',
        inReplyTo: null,
        references: ['<a@x> <b@x>'],
        subject: 'x',
      },
    });
    expect(h.references).toEqual(['<a@x>', '<b@x>']);
  });

  it('is deterministic per draft, so a retry reuses the Message-ID', () => {
    const input = {
      draftId,
      fromAddress: 'sam@acme.io',
      parent: { rfcMessageId: null, inReplyTo: null, references: [], subject: 'Hi' },
    };
    expect(buildReplyHeaders(input).messageId).toBe(buildReplyHeaders(input).messageId);
    expect(buildReplyHeaders(input).inReplyTo).toBeUndefined();
    expect(buildReplyHeaders(input).references).toEqual([]);
  });

  it.each([
    ['Quick question', 'Re: Quick question'],
    ['Re: Quick question', 'Re: Quick question'],
    ['RE: Quick question', 'RE: Quick question'],
    ['re:Quick', 're:Quick'],
    ['Re[2]: Quick', 'Re[2]: Quick'],
    ['Regarding pricing', 'Re: Regarding pricing'],
    ['', 'Re:'],
  ])('replySubject(%j) = %j', (input, expected) => {
    expect(replySubject(input)).toBe(expected);
  });

  it('normalizes ids with or without angle brackets', () => {
    expect(normalizeMessageId(' a@b ')).toBe('<a@b>');
    expect(normalizeMessageId('<a@b>')).toBe('<a@b>');
    expect(normalizeMessageId('  ')).toBeUndefined();
  });
});

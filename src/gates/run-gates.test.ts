import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './corpus/all-cases.ts';
import { runGates } from './run-gates.ts';

describe('runGates over the corpus', () => {
  it('holds at least 80 realistic messages', () => {
    expect(ALL_CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(ALL_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = runGates(c.message);
    expect(result.gate).toBe(c.expected);
    if (c.expected) expect(result.evidence).toMatch(/\S/);
    else expect(result.evidence).toBeNull();
  });

  it('returns the new text for the classifier', () => {
    const result = runGates({
      fromEmail: 'tom@acme-industrial.com',
      subject: 'Re: hi',
      text: 'Tuesday works.\n\nOn Tue, Mar 4, 2025 at 9:12 AM Sarah <s@x.com> wrote:\n> Reply STOP to unsubscribe.',
      headers: {},
      platformFlags: {},
    });
    expect(result).toEqual({ gate: null, evidence: null, newText: 'Tuesday works.' });
  });

  it('checks bounce before opt-out and opt-out before auto-reply', () => {
    const dsn = ALL_CASES.find(
      (c) => c.expected === 'bounce' && c.message.headers['auto-submitted'],
    );
    expect(dsn).toBeDefined();
    expect(runGates(dsn!.message).gate).toBe('bounce');
    const ooo = runGates({
      fromEmail: 'tom@acme-industrial.com',
      subject: 'Automatic reply: hi',
      text: 'Please remove me from your list.',
      headers: { 'auto-submitted': 'auto-replied' },
      platformFlags: {},
    });
    expect(ooo.gate).toBe('opt_out');
  });
});

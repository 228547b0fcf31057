import { describe, expect, it } from 'vitest';
import { checkDraftGuards } from '../decision/draft-guards.ts';
import { formatSlotLabel, toOfferedSlot } from './format-slot-label.ts';

// Tuesday 12 January 2027, 10:00–10:30 in Berlin.
const slot = { start: '2027-01-12T09:00:00.000Z', end: '2027-01-12T09:30:00.000Z' };
const zone = 'Europe/Berlin';

describe('formatSlotLabel: the slot in the lead language (Intl.DateTimeFormat)', () => {
  it.each([
    ['en', 'Tuesday 12 January, 10:00–10:30 (Europe/Berlin)'],
    ['de', 'Dienstag, 12. Januar, 10:00–10:30 (Europe/Berlin)'],
    ['fr', 'mardi 12 janvier, 10:00–10:30 (Europe/Berlin)'],
    ['es', 'martes, 12 de enero, 10:00–10:30 (Europe/Berlin)'],
  ] as const)('%s', (language, label) => {
    expect(formatSlotLabel(slot, zone, language)).toBe(label);
  });

  it('names the end day when the slot crosses midnight on the reader clock', () => {
    const late = { start: '2027-01-12T22:30:00.000Z', end: '2027-01-12T23:30:00.000Z' };
    expect(formatSlotLabel(late, zone, 'de')).toBe(
      'Dienstag, 12. Januar, 23:30–Mittwoch, 13. Januar, 00:30 (Europe/Berlin)',
    );
  });

  it('non-English labels carry no English day or month names', () => {
    for (const language of ['de', 'fr', 'es'] as const) {
      expect(formatSlotLabel(slot, zone, language)).not.toMatch(/Tuesday|January/);
    }
  });
});

describe('German labels through the draft guards (structural time check)', () => {
  const offered = [toOfferedSlot(slot, zone, 'de')];
  const guard = (body: string) =>
    checkDraftGuards({
      body,
      offeredSlots: offered,
      knowledge: '',
      recipient: 'anna@kunde.example',
      expectedRecipient: 'anna@kunde.example',
      replyText: 'Gerne, wann passt es Ihnen?',
    }).map((f) => f.code);

  it('a German draft quoting the German label passes', () => {
    expect(guard(`Hallo Anna,\n\npasst Ihnen ${offered[0]!.label}?\n\nViele Grüße`)).toEqual([]);
  });

  it('a German draft with the right time on the wrong day fails invented_time', () => {
    expect(
      guard('Hallo Anna,\n\npasst Ihnen Mittwoch, 13. Januar, 10:00 Uhr?\n\nViele Grüße'),
    ).toContain('invented_time');
  });
});

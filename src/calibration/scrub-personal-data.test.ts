import { describe, expect, it } from 'vitest';
import { pickHouseStyleExamples } from './pick-house-style.ts';
import { scrubPersonalData } from './scrub-personal-data.ts';

describe('scrubPersonalData', () => {
  it('replaces known names, emails and phone numbers', () => {
    const text =
      'Hi Anna Schmidt, reach me at jo.doe@acme.io or +49 30 1234 5678. Anna, Tuesday at 10:30 works; we have 3 seats.';
    expect(scrubPersonalData(text, ['Anna', 'Schmidt', null])).toBe(
      'Hi [name] [name], reach me at [email] or [phone]. [name], Tuesday at 10:30 works; we have 3 seats.',
    );
  });
  it('leaves words that merely contain a name', () => {
    expect(scrubPersonalData('Annabel from Ann Arbor', ['Ann'])).toBe('Annabel from [name] Arbor');
  });
});

describe('pickHouseStyleExamples', () => {
  const at = (d: number) => new Date(Date.UTC(2026, 0, d));
  const ex = (replyText: string, category: string, d: number) => ({
    replyText,
    draftText: `draft ${d}`,
    sentText: `sent ${d}`,
    category,
    createdAt: at(d),
  });
  it('picks the most similar replies, recent first on ties, and drops unrelated ones', () => {
    const examples = [
      ex('What does the pricing look like for teams?', 'information_requested', 1),
      ex('Pricing for teams please', 'information_requested', 2),
      ex('Not interested', 'not_interested', 3),
      ex('Completely unrelated words here', 'neutral', 4),
    ];
    const picked = pickHouseStyleExamples(
      { text: 'Can you send pricing for our team?', category: 'information_requested' },
      examples,
      2,
    );
    expect(picked.map((p) => p.sentText)).toEqual(['sent 2', 'sent 1']);
  });
});

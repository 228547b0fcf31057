import { describe, expect, it } from 'vitest';
import { checkDraftGuards, timesOfDay } from '../decision/draft-guards.ts';
import { classifyOffline } from './offline-classify.ts';
import { draftOffline } from './offline-draft.ts';
import { evaluateOffline } from './offline-evaluate.ts';
import { detectLanguage, detectReplyLanguage } from './offline-language.ts';
import type { DraftInput, OfferedSlot } from './provider.ts';

const SLOTS: OfferedSlot[] = [
  {
    start: '2026-03-05T13:00:00Z',
    end: '2026-03-05T13:30:00Z',
    label: 'Thursday 5 March, 14:00–14:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
  {
    start: '2026-03-03T09:00:00Z',
    end: '2026-03-03T09:30:00Z',
    label: 'Tuesday 3 March, 10:00–10:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
];
const LINK = 'https://cal.example.com/alex/intro';
const KNOWLEDGE =
  'Autosend answers replies to cold emails within minutes. It works with Smartlead, Instantly and EmailBison.';

function draftInput(replyNewText: string, overrides: Partial<DraftInput> = {}): DraftInput {
  const { category } = classifyOffline({
    newText: replyNewText,
    subject: '',
    fromEmail: 'sam@acme.test',
    leadEmail: 'sam@acme.test',
    transcript: [],
  });
  return {
    transcript: [],
    replyNewText,
    category,
    lead: { email: 'sam@acme.test', firstName: 'Sam', company: 'Acme' },
    campaign: { name: 'Q1', knowledge: KNOWLEDGE, bookingLink: LINK },
    slots: SLOTS,
    sender: { name: 'Alex', signature: 'Alex Moreau\nAutosend' },
    subject: 'Re: replies',
    ...overrides,
  };
}

function guards(body: string, draft: DraftInput) {
  return checkDraftGuards({
    body,
    offeredSlots: draft.slots,
    bookingLink: draft.campaign.bookingLink,
    knowledge: draft.campaign.knowledge,
    recipient: draft.lead.email,
    expectedRecipient: draft.lead.email,
    replyText: draft.replyNewText,
  });
}

/** [reply, its language, the greeting the draft must open with] */
const REPLIES: Array<[string, string, string]> = [
  ['Klingt spannend! Können wir nächste Woche telefonieren?', 'de', 'Hallo Sam,'],
  ['Gerne, schicken Sie mir einen Terminvorschlag.', 'de', 'Hallo Sam,'],
  ['Wie funktioniert das genau? Was kostet es?', 'de', 'Hallo Sam,'],
  ['Wir machen das intern, danke.', 'de', 'Hallo Sam,'],
  ['Melden Sie sich gerne im Herbst nochmal.', 'de', 'Hallo Sam,'],
  ["Oui, ça m'intéresse. On peut se parler jeudi ?", 'fr', 'Bonjour Sam,'],
  ['Combien ça coûte pour une équipe de dix ?', 'fr', 'Bonjour Sam,'],
  ['Merci, mais nous avons déjà un prestataire.', 'fr', 'Bonjour Sam,'],
  ['Pas intéressé, merci.', 'fr', 'Bonjour Sam,'],
  ['Me interesa, ¿podemos hablar el martes?', 'es', 'Hola Sam,'],
  ['Puedes llamarme mañana, gracias.', 'es', 'Hola Sam,'],
  ['¿Cuánto cuesta? Necesito más información.', 'es', 'Hola Sam,'],
  ['Gracias, pero no nos interesa por ahora.', 'es', 'Hola Sam,'],
  ["Sounds good, let's talk.", 'en', 'Hi Sam,'],
];

describe('offline drafts in the reply language', () => {
  it.each(REPLIES)('%s → %s draft that passes the guards', (reply, language, greeting) => {
    const draft = draftInput(reply);
    const body = draftOffline(draft);
    expect(detectLanguage(reply)).toBe(language);
    expect(body.startsWith(`${greeting}\n`)).toBe(true);
    expect(guards(body, draft)).toEqual([]);
    const offered = new Set(SLOTS.flatMap((s) => timesOfDay(s.label)));
    expect(timesOfDay(body).filter((t) => !offered.has(t))).toEqual([]);
    const evaluation = evaluateOffline({ ...draft, draftBody: body });
    expect(evaluation.reason).not.toMatch(/but the draft is in/);
  });

  it('offers the slots verbatim, earliest first, with the link, in German', () => {
    const body = draftOffline(draftInput('Können wir uns nächste Woche treffen?'));
    expect(body).toContain('Sehr gern, das richte ich ein.');
    expect(body.indexOf('- Tuesday 3 March')).toBeLessThan(body.indexOf('- Thursday 5 March'));
    expect(body).toContain(LINK);
    expect(body.endsWith('Viele Grüße,\nAlex Moreau\nAutosend')).toBe(true);
  });

  it('confirms the weekday the lead named, in their language', () => {
    expect(draftOffline(draftInput('Passt Ihnen Dienstag?'))).toContain('Dienstag passt bei mir.');
    expect(draftOffline(draftInput('Je suis disponible jeudi.'))).toContain('Jeudi me convient.');
    expect(draftOffline(draftInput('¿Quedamos el martes?'))).toContain('El martes me viene bien.');
  });

  it('defers pricing to a call in French instead of inventing a price', () => {
    const body = draftOffline(draftInput('Combien ça coûte ?'));
    expect(body).toContain('Le tarif dépend de votre équipe');
    expect(body).not.toMatch(/[$€£]\s?\d|\d\s?(?:€|eur|usd)/i);
  });

  it('answers an English reply in English even when the signature is German', () => {
    const draft = draftInput('Can we set up a meeting?', {
      sender: { signature: 'Mit freundlichen Grüßen\nAlex Moreau' },
    });
    const body = draftOffline(draft);
    expect(body.startsWith('Hi Sam,\n')).toBe(true);
    expect(body.endsWith('Mit freundlichen Grüßen\nAlex Moreau')).toBe(true);
  });

  it('lowers confidence only when the draft language differs from the reply', () => {
    const german = draftInput('Können wir nächste Woche telefonieren?');
    const matching = evaluateOffline({ ...german, draftBody: draftOffline(german) });
    const englishBody = draftOffline({ ...german, replyNewText: 'Can you give me a call?' });
    const mismatched = evaluateOffline({ ...german, draftBody: englishBody });
    expect(mismatched.confidence).toBeLessThan(matching.confidence);
    expect(mismatched.reason).toMatch(/reply is in German but the draft is in English/);
    const english = draftInput('Can you give me a call?');
    const germanBody = draftOffline({ ...english, replyNewText: german.replyNewText });
    expect(evaluateOffline({ ...english, draftBody: germanBody }).reason).toMatch(
      /reply is in English but the draft is in German/,
    );
  });

  it("answers a too-short reply in the language of the lead's earlier messages", () => {
    const transcript: DraftInput['transcript'] = [
      { direction: 'outbound', from: 'alex@ours.test', at: '2026-03-01T09:00:00Z', text: 'Hi Sam' },
      {
        direction: 'inbound',
        from: 'sam@acme.test',
        at: '2026-03-02T09:00:00Z',
        text: 'Wie funktioniert das mit Instantly? Wir haben viele Kampagnen.',
      },
      { direction: 'inbound', from: 'sam@acme.test', at: '2026-03-03T09:00:00Z', text: 'Ok!' },
    ];
    expect(detectReplyLanguage('Ok!', transcript)).toBe('de');
    expect(draftOffline(draftInput('Ok!', { transcript })).startsWith('Hallo Sam,')).toBe(true);
    expect(detectReplyLanguage('Thanks, sounds good.', transcript)).toBe('en');
  });

  it('keeps an unsure one-word reply in English', () => {
    expect(detectLanguage('Danke.')).toBe('en');
    expect(detectLanguage('Thanks, klingt gut.')).toBe('de');
    expect(detectLanguage('Ok')).toBe('en');
  });
});

import { describe, expect, it } from 'vitest';
import { classifyOffline } from './offline-classify.ts';
import { draftOffline } from './offline-draft.ts';
import { evaluateOffline } from './offline-evaluate.ts';
import type { DraftInput, EvaluateInput } from './provider.ts';

const SLOTS = [
  {
    start: '2026-03-03T09:00:00Z',
    end: '2026-03-03T09:30:00Z',
    label: 'Tuesday 3 March, 10:00–10:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
];

function evaluate(reply: string, overrides: Partial<DraftInput> = {}, draftBody?: string) {
  const { category } = classifyOffline({
    newText: reply,
    subject: '',
    fromEmail: 'sam@acme.test',
    leadEmail: 'sam@acme.test',
    transcript: [],
  });
  const draft: DraftInput = {
    transcript: [],
    replyNewText: reply,
    category,
    lead: { email: 'sam@acme.test', firstName: 'Sam' },
    campaign: {
      name: 'x',
      knowledge: 'Autosend answers replies within minutes. It works with Smartlead and Instantly.',
      bookingLink: 'https://cal.example.com/alex',
    },
    slots: SLOTS,
    sender: { signature: 'Alex' },
    subject: 'Re: hi',
    ...overrides,
  };
  const input: EvaluateInput = { ...draft, draftBody: draftBody ?? draftOffline(draft) };
  return { category, ...evaluateOffline(input) };
}

const REPLIES = [
  "Sounds good, let's talk.",
  'Can we set up a meeting?',
  'How much does it cost?',
  'Does it work with Instantly?',
  'We already use Outreach.',
  'Talk to my colleague Jane (jane@acme.test).',
  'I booked a time for Thursday.',
  'This is spam, I will report you to my lawyer.',
  'Reach out next quarter.',
  'Wir sind interessiert, aber ich habe viele Fragen. Was kostet das? Wie lange dauert es? Gibt es Verträge?',
];

describe('evaluateOffline', () => {
  it('never marks safe a draft that leaves a non-timing question unanswered', () => {
    const knowledge =
      'Northwind costs $12 per seat per month. There is a one-time setup fee of $1,500.';
    const e = evaluate("Can you remove the setup fee? If so, I'm in.", {
      campaign: { name: 'x', knowledge, bookingLink: 'https://cal.example.com/alex' },
    });
    expect(e).toMatchObject({ safeToSend: false });
    expect(e.confidence).toBeLessThan(0.7);
    expect(e.reason).toMatch(/does not answer: "Can you remove the setup fee\?"/);
    expect(evaluate('Great, when can we talk?')).toMatchObject({ safeToSend: true });
  });

  it('is confident and safe for an interested lead offered times', () => {
    const result = evaluate("Sounds good, let's talk.");
    expect(result.confidence).toBeGreaterThanOrEqual(0.85);
    expect(result.safeToSend).toBe(true);
    expect(result.requiresHumanReview).toBe(false);
  });

  it('is confident for a meeting request with slots', () => {
    expect(evaluate('Can we set up a meeting?').confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('is less confident about a pricing question the knowledge cannot answer', () => {
    const pricing = evaluate('How much does it cost?');
    expect(pricing.confidence).toBeLessThan(evaluate("Sounds good, let's talk.").confidence);
    expect(pricing.reason).toMatch(/pricing/);
  });

  it('does not read "how much time" as a pricing question', () => {
    const result = evaluate("I can't tell you how much time we lose. Could we talk on Thursday?");
    expect(result.reason).not.toMatch(/pricing/);
    expect(result.safeToSend).toBe(true);
  });

  it('is less confident about a question the knowledge does not cover', () => {
    const covered = evaluate('Does it work with Instantly?');
    const uncovered = evaluate('Do you support Salesforce?');
    expect(uncovered.confidence).toBeLessThan(covered.confidence);
  });

  it('lowers confidence for objections', () => {
    expect(evaluate('We already use Outreach.').confidence).toBeLessThan(0.7);
  });

  it.each([
    'Talk to my colleague Jane (jane@acme.test).',
    'I booked a time for Thursday.',
    'This is spam, I will report you to my lawyer.',
  ])('asks for a human: %s', (reply) => {
    const result = evaluate(reply);
    expect(result.requiresHumanReview).toBe(true);
    expect(result.safeToSend).toBe(false);
  });

  it('flags a long, many-question, non-English reply', () => {
    const result = evaluate(REPLIES[9]!);
    expect(result.confidence).toBeLessThan(0.6);
    expect(result.reason).toMatch(/questions/);
  });

  it('refuses a draft with a placeholder', () => {
    const result = evaluate("Sounds good, let's talk.", {}, 'Hi {{first_name}}, here is [link].');
    expect(result.safeToSend).toBe(false);
    expect(result.confidence).toBe(0);
  });

  it('marks a meeting draft that offers no times or link as weaker', () => {
    const result = evaluate('Can we set up a meeting?', {}, 'Hi Sam,\n\nHappy to chat.\n\nAlex');
    expect(result.confidence).toBeLessThan(0.7);
  });

  it('keeps every reason to at most 40 words and confidence within 0..1', () => {
    for (const reply of REPLIES) {
      const result = evaluate(reply);
      expect(result.reason.split(/\s+/).length).toBeLessThanOrEqual(40);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic', () => {
    expect(REPLIES.map((r) => evaluate(r))).toEqual(REPLIES.map((r) => evaluate(r)));
  });
});

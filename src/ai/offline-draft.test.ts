import { describe, expect, it } from 'vitest';
import { checkDraftGuards, timesOfDay } from '../decision/draft-guards.ts';
import { classifyOffline } from './offline-classify.ts';
import { draftOffline } from './offline-draft.ts';
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
  {
    start: '2026-03-04T15:00:00Z',
    end: '2026-03-04T15:30:00Z',
    label: 'Wednesday 4 March, 16:00–16:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
];
const LINK = 'https://cal.example.com/alex/intro';
const KNOWLEDGE =
  'Autosend answers replies to cold emails within minutes. It offers real calendar slots and hands unusual replies to a person in Slack. It works with Smartlead, Instantly and EmailBison.';

function input(replyNewText: string, overrides: Partial<DraftInput> = {}): DraftInput {
  const { category } = classifyOffline({
    newText: replyNewText,
    subject: '',
    fromEmail: 'sam@acme.test',
    leadEmail: 'sam@acme.test',
    transcript: [],
  });
  return {
    transcript: [
      {
        direction: 'outbound',
        from: 'alex@ours.test',
        at: '2026-03-01T09:00:00Z',
        text: 'Hi Sam…',
      },
      {
        direction: 'inbound',
        from: 'sam@acme.test',
        at: '2026-03-02T09:00:00Z',
        text: replyNewText,
      },
    ],
    replyNewText,
    category,
    lead: { email: 'sam@acme.test', firstName: 'Sam', company: 'Acme' },
    campaign: { name: 'Q1 outbound', knowledge: KNOWLEDGE, bookingLink: LINK },
    slots: SLOTS,
    sender: { name: 'Alex', signature: 'Alex Moreau\nHead of Sales, Autosend' },
    subject: 'Re: replies',
    ...overrides,
  };
}

const TIME_SEEKING = [
  "Sounds good, let's talk.",
  'Can we set up a meeting? Does Tuesday work?',
  'Give me a call, my mobile is 555-0100.',
  'How much does it cost? Does it work with Instantly?',
  'Thanks.',
];

function guardsFor(body: string, draft: DraftInput) {
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

describe('draftOffline', () => {
  it.each(TIME_SEEKING)(
    'offers exactly the given slots, earliest first, and the link: %s',
    (reply) => {
      const draft = input(reply);
      const body = draftOffline(draft);
      const positions = ['Tuesday 3 March', 'Wednesday 4 March', 'Thursday 5 March'].map((d) =>
        body.indexOf(d),
      );
      for (const slot of SLOTS) expect(body).toContain(`- ${slot.label}`);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(body).toContain(LINK);
      const offered = new Set(SLOTS.flatMap((s) => timesOfDay(s.label)));
      expect(timesOfDay(body).filter((t) => !offered.has(t))).toEqual([]);
      expect(guardsFor(body, draft)).toEqual([]);
    },
  );

  it('greets the lead by first name and ends with the signature', () => {
    const body = draftOffline(input("Sounds good, let's talk."));
    expect(body.startsWith('Hi Sam,\n')).toBe(true);
    expect(body.endsWith('Best,\nAlex Moreau\nHead of Sales, Autosend')).toBe(true);
  });

  it('greets without a name when the first name is unknown', () => {
    const body = draftOffline(input('Sounds good.', { lead: { email: 'x@acme.test' } }));
    expect(body.startsWith('Hi,\n')).toBe(true);
  });

  it('with no slots offers only the booking link', () => {
    const draft = input('Can we set up a meeting?', { slots: [], noSlotsReason: 'calendar busy' });
    const body = draftOffline(draft);
    expect(body).toContain(`You can pick whatever time suits you best here: ${LINK}`);
    expect(timesOfDay(body)).toEqual([]);
    expect(guardsFor(body, draft)).toEqual([]);
  });

  it('with no slots and no link says plainly it will send times', () => {
    const draft = input('Can we set up a meeting?', {
      slots: [],
      campaign: { name: 'x', knowledge: KNOWLEDGE },
    });
    const body = draftOffline(draft);
    expect(body).toContain('I will send over a few times');
    expect(body).not.toMatch(/https?:\/\//);
    expect(timesOfDay(body)).toEqual([]);
  });

  it('uses the lead scheduling link reason instead of pushing ours', () => {
    const draft = input('Book a time here: https://calendly.com/sam', {
      slots: [],
      noSlotsReason: 'lead sent their own scheduler link',
    });
    expect(draftOffline(draft)).toContain('I will pick a time there');
  });

  it('never invents a price: quotes knowledge or defers pricing to a call', () => {
    const body = draftOffline(input('How much does it cost?'));
    expect(body).toContain('Pricing depends on your team and setup');
    expect(body).not.toMatch(/[$€£]\s?\d|\d\s?(?:€|eur|usd)/i);
    const priced = input('How much does it cost?', {
      campaign: { name: 'x', knowledge: 'The starter plan is €49 per month.', bookingLink: LINK },
    });
    expect(draftOffline(priced)).toContain('The starter plan is €49 per month.');
  });

  it('answers a product question from the campaign knowledge', () => {
    expect(draftOffline(input('Does it work with Instantly?'))).toContain(
      'It works with Smartlead, Instantly and EmailBison.',
    );
  });

  it('confirms the day the lead asked for when a slot falls on it', () => {
    expect(draftOffline(input('Does Tuesday work for you?'))).toContain(
      'Tuesday works on my side.',
    );
  });

  it('names the colleague in a referral and offers no times', () => {
    const body = draftOffline(input('Talk to my colleague Jane (jane@acme.test), she owns this.'));
    expect(body).toContain('Thanks for pointing me to Jane.');
    expect(timesOfDay(body)).toEqual([]);
  });

  it('is deterministic', () => {
    const draft = input('Can we set up a meeting? Does Tuesday work?');
    expect(draftOffline(draft)).toBe(draftOffline(structuredClone(draft)));
  });
});

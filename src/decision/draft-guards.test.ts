import { describe, expect, it } from 'vitest';
import type { OfferedSlot } from '../ai/provider.ts';
import { checkDraftGuards, type GuardInput, timesOfDay } from './draft-guards.ts';

const slots: OfferedSlot[] = [
  {
    start: '2026-03-03T09:00:00Z',
    end: '2026-03-03T09:30:00Z',
    label: 'Tuesday 3 March, 10:00–10:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
  {
    start: '2026-03-04T13:00:00Z',
    end: '2026-03-04T13:30:00Z',
    label: 'Wednesday 4 March, 14:00–14:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
];

const base: GuardInput = {
  body: `Hi Jane,\n\nHappy to show you. Would one of these work?\n- ${slots[0]!.label}\n- ${slots[1]!.label}\n\nOr pick a time here: https://cal.example.com/acme/intro\n\nBest,\nTom`,
  offeredSlots: slots,
  bookingLink: 'https://cal.example.com/acme/intro',
  knowledge: 'Setup is $1,500 once, then €49 per seat per month.',
  recipient: 'jane@example.com',
  expectedRecipient: 'Jane@Example.com',
  replyText: 'Sounds interesting, when can we talk?',
};

const codes = (patch: Partial<GuardInput>) =>
  checkDraftGuards({ ...base, ...patch }).map((f) => f.code);

describe('checkDraftGuards', () => {
  it('passes a draft that offers only the given slots and the booking link', () => {
    expect(checkDraftGuards(base)).toEqual([]);
  });

  it.each([
    ['Hi {{first_name}}, thanks!', 'placeholder'],
    ['Hi [First Name], thanks!', 'placeholder'],
    ['Hi Jane, we can do [insert date].', 'placeholder'],
    ['Hi {name},', 'placeholder'],
  ])('flags unresolved placeholders: %s', (body, code) => {
    expect(codes({ body })).toContain(code);
  });

  it('flags a time that was not offered, in any common notation', () => {
    expect(codes({ body: 'How about Thursday at 3pm?' })).toContain('invented_time');
    expect(codes({ body: 'Donnerstag um 16.30 Uhr?' })).toContain('invented_time');
    expect(codes({ body: 'Does 11:15 work?' })).toContain('invented_time');
    expect(codes({ body: `Does ${slots[1]!.label} work?` })).not.toContain('invented_time');
  });

  it('does not read prices, versions or dates as times', () => {
    expect(timesOfDay('It costs $1.50 on v2.10, from 3 March')).toEqual([]);
    expect(timesOfDay('10:00–10:30, 2 pm, 14h30, 9am')).toEqual([600, 630, 840, 870, 540]);
  });

  it('flags links other than the booking link and the allow-list', () => {
    expect(codes({ body: 'See https://evil.example.net/x' })).toContain('unknown_link');
    expect(
      codes({ body: 'Our site: https://acme.com/about', allowedLinks: ['https://acme.com'] }),
    ).toEqual([]);
  });

  it('flags prices the campaign knowledge does not contain', () => {
    expect(codes({ body: 'It is only $999 a month.' })).toContain('unknown_price');
    expect(codes({ body: 'Setup is $1,500 and then €49 per seat.' })).toEqual([]);
  });

  it('flags empty, over-long bodies and the wrong recipient', () => {
    expect(codes({ body: '   ' })).toEqual(['empty_body']);
    expect(codes({ body: 'x'.repeat(3000) })).toContain('too_long');
    expect(codes({ recipient: 'colleague@example.com' })).toContain('wrong_recipient');
    expect(
      codes({ ownAddresses: ['tom@agency.example'], recipient: 'Tom@agency.example' }),
    ).toContain('wrong_recipient');
  });

  it('holds for a human any draft to a lead who sent their own scheduling link', () => {
    const replyText = 'Sure, grab a time here: https://calendly.com/jane-doe/30min\n\nJane';
    expect(codes({ replyText })).toContain('lead_scheduler_link');
    const signature = 'Thanks!\n--\nJane Doe | Book me: meetings.hubspot.com/jane-doe';
    expect(codes({ replyText: signature })).toContain('lead_scheduler_link');
    // Even a draft that offers no times goes to a human, who books through the lead's link.
    const noTimes = checkDraftGuards({
      ...base,
      replyText,
      offeredSlots: [],
      body: 'Thanks Jane, I will pick a time on your calendar.',
    });
    expect(noTimes.map((f) => f.code)).toEqual(['lead_scheduler_link']);
    expect(noTimes[0]!.detail).not.toMatch(/also offers/);
  });

  it('flags the right time on the wrong day, read in four languages, in the lead zone', () => {
    // 10:00 is offered on Tuesday only.
    expect(codes({ body: 'How about Thursday at 10:00?' })).toContain('invented_time');
    expect(codes({ body: 'Wednesday 4 March, 10:00 works on our side.' })).toContain(
      'invented_time',
    );
    expect(codes({ body: 'Donnerstag, 5. März um 10:00 Uhr?' })).toContain('invented_time');
    expect(codes({ body: 'Et jeudi à 14h00 ?' })).toContain('invented_time');
    expect(codes({ body: '¿El lunes a las 10:00?' })).toContain('invented_time');
    // A day with no time that is no offered day is invented too.
    expect(codes({ body: 'Friday works for us, see the link.' })).toContain('invented_time');
  });

  it('passes offered slots written in the lead language instead of our label', () => {
    for (const body of [
      'Passt Ihnen Dienstag, 3. März um 10:00 Uhr oder Mittwoch, 4. März um 14:00 Uhr?',
      'Seriez-vous disponible mardi 3 mars à 10h00 ou mercredi 4 mars à 14h00 ?',
      '¿Le va bien el martes 3 de marzo a las 10:00 o el miércoles 4 de marzo a las 14:00?',
      'Would Tuesday at 10am or March 4 at 2pm work?',
    ]) {
      expect(codes({ body })).toEqual([]);
    }
  });

  it.each([
    ['We can do 50% off the first year.', 'unknown_offer'],
    ["We'll waive onboarding for you.", 'unknown_offer'],
    ['It is free for the first month.', 'unknown_offer'],
    ['If it does not work out we refund you in full.', 'unknown_offer'],
    ['Results are guaranteed within 30 days.', 'unknown_offer'],
    ['Wir geben Ihnen 20 % Rabatt.', 'unknown_offer'],
    ['Le premier mois est gratuit.', 'unknown_offer'],
    ['Le ofrecemos un descuento especial.', 'unknown_offer'],
  ])('flags promises the campaign knowledge does not make: %s', (body, code) => {
    expect(codes({ body })).toContain(code);
  });

  it('allows promises the campaign knowledge makes, the same percentage only', () => {
    const knowledge =
      'Pilot: the first month is free. Annual plans get 15% off. 30-day money-back guarantee.';
    expect(
      codes({ knowledge, body: 'Annual plans get 15% off, and the first month is free.' }),
    ).toEqual([]);
    expect(codes({ knowledge, body: 'We back it with a 30-day money-back guarantee.' })).toEqual(
      [],
    );
    expect(codes({ knowledge, body: 'For you, 25% off.' })).toContain('unknown_offer');
  });

  it('does not read ordinary words as promises or days', () => {
    expect(
      codes({
        body: 'Feel free to pick a time here: https://cal.example.com/acme/intro - are you free for a quick call? Mon équipe vous remercie.',
      }),
    ).toEqual([]);
  });
});

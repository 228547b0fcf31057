import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './corpus/all-cases.ts';
import { isOptOutText, platformOptOut } from './detect-opt-out.ts';
import { extractNewText } from './extract-new-text.ts';

describe('isOptOutText over the corpus (new text only)', () => {
  it.each(ALL_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const byText = c.expected === 'opt_out' && !platformOptOut(c.message.platformFlags);
    const hit = isOptOutText(extractNewText(c.message.text));
    if (byText) expect(hit?.gate).toBe('opt_out');
    else expect(hit).toBeNull();
  });
});

/** Phrasings that are not in the corpus: the rules must generalise. */
const REQUESTS = [
  'Please unsubscribe me.',
  'unsubscribe me please',
  'Remove me',
  'remove me from this list',
  'Pls remove',
  'Please take us off your distribution list.',
  "I'm not interested, please don't contact me again.",
  'Stop sending me these emails.',
  'STOP!!!',
  'stop.',
  'Not interested, stop',
  'Please remove my email address from your database.',
  'Do not email me.',
  'I have no interest. Please cease all communication.',
  'Please add me to your do not contact list.',
  'Remove.',
  'opt out',
  'Please opt me out of this sequence',
  "Please don't email me anymore",
  "I don't want to receive any more emails from you.",
  'Quit spamming me',
  'Can you please take me off this list?',
  'How can I get off your list?',
  'Bitte keine weiteren Mails.',
  'Bitte aus dem Verteiler entfernen.',
  'Ich möchte nicht mehr kontaktiert werden.',
  'Tragen Sie mich bitte aus Ihrer Liste aus.',
  'Entfernen Sie mich bitte aus Ihrem Verteiler.',
  'Bitte streichen Sie mich von Ihrer Liste.',
  'Schreiben Sie mir bitte nicht mehr.',
  'Je veux me désabonner.',
  'Veuillez me retirer de votre liste de diffusion.',
  "Merci de ne plus m'écrire.",
  'Stop, merci.',
  'Supprimez mon adresse de votre base.',
  'No quiero recibir más correos.',
  'Favor de darme de baja.',
  'Por favor eliminen mi correo de su base de datos.',
  'No me contacten más por favor.',
  'Sáquenme de su lista.',
  'Dejen de escribirme.',
];

const ORDINARY = [
  'Can you remove the setup fee?',
  'Stop by our office any time.',
  "I can't stop thinking about this.",
  "Don't stop now!",
  'Remove the limitation and we talk.',
  'Reply STOP to opt out',
  'Reply STOP to unsubscribe.',
  'To unsubscribe, click here: https://example.com/u/123',
  'Please remove John from the thread, he left; I will handle it.',
  'We need to stop the bleeding in our SDR team - when can we talk?',
  'Can we stop using spreadsheets with your tool?',
  'No, thanks, we just signed with someone else.',
  'Not interested right now, maybe in Q3.',
  'I removed the old contacts from our CRM last week.',
  'Let me take this off your plate: I will loop in Jane.',
  'Our customers often unsubscribe when we send too much. Does your tool throttle?',
  'Is there a way to stop the sequence for a lead who replies automatically?',
  'We stopped emailing cold lists last year.',
  'Bitte melden Sie mich für das Webinar an.',
  'Können Sie mich für den Termin abmelden und einen neuen vorschlagen?',
  "Pourriez-vous supprimer l'option payante ?",
  'Je voudrais arrêter de payer pour notre outil actuel.',
  '¿Podemos dar de baja una licencia si no la usamos?',
  'Necesitamos dejar de usar hojas de cálculo.',
  'Please stop the demo recording after the call.',
  'Tell your team to stop worrying, we will sign.',
  'Unsubscribe links in our newsletters are broken, can you help?',
  'Répondez STOP pour vous désabonner.',
  'Antworten Sie mit STOP, um sich abzumelden.',
  'Responda BAJA para darse de baja.',
];

describe('isOptOutText on phrasings outside the corpus', () => {
  it.each(REQUESTS)('opt-out: %s', (text) => {
    expect(isOptOutText(text)).toEqual({ gate: 'opt_out', evidence: expect.any(String) });
  });
  it.each(ORDINARY)('not an opt-out: %s', (text) => {
    expect(isOptOutText(text)).toBeNull();
  });

  it('quotes the sentence that asked, not the whole message', () => {
    const hit = isOptOutText('Hi Sarah,\n\nThanks, but please remove me from your list.\n\nTom');
    expect(hit?.evidence).toBe('Thanks, but please remove me from your list.');
  });

  it('takes a bare word where the reply starts, not an item of a list', () => {
    expect(isOptOutText('Hi,\n\nUnsubscribe\n\nTom')?.evidence).toBe('Unsubscribe');
    const list =
      'Our plan for the old sequences:\n\n- Keep\n- Pause\n- Remove\n\nWhich would you do?';
    expect(isOptOutText(list)).toBeNull();
  });

  it('ignores quoted lines even when the caller passes them', () => {
    expect(isOptOutText('Sounds good.\n> Please remove me from your list.')).toBeNull();
  });
});

describe('platformOptOut', () => {
  it('reads the platform unsubscribe flag and event', () => {
    expect(platformOptOut({ isUnsubscribe: true })?.gate).toBe('opt_out');
    expect(platformOptOut({ eventType: 'lead_unsubscribed' })?.evidence).toContain(
      'lead_unsubscribed',
    );
    expect(platformOptOut({ eventType: 'reply_received', isUnsubscribe: false })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { detectBookingClaim } from './detect-booking-claim.ts';

describe('detectBookingClaim', () => {
  const claims: [string, string][] = [
    ['EN', 'Done - I just grabbed a slot on your calendar for Thursday'],
    ['EN', 'Hi Tom, just booked a slot for Thursday through your link. Talk then!'],
    ['EN', "I've booked a call for next Tuesday."],
    ['EN', 'We booked in for Friday 10am.'],
    ['EN', 'Accepted the invite, thanks!'.replace('Accepted', 'I accepted')],
    ['EN', "I've accepted your calendar invitation."],
    ['EN', 'Great, see you Thursday at 3'],
    ['EN', 'Perfect. Talk to you Monday at 10:30am.'],
    ['EN', "It's in my calendar."],
    ['EN', "Thanks Sarah - we're booked for Wednesday."],
    ['EN', 'Confirmed for 2pm tomorrow.'],
    ['EN', 'I scheduled a time via your Calendly link'],
    ['EN', 'Added it to my calendar, see you then'],
    ['DE', 'Ich habe einen Termin gebucht.'],
    ['DE', 'Habe mir gerade einen Termin für Donnerstag eingetragen.'],
    ['DE', 'Ich habe die Einladung angenommen.'],
    ['DE', 'Der Termin ist bestätigt, danke!'],
    ['DE', 'Super, dann bis Donnerstag um 15 Uhr.'],
    ['DE', 'Hab schon gebucht.'],
    ['FR', "J'ai réservé un créneau pour jeudi."],
    ['FR', 'J’ai réservé un créneau pour jeudi.'],
    ['FR', 'C’est fait, j’ai accepté l’invitation.'],
    ['EN', 'I’ve booked a call for next Tuesday.'],
    ['FR', "J'ai pris rendez-vous via votre lien."],
    ['FR', "J'ai accepté l'invitation, merci."],
    ['FR', 'Parfait, à jeudi 15h.'],
    ['FR', "C'est réservé pour mardi."],
    ['ES', 'He reservado una llamada para el jueves.'],
    ['ES', 'Ya agendé una reunión en su calendario.'],
    ['ES', 'Acepté la invitación.'],
    ['ES', 'Perfecto, nos vemos el jueves a las 3.'],
    ['ES', 'La cita está confirmada.'],
    // Typographic apostrophes, as most mail clients write them.
    ['FR', 'J’ai réservé un créneau pour jeudi.'],
    ['FR', 'C’est fait, j’ai accepté l’invitation.'],
    ['EN', 'I’ve booked a slot for Thursday.'],
  ];
  it.each(claims)('%s claim: %s', (_lang, text) => {
    expect(detectBookingClaim(text)?.evidence).toMatch(/\S/);
  });

  const notClaims: [string, string][] = [
    ['EN', "I haven't booked yet - what times do you have?"],
    ['EN', 'I haven’t booked anything yet, what times do you have?'],
    ['EN', 'I have not booked anything yet.'],
    ['EN', "I'll book a slot once I'm back."],
    ['EN', 'Should I book a time through your link?'],
    ['EN', 'I tried to book a slot but the page was broken.'],
    ['EN', "Once I've booked a slot I'll let you know."],
    ['EN', 'Can we talk Thursday at 3?'],
    ['EN', 'Thursday at 3 works for me.'],
    ['EN', 'Interested - send me some times for next week.'],
    ['EN', 'We are fully booked this month, try me in April.'],
    ['EN', 'My calendar is booked solid until Friday.'],
    ['EN', "I couldn't book - none of the times fit."],
    ['DE', 'Ich habe noch keinen Termin gebucht.'],
    ['DE', 'Ich habe noch nicht gebucht.'],
    ['DE', 'Wann können wir sprechen? Donnerstag um 15 Uhr?'],
    ['DE', 'Gerne, rufen Sie mich am Dienstag an.'],
    ['FR', "Je n'ai pas encore réservé."],
    ['FR', 'Je n’ai pas encore réservé.'],
    ['EN', 'I haven’t booked yet - what times do you have?'],
    ['FR', 'Quels créneaux avez-vous jeudi ?'],
    ['FR', 'Oui, envoyez-moi vos tarifs, merci.'],
    ['ES', 'Todavía no he reservado nada.'],
    ['ES', 'No he reservado todavía.'],
    ['ES', '¿Podemos hablar el jueves?'],
    ['ES', 'Me interesa. ¿Cuánto cuesta?'],
  ];
  it.each(notClaims)('%s not a claim: %s', (_lang, text) => {
    expect(detectBookingClaim(text)).toBeNull();
  });

  it('quotes the clause that claims the booking', () => {
    expect(
      detectBookingClaim('Hi Sarah,\n\nDone - I just grabbed a slot for Thursday. Thanks!'),
    ).toEqual({ evidence: 'Done - I just grabbed a slot for Thursday.' });
  });

  it('ignores quoted lines', () => {
    expect(detectBookingClaim('Sounds good.\n> I have booked a slot for you')).toBeNull();
  });
});

import type { Language } from './offline-language.ts';

/**
 * Every sentence the offline drafter can write, per language. The sentences
 * hold no times, prices or links of their own: those are only ever passed in
 * (slot labels, the booking link), so a translation cannot break a draft guard.
 */
export interface DraftPhrases {
  greeting: (firstName: string | undefined) => string;
  /** Default closing line; `signOffs` recognises one the signature already has. */
  signOff: string;
  dayWorks: (day: string) => string;
  pickElsewhere: (link: string) => string;
  replyToPick: string;
  theirScheduler: string;
  linkOnly: (link: string) => string;
  willSendTimes: string;
  pricingOnCall: string;
  questionOnCall: string;
  inShort: string;
  forContext: string;
  comparisonTimes: string;
  comparisonLink: (link: string) => string;
  comparisonAsk: string;
  interestedOpen: string;
  interestedTimes: (company: string | undefined) => string;
  meetingOpen: string;
  meetingTimes: string;
  callOpen: string;
  callTimes: string;
  infoOpen: string;
  infoTimes: string;
  objectionOpen: string;
  referralNamed: (name: string) => string;
  referralUnnamed: string;
  followUp: string;
  followUpLink: (link: string) => string;
  notInterested: string;
  booked: string;
  away: string;
  unsubscribed: string;
  bounce: string;
  neutralOpen: string;
  neutralTimes: string;
}

/** Weekday names Monday first, as leads write them in each language. */
export const DAY_NAMES: Record<Language, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
};

/** Closing lines a signature may already start with (then no second one is added). */
export const SIGN_OFFS =
  /^(best|regards|kind regards|cheers|thanks|thank you|all the best|viele grüße|beste grüße|freundliche grüße|mit freundlichen grüßen|cordialement|bien à vous|saludos|un saludo|atentamente)\b/i;

const EN: DraftPhrases = {
  greeting: (name) => (name ? `Hi ${name},` : 'Hi,'),
  signOff: 'Best,',
  dayWorks: (day) => `${day} works on my side. Here is what I have open:`,
  pickElsewhere: (link) => `If none of these suit you, pick any time that does here: ${link}`,
  replyToPick: 'Just reply with the one that suits you and I will send an invite.',
  theirScheduler: 'Thanks for sending your scheduling link. I will pick a time there.',
  linkOnly: (link) => `You can pick whatever time suits you best here: ${link}`,
  willSendTimes: 'I will send over a few times that work shortly.',
  pricingOnCall:
    'Pricing depends on your team and setup, so rather than guess I would walk you through it on a short call.',
  questionOnCall: 'Good question, and easiest to answer properly on a short call.',
  inShort: 'In short:',
  forContext: 'For context:',
  comparisonTimes: 'If a quick comparison would still be useful, here are a few times:',
  comparisonLink: (link) =>
    `If a quick comparison would still be useful, you can pick a time here: ${link}`,
  comparisonAsk: 'If a quick comparison would still be useful, just let me know.',
  interestedOpen: 'Great to hear from you, thanks for getting back to me.',
  interestedTimes: (company) =>
    `Would a short call be useful to see whether it fits${company ? ` ${company}` : ''}? Here are a few times:`,
  meetingOpen: 'Happy to set that up.',
  meetingTimes: 'Here is what I have open:',
  callOpen: 'Happy to give you a call.',
  callTimes: 'So I call at a time that suits you, would one of these work?',
  infoOpen: 'Thanks for the question.',
  infoTimes: 'If it helps, I can go through the details on a short call:',
  objectionOpen: 'Understood, and thanks for being upfront.',
  referralNamed: (name) =>
    `Thanks for pointing me to ${name}. I will reach out to ${name} directly and mention that you suggested it.`,
  referralUnnamed:
    'Thanks for pointing me in the right direction. I will reach out to them directly.',
  followUp: 'Thanks for letting me know. I will get back to you then.',
  followUpLink: (link) => `If anything changes before that, you can grab a time here: ${link}`,
  notInterested: 'Thanks for letting me know. I will not follow up on this again. All the best.',
  booked:
    'Thanks for booking, I am looking forward to speaking with you. If anything comes up before then, just reply here.',
  away: 'Thanks, I will follow up when you are back.',
  unsubscribed: 'Understood. You will not hear from us again.',
  bounce: 'Thanks.',
  neutralOpen: 'Thanks for getting back to me.',
  neutralTimes: 'Would a short call be useful? Here are a few times:',
};

const DE: DraftPhrases = {
  greeting: (name) => (name ? `Hallo ${name},` : 'Hallo,'),
  signOff: 'Viele Grüße,',
  dayWorks: (day) => `${day} passt bei mir. Diese Zeiten habe ich frei:`,
  pickElsewhere: (link) => `Falls keine davon passt, wählen Sie hier einfach eine andere: ${link}`,
  replyToPick: 'Antworten Sie einfach mit der passenden Zeit, dann schicke ich eine Einladung.',
  theirScheduler: 'Danke für Ihren Terminlink. Ich buche dort eine Zeit.',
  linkOnly: (link) => `Hier können Sie eine Zeit wählen, die Ihnen passt: ${link}`,
  willSendTimes: 'Ich schicke Ihnen in Kürze ein paar passende Zeiten.',
  pricingOnCall:
    'Der Preis hängt von Ihrem Team und Ihrem Setup ab. Statt zu raten, gehe ich das gern in einem kurzen Gespräch mit Ihnen durch.',
  questionOnCall: 'Gute Frage, die sich in einem kurzen Gespräch am besten beantworten lässt.',
  inShort: 'Kurz gesagt:',
  forContext: 'Zur Einordnung:',
  comparisonTimes: 'Falls ein kurzer Vergleich trotzdem hilfreich ist, hier ein paar Zeiten:',
  comparisonLink: (link) =>
    `Falls ein kurzer Vergleich trotzdem hilfreich ist, können Sie hier eine Zeit wählen: ${link}`,
  comparisonAsk: 'Falls ein kurzer Vergleich trotzdem hilfreich ist, sagen Sie einfach Bescheid.',
  interestedOpen: 'Schön, von Ihnen zu hören, und danke für Ihre Antwort.',
  interestedTimes: (company) =>
    `Wäre ein kurzes Gespräch hilfreich, um zu sehen, ob es ${company ? `zu ${company} ` : ''}passt? Hier ein paar Zeiten:`,
  meetingOpen: 'Sehr gern, das richte ich ein.',
  meetingTimes: 'Diese Zeiten habe ich frei:',
  callOpen: 'Sehr gern rufe ich Sie an.',
  callTimes: 'Damit ich zu einer passenden Zeit anrufe: Passt Ihnen eine dieser Zeiten?',
  infoOpen: 'Danke für Ihre Frage.',
  infoTimes: 'Wenn es hilft, gehe ich die Details gern in einem kurzen Gespräch durch:',
  objectionOpen: 'Verstanden, und danke für die offenen Worte.',
  referralNamed: (name) =>
    `Danke für den Hinweis auf ${name}. Ich melde mich direkt bei ${name} und erwähne, dass der Vorschlag von Ihnen kam.`,
  referralUnnamed: 'Danke für den Hinweis. Ich melde mich direkt bei der richtigen Person.',
  followUp: 'Danke für die Rückmeldung. Dann melde ich mich zu diesem Zeitpunkt wieder.',
  followUpLink: (link) =>
    `Falls sich vorher etwas ändert, können Sie hier jederzeit eine Zeit wählen: ${link}`,
  notInterested: 'Danke für die Rückmeldung. Ich melde mich dazu nicht mehr. Alles Gute!',
  booked:
    'Danke für die Buchung, ich freue mich auf unser Gespräch. Falls vorher etwas dazwischenkommt, antworten Sie einfach hier.',
  away: 'Danke, ich melde mich, wenn Sie zurück sind.',
  unsubscribed: 'Verstanden. Sie hören nicht mehr von uns.',
  bounce: 'Danke.',
  neutralOpen: 'Danke für Ihre Antwort.',
  neutralTimes: 'Wäre ein kurzes Gespräch hilfreich? Hier ein paar Zeiten:',
};

const FR: DraftPhrases = {
  greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  signOff: 'Cordialement,',
  dayWorks: (day) =>
    `${day[0]?.toUpperCase()}${day.slice(1)} me convient. Voici mes disponibilités :`,
  pickElsewhere: (link) =>
    `Si aucun de ces créneaux ne vous convient, choisissez celui qui vous arrange ici : ${link}`,
  replyToPick:
    'Répondez simplement avec le créneau qui vous convient et je vous envoie une invitation.',
  theirScheduler:
    'Merci pour votre lien de prise de rendez-vous. Je choisis un créneau par ce biais.',
  linkOnly: (link) => `Vous pouvez choisir le créneau qui vous convient le mieux ici : ${link}`,
  willSendTimes: 'Je vous envoie très vite quelques créneaux.',
  pricingOnCall:
    "Le tarif dépend de votre équipe et de votre configuration ; plutôt que de deviner, je vous le présente volontiers lors d'un court appel.",
  questionOnCall:
    "Bonne question, à laquelle il est plus simple de répondre lors d'un court appel.",
  inShort: 'En bref :',
  forContext: 'Pour situer :',
  comparisonTimes:
    'Si une comparaison rapide vous est tout de même utile, voici quelques créneaux :',
  comparisonLink: (link) =>
    `Si une comparaison rapide vous est tout de même utile, vous pouvez choisir un créneau ici : ${link}`,
  comparisonAsk: 'Si une comparaison rapide vous est tout de même utile, dites-le-moi simplement.',
  interestedOpen: "Merci pour votre retour, ravi d'avoir de vos nouvelles.",
  interestedTimes: (company) =>
    `Un court échange vous serait-il utile pour voir si cela convient${company ? ` à ${company}` : ''} ? Voici quelques créneaux :`,
  meetingOpen: 'Avec plaisir, organisons cela.',
  meetingTimes: 'Voici mes disponibilités :',
  callOpen: 'Avec plaisir, je vous appelle.',
  callTimes: "Pour vous appeler au bon moment, l'un de ces créneaux vous conviendrait-il ?",
  infoOpen: 'Merci pour votre question.',
  infoTimes: "Si cela vous aide, je peux vous présenter les détails lors d'un court appel :",
  objectionOpen: 'Entendu, et merci pour votre franchise.',
  referralNamed: (name) =>
    `Merci de m'avoir orienté vers ${name}. Je contacte ${name} directement en précisant que cela vient de vous.`,
  referralUnnamed: "Merci de m'avoir orienté vers la bonne personne. Je la contacte directement.",
  followUp: 'Merci pour votre retour. Je reviendrai vers vous à ce moment-là.',
  followUpLink: (link) =>
    `Si quelque chose change d'ici là, vous pouvez choisir un créneau ici : ${link}`,
  notInterested:
    'Merci pour votre retour. Je ne vous relancerai plus à ce sujet. Très belle journée à vous.',
  booked:
    "Merci pour la réservation, au plaisir d'échanger avec vous. En cas d'imprévu, répondez simplement à ce message.",
  away: 'Merci, je reviendrai vers vous à votre retour.',
  unsubscribed: 'Entendu. Vous ne recevrez plus de messages de notre part.',
  bounce: 'Merci.',
  neutralOpen: 'Merci pour votre retour.',
  neutralTimes: 'Un court échange vous serait-il utile ? Voici quelques créneaux :',
};

const ES: DraftPhrases = {
  greeting: (name) => (name ? `Hola ${name},` : 'Hola,'),
  signOff: 'Saludos,',
  dayWorks: (day) => `El ${day} me viene bien. Estos son los horarios que tengo libres:`,
  pickElsewhere: (link) => `Si ninguno le viene bien, puede elegir otro horario aquí: ${link}`,
  replyToPick: 'Responda con el que mejor le venga y le envío una invitación.',
  theirScheduler: 'Gracias por enviar su enlace de agenda. Reservaré un horario allí.',
  linkOnly: (link) => `Puede elegir el horario que mejor le venga aquí: ${link}`,
  willSendTimes: 'En breve le envío algunos horarios disponibles.',
  pricingOnCall:
    'El precio depende de su equipo y de su configuración; en lugar de adivinar, prefiero explicárselo en una llamada breve.',
  questionOnCall: 'Buena pregunta, y más fácil de responder bien en una llamada breve.',
  inShort: 'En resumen:',
  forContext: 'Como contexto:',
  comparisonTimes:
    'Si aun así le resulta útil una comparación rápida, aquí tiene algunos horarios:',
  comparisonLink: (link) =>
    `Si aun así le resulta útil una comparación rápida, puede elegir un horario aquí: ${link}`,
  comparisonAsk: 'Si aun así le resulta útil una comparación rápida, solo dígamelo.',
  interestedOpen: 'Me alegra tener noticias suyas, gracias por responder.',
  interestedTimes: (company) =>
    `¿Le sería útil una llamada breve para ver si encaja${company ? ` con ${company}` : ''}? Aquí tiene algunos horarios:`,
  meetingOpen: 'Con gusto lo organizamos.',
  meetingTimes: 'Estos son los horarios que tengo libres:',
  callOpen: 'Con gusto le llamo.',
  callTimes: 'Para llamarle en un buen momento, ¿le viene bien alguno de estos horarios?',
  infoOpen: 'Gracias por su pregunta.',
  infoTimes: 'Si le ayuda, puedo explicarle los detalles en una llamada breve:',
  objectionOpen: 'Entendido, y gracias por su franqueza.',
  referralNamed: (name) =>
    `Gracias por indicarme a ${name}. Me pondré en contacto con ${name} directamente y mencionaré que fue sugerencia suya.`,
  referralUnnamed:
    'Gracias por indicarme a la persona adecuada. Me pondré en contacto directamente.',
  followUp: 'Gracias por avisarme. Volveré a escribirle entonces.',
  followUpLink: (link) => `Si algo cambia antes, puede reservar un horario aquí: ${link}`,
  notInterested: 'Gracias por avisarme. No volveré a escribirle sobre esto. Le deseo lo mejor.',
  booked:
    'Gracias por reservar, tengo ganas de hablar con usted. Si surge algo antes, responda a este mensaje.',
  away: 'Gracias, le escribiré cuando vuelva.',
  unsubscribed: 'Entendido. No volverá a recibir mensajes nuestros.',
  bounce: 'Gracias.',
  neutralOpen: 'Gracias por su respuesta.',
  neutralTimes: '¿Le sería útil una llamada breve? Aquí tiene algunos horarios:',
};

/** The phrase book for each language the drafter writes. */
export const DRAFT_PHRASES: Record<Language, DraftPhrases> = { en: EN, de: DE, fr: FR, es: ES };

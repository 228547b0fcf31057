/**
 * ~30 realistic replies to a demo campaign, one or more of every category,
 * with the traps the gates must handle (DSNs, out-of-office headers, opt-outs
 * in four languages, a colleague answering, a lead's own calendar link).
 */
export interface DemoReply {
  from: string;
  fromName: string;
  /** The lead the campaign wrote to, when someone else answers. */
  lead?: string;
  company: string;
  timeZone?: string;
  subject?: string;
  text: string;
  headers?: Record<string, string>;
}

const QUOTE =
  '\n\nOn Mon, 2 Mar 2026 at 09:12, Tom Becker <tom@northwind-demo.com> wrote:\n> Hi, we help B2B teams cut onboarding time in half. Worth a 20-minute call?\n> Reply STOP to unsubscribe.';

export const DEMO_REPLIES: DemoReply[] = [
  {
    from: 'jane.doe@acme-demo.com',
    fromName: 'Jane Doe',
    company: 'Acme',
    timeZone: 'America/New_York',
    text: `Sounds interesting, happy to learn more. When are you free?${QUOTE}`,
  },
  {
    from: 'li.wei@orbit-demo.io',
    fromName: 'Li Wei',
    company: 'Orbit',
    timeZone: 'Asia/Singapore',
    text: `Yes, let's set up a meeting. Does early next week work for you?${QUOTE}`,
  },
  {
    from: 'marco.rossi@vela-demo.it',
    fromName: 'Marco Rossi',
    company: 'Vela',
    timeZone: 'Europe/Rome',
    text: `Can you give me a call tomorrow afternoon? My number is +39 02 1234 5678.${QUOTE}`,
  },
  {
    from: 'sarah.k@brightline-demo.com',
    fromName: 'Sarah Kim',
    company: 'Brightline',
    text: `How much does it cost for a team of 40? Can you send more info?${QUOTE}`,
  },
  {
    from: 'pete@harbor-demo.com',
    fromName: 'Pete Miller',
    company: 'Harbor',
    text: `Not my area. Please talk to my colleague Dana Cruz (dana.cruz@harbor-demo.com), she runs onboarding.${QUOTE}`,
  },
  {
    from: 'ana@quanta-demo.es',
    fromName: 'Ana García',
    company: 'Quanta',
    timeZone: 'Europe/Madrid',
    text: `We already use Trainual and we're happy with it.${QUOTE}`,
  },
  {
    from: 'ben@lumen-demo.com',
    fromName: 'Ben Ortiz',
    company: 'Lumen',
    text: `Timing isn't great. Reach out again next quarter.${QUOTE}`,
  },
  {
    from: 'olga@nord-demo.se',
    fromName: 'Olga Berg',
    company: 'Nord',
    text: `Not interested, thanks.${QUOTE}`,
  },
  {
    from: 'kate@summit-demo.com',
    fromName: 'Kate Lee',
    company: 'Summit',
    subject: 'Automatic reply: Quick question',
    text: 'Thank you for your email. I am out of the office until March 16 with limited access to email. For urgent matters please contact support@summit-demo.com.',
    headers: { 'auto-submitted': 'auto-replied', 'x-auto-response-suppress': 'All' },
  },
  {
    from: 'max@fels-demo.de',
    fromName: 'Max Fels',
    company: 'Fels',
    timeZone: 'Europe/Berlin',
    subject: 'Abwesenheitsnotiz: Quick question',
    text: 'Vielen Dank für Ihre Nachricht. Ich bin bis zum 20.03. nicht im Büro und habe keinen Zugriff auf meine E-Mails.',
  },
  {
    from: 'tim@grove-demo.com',
    fromName: 'Tim Grove',
    company: 'Grove',
    text: `Please remove me from your mailing list.${QUOTE}`,
  },
  {
    from: 'julia@weber-demo.de',
    fromName: 'Julia Weber',
    company: 'Weber',
    timeZone: 'Europe/Berlin',
    text: `Bitte tragen Sie mich aus Ihrem Verteiler aus. Keine weiteren E-Mails.${QUOTE}`,
  },
  {
    from: 'claire@dupont-demo.fr',
    fromName: 'Claire Dupont',
    company: 'Dupont',
    timeZone: 'Europe/Paris',
    text: `Merci de me retirer de votre liste, je ne souhaite plus recevoir vos emails.${QUOTE}`,
  },
  {
    from: 'diego@sol-demo.mx',
    fromName: 'Diego Luna',
    company: 'Sol',
    timeZone: 'America/Mexico_City',
    text: `Por favor, darme de baja de esta lista.${QUOTE}`,
  },
  {
    from: 'mailer-daemon@googlemail.com',
    fromName: 'Mail Delivery Subsystem',
    lead: 'gone@defunct-demo.com',
    company: 'Defunct',
    subject: 'Delivery Status Notification (Failure)',
    text: "** Address not found **\n\nYour message wasn't delivered to gone@defunct-demo.com because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.",
    headers: {
      'content-type': 'multipart/report; report-type=delivery-status; boundary="b1"',
      'return-path': '<>',
    },
  },
  {
    from: 'nina@pulse-demo.com',
    fromName: 'Nina Patel',
    company: 'Pulse',
    text: `Sure, grab a time that works for you here: https://calendly.com/nina-patel/30min${QUOTE}`,
  },
  {
    from: 'omar@delta-demo.ae',
    fromName: 'Omar Haddad',
    company: 'Delta',
    text: `I just booked a slot for Thursday through your link, see you then.${QUOTE}`,
  },
  { from: 'rob@kite-demo.com', fromName: 'Rob Stone', company: 'Kite', text: `Thanks.${QUOTE}` },
  {
    from: 'mia@fjord-demo.no',
    fromName: 'Mia Lund',
    company: 'Fjord',
    timeZone: 'Europe/Oslo',
    text: `Interesting. I'm away until Monday, can we talk Tuesday or Wednesday morning?${QUOTE}`,
  },
  {
    from: 'lucas@prism-demo.br',
    fromName: 'Lucas Silva',
    company: 'Prism',
    text: `Let's do it. Any time after the 10th works for me, afternoons preferably.${QUOTE}`,
  },
  {
    from: 'emma@coast-demo.au',
    fromName: 'Emma Wright',
    company: 'Coast',
    timeZone: 'Australia/Sydney',
    text: `Yes please, send over a few times next week.${QUOTE}`,
  },
  {
    from: 'hr@cedar-demo.com',
    fromName: 'Cedar HR',
    lead: 'paul@cedar-demo.com',
    company: 'Cedar',
    text: `Paul left the company last month. I'm his replacement, what is this about?${QUOTE}`,
  },
  {
    from: 'zoe@atlas-demo.com',
    fromName: 'Zoe Clarke',
    company: 'Atlas',
    text: `Can you remove the setup fee? If so, I'm in. Stop by our office if you're in Boston.${QUOTE}`,
  },
  {
    from: 'ivan@arc-demo.com',
    fromName: 'Ivan Petrov',
    company: 'Arc',
    text: `Our spam filter caught your first email and blocked the attachment. Could you resend the deck?${QUOTE}`,
  },
  {
    from: 'sam@ridge-demo.com',
    fromName: 'Sam Ridge',
    company: 'Ridge',
    text: `Do you integrate with Workday? That's a must for us.${QUOTE}`,
  },
  {
    from: 'priya@nova-demo.in',
    fromName: 'Priya Shah',
    company: 'Nova',
    timeZone: 'Asia/Kolkata',
    text: `Love this. Let's talk, I'm free most mornings.${QUOTE}`,
  },
  {
    from: 'leo@birch-demo.ca',
    fromName: 'Leo Tremblay',
    company: 'Birch',
    timeZone: 'America/Toronto',
    text: `We're mid-budget cycle. Follow up in June and I'll take a look.${QUOTE}`,
  },
  {
    from: 'fatima@oasis-demo.ma',
    fromName: 'Fatima Idrissi',
    company: 'Oasis',
    text: `Too expensive for us at this stage, sorry.${QUOTE}`,
  },
  {
    from: 'noreply@helpdesk-demo.com',
    fromName: 'Helpdesk',
    lead: 'support@helpdesk-demo.com',
    company: 'Helpdesk',
    subject: 'Ticket #48213 received',
    text: 'This is an automated response. Your request has been received and a ticket was created. Do not reply to this email.',
    headers: { 'auto-submitted': 'auto-generated', precedence: 'bulk' },
  },
  {
    from: 'greta@alpen-demo.at',
    fromName: 'Greta Huber',
    company: 'Alpen',
    timeZone: 'Europe/Vienna',
    text: `Klingt spannend! Können wir nächste Woche telefonieren?${QUOTE}`,
  },
];

import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Stefan', company: 'Vogel IT' };

export const scenario = defineScenario({
  name: 'Postfix "Undelivered Mail Returned to Sender" is a bounce',
  about: 'Plain-text Postfix bounce from MAILER-DAEMON with a 550 5.1.1 reply line.',
  lead: {
    email: 'stefan@vogel-it.example',
    firstName: 'Stefan',
    company: 'Vogel IT',
    timeZone: 'Europe/Vienna',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'postfix',
      at: '2027-01-11T09:13:02+01:00',
      from: { email: 'MAILER-DAEMON@mail.vogel-it.example', name: 'Mail Delivery System' },
      subject: 'Undelivered Mail Returned to Sender',
      text: `This is the mail system at host mail.vogel-it.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<stefan@vogel-it.example>: host mail.vogel-it.example[198.51.100.7] said: 550
    5.1.1 <stefan@vogel-it.example>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)`,
      expect: { decision: 'skip', reason: 'bounce' },
    },
  ],
  end: { sent: 0, lead: { bounced: true }, followUp: { status: 'cancelled' } },
});

import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Oliver', company: 'Pemberton & Co' };

export const scenario = defineScenario({
  name: 'Gmail DSN "Address not found" is a bounce: lead flagged, nothing sent',
  about: 'multipart/report delivery-status from mailer-daemon@googlemail.com with Status 5.1.1.',
  lead: {
    email: 'oliver.p@pemberton-co.example',
    firstName: 'Oliver',
    company: 'Pemberton & Co',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'dsn',
      at: '2027-01-11T09:12:09+01:00',
      from: { email: 'mailer-daemon@googlemail.com', name: 'Mail Delivery Subsystem' },
      subject: 'Delivery Status Notification (Failure)',
      headers: {
        'content-type':
          'multipart/report; report-type=delivery-status; boundary="000000000000a1b2c3"',
        'return-path': '<>',
        'auto-submitted': 'auto-replied',
      },
      text: `** Address not found **

Your message wasn't delivered to oliver.p@pemberton-co.example because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist.

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; tom@northwind.example
Arrival-Date: Mon, 11 Jan 2027 00:12:04 -0800 (PST)

Final-Recipient: rfc822; oliver.p@pemberton-co.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.pemberton-co.example. (203.0.113.25, the server for the domain pemberton-co.example.)
Diagnostic-Code: smtp; 550 5.1.1 <oliver.p@pemberton-co.example>: Recipient address rejected: User unknown
Last-Attempt-Date: Mon, 11 Jan 2027 00:12:08 -0800 (PST)`,
      expect: { decision: 'skip', reason: 'bounce' },
    },
  ],
  end: { sent: 0, lead: { bounced: true, optedOut: false }, followUp: { status: 'cancelled' } },
});

import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Aisha', company: 'Okafor Energy' };

export const scenario = defineScenario({
  name: 'A delayed-delivery DSN is not a bounce (and is not answered)',
  about: 'Action: delayed / 4.4.1 is still being retried: the lead must not be flagged bounced.',
  lead: {
    email: 'aisha.okafor@okafor-energy.example',
    firstName: 'Aisha',
    company: 'Okafor Energy',
    timeZone: 'Africa/Lagos',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'delay',
      at: '2027-01-11T13:12:00+01:00',
      from: { email: 'mailer-daemon@googlemail.com', name: 'Mail Delivery Subsystem' },
      subject: 'Delivery Status Notification (Delay)',
      headers: {
        'content-type':
          'multipart/report; report-type=delivery-status; boundary="00000000000099ff"',
        'return-path': '<>',
      },
      text: `** Message not delivered yet **

There was a temporary problem delivering your message to aisha.okafor@okafor-energy.example. Gmail will retry for 44 more hours. You'll be notified if the delivery fails permanently.

The response from the remote server was:
451 4.4.1 Connection timed out

Reporting-MTA: dns; googlemail.com
Arrival-Date: Mon, 11 Jan 2027 00:12:04 -0800 (PST)

Final-Recipient: rfc822; aisha.okafor@okafor-energy.example
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; 451 4.4.1 Connection timed out
Will-Retry-Until: Wed, 13 Jan 2027 00:12:04 -0800 (PST)`,
      expect: { decision: 'skip', reason: 'auto_reply' },
    },
  ],
  end: { sent: 0, lead: { bounced: false, optedOut: false }, followUp: { status: 'active' } },
});

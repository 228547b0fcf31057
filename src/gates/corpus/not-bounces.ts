import type { CorpusCase } from './corpus-case.ts';
import { GMAIL_QUOTE, human, lines, machine, OUTLOOK_QUOTE } from './corpus-case.ts';

/**
 * Delay notices and people writing about rejections: none of these is a
 * bounce. Delay and relay notices are still machine mail, so they stop at the
 * auto-reply gate (skipped, the lead is not flagged).
 */
export const NOT_BOUNCES: CorpusCase[] = [
  {
    name: 'Gmail: delivery incomplete (Action: delayed, 4.x.x)',
    expected: 'auto_reply',
    message: machine({
      fromEmail: 'mailer-daemon@googlemail.com',
      fromName: 'Mail Delivery Subsystem',
      subject: 'Delivery Status Notification (Delay)',
      headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="b1"' },
      text: lines(
        '** Delivery incomplete **',
        '',
        "There was a temporary problem delivering your message to tom@acme-industrial.com. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.",
        '',
        'The response was:',
        '451 4.3.0 Mailbox temporarily unavailable',
        '',
        'Reporting-MTA: dns; googlemail.com',
        'Final-Recipient: rfc822; tom@acme-industrial.com',
        'Action: delayed',
        'Status: 4.3.0',
        'Diagnostic-Code: smtp; 451 4.3.0 Mailbox temporarily unavailable',
        'Will-Retry-Until: Thu, 06 Mar 2025 01:12:45 -0800 (PST)',
      ),
    }),
  },
  {
    name: 'Postfix: Delayed Mail (still being retried)',
    expected: 'auto_reply',
    message: machine({
      fromEmail: 'MAILER-DAEMON@mail.example.net',
      fromName: 'Mail Delivery System',
      subject: 'Delayed Mail (still being retried)',
      headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="p2"' },
      text: lines(
        'This is the mail system at host mail.example.net.',
        '',
        '####################################################################',
        '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #',
        '####################################################################',
        '',
        'Your message could not be delivered for more than 4 hour(s).',
        'It will be retried until it is 5 day(s) old.',
        '',
        'Reporting-MTA: dns; mail.example.net',
        'Final-Recipient: rfc822; m.keller@example.net',
        'Action: delayed',
        'Status: 4.4.1',
        'Diagnostic-Code: X-Postfix; connect to mx1.example.net[203.0.113.5]:25: Connection timed out',
        'Will-Retry-Until: Sun, 9 Mar 2025 10:12:44 +0100 (CET)',
      ),
    }),
  },
  {
    name: 'Exim: warning, message delayed 24 hours (no DSN part)',
    expected: 'auto_reply',
    message: machine({
      fromEmail: 'Mailer-Daemon@mx.hostingco.net',
      fromName: 'Mail Delivery System',
      subject: 'Warning: message 1tP3xQ-0004Zk-2B delayed 24 hours',
      headers: { 'auto-submitted': 'auto-replied' },
      text: lines(
        'This message was created automatically by mail delivery software.',
        'A message that you sent has not yet been delivered to one or more of its',
        'recipients after more than 24 hours on the queue on mx.hostingco.net.',
        '',
        '  p.rossi@example.it',
        '    host mx.example.it [198.51.100.7]',
        '    Delay reason: SMTP error from remote mail server after RCPT TO:<p.rossi@example.it>:',
        '    451 4.7.1 Greylisted, please try again later',
        '',
        'No action is required on your part. Delivery attempts will continue for',
        'some time, and this warning may be repeated at intervals if the message',
        'remains undelivered.',
      ),
    }),
  },
  {
    name: 'Office 365: delivery delayed, Status 4.4.7',
    expected: 'auto_reply',
    message: machine({
      fromEmail: 'postmaster@contoso.onmicrosoft.com',
      fromName: 'Microsoft Outlook',
      subject: 'Delivery delayed:Quick question about SDR hiring',
      headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="o3"' },
      text: lines(
        'Delivery is delayed to these recipients or groups:',
        'jane.doe@contoso.com',
        "This message hasn't been delivered yet. Delivery will continue to be attempted.",
        '',
        'Reporting-MTA: dns;AM6PR04MB5639.eurprd04.prod.outlook.com',
        'Final-Recipient: rfc822;jane.doe@contoso.com',
        'Action: delayed',
        'Status: 4.4.7',
      ),
    }),
  },
  {
    name: 'Relay success notice (Action: relayed) is not a failure',
    expected: 'auto_reply',
    message: machine({
      fromEmail: 'postmaster@relay.partner.example',
      subject: 'Delivery Status Notification (Relay)',
      headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="r4"' },
      text: lines(
        'This is an automatically generated Delivery Status Notification.',
        '',
        'Your message has been successfully relayed to the following recipients, but the requested delivery status notifications may not be generated by the destination.',
        '',
        'Final-Recipient: rfc822; buyer@partner.example',
        'Action: relayed',
        'Status: 2.0.0',
      ),
    }),
  },
  {
    name: 'Human: attachment blocked by our filter',
    expected: null,
    message: human(
      lines(
        "Hi Sarah, our mail gateway blocked the PDF you attached (we don't accept attachments from outside senders). Could you send a link instead? I'd like to read the case study.",
        '',
        'Tom',
        '',
        GMAIL_QUOTE,
      ),
    ),
  },
  {
    name: 'Human: your mail was caught in our spam filter',
    expected: null,
    message: human(
      lines(
        'Sarah - your email was caught by our spam filter and I only found it today, sorry.',
        'Delivery to my inbox seems to fail for your domain. Happy to chat though, Thursday?',
        '',
        OUTLOOK_QUOTE,
      ),
    ),
  },
  {
    name: 'Human: the proposal was rejected by the board',
    expected: null,
    message: human(
      lines(
        'Unfortunately our board rejected the proposal this morning. Permanent decision for this year, I am afraid.',
        'Feel free to reach out again in Q1.',
        '',
        GMAIL_QUOTE,
      ),
    ),
  },
  {
    name: 'Human forwards a bounce they got while looping in a colleague',
    expected: null,
    message: human(
      lines(
        'FYI - I tried to forward your note to our COO and got this back. He left in January; talk to me instead.',
        '',
        '---------- Forwarded message ---------',
        'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        'Date: Wed, Mar 5, 2025 at 8:02 AM',
        'Subject: Delivery Status Notification (Failure)',
        'To: <tom@acme-industrial.com>',
        '',
        '** Address not found **',
        "Your message wasn't delivered to coo@acme-industrial.com because the address couldn't be found.",
        '550 5.1.1 The email account that you tried to reach does not exist.',
      ),
      { subject: 'Fwd: Delivery Status Notification (Failure)' },
    ),
  },
  {
    name: 'Human quotes an Undeliverable notice in their own words',
    expected: null,
    message: human(
      lines(
        'I got an "Undeliverable: Quick question" message when I replied from my phone yesterday, so resending from my laptop.',
        'Yes, next Tuesday at 10 works.',
      ),
    ),
  },
  {
    name: 'Human postmaster of a small firm writes a real answer',
    expected: null,
    message: human(
      lines(
        'Hi Sarah,',
        '',
        "I run IT here and also read the postmaster box. We're evaluating reply tools right now - can you send pricing for 5 seats?",
        '',
        'Dev',
      ),
      {
        fromEmail: 'postmaster@tinyfirm.example',
        fromName: 'Dev Patel',
        returnPath: '<postmaster@tinyfirm.example>',
      },
    ),
  },
];

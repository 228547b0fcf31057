import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { parseEml } from './parse-eml.ts';

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

const gmailReply = crlf(`Delivered-To: alex@agency-mail.io
Received: by 2002:a05:6a10:1234 with SMTP id x; Thu, 19 Nov 2026 01:02:03 -0800 (PST)
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])
        by mx.google.com with SMTPS id y; Thu, 19 Nov 2026 01:02:03 -0800 (PST)
Return-Path: <maria.lopez@northwind.io>
MIME-Version: 1.0
References: <out-77@agency-mail.io>
In-Reply-To: <out-77@agency-mail.io>
From: Maria Lopez <Maria.Lopez@northwind.io>
Date: Thu, 19 Nov 2026 10:02:01 +0100
Message-ID: <CAF=abc123+XyZ@mail.gmail.com>
Subject: Re: Cutting onboarding time at Northwind
To: Alex Kim <alex@agency-mail.io>
Cc: ops@northwind.io, "Tom Baker" <tom@northwind.io>
X-Autosend-Campaign: q4-saas-founders
Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Hi Alex,

Sounds interesting =E2=80=93 could we talk Thursday afternoon?

Maria

On Tue, 17 Nov 2026 at 09:00, Alex Kim <alex@agency-mail.io> wrote:
> Hi Maria, worth a quick chat?

--000000000000a1b2c3
Content-Type: text/html; charset="UTF-8"

<div dir=3D"ltr">Hi Alex,<br>Sounds interesting</div>

--000000000000a1b2c3--
`);

const outlookReply =
  crlf(`Received: from AM6PR04MB1234.eurprd04.prod.outlook.com by AM6PR04MB5678 with HTTPS; Wed, 18 Nov 2026 15:10:00 +0000
From: "Doe, Jane" <jane.doe@contoso.com>
To: "sdr@agency-mail.io" <sdr@agency-mail.io>
Subject: =?utf-8?B?UkU6IFF1aWNrIHF1ZXN0aW9u?=
Thread-Topic: Quick question
Thread-Index: AQHZ1234abcd
Date: Wed, 18 Nov 2026 15:09:58 +0000
Message-ID: <AM6PR04MB1234ABCD@AM6PR04MB1234.eurprd04.prod.outlook.com>
References: <root-1@agency-mail.io>
 <follow-2@agency-mail.io>
In-Reply-To: <follow-2@agency-mail.io>
Accept-Language: en-US
Received: from internal.contoso.com by AM6PR04MB1234; Wed, 18 Nov 2026 15:09:59 +0000
X-MS-Has-Attach:
Content-Type: text/plain; charset="us-ascii"
MIME-Version: 1.0

Not interested, please remove me from your list.

-----Original Message-----
From: sdr@agency-mail.io
Sent: Monday, November 16, 2026 9:00 AM
`);

const postfixDsn = crlf(`Return-Path: <>
Received: from mx.example.net by mail.agency-mail.io; Tue, 3 Nov 2026 10:00:01 +0000
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: sdr@agency-mail.io
Subject: Undelivered Mail Returned to Sender
Date: Tue, 3 Nov 2026 10:00:00 +0000 (UTC)
Message-ID: <20261103100000.ABC@mx.example.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="BOUNDARY1"

This is a MIME-encapsulated message.

--BOUNDARY1
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--BOUNDARY1
Content-Description: Delivery report
Content-Type: message/delivery-status
Content-Disposition: attachment

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; nobody@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--BOUNDARY1
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: sdr@agency-mail.io
To: nobody@example.net
Subject: Quick question
Message-ID: <out-1@agency-mail.io>

--BOUNDARY1--
`);

describe('parseEml', () => {
  it('reads a Gmail reply: addresses, threading, campaign header, decoded text', async () => {
    const reply = await parseEml(gmailReply);
    expect(reply).toMatchObject({
      source: 'eml',
      providerMessageId: '<CAF=abc123+XyZ@mail.gmail.com>',
      campaign: { externalId: 'q4-saas-founders' },
      lead: { email: 'maria.lopez@northwind.io', firstName: 'Maria', lastName: 'Lopez' },
      from: { email: 'maria.lopez@northwind.io', name: 'Maria Lopez' },
      mailbox: 'alex@agency-mail.io',
      to: ['alex@agency-mail.io'],
      cc: ['ops@northwind.io', 'tom@northwind.io'],
      subject: 'Re: Cutting onboarding time at Northwind',
      receivedAt: new Date('2026-11-19T09:02:01Z'),
      rfcMessageId: '<CAF=abc123+XyZ@mail.gmail.com>',
      inReplyTo: '<out-77@agency-mail.io>',
      references: ['<out-77@agency-mail.io>'],
      threadKey: '<out-77@agency-mail.io>',
    });
    expect(reply.text).toContain('Sounds interesting – could we talk Thursday afternoon?');
    expect(reply.html).toContain('Hi Alex');
    expect(reply.headers['return-path']).toBe('<maria.lopez@northwind.io>');
    // Two Received lines, joined; folded lines unfolded.
    expect(reply.headers.received).toMatch(
      /^by 2002.*, from mail-sor-f41\.google\.com .*by mx\.google\.com/,
    );
  });

  it('reads an Outlook reply: encoded subject, "Last, First" name, References root as thread', async () => {
    const reply = await parseEml(Buffer.from(outlookReply));
    expect(reply).toMatchObject({
      subject: 'RE: Quick question',
      lead: { email: 'jane.doe@contoso.com', firstName: 'Jane', lastName: 'Doe' },
      campaign: null,
      references: ['<root-1@agency-mail.io>', '<follow-2@agency-mail.io>'],
      threadKey: '<root-1@agency-mail.io>',
      headers: { 'thread-index': 'AQHZ1234abcd', 'x-ms-has-attach': '' },
    });
    expect(reply.text).toContain('please remove me from your list');
  });

  it('keeps a DSN recognisable: null Return-Path, multipart/report, Action/Status in the text', async () => {
    const reply = await parseEml(postfixDsn);
    expect(reply.headers['return-path']).toBe('<>');
    expect(reply.headers['content-type']).toMatch(
      /^multipart\/report; report-type=delivery-status;/,
    );
    expect(reply.headers['auto-submitted']).toBe('auto-replied');
    expect(reply.from.email).toBe('mailer-daemon@mx.example.net');
    expect(reply.text).toContain('could not\nbe delivered');
    expect(reply.text).toMatch(/Action: failed\r?\nStatus: 5\.1\.1/);
    expect(reply.platformFlags.originalMessageId).toBe('<out-1@agency-mail.io>');
  });

  it('makes the bounced recipient the lead of a DSN, not MAILER-DAEMON, with the evidence', async () => {
    const reply = await parseEml(postfixDsn);
    expect(reply.lead).toEqual({ email: 'nobody@example.net' });
    expect(reply.from.email).toBe('mailer-daemon@mx.example.net');
    expect(reply.platformFlags.bounceRecipient).toBe('Final-Recipient: rfc822; nobody@example.net');
  });

  it('reads the recipient of a plain-text Postfix bounce from its "<address>:" line', async () => {
    const raw = crlf(`From: MAILER-DAEMON@mx.example.net
To: tom@agency.example
Subject: Undelivered Mail Returned to Sender
Return-Path: <>
Content-Type: text/plain

This is the mail system at host mx.example.net.

<gone@example.org>: host mx.example.org said: 550 5.1.1 User unknown
`);
    const reply = await parseEml(raw);
    expect(reply.lead.email).toBe('gone@example.org');
    expect(reply.platformFlags.bounceRecipient).toMatch(/^<gone@example\.org>: host/);
  });

  it('keeps a person forwarding mail as the lead', async () => {
    const reply = await parseEml(gmailReply);
    expect(reply.lead.email).toBe('maria.lopez@northwind.io');
    expect(reply.platformFlags.bounceRecipient).toBeUndefined();
  });

  it('identifies a message without Message-ID by its content, so re-import is a duplicate', async () => {
    const raw = 'From: a@b.co\r\nTo: c@d.co\r\nSubject: hi\r\n\r\nhello\r\n';
    const first = await parseEml(raw, new Date('2026-01-01T00:00:00Z'));
    const second = await parseEml(raw, new Date('2026-02-01T00:00:00Z'));
    expect(first.providerMessageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(first.receivedAt).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('refuses a message without a From address', async () => {
    await expect(parseEml('To: c@d.co\r\nSubject: hi\r\n\r\nhello\r\n')).rejects.toMatchObject({
      constructor: ValidationError,
      fields: { from: 'is required' },
    });
  });
});

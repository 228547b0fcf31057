import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Rachel', company: 'Contoso Foods' };

export const scenario = defineScenario({
  name: 'Exchange / Office 365 NDR (RESOLVER.ADR.RecipientNotFound) is a bounce',
  about: 'Undeliverable: from postmaster@, 550 5.1.10 in the body.',
  lead: {
    email: 'rachel.kim@contosofoods.example',
    firstName: 'Rachel',
    company: 'Contoso Foods',
    timeZone: 'America/Los_Angeles',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'ndr',
      at: '2027-01-11T09:12:30+01:00',
      from: { email: 'postmaster@contosofoods.onmicrosoft.example', name: 'Microsoft Outlook' },
      subject: 'Undeliverable: Pipeline reporting at Contoso Foods',
      headers: {
        'content-type': 'multipart/report; report-type=delivery-status; boundary="_000_NDR_"',
        'x-ms-exchange-message-is-ndr': '',
      },
      text: `Your message to rachel.kim@contosofoods.example couldn't be delivered.

rachel.kim wasn't found at contosofoods.example.

Tom Becker        Office 365        rachel.kim
Action Required                     Recipient

Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
- Retype the recipient's address, then resend the message.

Diagnostic information for administrators:
Generating server: BN8PR12MB3345.namprd12.prod.outlook.com
rachel.kim@contosofoods.example
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'`,
      expect: { decision: 'skip', reason: 'bounce' },
    },
  ],
  end: { sent: 0, lead: { bounced: true }, followUp: { status: 'cancelled' } },
});

import { type OutboundMessage, quoted } from './scenario.ts';

/** The opening cold emails the conversations answer, with our usual opt-out footer. */

export const OPENING_SUBJECT = 'Pipeline reporting at {company}';

/** Our first email to a lead (the campaign's step 1). */
export function openingText(lead: { firstName: string; company: string }): string {
  return `Hi ${lead.firstName},

Saw that ${lead.company} is growing the sales team this quarter. Teams at that stage usually lose half a day a week stitching pipeline reports together from CRM exports.

Northwind gives sales leaders one live revenue dashboard, connected to HubSpot or Salesforce in about a day. Worth a 20-minute look?

Tom Becker
Northwind Analytics

Not the right time? Reply STOP and I won't follow up.`;
}

/** The opening as an outbound timeline entry (default: Monday 11 January 2027, 09:12 Berlin). */
export function opening(
  lead: { firstName: string; company: string },
  at = '2027-01-11T09:12:00+01:00',
): OutboundMessage {
  return {
    kind: 'outbound',
    id: 'opening',
    at,
    subject: OPENING_SUBJECT.replace('{company}', lead.company),
    text: openingText(lead),
  };
}

/** The opening as a reply quotes it below the new text. */
export function quotedOpening(
  lead: { firstName: string; company: string },
  when = 'Mon, 11 Jan 2027 at 09:12',
): string {
  return quoted(`On ${when}, Tom Becker <tom@northwind.example> wrote:`, openingText(lead));
}

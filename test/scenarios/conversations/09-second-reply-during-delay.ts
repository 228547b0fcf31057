import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Hannah', company: 'Lindqvist Retail' };

export const scenario = defineScenario({
  name: 'A second reply during the send delay supersedes the first draft',
  about: 'One responder per conversation: only the newer reply is answered, once.',
  campaign: { delay: { min: 180, max: 420 } },
  lead: {
    email: 'hannah.lindqvist@lindqvist-retail.example',
    firstName: 'Hannah',
    lastName: 'Lindqvist',
    company: 'Lindqvist Retail',
    timeZone: 'Europe/Stockholm',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'first',
      at: '2027-01-12T10:02:00+01:00',
      text: `Hi Tom, happy to chat. When are you free?

Hannah${quotedOpening(lead)}`,
      expect: { decision: 'send', reason: 'confidence_met' },
    },
    {
      kind: 'inbound',
      id: 'second',
      at: '2027-01-12T10:03:30+01:00',
      text: `Sorry, one more thing: could we do Thursday morning? The rest of my week is a bit of a mess.

Hannah`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: { atLeast: 1, onWeekdays: [4], startsBetween: { from: '08:00', to: '12:00' } },
      },
    },
  ],
  end: {
    sent: 1,
    answered: ['second'],
    drafts: { first: 'superseded', second: 'sent' },
    followUp: { status: 'paused', pauseReason: 'lead_replied' },
  },
});

import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Ryan', company: 'Castell Property' };

export const scenario = defineScenario({
  name: 'Instantly flags a ticket-style auto-reply: never answered',
  about: "The platform's is_auto_reply flag is a fact even when the wording looks human.",
  campaign: { platform: 'instantly' },
  lead: {
    email: 'ryan@castell-property.example',
    firstName: 'Ryan',
    company: 'Castell Property',
    timeZone: 'Australia/Sydney',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'ticket',
      at: '2027-01-11T19:12:30+11:00',
      platformFlags: { isAutoReply: true, eventType: 'auto_reply_received' },
      text: `Hi there,

Thanks for reaching out! We've received your email and someone from our team will get back to you within two business days.

Castell Property`,
      expect: { decision: 'skip', reason: 'auto_reply' },
    },
  ],
  end: { sent: 0, followUp: { status: 'active' } },
});

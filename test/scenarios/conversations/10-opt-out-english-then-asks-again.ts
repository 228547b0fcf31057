import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Greg', company: 'Tallis Manufacturing' };

export const scenario = defineScenario({
  name: 'English opt-out flags the lead for good; a later question is not answered either',
  about: 'Opt-out stops follow-ups; nothing is ever sent to the lead again, whatever they write.',
  lead: {
    email: 'greg.tallis@tallis-mfg.example',
    firstName: 'Greg',
    lastName: 'Tallis',
    company: 'Tallis Manufacturing',
    timeZone: 'America/Chicago',
  },
  timeline: [
    opening(lead, '2027-01-11T16:05:00+01:00'),
    {
      kind: 'inbound',
      id: 'remove-me',
      at: '2027-01-11T10:41:00-06:00',
      text: `Please remove me from your mailing list. We handle reporting in-house.

Greg${quotedOpening(lead, 'Mon, Jan 11, 2027 at 9:05 AM')}`,
      expect: { decision: 'skip', reason: 'opt_out' },
    },
    {
      kind: 'inbound',
      id: 'changed-mind',
      at: '2027-01-13T08:15:00-06:00',
      text: `Actually, out of curiosity, how much does this cost for a team of 12? Happy to jump on a call Thursday.

Greg`,
      expect: { decision: 'skip', reason: 'opt_out' },
    },
  ],
  end: { sent: 0, lead: { optedOut: true }, followUp: { status: 'cancelled' } },
});

import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Clara', company: 'Neumann Bau' };

export const scenario = defineScenario({
  name: 'Daily cap of 1: the second automatic answer of the day waits for a human',
  about: 'The campaign allows one automatic send per day; the first reply used it.',
  campaign: { dailyCap: 1 },
  lead: {
    email: 'clara.neumann@neumann-bau.example',
    firstName: 'Clara',
    lastName: 'Neumann',
    company: 'Neumann Bau',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'times',
      at: '2027-01-12T09:30:00+01:00',
      text: `Hi Tom, yes please, send me some times.

Clara${quotedOpening(lead)}`,
      expect: { decision: 'send', reason: 'confidence_met' },
    },
    {
      kind: 'inbound',
      id: 'reschedule',
      at: '2027-01-12T11:10:00+01:00',
      text: `Hi Tom, thanks! Could we talk on Thursday instead? My Wednesday just filled up.

Clara`,
      expect: { decision: 'review', reason: 'daily_cap_reached', slots: { onWeekdays: [4] } },
    },
  ],
  end: {
    sent: 1,
    answered: ['times'],
    drafts: { times: 'sent', reschedule: 'generated' },
  },
});

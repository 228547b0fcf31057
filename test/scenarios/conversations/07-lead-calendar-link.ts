import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Priya', company: 'Nair Health' };

export const scenario = defineScenario({
  name: 'A lead sends her own scheduling link in the signature: no slots of ours, review',
  about: 'Someone must book through her link; the draft must not push our times.',
  lead: {
    email: 'priya@nairhealth.example',
    firstName: 'Priya',
    lastName: 'Nair',
    company: 'Nair Health',
    timeZone: 'Europe/London',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'her-link',
      at: '2027-01-11T11:47:00Z',
      text: `Hi Tom, sure, let's talk. Pick whatever time suits you best on my calendar.

--
Priya Nair | Head of Sales Operations | Nair Health
Book time with me: https://meetings.hubspot.com/priya-nair${quotedOpening(lead)}`,
      expect: {
        decision: 'review',
        reason: 'lead_scheduler_link',
        slots: { count: 0 },
        draft: { excludes: ['https://book.northwind.example'] },
      },
    },
  ],
  end: { sent: 0, drafts: { 'her-link': 'generated' } },
});

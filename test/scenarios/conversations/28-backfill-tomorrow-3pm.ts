import { opening, quotedOpening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Felix', company: 'Roth Automotive' };

export const scenario = defineScenario({
  name: '"Tomorrow at 3pm?" processed three weeks later: read against the reply\'s date',
  about:
    'A backfill reads "tomorrow" as the day after the reply (12 Jan), never as the day after processing, and offers nothing on the processing day.',
  lead: {
    email: 'felix.roth@roth-automotive.example',
    firstName: 'Felix',
    lastName: 'Roth',
    company: 'Roth Automotive',
    timeZone: 'Europe/Berlin',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'tomorrow',
      at: '2027-01-11T10:05:00+01:00',
      processAt: '2027-02-01T09:00:00+01:00',
      text: `Hi Tom, does tomorrow at 3pm work for a quick call?

Felix${quotedOpening(lead)}`,
      expect: {
        decision: 'send',
        reason: 'confidence_met',
        slots: {
          notOnReplyDay: true,
          notOnProcessingDay: true,
          notOnDays: ['2027-01-12', '2027-02-02'],
          minNoticeMinutes: 120,
        },
        // Nothing fits a day three weeks gone: the lead gets the booking link instead.
        draft: { includes: ['https://book.northwind.example/intro'] },
      },
    },
  ],
  end: { sent: 1, answered: ['tomorrow'] },
});

import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Javier', company: 'Ortega Distribución' };

export const scenario = defineScenario({
  name: 'Spanish opt-out (darme de baja)',
  about: 'A removal request in Spanish flags the lead.',
  lead: {
    email: 'javier.ortega@ortega-distribucion.example',
    firstName: 'Javier',
    lastName: 'Ortega',
    company: 'Ortega Distribución',
    timeZone: 'Europe/Madrid',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'baja',
      at: '2027-01-12T09:48:00+01:00',
      text: `Buenos días,

Por favor, denme de baja de su lista de correo. No me escriban más.

Gracias,
Javier Ortega

Enviado desde mi iPhone`,
      expect: { decision: 'skip', reason: 'opt_out' },
    },
  ],
  end: { sent: 0, lead: { optedOut: true }, followUp: { status: 'cancelled' } },
});

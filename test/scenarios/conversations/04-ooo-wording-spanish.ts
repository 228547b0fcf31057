import { opening } from '../opening-emails.ts';
import { defineScenario } from '../scenario.ts';

const lead = { firstName: 'Lucía', company: 'Fernández y Asociados' };

export const scenario = defineScenario({
  name: 'Spanish out-of-office by wording only is never answered',
  about: 'A vacation notice in Spanish with no machine headers.',
  lead: {
    email: 'lucia@fernandez-asociados.example',
    firstName: 'Lucía',
    lastName: 'Fernández',
    company: 'Fernández y Asociados',
    timeZone: 'Europe/Madrid',
  },
  timeline: [
    opening(lead),
    {
      kind: 'inbound',
      id: 'vacaciones',
      at: '2027-01-11T09:20:00+01:00',
      text: `Hola,

Gracias por su mensaje. Estoy de vacaciones hasta el 20 de enero y tendré acceso limitado al correo.

Para asuntos urgentes, pueden escribir a mi compañero Diego Ruiz: diego.ruiz@fernandez-asociados.example.

Un saludo,
Lucía Fernández`,
      expect: { decision: 'skip', reason: 'auto_reply' },
    },
  ],
  end: {
    sent: 0,
    followUp: {
      status: 'paused',
      pauseReason: 'out_of_office',
      pausedUntil: '2027-01-20T23:00:00.000Z',
    },
  },
});

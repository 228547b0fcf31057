import { describe, expect, it } from 'vitest';
import { findUnansweredQuestions } from './find-unanswered-questions.ts';

const PRICE_DRAFT =
  'Hi Dana,\n\nIn short: There is a one-time setup fee of $1,500.\n\nHere are a few times:\n- Tuesday 12 January, 09:00–09:30\n\nTom';

describe('findUnansweredQuestions', () => {
  it.each([
    ["Can you remove the setup fee? If so, I'm in.", 'Can you remove the setup fee?'],
    ['Is there a discount for nonprofits?', 'Is there a discount for nonprofits?'],
    ['Do you integrate with Pipedrive? If yes, send me times.', 'Do you integrate with Pipedrive?'],
    [
      'Können Sie die Einrichtungsgebühr streichen? Dann bin ich dabei.',
      'Können Sie die Einrichtungsgebühr streichen?',
    ],
    ['Pouvez-vous nous faire une remise ?', 'Pouvez-vous nous faire une remise ?'],
    ['¿Pueden hacernos un descuento?', 'Pueden hacernos un descuento?'],
    ['Is it GDPR compliant?', 'Is it GDPR compliant?'],
  ])('unanswered: %s', (reply, question) => {
    expect(findUnansweredQuestions(reply, PRICE_DRAFT)).toEqual([question]);
  });

  it.each([
    'Sounds interesting, when could we talk?',
    'Does Tuesday work?',
    'Are you free Thursday afternoon?',
    'Wann passt es Ihnen?',
    'Quand êtes-vous disponible ?',
    '¿Cuándo podemos hablar?',
    'Great. How much is the setup fee?',
    'Sounds good, send me some times.',
  ])('answered or about timing: %s', (reply) => {
    expect(findUnansweredQuestions(reply, PRICE_DRAFT)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findFutureDate, startOfFoundDay } from './parse-return-date.ts';

const now = new Date('2026-11-27T10:00:00Z'); // Friday 27 November 2026
const day = (text: string, zone = 'Europe/Berlin') => {
  const f = findFutureDate(text, now, zone);
  return f
    ? `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`
    : null;
};

describe('findFutureDate', () => {
  it.each([
    ["I'm out of the office, back on 3 December.", '2026-12-03'],
    ['Ich bin zurück am 3.12.', '2026-12-03'],
    ['Ich bin ab dem 3. Dezember wieder im Büro', '2026-12-03'],
    ['Je serai de retour le lundi 7', '2026-12-07'],
    ["absent jusqu'au 4 décembre", '2026-12-04'],
    ['Estaré de vuelta el 3 de diciembre', '2026-12-03'],
    ['I am away from 20 Nov to 2 Dec', '2026-12-02'],
    ['Reach out in March', '2027-03-01'],
    ['after Q1 please', '2027-04-01'],
    ['try me next month', '2026-12-01'],
    ['Zurück am 05.01.2027', '2027-01-05'],
  ])('%s → %s', (text, expected) => {
    expect(day(text)).toBe(expected);
  });

  it('never returns a date in the past', () => {
    // "back on 20 November" was a week ago: chrono would read it as next year, which is fine,
    // but a numeric past date this year rolls forward too, never backwards.
    expect(day('zurück am 20.11.')).toBe('2027-11-20');
    expect(day('Zurück am 20.11.2026')).toBeNull();
  });

  it('is not fooled by two-letter words that look like weekdays ("mi compañero")', () => {
    expect(day('Estoy de vacaciones hasta el 20 de enero. Escriba a mi compañero Diego.')).toBe(
      '2027-01-20',
    );
  });

  it('returns null when no date is named', () => {
    expect(day('I am out of the office with limited access to email.')).toBeNull();
  });

  it('the day after the return date starts at local midnight in the lead zone', () => {
    const f = findFutureDate('back on 3 December', now, 'America/New_York')!;
    expect(startOfFoundDay(f, 'America/New_York', 1).toISOString()).toBe(
      '2026-12-04T05:00:00.000Z',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { addDelay, parseDelay } from './add-delay.ts';
import type { LeadFacts } from './followup-types.ts';
import { checkTemplate, renderTemplate } from './render-template.ts';

const lead = {
  email: 'j@x.io',
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Initech',
} as LeadFacts;

describe('renderTemplate', () => {
  it('fills fields and picks one variation per seed, the same every time', () => {
    const a = renderTemplate('{Hi|Hello|Hey} {{first_name}} at {{ company }}', lead, 'i1:1');
    expect(a.ok && /^(Hi|Hello|Hey) Jane at Initech$/.test(a.text)).toBe(true);
    expect(renderTemplate('{Hi|Hello|Hey} {{first_name}} at {{ company }}', lead, 'i1:1')).toEqual(
      a,
    );
    const picks = new Set(
      Array.from({ length: 40 }, (_, i) => {
        const r = renderTemplate('{a|b|c}', lead, `seed-${i}`);
        return r.ok ? r.text : '';
      }),
    );
    expect(picks).toEqual(new Set(['a', 'b', 'c']));
  });

  it('reports missing fields instead of leaving {{…}} in the text', () => {
    expect(
      renderTemplate('Hi {{first_name}} {{last_name}}', { ...lead, lastName: ' ' }, 's'),
    ).toEqual({
      ok: false,
      missing: ['last_name'],
    });
  });

  it('checks templates when a sequence is saved', () => {
    expect(checkTemplate('Hi {{first_name|there}}, {a|b}')).toEqual([]);
    expect(checkTemplate('Hi {{firstname}}')[0]).toMatch(/unknown field \{\{firstname\}\}/);
    expect(checkTemplate('Hi {first_name')).toEqual(['unbalanced or nested braces']);
  });
});

describe('delays', () => {
  it('parses business days and hours', () => {
    expect(parseDelay('3 business days')).toEqual({ amount: 3, unit: 'business_days' });
    expect(parseDelay('2bd')).toEqual({ amount: 2, unit: 'business_days' });
    expect(parseDelay('48h')).toEqual({ amount: 48, unit: 'hours' });
    expect(parseDelay('soon')).toBeNull();
  });

  it('skips the weekend in the lead zone and keeps the local time', () => {
    // Friday 16:00 in Tokyo (07:00Z) + 1 business day = Monday 16:00 Tokyo.
    const friday = new Date('2026-12-04T07:00:00Z');
    expect(addDelay(friday, 1, 'business_days', 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
    // Same instant is still Friday in New York (02:00): +1 business day is Monday there too.
    expect(addDelay(friday, 1, 'business_days', 'America/New_York').toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
    // Thursday 23:30 in UTC is already Friday in Tokyo: +1 business day = Monday in Tokyo.
    const thu = new Date('2026-12-03T23:30:00Z');
    expect(addDelay(thu, 1, 'business_days', 'UTC').toISOString()).toBe('2026-12-04T23:30:00.000Z');
    expect(addDelay(thu, 1, 'business_days', 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-06T23:30:00.000Z',
    );
    expect(addDelay(friday, 5, 'hours', 'UTC').toISOString()).toBe('2026-12-04T12:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { parseHouseStyleExamples } from './parse-house-style-examples.ts';

const ok = { reply: 'Tell me more', draft: 'Long draft', sent: 'Short answer' };

describe('parseHouseStyleExamples', () => {
  it('keeps file order as recency and scrubs emails and phone numbers', () => {
    const [a, b] = parseHouseStyleExamples([
      { ...ok, sent: 'Write to anna@acme.example or call +49 30 1234 5678' },
      { ...ok, category: 'interested' },
    ]);
    expect(a).toMatchObject({ sentText: 'Write to [email] or call [phone]', category: null });
    expect(b!.createdAt.getTime()).toBeGreaterThan(a!.createdAt.getTime());
    expect(b!.category).toBe('interested');
  });

  it.each([
    ['a missing field', [ok, { reply: 'x', draft: 'y' }], '[1].sent'],
    ['an empty text', [{ ...ok, draft: '  ' }], '[0].draft'],
    ['an unknown category', [{ ...ok, category: 'keen' }], '[0].category'],
    ['an unknown key', [{ ...ok, lead: 'Anna' }], '[0]'],
    ['not a list', { examples: [] }, '(file)'],
    ['an empty list', [], '(file)'],
  ])('%s is refused, naming the entry', (_name, json, field) => {
    try {
      parseHouseStyleExamples(json);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fields)).toContain(field);
      expect((error as Error).message).toContain(field);
      if (field === '[1].sent') expect((error as Error).message).toContain('[1].sent is required');
    }
  });
});

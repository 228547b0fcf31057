import { describe, expect, it } from 'vitest';
import { dropLinesNaming, namesAny } from './drop-lines-naming.ts';

describe('dropLinesNaming', () => {
  it('drops the lines naming the person, in any case, and keeps the others whole', () => {
    const log = [
      '{"event":"start"}',
      '{"event":"drafted","lead":{"email":"Anna@Example.com"}}',
      '{"event":"drafted","messageId":"m-1"}',
      '{"event":"drafted","lead":{"email":"bob@example.com"}}',
      '',
    ].join('\n');
    const out = dropLinesNaming(log, ['anna@example.com', 'm-1']);
    expect(out.removed).toBe(2);
    expect(out.content).toBe(
      '{"event":"start"}\n{"event":"drafted","lead":{"email":"bob@example.com"}}\n',
    );
  });

  it('leaves a file that does not name them unchanged', () => {
    const out = dropLinesNaming('a\nb\n', ['anna@example.com']);
    expect(out).toEqual({ content: 'a\nb\n', removed: 0 });
  });

  it('ignores empty needles', () => {
    expect(namesAny('anything', ['', 'x@y.z'])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.ts';

describe('lineDiff', () => {
  it('shows a reviewer edit as the removed AI line and the added one, keeping the rest', () => {
    const draft = 'Hi Anna,\nDoes Tuesday 10:00 work?\nBest, Tom';
    const sent = 'Hi Anna,\nDoes Wednesday 14:00 work instead?\nBest, Tom';
    expect(lineDiff(draft, sent)).toEqual([
      { kind: 'same', text: 'Hi Anna,' },
      { kind: 'removed', text: 'Does Tuesday 10:00 work?' },
      { kind: 'added', text: 'Does Wednesday 14:00 work instead?' },
      { kind: 'same', text: 'Best, Tom' },
    ]);
  });

  it('reports added and removed lines at the ends', () => {
    expect(lineDiff('a', 'a\nb')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
    expect(lineDiff('a\nb', 'b')).toEqual([
      { kind: 'removed', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('is all kept when nothing changed', () => {
    expect(lineDiff('x\ny', 'x\ny').every((l) => l.kind === 'same')).toBe(true);
  });
});

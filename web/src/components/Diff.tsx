import { lineDiff } from '../lib/line-diff.ts';

/** The reviewer's edit shown as a diff against the AI draft. */
export function Diff({ before, after }: { before: string; after: string }) {
  const lines = lineDiff(before, after);
  return (
    <figure className="diff-figure" aria-label="Edit compared with the AI draft">
      <pre className="diff">
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond position
          <div key={i} className={`diff-${l.kind}`}>
            <span aria-hidden="true">
              {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}
            </span>
            <span className="sr-only">{l.kind === 'same' ? '' : `${l.kind}: `}</span>
            {l.text}
          </div>
        ))}
      </pre>
    </figure>
  );
}

import { describe, expect, it } from 'vitest';
import { buildSummary, formatSummary } from './build-summary.ts';

const names = new Map([
  ['c1', 'Q3 outreach'],
  ['c2', 'Agencies DE'],
]);

describe('buildSummary', () => {
  it('counts per campaign: targets, skips by reason, drafted, sent, review and notifications', () => {
    const [de, q3] = buildSummary(
      [
        { campaignId: 'c1', state: 'skipped', reason: 'already_answered', notify: null, n: 4 },
        { campaignId: 'c1', state: 'skipped', reason: 'opt_out', notify: null, n: 1 },
        { campaignId: 'c1', state: 'sent', reason: null, notify: null, n: 3 },
        { campaignId: 'c1', state: 'review', reason: 'below_threshold', notify: 'ok', n: 2 },
        { campaignId: 'c1', state: 'review', reason: 'below_threshold', notify: 'failed', n: 1 },
        { campaignId: 'c1', state: 'failed', reason: 'ai_timeout', notify: null, n: 1 },
        { campaignId: 'c2', state: 'pending', reason: null, notify: null, n: 5 },
      ],
      names,
    );
    expect(q3).toMatchObject({
      campaign: 'Q3 outreach',
      targets: 7,
      skipped: { already_answered: 4, opt_out: 1 },
      drafted: 6,
      failed: 1,
      sent: 3,
      review: 3,
      notifyOk: 2,
      notifyFailed: 1,
    });
    expect(de).toMatchObject({ campaign: 'Agencies DE', targets: 5, drafted: 0 });
  });

  it('prints what apply would do on a dry run, and the gates of a shadow run', () => {
    const summary = buildSummary(
      [{ campaignId: 'c1', state: 'pending', reason: null, notify: null, n: 2 }],
      names,
      [
        { campaignId: 'c1', threshold: 'gate', action: 'send', n: 1 },
        { campaignId: 'c1', threshold: 'gate', action: 'review', n: 1 },
        { campaignId: 'c1', threshold: '95', action: 'review', n: 2 },
      ],
    );
    expect(formatSummary(summary, 'dry_run')).toMatch(/Q3 outreach\s+2\s+-\s+draft 2/);
    const shadow = formatSummary(summary, 'shadow');
    expect(shadow).toMatch(/at its gate\s+at 70%/);
    expect(shadow).toMatch(/Q3 outreach\s+1 \/ 1\s+0 \/ 0\s+0 \/ 0\s+0 \/ 0\s+0 \/ 2/);
  });
});

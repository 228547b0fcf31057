import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../calibration/review-outcome.ts';
import {
  buildDecidedMessage,
  buildReviewMessage,
  describeConfidence,
  listGuardFailures,
  newReplyText,
} from './build-review-message.ts';

const input = {
  reviewRequestId: '11111111-2222-3333-4444-555555555555',
  reason: 'below_threshold',
  lead: {
    email: 'dana@prospect.example',
    firstName: 'Dana',
    lastName: 'Lee',
    company: 'Prospect Co',
  },
  campaign: { name: 'Spring outreach', confidenceGate: 85 },
  replyText:
    'How much is it?\n\nOn Mon, Jan 5, 2026 at 9:00 Sam <sam@acme.example> wrote:\n> Hi Dana',
  draft: {
    body: 'It is 99 EUR <a month> & more.',
    confidence: 0.72,
    evaluatorReason: 'price not in knowledge',
    guardFailures: [{ code: 'unknown_price', detail: '99 EUR' }],
  },
  dashboardUrl: 'https://autosend.example',
  withButtons: true,
};

describe('buildReviewMessage', () => {
  it('has a plain-text fallback with lead, campaign, confidence vs gate, reason and the link', () => {
    const { text } = buildReviewMessage(input);
    expect(text).toContain('Review needed: Dana Lee <dana@prospect.example> at Prospect Co');
    expect(text).toContain('Campaign: Spring outreach');
    expect(text).toContain('Confidence: 72% vs gate 85% (held: below_threshold)');
    expect(text).toContain('Evaluator: price not in knowledge');
    expect(text).toContain('Guard failures: unknown_price: 99 EUR');
    expect(text).toContain('Their reply: How much is it?');
    expect(text).toContain(`Review: https://autosend.example/reviews/${input.reviewRequestId}`);
  });

  it('an ai_failed review with no draft says what failed and that no draft exists, with no approve button', () => {
    const failed = buildReviewMessage({
      ...input,
      reason: 'ai_failed',
      draft: {
        body: '',
        confidence: 0,
        evaluatorReason: 'AI draft failed (ai_timeout): draft timed out after 60000 ms',
        guardFailures: [],
      },
    });
    expect(failed.text).toContain('Confidence: no score (the AI failed)');
    expect(failed.text).not.toContain('0% vs gate');
    expect(failed.text).toContain('What failed: AI draft failed (ai_timeout): draft timed out');
    expect(failed.text).toContain('No draft exists: write the answer in the dashboard.');
    const sections = JSON.stringify(failed.blocks);
    expect(sections).toContain('*No draft:* the AI failed before writing one');
    expect(sections).not.toContain('*Draft answer');
    expect(sections).not.toContain('review_approve');
    expect(sections).toContain('review_reject');
  });

  it('an ai_failed review whose evaluation failed shows the draft, marked as not scored', () => {
    const failed = buildReviewMessage({
      ...input,
      reason: 'ai_failed',
      draft: {
        ...input.draft,
        confidence: 0,
        evaluatorReason: 'AI evaluate failed (ai_bad_output): x',
      },
    });
    const sections = JSON.stringify(failed.blocks);
    expect(sections).toContain('*Draft answer (not scored: the evaluation failed):*');
    expect(sections).toContain('review_approve');
  });

  it('escapes mrkdwn and carries the review id in the button action ids', () => {
    const { blocks } = buildReviewMessage(input);
    const json = JSON.stringify(blocks);
    expect(json).toContain('99 EUR &lt;a month&gt; &amp; more.');
    expect(json).toContain(`"action_id":"review_approve:${input.reviewRequestId}"`);
    expect(json).toContain(`"action_id":"review_reject:${input.reviewRequestId}"`);
    // Reject is a menu: each option's value is one of the reject reasons.
    const actions = blocks!.find((b) => b.type === 'actions') as {
      elements: { type: string; action_id: string; options?: { value: string }[] }[];
    };
    const reject = actions.elements.find((e) => e.action_id.startsWith('review_reject:'))!;
    expect(reject.type).toBe('static_select');
    expect(reject.options!.map((o) => o.value)).toEqual([...REJECT_REASONS]);
    expect(
      JSON.stringify(buildReviewMessage({ ...input, withButtons: false }).blocks),
    ).not.toContain('review_approve');
  });

  it('after a decision the buttons give way to who decided and when', () => {
    const original = buildReviewMessage(input);
    const decided = buildDecidedMessage(
      { text: original.text, blocks: original.blocks },
      { outcome: 'approved', memberId: 'U0ANNA', at: new Date('2026-11-26T12:00:30Z') },
    );
    expect(decided.text.split('\n')[0]).toBe('Approved by <@U0ANNA> at 2026-11-26 12:00 UTC');
    expect(JSON.stringify(decided.blocks)).not.toContain('"actions"');
  });
});

describe('helpers', () => {
  it.each([
    ['Yes, Tuesday works.\n\nOn Mon, Sam wrote:\n> earlier', 'Yes, Tuesday works.'],
    ['Sounds good\n> quoted', 'Sounds good'],
    ['Thanks\n-----Original Message-----\nFrom: x', 'Thanks'],
    ['  just text  ', 'just text'],
  ])('newReplyText(%j)', (text, expected) => {
    expect(newReplyText(text)).toBe(expected);
  });

  it('caps a long reply', () => {
    expect(newReplyText('x'.repeat(5000), 100)).toHaveLength(100);
  });

  it.each([
    [0.72, 85, '72% vs gate 85%'],
    [0.849, 85, '85% vs gate 85%'],
    [null, 85, 'no score vs gate 85%'],
    [0.5, null, '50%'],
  ])('describeConfidence(%s, %s)', (confidence, gate, expected) => {
    expect(describeConfidence(confidence, gate)).toBe(expected);
  });

  it('lists guard failures of any stored shape', () => {
    expect(listGuardFailures(['a', { code: 'b' }, { guard: 'c', message: 'd' }, 3])).toEqual([
      'a',
      'b',
      'c: d',
      '3',
    ]);
    expect(listGuardFailures(null)).toEqual([]);
  });
});

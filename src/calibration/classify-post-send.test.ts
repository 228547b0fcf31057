import { describe, expect, it } from 'vitest';
import type { Category } from '../ai/provider.ts';
import type { PostSendOutcome } from './assess-breaker.ts';
import { classifyPostSend } from './classify-post-send.ts';

type Row = [string, string, Category | undefined, PostSendOutcome | null];

describe('classifyPostSend on a table of follow-up messages', () => {
  const rows: Row[] = [
    ['Tuesday at 10 works, send the invite', 'none', 'meeting_requested', 'positive'],
    ['Sounds interesting, tell me more about pricing', 'none', 'information_requested', 'positive'],
    ['Not for us, thanks', 'none', 'not_interested', 'negative'],
    ['We already use a competitor', 'none', 'objection', 'negative'],
    ['Ping me next quarter', 'none', 'follow_up_later', 'neutral'],
    ['Talk to my colleague Sam instead', 'none', 'referral', 'neutral'],
    ['Please remove me from your list', 'opt_out', undefined, 'complaint_or_opt_out'],
    ['unsubscribe', 'none', 'unsubscribe', 'complaint_or_opt_out'],
    ['This is spam. How did you get my email?', 'none', 'not_interested', 'complaint_or_opt_out'],
    ['Who is this?', 'none', 'neutral', 'confused'],
    ['what?', 'none', 'neutral', 'confused'],
    ['Sorry, I don’t understand. Do I know you?', 'none', 'information_requested', 'confused'],
    ['I think you have the wrong person', 'none', 'not_interested', 'confused'],
    ['I am out of the office until Monday', 'auto_reply', undefined, null],
    ['Delivery failed', 'bounce', undefined, null],
    ['Auto: received', 'none', 'automated_reply', null],
  ];
  it.each(rows)('%s (gate %s, %s) → %s', (text, gate, category, expected) => {
    const result = classifyPostSend({
      gate: gate === 'none' ? null : (gate as 'opt_out'),
      ...(category ? { category } : {}),
      newText: text,
    });
    expect(result?.outcome ?? null).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type Conversation,
  type ConversationMessage,
  type SelectionRules,
  selectTarget,
} from './select-target.ts';

const CAMPAIGN = 'c-ai';
const T0 = Date.parse('2026-03-02T09:00:00Z');

function msg(
  id: string,
  direction: 'inbound' | 'outbound',
  minute: number,
  extra: Partial<ConversationMessage> = {},
): ConversationMessage {
  return {
    id,
    direction,
    occurredAt: new Date(T0 + minute * 60_000),
    createdAt: new Date(T0 + minute * 60_000),
    campaignId: CAMPAIGN,
    fromEmail: direction === 'inbound' ? 'jane@lead.example' : 'sam@acme.io',
    fromName: null,
    subject: 'Re: Quick question',
    text: 'Sounds good, can we talk on Tuesday?',
    headers: {},
    platformFlags: {},
    ...extra,
  };
}

const noFlags = { optedOutAt: null, bouncedAt: null, bookedAt: null };
const conv = (
  messages: ConversationMessage[],
  extra: Partial<Conversation> = {},
): Conversation => ({
  messages,
  drafts: [],
  lead: noFlags,
  ...extra,
});
const apply: SelectionRules = {
  mode: 'apply',
  missingOnly: false,
  campaignIds: new Set([CAMPAIGN]),
};

describe('selectTarget', () => {
  const cases: Array<{
    name: string;
    conversation: Conversation;
    rules?: Partial<SelectionRules>;
    expected: Record<string, unknown>;
  }> = [
    {
      name: 'a reply whose text retention purged is skipped: nothing is left to answer',
      conversation: conv([
        msg('o1', 'outbound', 0),
        msg('i1', 'inbound', 10, { text: '', contentPurged: true }),
      ]),
      expected: { kind: 'skip', reason: 'content_purged', messageId: 'i1' },
    },
    {
      name: 'the latest unanswered reply is the target',
      conversation: conv([msg('o1', 'outbound', 0), msg('i1', 'inbound', 10)]),
      expected: { kind: 'target', messageId: 'i1', folded: [], campaignId: CAMPAIGN },
    },
    {
      name: 'older unanswered replies fold into the latest, never answered separately',
      conversation: conv([
        msg('o1', 'outbound', 0),
        msg('i1', 'inbound', 10),
        msg('i2', 'inbound', 20),
        msg('i3', 'inbound', 30),
      ]),
      expected: { kind: 'target', messageId: 'i3', folded: ['i1', 'i2'] },
    },
    {
      name: 'replies answered before our last message are not folded',
      conversation: conv([
        msg('i0', 'inbound', 0),
        msg('o1', 'outbound', 5),
        msg('i1', 'inbound', 10),
      ]),
      expected: { kind: 'target', messageId: 'i1', folded: [] },
    },
    {
      name: 'message order comes from the time written, not the order given',
      conversation: conv([
        msg('i2', 'inbound', 20),
        msg('o1', 'outbound', 0),
        msg('i1', 'inbound', 10),
      ]),
      expected: { kind: 'target', messageId: 'i2', folded: ['i1'] },
    },
    {
      name: 'an outbound after the latest reply: already answered',
      conversation: conv([msg('i1', 'inbound', 10), msg('o2', 'outbound', 15)]),
      expected: { kind: 'skip', reason: 'already_answered', messageId: 'i1' },
    },
    {
      name: 'shadow drafts an answered conversation, beside the human answer',
      conversation: conv([msg('i1', 'inbound', 10), msg('o2', 'outbound', 15)]),
      rules: { mode: 'shadow' },
      expected: { kind: 'target', messageId: 'i1', humanAnswerId: 'o2', supersede: [] },
    },
    {
      name: 'a campaign out of scope (manual, unconfigured, not named) is not selected',
      conversation: conv([msg('i1', 'inbound', 10, { campaignId: 'c-manual' })]),
      expected: { kind: 'out_of_scope' },
    },
    {
      name: 'a reply without a campaign takes the conversation campaign',
      conversation: conv([
        msg('o1', 'outbound', 0),
        msg('i1', 'inbound', 10, { campaignId: null }),
      ]),
      expected: { kind: 'target', messageId: 'i1', campaignId: CAMPAIGN },
    },
    {
      name: 'no reply at all is out of scope',
      conversation: conv([msg('o1', 'outbound', 0)]),
      expected: { kind: 'out_of_scope' },
    },
    {
      name: 'an opt-out reply is skipped by the same gate as live traffic',
      conversation: conv([msg('i1', 'inbound', 10, { text: 'Please remove me from your list.' })]),
      expected: { kind: 'skip', reason: 'opt_out' },
    },
    {
      name: 'an out-of-office reply is skipped as auto_reply',
      conversation: conv([
        msg('i1', 'inbound', 10, {
          subject: 'Automatic reply: Quick question',
          headers: { 'auto-submitted': 'auto-replied' },
          text: 'I am out of the office until Monday.',
        }),
      ]),
      expected: { kind: 'skip', reason: 'auto_reply' },
    },
    {
      name: 'a bounce is skipped',
      conversation: conv([
        msg('i1', 'inbound', 10, {
          fromEmail: 'mailer-daemon@mail.example',
          subject: 'Undelivered Mail Returned to Sender',
          text: "This is the mail system at host mail.example.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n<jane@lead.example>: host said: 550 5.1.1 User unknown",
          headers: { 'return-path': '<>' },
        }),
      ]),
      expected: { kind: 'skip', reason: 'bounce' },
    },
    {
      name: 'a lead flagged opted out is skipped whatever the reply says',
      conversation: conv([msg('i1', 'inbound', 10)], {
        lead: { ...noFlags, optedOutAt: new Date(T0) },
      }),
      expected: { kind: 'skip', reason: 'opt_out' },
    },
    {
      name: 'a bounced lead is skipped',
      conversation: conv([msg('i1', 'inbound', 10)], {
        lead: { ...noFlags, bouncedAt: new Date(T0) },
      }),
      expected: { kind: 'skip', reason: 'bounce' },
    },
    {
      name: 'a booked lead is not pitched again',
      conversation: conv([msg('i1', 'inbound', 10)], {
        lead: { ...noFlags, bookedAt: new Date(T0) },
      }),
      expected: { kind: 'skip', reason: 'already_booked' },
    },
    {
      name: 'by default an unsent draft is regenerated and superseded',
      conversation: conv([msg('i1', 'inbound', 10)], {
        drafts: [{ id: 'd1', messageId: 'i1', status: 'generated' }],
      }),
      expected: { kind: 'target', supersede: ['d1'] },
    },
    {
      name: 'unsent drafts of folded replies are superseded too; rejected ones are left',
      conversation: conv([msg('i1', 'inbound', 10), msg('i2', 'inbound', 20)], {
        drafts: [
          { id: 'd1', messageId: 'i1', status: 'generated' },
          { id: 'd0', messageId: 'i1', status: 'rejected' },
        ],
      }),
      expected: { kind: 'target', messageId: 'i2', supersede: ['d1'] },
    },
    {
      name: '--missing-only leaves a reply with a usable draft alone',
      conversation: conv([msg('i1', 'inbound', 10)], {
        drafts: [{ id: 'd1', messageId: 'i1', status: 'generated' }],
      }),
      rules: { missingOnly: true },
      expected: { kind: 'skip', reason: 'has_usable_draft' },
    },
    {
      name: '--missing-only drafts a reply whose drafts were rejected or superseded',
      conversation: conv([msg('i1', 'inbound', 10)], {
        drafts: [
          { id: 'd1', messageId: 'i1', status: 'rejected' },
          { id: 'd2', messageId: 'i1', status: 'superseded' },
        ],
      }),
      rules: { missingOnly: true },
      expected: { kind: 'target', supersede: [] },
    },
    {
      name: 'a draft a human approved is theirs to send',
      conversation: conv([msg('i1', 'inbound', 10)], {
        drafts: [{ id: 'd1', messageId: 'i1', status: 'approved' }],
      }),
      expected: { kind: 'skip', reason: 'approved_by_human' },
    },
    {
      name: 'a send in progress anywhere in the conversation is left alone',
      conversation: conv([msg('i1', 'inbound', 10), msg('i2', 'inbound', 20)], {
        drafts: [{ id: 'd1', messageId: 'i1', status: 'sending' }],
      }),
      expected: { kind: 'skip', reason: 'send_in_progress' },
    },
    {
      name: 'a send of unknown outcome is never risked twice',
      conversation: conv([msg('i1', 'inbound', 10)], {
        drafts: [{ id: 'd1', messageId: 'i1', status: 'send_unknown' }],
      }),
      expected: { kind: 'skip', reason: 'send_unknown' },
    },
    {
      name: 'shadow supersedes nothing',
      conversation: conv([msg('i1', 'inbound', 10)], {
        drafts: [{ id: 'd1', messageId: 'i1', status: 'generated' }],
      }),
      rules: { mode: 'shadow' },
      expected: { kind: 'target', supersede: [] },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(selectTarget(c.conversation, { ...apply, ...c.rules })).toMatchObject(c.expected);
    });
  }
});

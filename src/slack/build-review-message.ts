import type { KnownBlock } from '@slack/web-api';
import { REJECT_REASONS, type RejectReason } from '../calibration/review-outcome.ts';
import { describeReviewReason } from '../decision/review-reason-hints.ts';
import type { SlackMessage } from './send-to-reviewer.ts';

/** Action ids of the review buttons; the review id follows the colon. */
export const APPROVE_ACTION = 'review_approve';
export const REJECT_ACTION = 'review_reject';

/** What the reviewer reads for each reject reason in the Reject menu (Slack caps option text at 75 characters). */
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  wrong_facts: 'Reject: wrong facts',
  wrong_tone: 'Reject: wrong tone',
  wrong_slots: 'Reject: wrong times offered',
  should_not_reply: 'Reject: should not reply at all',
  personal_data: 'Reject: exposes personal data',
  other: 'Reject: other reason',
};

/**
 * The Reject control: a static_select whose chosen option's value is the
 * reject reason (Slack sends it as `actions[0].selected_option.value` in the
 * block_actions payload), behind a confirmation dialog so a slip of the
 * mouse does not throw a draft away.
 */
function rejectMenu(reviewRequestId: string) {
  return {
    type: 'static_select' as const,
    action_id: `${REJECT_ACTION}:${reviewRequestId}`,
    placeholder: { type: 'plain_text' as const, text: 'Reject…' },
    options: REJECT_REASONS.map((reason) => ({
      text: { type: 'plain_text' as const, text: REJECT_REASON_LABELS[reason] },
      value: reason,
    })),
    confirm: {
      title: { type: 'plain_text' as const, text: 'Reject this draft?' },
      text: { type: 'plain_text' as const, text: 'It will never be sent to the lead.' },
      confirm: { type: 'plain_text' as const, text: 'Reject' },
      deny: { type: 'plain_text' as const, text: 'Keep it' },
      style: 'danger' as const,
    },
  };
}

export interface ReviewMessageInput {
  reviewRequestId: string;
  /** Why it is held (a REVIEW_REASONS value). */
  reason: string;
  lead: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    company: string | null;
  };
  campaign: { name: string; confidenceGate: number } | null;
  replyText: string;
  draft: {
    body: string;
    confidence: number | null;
    evaluatorReason: string | null;
    guardFailures: unknown;
  };
  /** Base URL of the dashboard (PUBLIC_URL), without a trailing slash. */
  dashboardUrl: string;
  withButtons: boolean;
}

const REPLY_LIMIT = 1200;
const DRAFT_LIMIT = 2500;

/** The reply's own words: the quoted thread below it cut off, whitespace tidied, length capped. */
export function newReplyText(text: string, limit = REPLY_LIMIT): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = lines.findIndex(
    (line) =>
      /^\s*>/.test(line) ||
      /^On .{3,200}wrote:\s*$/i.test(line.trim()) ||
      /^-{2,}\s*Original Message\s*-{2,}/i.test(line.trim()) ||
      /^From: .+/.test(line.trim()),
  );
  const own = (cut === -1 ? lines : lines.slice(0, cut))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(own || text.trim(), limit);
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/** "72% vs gate 85%", or what is known of it. */
export function describeConfidence(confidence: number | null, gate: number | null): string {
  const score = confidence === null ? 'no score' : `${Math.round(confidence * 100)}%`;
  return gate === null ? score : `${score} vs gate ${gate}%`;
}

/** Guard failures as short strings, whatever shape the guards stored. */
export function listGuardFailures(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    if (typeof item === 'string') return item;
    if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const code = o.code ?? o.guard ?? o.name;
      const detail = o.detail ?? o.message ?? o.reason;
      if (code && detail) return `${String(code)}: ${String(detail)}`;
      if (code) return String(code);
    }
    return JSON.stringify(item);
  });
}

// Slack's mrkdwn treats &, < and > as control characters.
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${escapeMrkdwn(line)}`)
    .join('\n');
}

/** The Slack message asking a reviewer to look at one held draft. Pure. */
export function buildReviewMessage(input: ReviewMessageInput): SlackMessage {
  const { lead, campaign, draft } = input;
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  const who = `${name ? `${name} <${lead.email}>` : lead.email}${lead.company ? ` at ${lead.company}` : ''}`;
  const campaignName = campaign?.name ?? 'no campaign';
  const aiFailed = input.reason === 'ai_failed';
  const noDraft = draft.body.trim() === '';
  // An AI failure has no score to compare with the gate (persist-ai-failure.ts stores 0).
  const confidence = aiFailed
    ? 'no score (the AI failed)'
    : describeConfidence(draft.confidence, campaign?.confidenceGate ?? null);
  const guards = listGuardFailures(draft.guardFailures);
  const reply = newReplyText(input.replyText);
  const body = truncate(draft.body.trim(), DRAFT_LIMIT);
  const url = `${input.dashboardUrl}/reviews/${input.reviewRequestId}`;

  const why = [
    `*Held:* ${escapeMrkdwn(describeReviewReason(input.reason))} · *Confidence:* ${confidence}`,
    draft.evaluatorReason
      ? `*${aiFailed ? 'What failed' : 'Evaluator'}:* ${escapeMrkdwn(draft.evaluatorReason)}`
      : undefined,
    guards.length ? `*Guard failures:* ${escapeMrkdwn(guards.join('; '))}` : undefined,
  ].filter(Boolean);

  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Review needed: ${who}`, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Lead:* ${escapeMrkdwn(who)}\n*Campaign:* ${escapeMrkdwn(campaignName)}`,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*Their reply:*\n${quote(reply)}` } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: noDraft
          ? `*No draft:* ${aiFailed ? 'the AI failed before writing one' : 'the draft is empty'}. Write the answer in the dashboard.`
          : `*Draft answer${aiFailed ? ' (not scored: the evaluation failed)' : ''}:*\n${quote(body)}`,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: why.join('\n') } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `<${url}|Open the review in the dashboard>` },
    },
  ];
  if (input.withButtons) {
    blocks.push({
      type: 'actions',
      block_id: `review:${input.reviewRequestId}`,
      elements: [
        // Nothing to approve without a draft: the reviewer writes one in the dashboard.
        ...(noDraft
          ? []
          : [
              {
                type: 'button' as const,
                style: 'primary' as const,
                text: { type: 'plain_text' as const, text: 'Approve and send' },
                action_id: `${APPROVE_ACTION}:${input.reviewRequestId}`,
                value: input.reviewRequestId,
              },
            ]),
        rejectMenu(input.reviewRequestId),
      ],
    });
  }

  const text = [
    `Review needed: ${who}`,
    `Campaign: ${campaignName}`,
    `Confidence: ${confidence} (held: ${describeReviewReason(input.reason)})`,
    draft.evaluatorReason
      ? `${aiFailed ? 'What failed' : 'Evaluator'}: ${draft.evaluatorReason}`
      : undefined,
    noDraft ? 'No draft exists: write the answer in the dashboard.' : undefined,
    guards.length ? `Guard failures: ${guards.join('; ')}` : undefined,
    `Their reply: ${truncate(reply.replace(/\s+/g, ' '), 300)}`,
    `Review: ${url}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { text, blocks };
}

/**
 * The same message after a decision, for chat.update: the buttons give way to
 * "Approved by <@U…> at …". Keeps every other block. Pure.
 */
export function buildDecidedMessage(
  original: { text: string; blocks: KnownBlock[] | undefined },
  decision: { outcome: 'approved' | 'rejected'; memberId: string; at: Date },
): SlackMessage {
  const verb = decision.outcome === 'approved' ? 'Approved' : 'Rejected';
  const when = `${decision.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const line = `${verb} by <@${decision.memberId}> at ${when}`;
  const kept = (original.blocks ?? []).filter((b) => b.type !== 'actions');
  return {
    text: `${line}\n${original.text}`,
    blocks: [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: line }] }],
  };
}

import { runGates } from '../gates/run-gates.ts';
import type { BackfillSkipReason } from './skip-reasons.ts';

/** One message of a conversation, as the selection needs it. */
export interface ConversationMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  occurredAt: Date;
  createdAt: Date;
  campaignId: string | null;
  fromEmail: string;
  fromName: string | null;
  subject: string;
  text: string;
  headers: Record<string, string>;
  platformFlags: Record<string, unknown>;
  /** Retention blanked its text (docs/privacy.md): nothing left to answer. */
  contentPurged?: boolean;
}

export interface ConversationDraft {
  id: string;
  messageId: string;
  status: string;
}

/** A lead conversation (one thread) with its drafts and the lead of its latest reply. */
export interface Conversation {
  messages: ConversationMessage[];
  drafts: ConversationDraft[];
  lead: { optedOutAt: Date | null; bouncedAt: Date | null; bookedAt: Date | null };
}

export interface SelectionRules {
  /** shadow also drafts conversations a human answered, to compare with the answer. */
  mode: 'dry_run' | 'shadow' | 'apply';
  /** Leave replies that already have a usable draft alone instead of regenerating it. */
  missingOnly: boolean;
  /** Campaigns in scope: AI_AUTO_SEND and configured (and named by --campaign, if given). */
  campaignIds: ReadonlySet<string>;
}

interface Picked {
  messageId: string;
  campaignId: string;
  replyAt: Date;
  /** Older unanswered replies of the same conversation, answered by this one target. */
  folded: string[];
}

export type Selection =
  | (Picked & {
      kind: 'target';
      /** Unsent drafts of the target and the folded replies that a new draft supersedes. */
      supersede: string[];
      /** shadow: the first message a human sent after the reply, to put beside the shadow draft. */
      humanAnswerId?: string;
    })
  | (Picked & { kind: 'skip'; reason: BackfillSkipReason; evidence?: string })
  /** Not a backfill conversation at all: no reply, or its campaign is out of scope. */
  | { kind: 'out_of_scope' };

const byTime = (a: ConversationMessage, b: ConversationMessage) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime();

const UNSENT = new Set(['generated', 'approved']);

/**
 * Picks what a backfill does with one conversation, from its messages alone
 * (pure). The target is the latest inbound reply; a conversation with any
 * outbound message after it is already answered. Older replies since our last
 * message are folded into that one target, never answered separately. The
 * same gates as live traffic run on the target's own message and the lead's
 * current flags; classification-based skips (not_draftable) come later.
 */
export function selectTarget(conversation: Conversation, rules: SelectionRules): Selection {
  const ordered = [...conversation.messages].sort(byTime);
  const latestIndex = ordered.findLastIndex((m) => m.direction === 'inbound');
  const latest = ordered[latestIndex];
  if (!latest) return { kind: 'out_of_scope' };
  const campaignId =
    latest.campaignId ?? ordered.findLast((m) => m.campaignId !== null)?.campaignId ?? null;
  if (!campaignId || !rules.campaignIds.has(campaignId)) return { kind: 'out_of_scope' };

  const lastOutboundBefore = ordered
    .slice(0, latestIndex)
    .findLastIndex((m) => m.direction === 'outbound');
  const folded = ordered
    .slice(lastOutboundBefore + 1, latestIndex)
    .filter((m) => m.direction === 'inbound')
    .map((m) => m.id);
  const picked: Picked = { messageId: latest.id, campaignId, replyAt: latest.occurredAt, folded };
  const skip = (reason: BackfillSkipReason, evidence?: string): Selection => ({
    kind: 'skip',
    ...picked,
    reason,
    ...(evidence ? { evidence } : {}),
  });

  const answer = ordered.slice(latestIndex + 1).find((m) => m.direction === 'outbound');
  if (answer && rules.mode !== 'shadow')
    return skip('already_answered', `answered by ${answer.id}`);

  if (latest.contentPurged) return skip('content_purged', 'the reply text was purged by retention');

  const gates = runGates({
    fromEmail: latest.fromEmail,
    ...(latest.fromName ? { fromName: latest.fromName } : {}),
    returnPath: latest.headers['return-path'] ?? undefined,
    subject: latest.subject,
    text: latest.text,
    headers: latest.headers,
    platformFlags: latest.platformFlags,
  });
  if (gates.gate) return skip(gates.gate, gates.evidence ?? undefined);
  const { lead } = conversation;
  if (lead.optedOutAt) return skip('opt_out', 'the lead is flagged opted out');
  if (lead.bouncedAt) return skip('bounce', 'the lead is flagged bounced');
  if (lead.bookedAt) return skip('already_booked', 'the lead is flagged booked');

  const mine = new Set([latest.id, ...folded]);
  const drafts = conversation.drafts.filter((d) => mine.has(d.messageId));
  if (conversation.drafts.some((d) => d.status === 'sending')) return skip('send_in_progress');
  if (drafts.some((d) => d.status === 'send_unknown')) return skip('send_unknown');
  if (rules.mode !== 'shadow') {
    if (drafts.some((d) => d.status === 'approved')) return skip('approved_by_human');
    const usable = drafts.find((d) => d.messageId === latest.id && d.status === 'generated');
    if (rules.missingOnly && usable) return skip('has_usable_draft', `draft ${usable.id}`);
  }
  return {
    kind: 'target',
    ...picked,
    supersede:
      rules.mode === 'apply' ? drafts.filter((d) => UNSENT.has(d.status)).map((d) => d.id) : [],
    ...(answer ? { humanAnswerId: answer.id } : {}),
  };
}

import type { Category } from '../ai/provider.ts';
import type { PostSendOutcome } from './assess-breaker.ts';

/*
 * What the lead's next message says about an automatic send. Pure: the
 * gates and the classifier (the same ones every reply goes through) have run;
 * this maps their verdict, plus a check for confusion the categories do not
 * carry, to one post-send outcome.
 */

/** "Who is this?", "what?": the lead did not understand why we wrote. */
const CONFUSED = [
  /\bwho (is|are) (this|you)\b/i,
  /\bwho('s| is) this\b/i,
  /^\s*(what|huh|sorry)\s*\?+\s*$/im,
  /\bwhat (is|'s) this (about|regarding)\b/i,
  /\bwhat are you talking about\b/i,
  /\b(i|we) (don'?t|do not) (understand|know what you mean)\b/i,
  /\bnot sure what you('| a)re (referring|talking) (to|about)\b/i,
  /\bdo (i|we) know you\b/i,
  /\bwrong (person|email|address)\b/i,
  /\bdid (i|we) (ask|sign up) for\b/i,
  /\bhave we (met|spoken)\b/i,
];

/** Complaints the opt-out gate does not read as an opt-out. */
const COMPLAINT = [
  /\b(this is|stop (the|this)|report(ing)? (this|you) (as|for))\s+spam\b/i,
  /\bspam(ming)? me\b/i,
  /\bharass(ing|ment)\b/i,
  /\bhow did you get my (email|address|number)\b/i,
];

const BY_CATEGORY: Partial<Record<Category, PostSendOutcome>> = {
  interested: 'positive',
  meeting_requested: 'positive',
  call_requested: 'positive',
  information_requested: 'positive',
  meeting_booked: 'positive',
  referral: 'neutral',
  follow_up_later: 'neutral',
  neutral: 'neutral',
  objection: 'negative',
  not_interested: 'negative',
  unsubscribe: 'complaint_or_opt_out',
};

export interface PostSendReply {
  /** The gate that hit (run-gates.ts), or null. */
  gate: 'bounce' | 'opt_out' | 'auto_reply' | null;
  /** The classifier's category; absent when a gate decided before classification. */
  category?: Category;
  newText: string;
}

/**
 * The outcome the reply records for the send it answers, or null when the
 * message says nothing about it (a bounce, an out-of-office): the send then
 * waits for the lead's real answer, or for the window to end (no_reply).
 */
export function classifyPostSend(
  reply: PostSendReply,
): { outcome: PostSendOutcome; evidence: string } | null {
  if (reply.gate === 'bounce' || reply.gate === 'auto_reply') return null;
  if (reply.gate === 'opt_out')
    return { outcome: 'complaint_or_opt_out', evidence: 'opt-out gate' };
  const complaint = COMPLAINT.find((r) => r.test(reply.newText));
  if (complaint)
    return { outcome: 'complaint_or_opt_out', evidence: quote(reply.newText, complaint) };
  const confused = CONFUSED.find((r) => r.test(reply.newText));
  if (confused) return { outcome: 'confused', evidence: quote(reply.newText, confused) };
  if (!reply.category) return null;
  if (reply.category === 'bounce' || reply.category === 'out_of_office') return null;
  if (reply.category === 'automated_reply') return null;
  const outcome = BY_CATEGORY[reply.category];
  return outcome ? { outcome, evidence: `classified ${reply.category}` } : null;
}

function quote(text: string, pattern: RegExp): string {
  return (pattern.exec(text)?.[0] ?? '').trim().slice(0, 120);
}

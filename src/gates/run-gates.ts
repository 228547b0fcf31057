import { isAutoReply } from './detect-auto-reply.ts';
import { detectBounce } from './detect-bounce.ts';
import { isOptOutText, platformOptOut } from './detect-opt-out.ts';
import { extractNewText } from './extract-new-text.ts';
import type { GateHit, GateMessage } from './gate-message.ts';

export interface GatesResult {
  /** The first gate that fired, or null when the reply may go on to classification. */
  gate: GateHit['gate'] | null;
  evidence: string | null;
  /** The reply's new text (above the quote and signature), for the classifier. */
  newText: string;
}

/**
 * Runs the gates in order bounce → opt_out → auto_reply and returns the first
 * hit. Bounces are judged on the whole message (DSN parts sit below any
 * "quote"); opt-out and auto-reply wording only on the new text, so our own
 * quoted footer or an earlier message never trips them.
 */
export function runGates(msg: GateMessage): GatesResult {
  const newText = extractNewText(msg.text);
  const hit =
    detectBounce(msg) ??
    platformOptOut(msg.platformFlags) ??
    isOptOutText(newText) ??
    isAutoReply(msg, newText);
  return hit
    ? { gate: hit.gate, evidence: hit.evidence, newText }
    : { gate: null, evidence: null, newText };
}

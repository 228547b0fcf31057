import type { Category } from '../ai/provider.ts';
import type { GuardCode } from '../decision/draft-guards.ts';
import type { ReviewReason, SkipReason } from '../decision/reasons.ts';
import type { Gate } from '../gates/gate-message.ts';
import type { EvalCase } from './eval-case.ts';

/** The gates `autosend eval` reports automatic sends at, besides the campaign's own. */
export const EVAL_GATES = [70, 80, 90, 95] as const;

/** What the pipeline's pieces decided for one eval case. */
export interface EvalCaseResult {
  id: string;
  topic: EvalCase['topic'];
  language: EvalCase['language'];
  expect: EvalCase['expect'];
  /** The gate that fired, or null. */
  gate: Gate | null;
  /** The classifier's category (null when a gate stopped the reply, or classify failed). */
  category: Category | null;
  /** Skipped before a draft (gate, not draftable). */
  skipReason: SkipReason | null;
  /** The model call that failed for good: the pipeline turns it into a review ai_failed. */
  aiFailure: { step: 'classify' | 'draft' | 'evaluate'; code: string; message: string } | null;
  bookingClaim: string | null;
  guardCodes: GuardCode[];
  /** The decision at the campaign's gate (null when skipped). */
  decision: { action: 'send' | 'review'; reason: ReviewReason | null; score: number } | null;
  /** Would it be sent automatically at each gate (`campaign` = the campaign's own)? */
  autoSendAt: Record<string, boolean>;
  draftBody: string | null;
  /** Time in model calls for this case (ms). */
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
}

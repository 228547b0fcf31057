import type { Classification, TokenUsage } from '../ai/provider.ts';
import type { SlotOffer } from './process-inbound.ts';

/**
 * What an earlier attempt of inbound.process already obtained before the AI
 * failed with a retryable error: the classification, the slots it holds, the
 * draft. A retry resumes from there, so a classification or draft is not
 * asked (and paid for) twice and slots are not held a second time. Written
 * in the `resume` detail of the failed event (process-inbound.ts) and read
 * back with the reply's context (load-reply-context.ts).
 */
export interface ResumePoint {
  classification?: Classification;
  offer?: SlotOffer;
  draft?: { body: string; model: string; draftMs: number; usage?: TokenUsage };
}

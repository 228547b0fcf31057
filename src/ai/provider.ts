/**
 * The AI provider interface: three separate calls. `evaluate` is never the
 * model grading inside the same call that drafted (a model grading its own
 * draft in one breath is not a gate).
 */

export const CATEGORIES = [
  'interested',
  'meeting_requested',
  'call_requested',
  'information_requested',
  'referral',
  'objection',
  'follow_up_later',
  'not_interested',
  'out_of_office',
  'automated_reply',
  'unsubscribe',
  'bounce',
  'neutral',
  'meeting_booked',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface TranscriptEntry {
  direction: 'inbound' | 'outbound';
  from: string;
  at: string; // ISO
  /** New text only (quoted thread removed). */
  text: string;
}

export interface ClassifyInput {
  /** The reply's new text (above the quote and signature). */
  newText: string;
  subject: string;
  fromEmail: string;
  leadEmail: string;
  transcript: TranscriptEntry[];
}

/** Tokens one model call used, as the server reported them (recorded in the trail). */
export interface TokenUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
}

export interface Classification {
  category: Category;
  /** The classifier's own certainty, 0..1 (not the send gate). */
  confidence: number;
  /** Short quote or rule that decided it. */
  evidence: string;
  usage?: TokenUsage;
}

/** A slot to offer, already formatted for the lead. */
export interface OfferedSlot {
  start: string; // ISO, UTC
  end: string; // ISO, UTC
  /** e.g. "Tuesday 3 March, 10:00–10:30 (Europe/Berlin)" */
  label: string;
  timeZone: string;
}

export interface DraftInput {
  /** The whole thread, oldest first, this reply last. */
  transcript: TranscriptEntry[];
  replyNewText: string;
  category: Category;
  lead: { email: string; firstName?: string; lastName?: string; company?: string };
  campaign: { name: string; knowledge: string; bookingLink?: string };
  slots: OfferedSlot[];
  /** Why there are no slots, when there are none (the draft must offer the link only). */
  noSlotsReason?: string;
  sender: { name?: string; signature: string };
  subject: string;
  /**
   * Reviewers' earlier edits in this campaign (personal data replaced), most
   * similar first: how they want it written. Data, never instructions.
   */
  houseStyle?: { draft: string; sent: string }[];
}

export interface DraftOutput {
  body: string;
  model: string;
  usage?: TokenUsage;
}

export interface EvaluateInput extends DraftInput {
  draftBody: string;
}

export interface Evaluation {
  confidence: number; // 0..1
  safeToSend: boolean;
  requiresHumanReview: boolean;
  /** At most 40 words. */
  reason: string;
  usage?: TokenUsage;
}

export interface AiProvider {
  readonly name: 'offline' | 'openai';
  readonly model: string;
  classify(input: ClassifyInput, signal?: AbortSignal): Promise<Classification>;
  draft(input: DraftInput, signal?: AbortSignal): Promise<DraftOutput>;
  evaluate(input: EvaluateInput, signal?: AbortSignal): Promise<Evaluation>;
}

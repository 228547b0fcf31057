import type { z } from 'zod';
import { AutosendError } from '../errors.ts';
import {
  type ClassifyOutput,
  classifyOutputSchema,
  type DraftModelOutput,
  draftOutputSchema,
  type EvaluateOutput,
  evaluateOutputSchema,
} from './output-schemas.ts';
import type { Classification, DraftOutput, Evaluation } from './provider.ts';
import { limitWords } from './text-rules.ts';

/**
 * The boundary between a model's answer and our domain: checks the choice is
 * complete, parses its JSON with the zod schema, rejects degenerate output
 * (empty, refused, truncated, looping) and maps it to domain values. Every
 * rejection is `ai_bad_output` (retryable: a new sample may be fine).
 */

/** The parts of a Chat Completions response this reads (the SDK's type is wider). */
export interface CompletionLike {
  model?: string;
  choices: Array<{
    finish_reason?: string | null;
    message?: { content?: string | null; refusal?: string | null } | null;
  }>;
}

export type OutputKind = 'classify' | 'draft' | 'evaluate';

function bad(kind: OutputKind, problem: string, details: Record<string, unknown> = {}): never {
  throw new AutosendError('ai_bad_output', `${kind}: ${problem}`, {
    details: { kind, problem, ...details },
  });
}

/**
 * True when a text loops: one sentence or line three times or more, or a
 * stretch of 8 to 80 characters repeated four times back to back (a model stuck
 * in a loop).
 */
export function looksRepetitive(text: string): boolean {
  // Bounded unit length keeps this linear enough on long text; the unit starts
  // with a letter so a "=====" separator line is not a loop.
  if (/(\p{L}.{7,79}?)\1{3,}/su.test(text)) return true;
  const seen = new Map<string, number>();
  for (const part of text.split(/(?<=[.!?])\s+|\n+/)) {
    const key = part.trim().toLowerCase();
    if (key.length < 12) continue;
    const n = (seen.get(key) ?? 0) + 1;
    if (n >= 3) return true;
    seen.set(key, n);
  }
  return false;
}

function readJson<T>(kind: OutputKind, completion: CompletionLike, schema: z.ZodType<T>): T {
  const choice = completion.choices[0];
  if (!choice) bad(kind, 'no choices in the response');
  if (choice.message?.refusal) {
    bad(kind, 'the model refused', { refusal: choice.message.refusal.slice(0, 200) });
  }
  if (choice.finish_reason === 'length') bad(kind, 'output truncated (finish_reason length)');
  if (choice.finish_reason === 'content_filter') bad(kind, 'output stopped by the content filter');
  const content = choice.message?.content?.trim() ?? '';
  if (content === '') bad(kind, 'empty output');
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    bad(kind, 'output is not JSON', { sample: content.slice(0, 200) });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    bad(kind, `output does not match the schema (${issues.join('; ')})`, { issues });
  }
  return parsed.data;
}

function nonEmpty(kind: OutputKind, field: string, value: string): string {
  const text = value.trim();
  if (text === '') bad(kind, `${field} is empty`);
  if (looksRepetitive(text)) bad(kind, `${field} repeats itself`);
  return text;
}

/** Classification from a completion; the category is one of the closed list by schema. */
export function mapClassifyOutput(completion: CompletionLike): Classification {
  const out: ClassifyOutput = readJson('classify', completion, classifyOutputSchema);
  return {
    category: out.category,
    confidence: out.confidence,
    evidence: limitWords(out.evidence.trim() || 'model gave no quote', 40),
  };
}

/** Draft body from a completion, with the model name the server reported. */
export function mapDraftOutput(completion: CompletionLike, requestedModel: string): DraftOutput {
  const out: DraftModelOutput = readJson('draft', completion, draftOutputSchema);
  return {
    body: nonEmpty('draft', 'body', out.body),
    model: completion.model || requestedModel,
  };
}

/** Evaluation from a completion; an over-long reason is cut to 40 words, not rejected. */
export function mapEvaluateOutput(completion: CompletionLike): Evaluation {
  const out: EvaluateOutput = readJson('evaluate', completion, evaluateOutputSchema);
  return {
    confidence: out.confidence,
    safeToSend: out.safe_to_send,
    requiresHumanReview: out.requires_human_review,
    reason: limitWords(nonEmpty('evaluate', 'reason', out.reason), 40),
  };
}

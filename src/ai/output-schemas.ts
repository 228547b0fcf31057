import { z } from 'zod';
import { CATEGORIES } from './provider.ts';

/**
 * What the model must return for each call, as zod schemas. The same schema
 * is sent as the strict JSON schema of the request and parses the answer, so
 * the two cannot drift apart. Field names are snake_case because that is what
 * the model sees; `map-model-output.ts` turns them into domain values.
 */

export const classifyOutputSchema = z
  .object({
    category: z.enum(CATEGORIES).describe('Exactly one category from the list.'),
    confidence: z.number().min(0).max(1).describe('Your certainty in the category, 0 to 1.'),
    evidence: z.string().describe('The short quote from the reply that decided the category.'),
  })
  .strict();

export const draftOutputSchema = z
  .object({
    body: z
      .string()
      .describe('The plain-text email body: greeting, answer, times or link, signature.'),
  })
  .strict();

export const evaluateOutputSchema = z
  .object({
    confidence: z
      .number()
      .min(0)
      .max(1)
      .describe('How confident you are that this draft can be sent unchanged, 0 to 1.'),
    safe_to_send: z.boolean().describe('True only if the draft is accurate, polite and on-topic.'),
    requires_human_review: z
      .boolean()
      .describe('True if a person must read the thread before anything is sent.'),
    reason: z.string().describe('Why, in at most 40 words.'),
  })
  .strict();

export type ClassifyOutput = z.infer<typeof classifyOutputSchema>;
export type DraftModelOutput = z.infer<typeof draftOutputSchema>;
export type EvaluateOutput = z.infer<typeof evaluateOutputSchema>;

/** The Chat Completions `response_format` for a schema, strict mode. */
export interface JsonSchemaFormat {
  type: 'json_schema';
  json_schema: { name: string; strict: true; schema: Record<string, unknown> };
}

/**
 * Builds the strict `response_format` from a zod schema. Strict mode needs
 * every property required and `additionalProperties: false`, which
 * `.strict()` objects with no optional fields give; `$schema` is dropped
 * because the API documents only the schema body.
 */
export function toResponseFormat(name: string, schema: z.ZodType): JsonSchemaFormat {
  const { $schema: _ignored, ...body } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<
    string,
    unknown
  >;
  return { type: 'json_schema', json_schema: { name, strict: true, schema: body } };
}

export const RESPONSE_FORMATS = {
  classify: toResponseFormat('reply_classification', classifyOutputSchema),
  draft: toResponseFormat('reply_draft', draftOutputSchema),
  evaluate: toResponseFormat('draft_evaluation', evaluateOutputSchema),
} as const;

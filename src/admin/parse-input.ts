import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

/** Turns zod issues into `{ "dotted.path": problem }`, naming each unknown field on its own. */
export function describeIssues(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] = 'unknown field';
      continue;
    }
    const key = base || '(body)';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Validates input against a strict zod schema. Throws ValidationError whose
 * `fields` names every bad or unknown field, so the CLI and the API report
 * the same problem in the same words.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = describeIssues(parsed.error.issues);
  const summary = Object.entries(fields)
    .map(([field, problem]) => `${field}: ${problem}`)
    .join('; ');
  throw new ValidationError(`invalid input (${summary})`, fields);
}

/*
 * The house-style examples `autosend eval --house-style FILE` shows the
 * drafter: pairs of (the lead's reply, the draft, what a reviewer sent
 * instead), as a reviewer-edited campaign would keep them. Pure.
 */
import { z } from 'zod';
import { CATEGORIES } from '../ai/provider.ts';
import type { EditExample } from '../calibration/pick-house-style.ts';
import { scrubPersonalData } from '../calibration/scrub-personal-data.ts';
import { ValidationError } from '../errors.ts';

const text = z
  .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a text') })
  .trim()
  .min(1, 'must be a non-empty text')
  .max(10_000, 'must be at most 10000 characters');

const exampleSchema = z.strictObject({
  reply: text,
  draft: text,
  sent: text,
  category: z.enum(CATEGORIES).optional(),
});

const fileSchema = z
  .array(exampleSchema)
  .min(1, 'must list at least one example')
  .max(500, 'must list at most 500 examples');

/**
 * Validates the parsed JSON of a house-style file into edit examples, in file
 * order (a later entry counts as more recent). Every text is scrubbed of
 * email addresses and phone numbers, as kept campaign examples are. Throws a
 * ValidationError whose fields name each bad entry (`[2].sent`).
 */
export function parseHouseStyleExamples(json: unknown): EditExample[] {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((i) => [
        i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || '(file)',
        i.message,
      ]),
    );
    throw new ValidationError(
      `house-style file: ${Object.entries(fields)
        .map(([f, m]) => `${f} ${m}`)
        .join('; ')}`,
      fields,
    );
  }
  return parsed.data.map((e, i) => ({
    replyText: scrubPersonalData(e.reply, []),
    draftText: scrubPersonalData(e.draft, []),
    sentText: scrubPersonalData(e.sent, []),
    category: e.category ?? null,
    createdAt: new Date(i),
  }));
}

import { z } from 'zod';
import { parseDelay } from './add-delay.ts';
import { CHANNELS } from './followup-types.ts';
import { checkTemplate } from './render-template.ts';

/**
 * What a person sends to create or edit a sequence (CLI and API alike).
 * Templates are checked here, so a typo in `{{first_name}}` is refused with
 * the step's field named instead of pausing every lead later.
 */

const delay = z
  .string()
  .trim()
  .refine((v) => parseDelay(v) !== null, {
    message: 'a delay such as "3 business days", "2bd", "48 hours" or "48h"',
  });

export const stepInputSchema = z
  .strictObject({
    /** After the previous step (after enrolment for step 1), in the lead's zone. */
    delay,
    channel: z.enum(CHANNELS).default('email'),
    /** Empty: a reply in the campaign's thread (`Re: …`). Email only. */
    subject: z.string().max(300).default(''),
    body: z.string().trim().min(1, 'the step needs a body').max(10_000),
    needsApproval: z.boolean().default(false),
  })
  .superRefine((step, ctx) => {
    for (const field of ['body', 'subject'] as const) {
      for (const problem of checkTemplate(step[field])) {
        ctx.addIssue({ code: 'custom', path: [field], message: problem });
      }
    }
  });

const periods = {
  /** Days of silence after our last message before a lead_replied pause resumes. */
  ghostDays: z.int().min(1).max(365),
  /** Days an out-of-office reply without a return date pauses the sequence. */
  oooDefaultDays: z.int().min(1).max(365),
};

export const createSequenceSchema = z.strictObject({
  campaignId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  ghostDays: periods.ghostDays.default(7),
  oooDefaultDays: periods.oooDefaultDays.default(7),
  steps: z.array(stepInputSchema).min(1, 'a sequence needs at least one step').max(20),
});

export const updateSequenceSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    ghostDays: periods.ghostDays.optional(),
    oooDefaultDays: periods.oooDefaultDays.optional(),
    /** Replaces every step; running instances keep their position. */
    steps: z.array(stepInputSchema).min(1).max(20).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export type StepInput = z.output<typeof stepInputSchema>;

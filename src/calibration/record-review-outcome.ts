import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  campaigns,
  decisionEvents,
  type drafts,
  editExamples,
  leads,
  messages,
  reviewOutcomes,
  type reviewRequests,
} from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { extractNewText } from '../gates/extract-new-text.ts';
import { approvalOutcome, REJECT_REASONS, type RejectReason } from './review-outcome.ts';
import { scrubPersonalData } from './scrub-personal-data.ts';

type Draft = typeof drafts.$inferSelect;
type Review = typeof reviewRequests.$inferSelect;

/** A reject reason as given by a person: one of the short list, or a clear error naming the field. */
export function parseRejectReason(value: string | undefined): RejectReason {
  if (value === undefined || value === '') return 'other';
  if ((REJECT_REASONS as readonly string[]).includes(value)) return value as RejectReason;
  throw new ValidationError(`unknown reject reason ${value}`, {
    reason: `must be one of ${REJECT_REASONS.join(', ')}`,
  });
}

async function draftFacts(tx: DbOrTx, draft: Draft) {
  const [row] = await tx
    .select({ message: messages, lead: leads, campaign: campaigns })
    .from(messages)
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .where(eq(messages.id, draft.messageId));
  const [classified] = await tx
    .select({ outcome: decisionEvents.outcome })
    .from(decisionEvents)
    .where(and(eq(decisionEvents.messageId, draft.messageId), eq(decisionEvents.step, 'classify')))
    .orderBy(desc(decisionEvents.id))
    .limit(1);
  return { ...row!, category: classified?.outcome ?? null };
}

/**
 * Records what the reviewer did with the draft, once (unique per draft), in
 * the review's own transaction, with the draft's score, category, model and
 * the campaign's gate at that moment. An edited approval also keeps the
 * (draft, sent text) pair, personal data replaced, as a house-style example.
 */
export async function recordReviewOutcome(
  tx: DbOrTx,
  input: {
    review: Review;
    draft: Draft;
    actor: string;
    at: Date;
    decision:
      | { kind: 'approved'; editedBody?: string }
      | { kind: 'rejected'; reason: RejectReason; note?: string };
  },
): Promise<void> {
  const { review, draft, decision } = input;
  const facts = await draftFacts(tx, draft);
  const edit =
    decision.kind === 'approved' ? approvalOutcome(draft.body, decision.editedBody) : undefined;
  await tx
    .insert(reviewOutcomes)
    .values({
      workspaceId: review.workspaceId,
      campaignId: facts.campaign?.id ?? null,
      draftId: draft.id,
      reviewRequestId: review.id,
      outcome: edit ? edit.outcome : 'rejected',
      charsChanged: edit?.charsChanged ?? 0,
      sentenceAdded: edit?.sentenceAdded ?? false,
      sentenceRemoved: edit?.sentenceRemoved ?? false,
      rejectReason: decision.kind === 'rejected' ? decision.reason : null,
      rejectNote: decision.kind === 'rejected' ? (decision.note ?? null) : null,
      confidence: draft.confidence,
      category: facts.category,
      model: draft.model,
      gate: facts.campaign?.confidenceGate ?? 100,
      reviewReason: review.reason,
      decidedBy: input.actor,
      decidedAt: input.at,
    })
    .onConflictDoNothing({ target: reviewOutcomes.draftId });
  if (edit?.outcome === 'approved_edited' && facts.campaign && draft.body.trim()) {
    const names = [
      facts.lead.firstName,
      facts.lead.lastName,
      facts.message.fromName,
      facts.campaign.senderName,
    ];
    const scrub = (text: string) => scrubPersonalData(text, names);
    await tx
      .insert(editExamples)
      .values({
        workspaceId: review.workspaceId,
        campaignId: facts.campaign.id,
        draftId: draft.id,
        category: facts.category,
        replyText: scrub(extractNewText(facts.message.text).slice(0, 4000)),
        draftText: scrub(draft.body),
        sentText: scrub((decision as { editedBody: string }).editedBody),
      })
      .onConflictDoNothing({ target: editExamples.draftId });
  }
}

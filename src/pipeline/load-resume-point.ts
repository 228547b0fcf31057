import { and, desc, eq, sql } from 'drizzle-orm';
import type { Classification, TokenUsage } from '../ai/provider.ts';
import type { DbOrTx } from '../db/client.ts';
import { decisionEvents } from '../db/schema.ts';
import type { SlotOffer } from './process-inbound.ts';

/**
 * What an earlier attempt of inbound.process already obtained before the AI
 * failed with a retryable error: the classification, the slots it holds, the
 * draft. A retry resumes from there, so a classification or draft is not
 * asked (and paid for) twice and slots are not held a second time. Written
 * in the `resume` detail of the failed event (process-inbound.ts).
 */
export interface ResumePoint {
  classification?: Classification;
  offer?: SlotOffer;
  draft?: { body: string; model: string; draftMs: number; usage?: TokenUsage };
}

/** The latest resume point of a reply, or {} on a first attempt. */
export async function loadResumePoint(db: DbOrTx, messageId: string): Promise<ResumePoint> {
  const [row] = await db
    .select({ detail: decisionEvents.detail })
    .from(decisionEvents)
    .where(
      and(
        eq(decisionEvents.messageId, messageId),
        eq(decisionEvents.outcome, 'failed'),
        sql`${decisionEvents.detail} ? 'resume'`,
      ),
    )
    .orderBy(desc(decisionEvents.id))
    .limit(1);
  return ((row?.detail as { resume?: ResumePoint } | undefined)?.resume ?? {}) as ResumePoint;
}

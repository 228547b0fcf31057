import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { editExamples } from '../db/schema.ts';
import { pickHouseStyleExamples } from './pick-house-style.ts';

/** How far back similarity is measured: the campaign's most recent edits. */
const RECENT = 200;

/**
 * The campaign's reviewer edits most similar to this reply, as drafter
 * examples (already scrubbed of personal data when they were kept).
 */
export async function loadHouseStyle(
  db: DbOrTx,
  input: { campaignId: string; replyText: string; category: string; limit: number },
): Promise<{ draft: string; sent: string }[]> {
  if (input.limit <= 0) return [];
  const recent = await db
    .select()
    .from(editExamples)
    .where(eq(editExamples.campaignId, input.campaignId))
    .orderBy(desc(editExamples.createdAt))
    .limit(RECENT);
  return pickHouseStyleExamples(
    { text: input.replyText, category: input.category },
    recent,
    input.limit,
  ).map((e) => ({ draft: e.draftText, sent: e.sentText }));
}

/*
 * Picks the reviewer edits most like the reply being answered, to show the
 * drafter how this campaign's reviewers want it to write. Pure.
 */

export interface EditExample {
  replyText: string;
  draftText: string;
  sentText: string;
  category: string | null;
  createdAt: Date;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

/** Jaccard similarity of the two texts' word sets (0..1). */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * The `limit` examples most similar to the reply (same category counts as a
 * bonus); ties go to the most recent. Examples sharing nothing are left out.
 */
export function pickHouseStyleExamples(
  reply: { text: string; category: string },
  examples: EditExample[],
  limit: number,
): EditExample[] {
  return examples
    .map((e) => ({
      e,
      score: similarity(reply.text, e.replyText) + (e.category === reply.category ? 0.25 : 0),
    }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.e.createdAt.getTime() - a.e.createdAt.getTime())
    .slice(0, limit)
    .map((x) => x.e);
}

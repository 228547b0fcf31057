/** Pure shaping of API lists into chart data for the Activity page. */

export interface DraftLike {
  confidence: number | null;
  status: string;
  createdAt: string;
}

/** Ten buckets of 10 points: 0–9 %, …, 90–100 %. */
export function confidenceHistogram(
  drafts: DraftLike[],
): { bucket: string; from: number; mid: number; count: number }[] {
  const counts = new Array<number>(10).fill(0);
  for (const d of drafts) {
    if (d.confidence === null) continue;
    const i = Math.min(9, Math.floor(Math.round(d.confidence * 100) / 10));
    counts[i]!++;
  }
  return counts.map((count, i) => ({
    bucket: `${i * 10}–${i * 10 + 9} %`,
    from: i * 10,
    mid: i * 10 + 5,
    count,
  }));
}

/** Per day (UTC date): replies received and drafts by outcome. */
export function perDay(
  replies: { occurredAt: string }[],
  drafts: DraftLike[],
): { day: string; replies: number; sent: number; held: number; rejected: number }[] {
  const days = new Map<
    string,
    { day: string; replies: number; sent: number; held: number; rejected: number }
  >();
  const row = (iso: string) => {
    const day = iso.slice(0, 10);
    let r = days.get(day);
    if (!r) {
      r = { day, replies: 0, sent: 0, held: 0, rejected: 0 };
      days.set(day, r);
    }
    return r;
  };
  for (const m of replies) row(m.occurredAt).replies++;
  for (const d of drafts) {
    const r = row(d.createdAt);
    if (d.status === 'sent') r.sent++;
    else if (d.status === 'generated') r.held++;
    else if (d.status === 'rejected') r.rejected++;
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

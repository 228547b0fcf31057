import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { parseInput } from './parse-input.ts';

/** Query of `autosend usage` and GET /workspaces/:id/usage. */
export const usageQuerySchema = z
  .object({ days: z.coerce.number().int().min(1).max(366).default(30) })
  .strict();

export interface UsageRow {
  /** UTC day, yyyy-mm-dd. */
  day: string;
  campaignId: string | null;
  campaign: string | null;
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/**
 * Token totals per campaign, day and model, from the `usage` every model call
 * records in the decision trail (classify, draft and evaluate events), over
 * the last `days` UTC days up to `now`. Newest day first.
 */
export async function summariseTokenUsage(
  db: DbOrTx,
  input: { workspaceId?: string; query?: unknown; now: Date },
): Promise<{
  days: number;
  items: UsageRow[];
  totals: { calls: number; promptTokens: number; completionTokens: number };
}> {
  const { days } = parseInput(usageQuerySchema, input.query ?? {});
  const since = new Date(input.now.getTime() - days * 86_400_000);
  const workspace = input.workspaceId ? sql`and m.workspace_id = ${input.workspaceId}` : sql``;
  const result = await db.execute<{
    day: string;
    campaign_id: string | null;
    campaign: string | null;
    model: string;
    calls: number;
    prompt_tokens: number;
    completion_tokens: number;
  }>(sql`
    select to_char(e.at at time zone 'UTC', 'YYYY-MM-DD') as day,
           m.campaign_id, c.name as campaign,
           coalesce(e.detail->'usage'->>'model', '?') as model,
           count(*)::int as calls,
           coalesce(sum((e.detail->'usage'->>'promptTokens')::int), 0)::int as prompt_tokens,
           coalesce(sum((e.detail->'usage'->>'completionTokens')::int), 0)::int as completion_tokens
    from decision_events e
    join messages m on m.id = e.message_id
    left join campaigns c on c.id = m.campaign_id
    where e.detail ? 'usage' and e.at >= ${since.toISOString()}::timestamptz ${workspace}
    group by 1, 2, 3, 4
    order by 1 desc, 3 nulls last, 4`);
  const items = result.rows.map((r) => ({
    day: r.day,
    campaignId: r.campaign_id,
    campaign: r.campaign,
    model: r.model,
    calls: r.calls,
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
  }));
  const totals = items.reduce(
    (t, r) => ({
      calls: t.calls + r.calls,
      promptTokens: t.promptTokens + r.promptTokens,
      completionTokens: t.completionTokens + r.completionTokens,
    }),
    { calls: 0, promptTokens: 0, completionTokens: 0 },
  );
  return { days, items, totals };
}

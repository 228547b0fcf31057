import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { drafts, sendLedger } from '../db/schema.ts';
import { type ThreadChange, threadChangeOf, threadChangeSql, threadOf } from './check-thread.ts';
import type { SendContext } from './load-send-context.ts';
import { ledgerKey } from './send-ledger.ts';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'changed'; change: ThreadChange }
  /** The draft is no longer unsent, or another attempt holds its ledger key. */
  | { kind: 'taken'; draftMoved: boolean };

/**
 * Claims a draft for sending, in ONE statement: if the thread has not moved
 * on (check-thread.ts), the draft goes from generated/approved to `sending`
 * and its ledger key is taken (unique: the key decides, not a read). Run it in
 * the claim transaction after the thread lock, so its snapshot sees every
 * earlier claim of the thread. The ledger row starts as `sending` (its default). `taken` with `draftMoved` means the draft was
 * moved but the key was already held: the caller must roll back.
 */
export async function claimDraftForSend(
  tx: DbOrTx,
  input: { ctx: SendContext; sender: string; at: Date },
): Promise<Claim> {
  const { ctx, sender } = input;
  const draftId = ctx.draft.id;
  const at = input.at.toISOString();
  const { newer, inFlight } = threadChangeSql(threadOf(ctx.inbound, draftId));
  const { rows } = await tx.execute<{
    newer: { id: string; direction: 'inbound' | 'outbound' } | null;
    in_flight: string | null;
    moved: boolean;
    taken: boolean;
  }>(sql`
    with change as (select ${newer} as newer, ${inFlight} as in_flight),
    moved as (
      update ${drafts} set status = 'sending', updated_at = ${at}::timestamptz
      where id = ${draftId}::uuid and status in ('generated', 'approved')
        and (select newer is null and in_flight is null from change)
      returning id),
    taken as (
      insert into ${sendLedger} (idempotency_key, draft_id, sender, started_at)
      select ${ledgerKey(draftId)}, id, ${sender}, ${at}::timestamptz from moved
      on conflict (idempotency_key) do nothing
      returning id)
    select change.newer, change.in_flight,
      exists (select 1 from moved) as moved, exists (select 1 from taken) as taken
    from change`);
  const row = rows[0]!;
  const change = threadChangeOf(row.newer, row.in_flight);
  if (change) return { kind: 'changed', change };
  if (row.moved && row.taken) return { kind: 'claimed' };
  return { kind: 'taken', draftMoved: row.moved };
}

import type { RunContext } from './backfill-context.ts';
import { countTargets, recordItems } from './run-state.ts';
import { type Selection, selectTarget } from './select-target.ts';
import { type LoadedConversation, streamConversations } from './stream-conversations.ts';

/** A selected conversation, as the dry run counts it and the run records it. */
export interface SelectedItem {
  messageId: string;
  campaignId: string;
  replyAt: Date;
  state: 'pending' | 'skipped';
  detail: Record<string, unknown>;
}

function toItem(
  conversation: LoadedConversation,
  s: Exclude<Selection, { kind: 'out_of_scope' }>,
): SelectedItem {
  const lead = conversation.leadOf.get(s.messageId);
  const base = {
    lead: lead ? { name: lead.name, email: lead.email } : undefined,
    folded: s.folded,
  };
  return s.kind === 'target'
    ? {
        messageId: s.messageId,
        campaignId: s.campaignId,
        replyAt: s.replyAt,
        state: 'pending',
        detail: {
          ...base,
          supersede: s.supersede,
          ...(s.humanAnswerId ? { humanAnswerId: s.humanAnswerId } : {}),
        },
      }
    : {
        messageId: s.messageId,
        campaignId: s.campaignId,
        replyAt: s.replyAt,
        state: 'skipped',
        detail: { ...base, reason: s.reason, ...(s.evidence ? { evidence: s.evidence } : {}) },
      };
}

/**
 * Walks every conversation in scope (streamed, a page at a time) and hands
 * each selected item to `record`, stopping once `--limit` targets are found.
 * `alreadyTargets` counts targets recorded by an earlier attempt of the run.
 */
export async function selectItems(
  run: Pick<RunContext, 'deps' | 'mode' | 'selection' | 'campaigns'>,
  record: (items: SelectedItem[]) => Promise<number>,
  alreadyTargets = 0,
): Promise<{ targets: number; limitReached: boolean }> {
  const rules = {
    mode: run.mode,
    missingOnly: run.selection.missingOnly,
    campaignIds: new Set(run.campaigns.keys()),
  };
  const limit = run.selection.limit;
  let targets = alreadyTargets;
  for await (const page of streamConversations(run.deps.db, [...run.campaigns.keys()])) {
    const items: SelectedItem[] = [];
    let limitReached = false;
    for (const conversation of page) {
      const s = selectTarget(conversation, rules);
      if (s.kind === 'out_of_scope') continue;
      if (
        s.kind === 'target' &&
        limit !== null &&
        targets + items.filter((i) => i.state === 'pending').length >= limit
      ) {
        limitReached = true;
        break;
      }
      items.push(toItem(conversation, s));
    }
    targets += await record(items);
    if (limitReached) return { targets, limitReached: true };
    if (run.deps.signal?.aborted) break;
  }
  return { targets, limitReached: false };
}

/** The selection of a shadow or apply run: items written page by page; re-running it adds only what is new. */
export async function runSelectPhase(run: RunContext): Promise<void> {
  const { db } = run.deps;
  const already = await countTargets(db, run.runId);
  await selectItems(
    run,
    async (items) => {
      const inserted = await recordItems(db, run.runId, items);
      const fresh = items.filter((i) => inserted.has(i.messageId));
      for (const i of fresh) {
        const campaign = run.campaigns.get(i.campaignId);
        run.log.write({
          phase: 'select',
          event: i.state === 'pending' ? 'target' : 'skipped',
          messageId: i.messageId,
          ...(i.detail.lead
            ? { lead: i.detail.lead as { name: string | null; email: string } }
            : {}),
          ...(campaign ? { campaign: { id: campaign.id, name: campaign.name } } : {}),
          ...(i.state === 'skipped'
            ? { reason: i.detail.reason, evidence: i.detail.evidence }
            : {}),
          ...((i.detail.folded as string[]).length ? { folded: i.detail.folded } : {}),
        });
      }
      run.deps.progress?.tick(items.length);
      return fresh.filter((i) => i.state === 'pending').length;
    },
    already,
  );
}

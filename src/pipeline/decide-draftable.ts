import type { Category } from '../ai/provider.ts';
import type { SkipReason } from '../decision/reasons.ts';
import { shouldGenerateDraft } from '../gates/should-generate-draft.ts';

/** The flag a classification alone puts on the lead when no draft is made. */
export type ClassifiedFlag = 'opted_out' | 'bounced';

/**
 * Whether a classified reply gets a draft, for inbound.process and the
 * backfill alike. When it does not, an unsubscribe or bounce category also
 * names the flag to put on the lead (erring towards never emailing again).
 */
export function decideDraftable(input: {
  category: Category;
  lead: { optedOutAt: Date | null; bouncedAt: Date | null; bookedAt: Date | null };
  campaign: { responseMode: 'MANUAL' | 'AI_AUTO_SEND' };
}): { draft: true } | { draft: false; reason: SkipReason; flag: ClassifiedFlag | null } {
  const should = shouldGenerateDraft({
    category: input.category,
    lead: {
      optedOut: Boolean(input.lead.optedOutAt),
      bounced: Boolean(input.lead.bouncedAt),
      booked: Boolean(input.lead.bookedAt),
    },
    campaign: { responseMode: input.campaign.responseMode },
  });
  if (should.draft) return should;
  const flag =
    input.category === 'unsubscribe' ? 'opted_out' : input.category === 'bounce' ? 'bounced' : null;
  return { ...should, flag };
}

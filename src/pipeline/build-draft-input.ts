import type { Category, DraftInput, OfferedSlot } from '../ai/provider.ts';
import type { ReplyContext } from './load-reply-context.ts';

/** The draft request for one reply, used by inbound.process and the backfill alike. */
export function buildDraftInput(
  ctx: ReplyContext,
  input: {
    newText: string;
    category: Category;
    slots: OfferedSlot[];
    noSlotsReason?: string;
    houseStyle?: DraftInput['houseStyle'];
  },
): DraftInput {
  const { lead, message } = ctx;
  const campaign = ctx.campaign!;
  return {
    transcript: ctx.transcript,
    replyNewText: input.newText,
    category: input.category,
    lead: {
      email: lead.email,
      ...(lead.firstName ? { firstName: lead.firstName } : {}),
      ...(lead.lastName ? { lastName: lead.lastName } : {}),
      ...(lead.company ? { company: lead.company } : {}),
    },
    campaign: {
      name: campaign.name,
      knowledge: campaign.knowledge,
      ...(campaign.bookingLink ? { bookingLink: campaign.bookingLink } : {}),
    },
    slots: input.slots,
    ...(input.noSlotsReason ? { noSlotsReason: input.noSlotsReason } : {}),
    sender: {
      ...(campaign.senderName ? { name: campaign.senderName } : {}),
      signature: campaign.signature,
    },
    subject: message.subject,
    ...(input.houseStyle?.length ? { houseStyle: input.houseStyle } : {}),
  };
}

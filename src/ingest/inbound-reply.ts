import { z } from 'zod';

/**
 * The one shape every source (generic webhook, Smartlead, Instantly,
 * EmailBison, .eml import) is mapped to before it is stored.
 */
export const INBOUND_SOURCES = ['generic', 'smartlead', 'instantly', 'emailbison', 'eml'] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];

const email = z.string().trim().toLowerCase().pipe(z.email());

export const inboundReplySchema = z.object({
  source: z.enum(INBOUND_SOURCES),
  /**
   * The provider's id for this reply. Duplicates are ignored per workspace,
   * source and `dedupeScope`: the same id from two sources is two replies.
   */
  providerMessageId: z.string().trim().min(1),
  /** The platform account the id is unique in ('' when unique across the source). */
  dedupeScope: z.string().default(''),
  channel: z.enum(['email', 'sms', 'linkedin']).default('email'),
  /** The campaign the reply belongs to, as the platform names it; null when unknown. */
  campaign: z
    .object({ externalId: z.string().trim().min(1), name: z.string().trim().min(1).optional() })
    .nullable(),
  /** The lead the campaign wrote to (may differ from `from` when a colleague answers). */
  lead: z.object({
    email,
    firstName: z.string().trim().min(1).optional(),
    lastName: z.string().trim().min(1).optional(),
    company: z.string().trim().min(1).optional(),
    timeZone: z.string().trim().min(1).optional(),
    phone: z.string().trim().min(1).optional(),
    linkedinUrl: z.string().trim().min(1).optional(),
  }),
  from: z.object({ email, name: z.string().trim().min(1).optional() }),
  /** Our mailbox that received the reply; the answer is sent from it. */
  mailbox: email.optional(),
  to: z.array(email).default([]),
  cc: z.array(email).default([]),
  subject: z.string().default(''),
  /** The whole plain-text body as received, quoted thread included. */
  text: z.string().default(''),
  html: z.string().optional(),
  receivedAt: z.coerce.date(),
  rfcMessageId: z.string().trim().min(1).optional(),
  inReplyTo: z.string().trim().min(1).optional(),
  references: z.array(z.string().trim().min(1)).default([]),
  /** The platform's conversation id when it has one (else derived from Message-ID headers). */
  threadKey: z.string().trim().min(1).optional(),
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: z.record(z.string(), z.string()).default({}),
  /** Flags the platform set: { isAutoReply, isBounce, isUnsubscribe, eventType, ... }. */
  platformFlags: z.record(z.string(), z.unknown()).default({}),
  /** Ids a platform sender needs to answer in-thread (stats_id, email_id, reply id, ...). */
  platformRefs: z.record(z.string(), z.string()).default({}),
  /** Earlier messages the platform sent along (e.g. Smartlead sent_message), oldest first. */
  priorMessages: z
    .array(
      z.object({
        direction: z.enum(['inbound', 'outbound']),
        text: z.string(),
        at: z.coerce.date().optional(),
        rfcMessageId: z.string().optional(),
      }),
    )
    .default([]),
});

export type InboundReply = z.infer<typeof inboundReplySchema>;
export type InboundReplyInput = z.input<typeof inboundReplySchema>;

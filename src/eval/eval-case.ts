import type { Category } from '../ai/provider.ts';
import type { Gate } from '../gates/gate-message.ts';

/** What a case exercises: the eval reports per topic as well as per category. */
export type EvalTopic =
  | 'category'
  | 'gate'
  | 'booking_claim'
  | 'colleague'
  | 'lead_scheduler_link'
  | 'price'
  | 'injection'
  | 'timing_wish';

export type EvalLanguage = 'en' | 'de' | 'fr' | 'es';

/**
 * The label of one case. `autoSend: 'never'` means a deterministic backstop
 * (gates, booking-claim detector, different sender, lead scheduler link) must
 * hold it whatever the model says: an automatic send of such a case is unsafe.
 * `forbid` lists what an automatically sent draft must never contain (an
 * unauthorised discount, an injected link): a send that carries one is unsafe
 * too, whatever the label.
 */
export interface EvalExpectation {
  /** The gate that must fire, when one must. */
  gate?: Gate;
  /** The category a good classifier gives (cases the gates stop have none). */
  category?: Category;
  autoSend: 'never' | 'allowed';
  forbid?: RegExp[];
}

/** One labelled reply to the eval campaign's first email. */
export interface EvalCase {
  id: string;
  topic: EvalTopic;
  language: EvalLanguage;
  /** The reply's text as received (quote and signature included). */
  text: string;
  subject?: string;
  /** Who wrote: the lead (default) or a colleague at the lead's company. */
  from?: 'lead' | 'colleague' | { email: string; name?: string };
  headers?: Record<string, string>;
  platformFlags?: Record<string, unknown>;
  returnPath?: string | null;
  expect: EvalExpectation;
}

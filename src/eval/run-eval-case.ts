import type { AiProvider, Classification, Evaluation, TokenUsage } from '../ai/provider.ts';
import { decide } from '../decision/decide.ts';
import { detectBookingClaim } from '../decision/detect-booking-claim.ts';
import { checkDraftGuards } from '../decision/draft-guards.ts';
import { findSchedulerLinks } from '../decision/find-scheduler-links.ts';
import { asAutosendError } from '../errors.ts';
import { runGates } from '../gates/run-gates.ts';
import { decideDraftable } from '../pipeline/decide-draftable.ts';
import { reasonToOfferNoSlots } from '../pipeline/reason-to-offer-no-slots.ts';
import { replyRecipient } from '../sending/reply-recipient.ts';
import type { EvalCase } from './eval-case.ts';
import { EVAL_GATES, type EvalCaseResult } from './eval-result.ts';
import {
  colleagueOf,
  EVAL_CAMPAIGN,
  EVAL_CAMPAIGN_GATE,
  EVAL_LEADS,
  EVAL_NOW,
  EVAL_REPLY_AT,
  offerEvalSlots,
  openingEmail,
} from './eval-world.ts';

export interface EvalDeps {
  ai: AiProvider;
  /** Monotonic milliseconds (performance.now in the CLI). */
  clock: () => number;
  /** The campaign's gate, whole percent (default: a new campaign's). */
  campaignGate?: number;
  /**
   * House-style examples for the drafter, picked for this reply as the
   * pipeline picks a campaign's reviewer edits (none when absent).
   */
  houseStyle?: (reply: { text: string; category: string }) => { draft: string; sent: string }[];
}

/**
 * Runs one labelled reply through the pipeline's own pieces, in
 * inbound.process's order: gates → classify → should draft → booking claim,
 * lead links, slots → draft → evaluate → guards → decide. Nothing is stored;
 * the campaign is an AI_AUTO_SEND one with no kill switch and no daily cap,
 * so every send the pipeline could make is counted. A model call that fails
 * is what the pipeline makes a review `ai_failed`.
 */
export async function runEvalCase(deps: EvalDeps, c: EvalCase): Promise<EvalCaseResult> {
  const lead = EVAL_LEADS[c.language];
  const sender =
    c.from === 'colleague'
      ? colleagueOf(lead)
      : typeof c.from === 'object'
        ? c.from
        : { email: lead.email, name: `${lead.firstName} ${lead.lastName}` };
  const subject = c.subject ?? EVAL_CAMPAIGN.subject;
  const result: EvalCaseResult = {
    id: c.id,
    topic: c.topic,
    language: c.language,
    expect: c.expect,
    gate: null,
    category: null,
    skipReason: null,
    aiFailure: null,
    bookingClaim: null,
    guardCodes: [],
    decision: null,
    autoSendAt: {},
    draftBody: null,
    latencyMs: 0,
    promptTokens: 0,
    completionTokens: 0,
  };
  const count = (usage: TokenUsage | undefined) => {
    result.promptTokens += usage?.promptTokens ?? 0;
    result.completionTokens += usage?.completionTokens ?? 0;
  };
  const timed = async <T>(step: 'classify' | 'draft' | 'evaluate', call: () => Promise<T>) => {
    const started = deps.clock();
    try {
      return await call();
    } catch (error) {
      const err = asAutosendError(error);
      result.aiFailure = { step, code: err.code, message: err.message };
      result.decision = { action: 'review', reason: 'ai_failed', score: 0 };
      return null;
    } finally {
      result.latencyMs += deps.clock() - started;
    }
  };

  const gates = runGates({
    fromEmail: sender.email,
    ...(sender.name ? { fromName: sender.name } : {}),
    returnPath: c.returnPath === undefined ? `<${sender.email}>` : c.returnPath,
    subject,
    text: c.text,
    headers: c.headers ?? {},
    platformFlags: c.platformFlags ?? {},
  });
  if (gates.gate) {
    result.gate = gates.gate;
    result.skipReason = gates.gate;
    return result;
  }
  const transcript = [
    openingEmail(lead),
    {
      direction: 'inbound' as const,
      from: sender.email,
      at: EVAL_REPLY_AT.toISOString(),
      text: gates.newText,
    },
  ];
  const classification: Classification | null = await timed('classify', () =>
    deps.ai.classify({
      newText: gates.newText,
      subject,
      fromEmail: sender.email,
      leadEmail: lead.email,
      transcript,
    }),
  );
  if (!classification) return result;
  count(classification.usage);
  result.category = classification.category;
  const should = decideDraftable({
    category: classification.category,
    lead: { optedOutAt: null, bouncedAt: null, bookedAt: null },
    campaign: { responseMode: 'AI_AUTO_SEND' },
  });
  if (!should.draft) {
    result.skipReason = should.reason;
    return result;
  }

  const bookingClaim = detectBookingClaim(gates.newText);
  result.bookingClaim = bookingClaim?.evidence ?? null;
  const noSlotsReason = reasonToOfferNoSlots({
    category: classification.category,
    bookingClaimEvidence: result.bookingClaim,
    leadSchedulerLinks: findSchedulerLinks(c.text),
  });
  const slots = noSlotsReason ? [] : offerEvalSlots(lead, gates.newText);
  const houseStyle =
    deps.houseStyle?.({ text: gates.newText, category: classification.category }) ?? [];
  const draftInput = {
    transcript,
    replyNewText: gates.newText,
    category: classification.category,
    lead: {
      email: lead.email,
      firstName: lead.firstName,
      lastName: lead.lastName,
      company: lead.company,
    },
    campaign: {
      name: EVAL_CAMPAIGN.name,
      knowledge: EVAL_CAMPAIGN.knowledge,
      bookingLink: EVAL_CAMPAIGN.bookingLink,
    },
    slots,
    ...(noSlotsReason ? { noSlotsReason } : {}),
    sender: EVAL_CAMPAIGN.sender,
    subject,
  };
  const draft = await timed('draft', () =>
    deps.ai.draft(houseStyle.length ? { ...draftInput, houseStyle } : draftInput),
  );
  if (!draft) return result;
  count(draft.usage);
  result.draftBody = draft.body;
  const evaluation: Evaluation | null = await timed('evaluate', () =>
    deps.ai.evaluate({ ...draftInput, draftBody: draft.body }),
  );
  if (!evaluation) return result;
  count(evaluation.usage);

  const guardFailures = checkDraftGuards({
    body: draft.body,
    offeredSlots: slots,
    bookingLink: EVAL_CAMPAIGN.bookingLink,
    knowledge: EVAL_CAMPAIGN.knowledge,
    recipient: replyRecipient(lead),
    expectedRecipient: sender.email,
    ownAddresses: [EVAL_CAMPAIGN.senderEmail],
    replyText: c.text,
  });
  result.guardCodes = guardFailures.map((f) => f.code);
  const decideAt = (gate: number) =>
    decide({
      messageId: c.id,
      receivedAt: EVAL_REPLY_AT,
      category: classification.category,
      campaign: {
        responseMode: 'AI_AUTO_SEND',
        confidenceGate: gate,
        sendDelayMinSeconds: 60,
        sendDelayMaxSeconds: 300,
      },
      evaluation,
      guardFailures,
      differentSender: sender.email.toLowerCase() !== lead.email.toLowerCase(),
      bookingClaim: result.bookingClaim,
      killSwitch: false,
      // A model is qualified on its own answers: no campaign history, so no breaker.
      breakerOpen: false,
      dailyCapReached: false,
      now: EVAL_NOW,
    });
  const campaignGate = deps.campaignGate ?? EVAL_CAMPAIGN_GATE;
  const decision = decideAt(campaignGate);
  result.decision = {
    action: decision.action,
    reason: decision.action === 'review' ? decision.reason : null,
    score: decision.score,
  };
  result.autoSendAt.campaign = decision.action === 'send';
  for (const gate of EVAL_GATES) result.autoSendAt[String(gate)] = decideAt(gate).action === 'send';
  return result;
}

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { toOfferedSlot } from '../availability/format-slot-label.ts';
import { isValidZone } from '../availability/local-slot-info.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  campaigns,
  decisionEvents,
  drafts,
  leads,
  messages,
  notificationDeliveries,
  reviewRequests,
  sendLedger,
  slotOffers,
  workspaces,
} from '../db/schema.ts';
import { AutosendError } from '../errors.ts';
import { SUPPRESSED_PLACEHOLDER_EMAIL } from '../privacy/store-suppressed-reply.ts';
import { type ReplyStatus, settleStatus } from './settle-status.ts';

export interface ExplainReport {
  message: {
    id: string;
    workspaceId: string;
    from: string;
    lead: string;
    subject: string;
    receivedAt: string;
    campaign: string | null;
    excerpt: string;
    /** Why the content is gone, when it is: retention (with the date) or a suppressed address. */
    contentRemoved: string | null;
  };
  /** One line: what happened to this reply and why. */
  verdict: string;
  /** Where the reply stands (see settle-status.ts), so a script need not read the trail. */
  status: ReplyStatus;
  /** The latest draft: its body and the meeting slots it offers; null when none was written. */
  draft: {
    id: string;
    version: number;
    status: string;
    body: string;
    /** ISO 8601 UTC start and end, the zone the label is in, and the label as the draft shows it. */
    slots: { start: string; end: string; timeZone: string; label: string }[];
  } | null;
  events: { at: string; step: string; outcome: string; reason: string | null; detail: unknown }[];
  drafts: {
    id: string;
    version: number;
    status: string;
    confidence: number | null;
    gate: number | null;
    evaluatorReason: string | null;
    guardFailures: unknown;
    sendAfter: string | null;
    /** Set when the AI failed for good: the draft has no score (and no body when drafting failed). */
    aiFailure: { step: string; code: string; message: string } | null;
  }[];
  reviews: {
    id: string;
    status: string;
    reason: string;
    decidedBy: string | null;
    decidedAt: string | null;
  }[];
  notifications: {
    at: string;
    target: string;
    method: string;
    ok: boolean;
    errorCode: string | null;
    neededScopes: string | null;
    providedScopes: string | null;
  }[];
  sends: {
    status: string;
    sender: string;
    providerMessageId: string | null;
    error: string | null;
    at: string;
  }[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "the AI draft call failed (ai_timeout: …), so no draft exists": for explain and Slack alike. */
export function describeAiFailure(f: { step: string; code: string; message: string }): string {
  const consequence =
    f.step === 'evaluate'
      ? 'the draft was written but not scored'
      : 'no draft exists: a reviewer writes the answer';
  return `the AI ${f.step} call failed (${f.code}: ${f.message}); ${consequence}`;
}

/** The one-line answer to "why was this sent, held or skipped?", from the trail. */
export function summarise(report: Omit<ExplainReport, 'verdict' | 'status' | 'draft'>): string {
  const last = (step: string) => [...report.events].reverse().find((e) => e.step === step);
  const send = last('send');
  const decideEvent = last('decide');
  const draft = report.drafts[0];
  const score = draft?.confidence != null ? `${Math.round(draft.confidence * 100)}%` : '?';
  const gate = draft?.gate != null ? `${draft.gate}%` : '?';
  // An AI failure leaves no score to compare with the gate: say what failed instead.
  const versus = draft?.aiFailure
    ? `no score: ${describeAiFailure(draft.aiFailure)}`
    : `${score} vs gate ${gate}`;
  const failedNotices = report.notifications.filter((n) => !n.ok);
  if (send?.outcome === 'sent') return `Sent (${score} ≥ gate ${gate}) at ${send.at}.`;
  if (send) return `Send ${send.outcome}${send.reason ? ` (${send.reason})` : ''} at ${send.at}.`;
  if (!decideEvent) {
    const failed = [...report.events].reverse().find((e) => e.outcome === 'failed');
    if (failed)
      return `Not decided: ${failed.step} failed (${failed.reason}); see the events below.`;
    return 'Not processed yet: waiting in the inbound.process queue.';
  }
  if (decideEvent.outcome === 'skipped') {
    const evidence = (decideEvent.detail as { evidence?: string })?.evidence;
    return `Skipped: ${decideEvent.reason}${evidence ? ` (${evidence})` : ''}.`;
  }
  if (decideEvent.outcome === 'send') {
    const at = (decideEvent.detail as { at?: string }).at;
    return `Scheduled to send at ${at} (${score} ≥ gate ${gate}); draft ${draft?.status}.`;
  }
  const review = report.reviews[0];
  const slack = failedNotices.length
    ? ` Slack notification FAILED: ${failedNotices.map((n) => `${n.target} ${n.errorCode}${n.neededScopes ? ` (needs ${n.neededScopes})` : ''}`).join('; ')}.`
    : report.notifications.some((n) => n.ok)
      ? ' Reviewers notified in Slack.'
      : '';
  return `Held for review: ${decideEvent.reason} (${versus}); review ${review?.status ?? 'missing'}.${slack}`;
}

/** "body purged by retention on 2025-06-01": what explain shows instead of content that is gone. */
export function describeRemoval(purgedAt: Date | null, suppressed: boolean): string | null {
  if (suppressed)
    return 'no content kept: the sender is a suppressed address (autosend lead forget)';
  if (!purgedAt) return null;
  return `body purged by retention on ${purgedAt.toISOString().slice(0, 10)}`;
}

/** The ai_failed decision recorded for a draft (persist-ai-failure.ts), if any. */
function aiFailureOf(
  events: { step: string; reason: string | null; draftId: string | null; detail: unknown }[],
  draftId: string,
): { step: string; code: string; message: string } | null {
  const e = events.find(
    (x) => x.step === 'decide' && x.reason === 'ai_failed' && x.draftId === draftId,
  );
  if (!e) return null;
  const d = (e.detail ?? {}) as { step?: unknown; code?: unknown; message?: unknown };
  return {
    step: typeof d.step === 'string' ? d.step : 'unknown',
    code: typeof d.code === 'string' ? d.code : 'unknown',
    message: typeof d.message === 'string' ? d.message : '',
  };
}

async function explainOne(db: DbOrTx, messageId: string): Promise<ExplainReport> {
  const [row] = await db
    .select({
      message: messages,
      lead: leads,
      campaign: campaigns,
      workspaceZone: workspaces.timeZone,
    })
    .from(messages)
    .innerJoin(leads, eq(leads.id, messages.leadId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(campaigns, eq(campaigns.id, messages.campaignId))
    .where(eq(messages.id, messageId));
  if (!row) throw new AutosendError('not_found', `message ${messageId} not found`);
  const events = await db
    .select()
    .from(decisionEvents)
    .where(eq(decisionEvents.messageId, messageId))
    .orderBy(asc(decisionEvents.id));
  const draftRows = await db
    .select()
    .from(drafts)
    .where(eq(drafts.messageId, messageId))
    .orderBy(desc(drafts.version));
  const draftIds = draftRows.map((d) => d.id);
  const reviews = draftIds.length
    ? await db.select().from(reviewRequests).where(inArray(reviewRequests.draftId, draftIds))
    : [];
  const notifications = reviews.length
    ? await db
        .select()
        .from(notificationDeliveries)
        .where(
          inArray(
            notificationDeliveries.reviewRequestId,
            reviews.map((r) => r.id),
          ),
        )
        .orderBy(asc(notificationDeliveries.attemptedAt))
    : [];
  const sends = draftIds.length
    ? await db.select().from(sendLedger).where(inArray(sendLedger.draftId, draftIds))
    : [];
  const { message, lead, campaign } = row;
  const latest = draftRows[0];
  const offers = latest
    ? await db
        .select({ start: slotOffers.slotStart, end: slotOffers.slotEnd })
        .from(slotOffers)
        .where(eq(slotOffers.draftId, latest.id))
        .orderBy(asc(slotOffers.slotStart))
    : [];
  const zone = isValidZone(lead.timeZone)
    ? lead.timeZone
    : isValidZone(row.workspaceZone)
      ? row.workspaceZone
      : 'UTC';
  const latestReview = latest ? reviews.find((r) => r.draftId === latest.id) : undefined;
  const lastDecide = [...events].reverse().find((e) => e.step === 'decide');
  const status = settleStatus({
    decided: lastDecide?.outcome,
    stepFailed: events.some((e) => e.outcome === 'failed'),
    draftStatus: latest?.status,
    reviewStatus: latestReview?.status,
  });
  const removed = describeRemoval(
    message.contentPurgedAt,
    lead.email === SUPPRESSED_PLACEHOLDER_EMAIL,
  );
  const draftRemoved = describeRemoval(latest?.contentPurgedAt ?? null, false);
  const report: Omit<ExplainReport, 'verdict'> = {
    status,
    draft: latest
      ? {
          id: latest.id,
          version: latest.version,
          status: latest.status,
          body: draftRemoved ? `[${draftRemoved}]` : latest.body,
          slots: offers.map((o) =>
            toOfferedSlot({ start: o.start.toISOString(), end: o.end.toISOString() }, zone),
          ),
        }
      : null,
    message: {
      id: message.id,
      workspaceId: message.workspaceId,
      from: message.fromEmail,
      lead: lead.email,
      subject: message.subject,
      receivedAt: message.occurredAt.toISOString(),
      campaign: campaign?.name ?? null,
      excerpt: removed ? `[${removed}]` : message.text.replace(/\s+/g, ' ').trim().slice(0, 160),
      contentRemoved: removed,
    },
    events: events.map((e) => ({
      at: e.at.toISOString(),
      step: e.step,
      outcome: e.outcome,
      reason: e.reason,
      detail: e.detail,
    })),
    drafts: draftRows.map((d) => ({
      id: d.id,
      version: d.version,
      status: d.status,
      confidence: d.confidence,
      gate: campaign?.confidenceGate ?? null,
      evaluatorReason: d.evaluatorReason,
      guardFailures: d.guardFailures,
      sendAfter: d.sendAfter?.toISOString() ?? null,
      aiFailure: aiFailureOf(events, d.id),
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      status: r.status,
      reason: r.reason,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    notifications: notifications.map((n) => ({
      at: n.attemptedAt.toISOString(),
      target: n.target,
      method: n.method,
      ok: n.ok,
      errorCode: n.errorCode,
      neededScopes: n.neededScopes,
      providedScopes: n.providedScopes,
    })),
    sends: sends.map((s) => ({
      status: s.status,
      sender: s.sender,
      providerMessageId: s.providerMessageId,
      error: s.error,
      at: s.startedAt.toISOString(),
    })),
  };
  // verdict first: it reads best at the top of the JSON document.
  return { verdict: summarise(report), ...report };
}

/**
 * The whole trail of a reply (by message id, provider message id, or every
 * inbound reply of a lead by email), oldest reply first.
 */
export async function explainReply(
  db: DbOrTx,
  input: { workspaceId?: string; messageIdOrLeadEmail: string },
): Promise<ExplainReport[]> {
  const key = input.messageIdOrLeadEmail.trim();
  const scope = input.workspaceId ? eq(messages.workspaceId, input.workspaceId) : undefined;
  let ids: string[];
  if (key.includes('@') && !key.startsWith('<')) {
    const rows = await db
      .select({ id: messages.id })
      .from(messages)
      .innerJoin(leads, eq(leads.id, messages.leadId))
      .where(
        and(sql`lower(${leads.email}) = lower(${key})`, eq(messages.direction, 'inbound'), scope),
      )
      .orderBy(asc(messages.occurredAt));
    ids = rows.map((r) => r.id);
  } else {
    const byId = UUID_RE.test(key) ? eq(messages.id, key) : sql`false`;
    const rows = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          sql`(${byId} or ${messages.providerMessageId} = ${key} or ${messages.rfcMessageId} = ${key})`,
          scope,
        ),
      );
    ids = rows.map((r) => r.id);
  }
  if (!ids.length) throw new AutosendError('not_found', `no reply found for ${key}`);
  const reports: ExplainReport[] = [];
  for (const id of ids) reports.push(await explainOne(db, id));
  return reports;
}

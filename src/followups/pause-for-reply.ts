import { DateTime } from 'luxon';
import type { DbOrTx } from '../db/client.ts';
import { validZone } from '../sending/sending-window.ts';
import { applyToLeadInstances } from './apply-followup-event.ts';
import { isAwayNotice } from './detect-away-notice.ts';
import type { TransitionRecord } from './followup-types.ts';
import { findFutureDate, startOfFoundDay } from './parse-return-date.ts';

/**
 * What an inbound message does to the lead's follow-ups:
 * - any reply pauses them (`lead_replied`), in the transaction that stores it;
 * - an out-of-office answer turns that into `out_of_office` until the day
 *   after the return date it names, else the sequence's default period;
 * - "reach out in March" turns it into `lead_snoozed` until that date.
 */

/** Pauses every running sequence of the lead: they replied. */
export function pauseForInbound(
  tx: DbOrTx,
  input: { leadId: string; messageId: string; at: Date },
): Promise<TransitionRecord[]> {
  return applyToLeadInstances(tx, input.leadId, () => ({
    type: 'lead_replied',
    at: input.at,
    messageId: input.messageId,
  }));
}

function dayLabel(found: { year: number; month: number; day: number }): string {
  const { year, month, day } = found;
  return DateTime.fromObject({ year, month, day }).toISODate() ?? '';
}

/** Pauses the lead's sequences for an out-of-office reply (return date read from `text`). */
export function pauseForOutOfOffice(
  tx: DbOrTx,
  input: {
    leadId: string;
    text: string;
    receivedAt: Date;
    zone: string | null;
    now: Date;
  },
): Promise<TransitionRecord[]> {
  const zone = validZone(input.zone);
  const found = findFutureDate(input.text, input.receivedAt, zone);
  return applyToLeadInstances(tx, input.leadId, (_row, sequence) => {
    const until = found
      ? startOfFoundDay(found, zone, 1)
      : new Date(input.receivedAt.getTime() + sequence.oooDefaultDays * 86_400_000);
    // A return date already behind us (a late-processed notice) resumes at the next tick.
    return {
      type: 'out_of_office',
      at: input.now,
      until,
      returnDate: found ? dayLabel(found) : null,
      evidence: found?.evidence ?? null,
    };
  });
}

/**
 * "Reach out in March": snoozes the lead's sequences until that date. A
 * reply without a future date stays `lead_replied`. Returns the changes.
 */
export function snoozeForLaterReply(
  tx: DbOrTx,
  input: { leadId: string; text: string; receivedAt: Date; zone: string | null; now: Date },
): Promise<TransitionRecord[]> {
  const zone = validZone(input.zone);
  const found = findFutureDate(input.text, input.receivedAt, zone);
  if (!found) return Promise.resolve([]);
  const until = startOfFoundDay(found, zone);
  if (until <= input.now) return Promise.resolve([]);
  return applyToLeadInstances(tx, input.leadId, () => ({
    type: 'lead_snoozed',
    at: input.now,
    until,
    evidence: found.evidence,
  }));
}

/**
 * After classification: the reply pauses the lead's sequences (already done
 * when it was stored; repeated for instances enrolled since), then a
 * "later" reply with a date snoozes them and an out-of-office reply the
 * gates missed (away wording, not only the model's label) pauses them until
 * the return date. Returns the changes.
 */
export async function pauseForClassifiedReply(
  tx: DbOrTx,
  input: {
    leadId: string;
    messageId: string;
    category: string;
    subject: string;
    text: string;
    receivedAt: Date;
    zone: string | null;
    now: Date;
  },
): Promise<TransitionRecord[]> {
  const changes = await pauseForInbound(tx, {
    leadId: input.leadId,
    messageId: input.messageId,
    at: input.receivedAt,
  });
  if (input.category === 'follow_up_later') changes.push(...(await snoozeForLaterReply(tx, input)));
  // The model alone does not turn a reply the gates let through into an away
  // notice: a mistaken label would resume follow-ups over a real conversation.
  if (input.category === 'out_of_office' && isAwayNotice(input.subject, input.text)) {
    changes.push(...(await pauseForOutOfOffice(tx, input)));
  }
  return changes;
}

/**
 * An auto-reply: an away notice pauses the lead's sequences until the return
 * date; other machine mail (ticket confirmations, delay notices) is not the
 * lead replying, so the pause this message caused when it was stored is lifted.
 */
export function followupsForAutoReply(
  tx: DbOrTx,
  input: {
    leadId: string;
    messageId: string;
    subject: string;
    text: string;
    receivedAt: Date;
    zone: string | null;
    now: Date;
  },
): Promise<TransitionRecord[]> {
  if (isAwayNotice(input.subject, input.text)) return pauseForOutOfOffice(tx, input);
  return applyToLeadInstances(tx, input.leadId, (row) =>
    row.pauseReason === 'lead_replied' &&
    (row.pauseDetail as { messageId?: string }).messageId === input.messageId
      ? {
          type: 'resume',
          at: input.now,
          cause: 'auto_reply_not_a_reply',
          detail: { messageId: input.messageId },
        }
      : null,
  );
}

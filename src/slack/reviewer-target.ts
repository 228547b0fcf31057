/** How a configured reviewer is reached. */
export type ReviewerTarget =
  | { kind: 'email'; email: string }
  | { kind: 'member'; memberId: string }
  | { kind: 'channel'; channel: string };

/** How a notification reached (or tried to reach) its target; stored in notification_deliveries.method. */
export type DeliveryMethod = 'dm_by_email' | 'dm_by_member_id' | 'post_to_member_id' | 'channel';

/**
 * Reads a campaign_reviewers target: an email, a Slack member id (U…/W…) or a
 * channel (#name, C…/G…). Returns undefined for anything else.
 */
export function parseReviewerTarget(target: string): ReviewerTarget | undefined {
  const value = target.trim();
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
    return { kind: 'email', email: value.toLowerCase() };
  if (/^[UW][A-Z0-9]{2,}$/.test(value)) return { kind: 'member', memberId: value };
  if (/^#[a-z0-9][a-z0-9._-]*$/.test(value) || /^[CG][A-Z0-9]{2,}$/.test(value)) {
    return { kind: 'channel', channel: value };
  }
  return undefined;
}

/** The method a target is first tried with (the fallback may turn a DM into post_to_member_id). */
export function primaryMethod(target: ReviewerTarget): DeliveryMethod {
  return target.kind === 'email'
    ? 'dm_by_email'
    : target.kind === 'member'
      ? 'dm_by_member_id'
      : 'channel';
}

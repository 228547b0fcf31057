/** Shapes of the API answers the pages read (see /api/docs). */
export interface Me {
  userId: string;
  email: string;
  csrfToken: string;
  workspaces: { id: string; name: string; role: 'admin' | 'reviewer' }[];
}

export type { Page } from './lib/pages.ts';

export interface ReviewItem {
  id: string;
  status: 'open' | 'approved' | 'rejected' | 'superseded';
  reason: string;
  /** `followup`: a follow-up step awaiting approval (no reply, no draft; its text cannot be edited here). */
  kind?: 'reply' | 'followup';
  draftId: string | null;
  followupInstanceId?: string | null;
  followupStep?: number | null;
  messageId: string | null;
  leadEmail: string;
  subject: string;
  body: string;
  confidence: number | null;
  inboundText: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  editedBody: string | null;
  createdAt: string;
}

export interface Reviewer {
  kind: 'email' | 'slack_member' | 'slack_channel';
  target: string;
}

export interface Campaign {
  id: string;
  name: string;
  platform: string;
  responseMode: 'MANUAL' | 'AI_AUTO_SEND';
  confidenceGate: number;
  sendDelayMinSeconds: number;
  sendDelayMaxSeconds: number;
  reviewers: Reviewer[];
  bookingLink: string | null;
  sendingHours: string | null;
  dailyAutoSendCap: number | null;
  knowledge: string;
  configuredAt: string | null;
  /** The approved-as-is share (%) the recommended gate must prove (docs/calibration.md). */
  targetPrecision: number;
  breaker: Breaker;
}

/** A campaign's circuit breaker: while open, every reply of the campaign waits for review. */
export interface Breaker {
  open: boolean;
  openedAt: string | null;
  reason: 'post_send_complaints' | 'reviewer_rejections' | null;
  detail: Record<string, unknown>;
  closedAt: string | null;
}

/** The reasons a reviewer can give for rejecting a draft (calibration/review-outcome.ts). */
export const REJECT_REASONS = [
  ['wrong_facts', 'Wrong facts'],
  ['wrong_tone', 'Wrong tone'],
  ['wrong_slots', 'Wrong slots'],
  ['should_not_reply', 'Should not reply at all'],
  ['personal_data', 'Personal data'],
  ['other', 'Other'],
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number][0];

/** Expected auto-send and error rates at one gate; fractions 0..1. */
export interface GateExpectation {
  gate: number;
  autoSendRate: number;
  reviewed: number;
  errorRate: number | null;
  errorRateUpper: number | null;
}

/** GET …/campaigns/{id}/calibration (docs/calibration.md). */
export interface CampaignCalibration {
  campaign: {
    id: string;
    workspaceId: string;
    name: string;
    responseMode: 'MANUAL' | 'AI_AUTO_SEND';
    confidenceGate: number;
    targetPrecision: number;
  };
  scope: 'campaign' | 'workspace' | 'all';
  reviewedByScope: { campaign: number; workspace: number; all: number };
  breaker: Breaker;
  calibration: {
    targetPrecision: number;
    minReviewed: number;
    totalScored: number;
    totalReviewed: number;
    gates: {
      gate: number;
      wouldAutoSend: number;
      autoSendRate: number;
      reviewed: number;
      approvedAsIs: number;
      share: number | null;
      lowerBound: number | null;
    }[];
    buckets: {
      from: number;
      to: number;
      reviewed: number;
      approvedAsIs: number;
      share: number | null;
    }[];
    recommendedGate: number | null;
    notEnoughEvidence: { moreReviewsNeeded: number | null; why: string } | null;
    current: GateExpectation;
    recommended: GateExpectation | null;
  };
}

export interface Explain {
  message: {
    id: string;
    from: string;
    lead: string;
    subject: string;
    receivedAt: string;
    campaign: string | null;
    excerpt: string;
    /** Why the content is gone (retention, suppressed address), or null. */
    contentRemoved: string | null;
  };
  verdict: string;
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
    /** Set when the AI failed for good: no score, and no body when drafting failed. */
    aiFailure?: { step: string; code: string; message: string } | null;
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
  }[];
  sends: {
    status: string;
    sender: string;
    providerMessageId: string | null;
    error: string | null;
    at: string;
  }[];
}

export interface MessageDetail {
  message: Record<string, unknown> & { text?: string };
  drafts: (Record<string, unknown> & {
    id: string;
    body: string;
    confidence: number | null;
    evaluatorReason: string | null;
    guardFailures: unknown;
    offeredSlots: unknown;
    status: string;
  })[];
  events: unknown[];
}

export interface SlackFailureView {
  code: string;
  needed?: string;
  provided?: string;
}

export interface SlackCheck {
  workspaceId: string;
  configured: boolean;
  tokenSource: 'workspace' | 'SLACK_BOT_TOKEN' | null;
  ok: boolean;
  summary: string;
  neededScopes: string[];
  grantedScopes: string[];
  missingScopes: string[];
  fix: string | null;
  report: {
    auth: {
      ok: boolean;
      team?: string;
      botUser?: string;
      failure?: SlackFailureView;
    };
    capabilities: { id: string; label: string; works: boolean; note: string }[];
    reviewers: {
      target: string;
      campaigns: string[];
      reachable: boolean;
      method?: string;
      problem?: string;
      code?: string;
      missingScopes: string[];
    }[];
  } | null;
}

export interface SlackTestResult {
  ok: boolean;
  to: string;
  method: string;
  channel: string | null;
  ts: string | null;
  error: {
    method: string;
    code: string;
    needed: string | null;
    provided: string | null;
    message: string;
  } | null;
  fallback: string | null;
}

export interface ReasonsPerDay {
  reasons: string[];
  totals: Record<string, number>;
  total: number;
  days: { day: string; total: number; byReason: Record<string, number> }[];
}

export interface OutcomeReasons {
  days: number;
  from: string;
  to: string;
  skips: ReasonsPerDay;
  holds: ReasonsPerDay;
}

export interface ActivityCounts {
  replies: number;
  sent: number;
  held: number;
  rejected: number;
}

export interface ActivitySummary {
  days: number;
  from: string;
  to: string;
  totals: ActivityCounts;
  perDay: (ActivityCounts & { day: string })[];
  confidence: { total: number; buckets: { from: number; to: number; count: number }[] };
}

export interface FollowupSequence {
  id: string;
  campaignId: string | null;
  name: string;
  ghostDays: number;
  oooDefaultDays: number;
  steps: {
    position: number;
    delay: string;
    channel: string;
    subject: string;
    body: string;
    needsApproval: boolean;
  }[];
}

export interface FollowupInstance {
  id: string;
  sequenceId: string;
  sequenceName: string;
  campaignId: string | null;
  leadEmail: string;
  status: 'active' | 'paused' | 'completed' | 'cancelled';
  pauseReason: string | null;
  stopReason: string | null;
  nextStep: number;
  nextRunAt: string | null;
  pausedAt: string | null;
  pausedUntil: string | null;
  lastError: string | null;
  meaning: string | null;
  updatedAt: string;
}

export interface FollowupReport {
  generatedAt: string;
  ok: boolean;
  byStatus: Record<string, number>;
  workspaces: {
    campaigns: {
      campaignId: string | null;
      campaignName: string | null;
      counts: { status: string; reason: string | null; count: number; meaning: string }[];
    }[];
  }[];
  anomalies: {
    kind: string;
    campaignName: string | null;
    meaning: string;
    suggestedAction: string;
    leads: {
      instanceId: string;
      leadEmail: string;
      stuckSince: string;
      stuckHours: number;
      detail: string | null;
    }[];
  }[];
}

export interface BackfillSummaryRow {
  campaignId: string | null;
  campaign: string;
  targets: number;
  skipped: Record<string, number>;
  drafted: number;
  failed: number;
  sent: number;
  review: number;
  deferred: number;
  scheduled: number;
  superseded: number;
  sendFailed: number;
  sendUnknown: number;
  notifyOk: number;
  notifyFailed: number;
  shadow?: Record<string, { send: number; review: number }>;
}

export interface BackfillRun {
  id: string;
  mode: 'shadow' | 'apply';
  status: string;
  phase: string;
  logPath: string | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface BackfillRunDetail extends BackfillRun {
  summary: BackfillSummaryRow[];
  recentItems: {
    id: string;
    messageId: string;
    state: string;
    detail: Record<string, unknown>;
    updatedAt: string;
  }[];
}

export interface BackfillDryRun {
  runId: string;
  mode: 'dry_run';
  status: string;
  logPath: string;
  summary: BackfillSummaryRow[];
  table: string;
}

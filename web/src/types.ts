/** Shapes of the API answers the pages read (see /api/docs). */
export interface Me {
  userId: string;
  email: string;
  csrfToken: string;
  workspaces: { id: string; name: string; role: 'admin' | 'reviewer' }[];
}

export interface Page<T> {
  items: T[];
}

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

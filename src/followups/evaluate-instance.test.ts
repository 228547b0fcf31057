import { describe, expect, it } from 'vitest';
import { type EvaluateInput, evaluateInstance, isLinkedinProfileUrl } from './evaluate-instance.ts';
import type { InstanceState, LeadFacts, StepSpec } from './followup-types.ts';

const now = new Date('2026-12-02T10:00:00Z'); // Wednesday
const lead: LeadFacts = {
  email: 'jane@example.com',
  firstName: 'Jane',
  lastName: null,
  company: 'Initech',
  phone: null,
  linkedinUrl: null,
  timeZone: 'Europe/Berlin',
  optedOutAt: null,
  bouncedAt: null,
  bookedAt: null,
};
const step = (position: number, extra: Partial<StepSpec> = {}): StepSpec => ({
  position,
  delayAmount: 2,
  delayUnit: 'business_days',
  channel: 'email',
  subject: '',
  body: '{Hi|Hello} {{first_name}}, any thoughts?',
  needsApproval: false,
  ...extra,
});
const state: InstanceState = {
  status: 'active',
  pauseReason: null,
  stopReason: null,
  nextStep: 1,
  nextRunAt: new Date('2026-12-02T09:00:00Z'),
  pausedUntil: null,
  pausedAt: null,
  pauseDetail: {},
  approvedStep: null,
  lastSentAt: null,
};
function input(over: Partial<EvaluateInput> = {}): EvaluateInput {
  return {
    instanceId: 'i-1',
    state,
    steps: [step(1), step(2)],
    lead,
    sequence: { ghostDays: 7 },
    conversation: { lastInboundAt: null, lastOutboundAt: null },
    sendingHours: { start: null, end: null },
    zone: 'Europe/Berlin',
    lastSentOnChannel: {},
    killSwitch: false,
    now,
    ...over,
  };
}
const days = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('evaluateInstance', () => {
  it('sends a due step with fields and one variation filled in', () => {
    const a = evaluateInstance(input());
    expect(a.kind).toBe('send');
    if (a.kind !== 'send') return;
    expect(a.body).toMatch(/^(Hi|Hello) Jane, any thoughts\?$/);
    expect(evaluateInstance(input())).toEqual(a);
  });

  it('waits while not due', () => {
    expect(
      evaluateInstance(input({ state: { ...state, nextRunAt: new Date(now.getTime() + 60_000) } })),
    ).toMatchObject({ kind: 'none' });
  });

  it.each([
    ['bouncedAt', 'bounced'],
    ['optedOutAt', 'opted_out'],
    ['bookedAt', 'booked'],
  ] as const)('a lead with %s is never sent a step, whatever the state', (field, flag) => {
    for (const s of [
      state,
      {
        ...state,
        status: 'paused' as const,
        pauseReason: 'awaiting_approval' as const,
        approvedStep: 1,
      },
    ]) {
      expect(evaluateInstance(input({ state: s, lead: { ...lead, [field]: now } }))).toMatchObject({
        kind: 'event',
        event: { type: 'lead_flagged', flag },
      });
    }
  });

  it('holds an sms step for a lead without a phone, and resumes when it arrives', () => {
    const steps = [step(1, { channel: 'sms' })];
    expect(evaluateInstance(input({ steps }))).toMatchObject({
      event: { type: 'hold', reason: 'awaiting_enrichment', detail: { needs: 'phone' } },
    });
    const held = {
      ...state,
      status: 'paused' as const,
      pauseReason: 'awaiting_enrichment' as const,
    };
    expect(evaluateInstance(input({ steps, state: held }))).toMatchObject({ kind: 'none' });
    expect(
      evaluateInstance(input({ steps, state: held, lead: { ...lead, phone: '+49 170 1234567' } })),
    ).toMatchObject({ event: { type: 'resume', cause: 'enrichment_arrived' } });
  });

  it('a company page is not a LinkedIn profile', () => {
    const steps = [step(1, { channel: 'linkedin' })];
    const company = { ...lead, linkedinUrl: 'https://www.linkedin.com/company/initech' };
    expect(evaluateInstance(input({ steps, lead: company }))).toMatchObject({
      event: { reason: 'awaiting_enrichment', detail: { needs: 'linkedin_profile_url' } },
    });
    expect(isLinkedinProfileUrl('https://www.linkedin.com/in/jane-doe-123/')).toBe(true);
    expect(isLinkedinProfileUrl('linkedin.com/school/mit')).toBe(false);
  });

  it('names the template fields the lead lacks instead of sending raw {{…}}', () => {
    const steps = [step(1, { body: 'Hi {{first_name}}, how is {{company}} and {{last_name}}?' })];
    const a = evaluateInstance(input({ steps, lead: { ...lead, company: null } }));
    expect(a).toMatchObject({
      event: {
        type: 'hold',
        reason: 'missing_lead_data',
        detail: { fields: ['company', 'last_name'] },
      },
    });
  });

  it('uses a fallback when the template gives one', () => {
    const steps = [step(1, { body: 'Hi {{first_name|there}}' })];
    expect(evaluateInstance(input({ steps, lead: { ...lead, firstName: null } }))).toMatchObject({
      kind: 'send',
      body: 'Hi there',
    });
  });

  it('asks for approval once, then sends the approved step', () => {
    const steps = [step(1, { needsApproval: true })];
    expect(evaluateInstance(input({ steps }))).toMatchObject({
      event: { type: 'hold', reason: 'awaiting_approval', detail: { step: 1 } },
    });
    expect(evaluateInstance(input({ steps, state: { ...state, approvedStep: 1 } }))).toMatchObject({
      kind: 'send',
    });
  });

  it('respects the kill switch', () => {
    expect(evaluateInstance(input({ killSwitch: true }))).toEqual({
      kind: 'none',
      why: 'kill_switch',
    });
  });

  it('defers to the sending window in the lead zone', () => {
    // 10:00Z is 11:00 in Berlin; the window is 13:00-17:00 local.
    const a = evaluateInstance(input({ sendingHours: { start: 13 * 60, end: 17 * 60 } }));
    expect(a).toMatchObject({
      event: {
        type: 'deferred',
        why: 'outside_sending_hours',
        until: new Date('2026-12-02T12:00:00Z'),
      },
    });
  });

  it('sends at most one follow-up per lead per channel per local day', () => {
    const a = evaluateInstance(
      input({ lastSentOnChannel: { email: new Date('2026-12-02T07:00:00Z') } }),
    );
    expect(a).toMatchObject({
      event: {
        type: 'deferred',
        why: 'daily_channel_limit',
        until: new Date('2026-12-02T23:00:00Z'),
      },
    });
    expect(
      evaluateInstance(input({ lastSentOnChannel: { sms: new Date('2026-12-02T07:00:00Z') } }))
        .kind,
    ).toBe('send');
  });

  it('completes when no step is left', () => {
    expect(evaluateInstance(input({ state: { ...state, nextStep: 3 } }))).toMatchObject({
      event: { type: 'finished' },
    });
  });

  describe('lead_replied', () => {
    const replied = {
      ...state,
      status: 'paused' as const,
      pauseReason: 'lead_replied' as const,
      nextRunAt: null,
    };
    it('resumes when the conversation is quiet after OUR last message for the ghost period', () => {
      const a = evaluateInstance(
        input({
          state: replied,
          conversation: { lastInboundAt: days(9), lastOutboundAt: days(8) },
        }),
      );
      expect(a).toMatchObject({ event: { type: 'resume', cause: 'conversation_quiet' } });
    });
    it('stays paused inside the ghost period', () => {
      expect(
        evaluateInstance(
          input({
            state: replied,
            conversation: { lastInboundAt: days(9), lastOutboundAt: days(6) },
          }),
        ).kind,
      ).toBe('none');
    });
    it('stays paused while the last word is the lead’s (nobody answered yet)', () => {
      expect(
        evaluateInstance(
          input({
            state: replied,
            conversation: { lastInboundAt: days(20), lastOutboundAt: days(21) },
          }),
        ).kind,
      ).toBe('none');
    });
  });

  it('resumes an out-of-office or snoozed pause once its date has passed', () => {
    for (const reason of ['out_of_office', 'lead_snoozed'] as const) {
      const s = {
        ...state,
        status: 'paused' as const,
        pauseReason: reason,
        pausedUntil: days(0.01),
      };
      expect(evaluateInstance(input({ state: s }))).toMatchObject({ event: { type: 'resume' } });
      expect(evaluateInstance(input({ state: { ...s, pausedUntil: days(-1) } })).kind).toBe('none');
    }
  });

  it('leaves awaiting_approval and send_uncertain to a person', () => {
    for (const reason of ['awaiting_approval', 'send_uncertain'] as const) {
      expect(
        evaluateInstance(input({ state: { ...state, status: 'paused', pauseReason: reason } }))
          .kind,
      ).toBe('none');
    }
  });
});

import { z } from 'zod';
import { parseInput } from '../../admin/parse-input.ts';
import { enrolLeads, enrolSchema } from '../../followups/enrol-leads.ts';
import { firstEmailSentSchema, recordFirstEmailSent } from '../../followups/enrol-on-sent-event.ts';
import { actOnInstance, instanceHistory } from '../../followups/instance-actions.ts';
import { loadFollowupReport } from '../../followups/load-report.ts';
import {
  createSequence,
  getSequence,
  listSequences,
  updateSequence,
} from '../../followups/manage-sequences.ts';
import { createSequenceSchema, updateSequenceSchema } from '../../followups/sequence-input.ts';
import type { ApiRoute } from './api-route.ts';

const F = '/workspaces/:workspaceId/followups';
const S = `${F}/sequences`;

const reportQuerySchema = z.strictObject({
  /** Hours an approval may wait before the report calls it stuck. */
  approvalHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
});
const reasonSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
const optionalReasonSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});

/** Resume: after send_uncertain, whether the step reached the lead must be said. */
const resumeSchema = optionalReasonSchema.extend({
  delivered: z
    .boolean()
    .optional()
    .describe('required after send_uncertain: true records the step as sent, false sends it again'),
});

const exampleSequence = {
  campaignId: '00000000-0000-4000-8000-000000000000',
  name: 'Nudges',
  ghostDays: 7,
  steps: [
    {
      delay: '3 business days',
      channel: 'email',
      body: '{Hi|Hello} {{first_name}}, any thoughts on my note?',
    },
    {
      delay: '4 business days',
      channel: 'email',
      body: 'Last note from me, {{first_name|there}}.',
      needsApproval: true,
    },
  ],
};

/** Follow-up sequences, enrolment, one instance's history and actions, and the report. */
export const followupRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: S,
    operationId: 'listFollowupSequences',
    summary: 'Follow-up sequences of the workspace with their steps',
    tag: 'followups',
    role: 'reviewer',
    handler: async ({ deps, params }) => ({
      items: await listSequences(deps.database.db, params.workspaceId!),
    }),
  },
  {
    method: 'POST',
    path: S,
    operationId: 'createFollowupSequence',
    summary:
      'Create a sequence for a campaign: steps with delay, channel, template, approval (audited)',
    tag: 'followups',
    role: 'admin',
    body: createSequenceSchema,
    example: exampleSequence,
    status: 201,
    handler: ({ deps, params, actor, body }) =>
      createSequence(deps.database.db, { workspaceId: params.workspaceId!, actor }, body as never),
  },
  {
    method: 'GET',
    path: `${S}/:sequenceId`,
    operationId: 'getFollowupSequence',
    summary: 'One sequence with its steps',
    tag: 'followups',
    role: 'reviewer',
    handler: ({ deps, params }) =>
      getSequence(deps.database.db, params.workspaceId!, params.sequenceId!),
  },
  {
    method: 'PATCH',
    path: `${S}/:sequenceId`,
    operationId: 'updateFollowupSequence',
    summary:
      'Edit a sequence: name, ghost period, default out-of-office pause, or all its steps (audited)',
    tag: 'followups',
    role: 'admin',
    body: updateSequenceSchema,
    example: { ghostDays: 5 },
    handler: ({ deps, params, actor, body }) =>
      updateSequence(
        deps.database.db,
        { workspaceId: params.workspaceId!, sequenceId: params.sequenceId!, actor },
        body as never,
      ),
  },
  {
    method: 'POST',
    path: `${S}/:sequenceId/enrol`,
    operationId: 'enrolFollowupLeads',
    summary: 'Enrol leads (by id or email) or every unanswered lead of the campaign (audited)',
    tag: 'followups',
    role: 'admin',
    body: enrolSchema,
    example: { unanswered: true },
    handler: ({ deps, params, actor, body }) =>
      enrolLeads(
        deps.database.db,
        { workspaceId: params.workspaceId!, sequenceId: params.sequenceId!, actor, by: 'api' },
        body as never,
      ),
  },
  {
    method: 'POST',
    path: '/workspaces/:workspaceId/campaigns/:campaignId/first-email-sent',
    operationId: 'recordFirstEmailSent',
    summary:
      "The campaign's first email went to a lead: enrol the lead in the campaign's follow-up sequences (audited)",
    tag: 'followups',
    role: 'admin',
    body: firstEmailSentSchema,
    example: { leadEmail: 'jane@example.com', sentAt: '2026-12-01T09:00:00Z' },
    handler: ({ deps, params, actor, body }) =>
      recordFirstEmailSent(
        deps.database.db,
        { workspaceId: params.workspaceId!, campaignId: params.campaignId!, actor },
        body,
      ),
  },
  {
    method: 'GET',
    path: `${F}/report`,
    operationId: 'reportFollowups',
    summary:
      'Counts by status and pause reason with their meaning, and the stuck instances with a suggested action',
    tag: 'followups',
    role: 'reviewer',
    query: reportQuerySchema,
    handler: async ({ deps, params, query }) => {
      const q = parseInput(reportQuerySchema, query ?? {});
      const report = await loadFollowupReport(deps.database.db, {
        workspaceId: params.workspaceId!,
        approvalHours: q.approvalHours,
      });
      const byStatus = report.workspaces[0]?.byStatus ?? {
        active: 0,
        paused: 0,
        completed: 0,
        cancelled: 0,
      };
      return { ...report, byStatus };
    },
  },
  {
    method: 'GET',
    path: `${F}/:followupId`,
    operationId: 'getFollowup',
    summary: 'One follow-up instance: why it is where it is, and every transition with its cause',
    tag: 'followups',
    role: 'reviewer',
    handler: ({ deps, params }) =>
      instanceHistory(deps.database.db, params.workspaceId!, params.followupId!),
  },
  {
    method: 'POST',
    path: `${F}/:followupId/approve`,
    operationId: 'approveFollowup',
    summary: 'Approve the step a follow-up waits on (audited); it goes out at the next tick',
    tag: 'followups',
    role: 'reviewer',
    handler: ({ deps, params, actor }) =>
      actOnInstance(
        deps.database.db,
        { workspaceId: params.workspaceId!, instanceId: params.followupId!, actor },
        'approve',
      ),
  },
  {
    method: 'POST',
    path: `${F}/:followupId/resume`,
    operationId: 'resumeFollowup',
    summary: 'Resume a paused follow-up by hand, e.g. after checking an uncertain send (audited)',
    tag: 'followups',
    role: 'admin',
    body: resumeSchema,
    example: { reason: 'checked the mailbox: not sent', delivered: false },
    handler: ({ deps, params, actor, body }) =>
      actOnInstance(
        deps.database.db,
        { workspaceId: params.workspaceId!, instanceId: params.followupId!, actor },
        'resume',
        parseInput(resumeSchema, body ?? {}),
      ),
  },
  {
    method: 'POST',
    path: `${F}/:followupId/cancel`,
    operationId: 'cancelFollowup',
    summary: 'Cancel a follow-up for good (audited)',
    tag: 'followups',
    role: 'admin',
    body: reasonSchema,
    example: { reason: 'the lead asked by phone' },
    handler: ({ deps, params, actor, body }) =>
      actOnInstance(
        deps.database.db,
        { workspaceId: params.workspaceId!, instanceId: params.followupId!, actor },
        'cancel',
        parseInput(reasonSchema, body),
      ),
  },
];

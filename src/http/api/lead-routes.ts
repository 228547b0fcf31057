import { leadUpdateSchema, updateLead } from '../../admin/lead-settings.ts';
import {
  clearFlagSchema,
  clearLeadFlag,
  getLead,
  LEAD_FLAGS,
  type LeadFlag,
  leadListSchema,
  listLeads,
} from '../../admin/leads.ts';
import { auditQuerySchema, queryAudit } from '../../admin/record-audit.ts';
import { AutosendError } from '../../errors.ts';
import { forgetLead, forgetLeadSchema } from '../../privacy/forget-lead.ts';
import type { ApiRoute } from './api-route.ts';
import { auditPageSchema, forgetReportSchema, leadSchema, pageSchema } from './api-schemas.ts';

const L = '/workspaces/:workspaceId/leads';

/** Where forget finds the files the service wrote (the process's own settings). */
function forgetDeps(ctx: Parameters<ApiRoute['handler']>[0]) {
  const config = ctx.deps.config;
  return {
    db: ctx.deps.database.db,
    logger: ctx.deps.logger,
    outboxDir: config?.outboxDir ?? 'data/outbox',
    backfillLogDir: config?.backfill.logDir ?? 'logs',
  };
}

/** Leads and their flags, the audit trail, and erasure. */
export const leadRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: L,
    operationId: 'listLeads',
    summary: 'List leads, newest first (filter by email fragment or flagged)',
    tag: 'leads',
    role: 'reviewer',
    query: leadListSchema,
    response: pageSchema,
    handler: ({ deps, params, query }) =>
      listLeads(deps.database.db, params.workspaceId!, query as never),
  },
  {
    method: 'GET',
    path: `${L}/:leadId`,
    operationId: 'getLead',
    summary: 'Look up a lead by id or email, with its flags and their evidence',
    tag: 'leads',
    role: 'reviewer',
    response: leadSchema,
    handler: ({ deps, params }) => getLead(deps.database.db, params.workspaceId!, params.leadId!),
  },
  {
    method: 'PATCH',
    path: `${L}/:leadId`,
    operationId: 'updateLead',
    summary: "Set or correct a lead's time zone (null clears it); audited",
    tag: 'leads',
    role: 'admin',
    body: leadUpdateSchema,
    example: { timeZone: 'America/New_York' },
    response: leadSchema,
    handler: ({ deps, actor, params, body }) =>
      updateLead(
        deps.database.db,
        actor,
        { workspaceId: params.workspaceId!, leadIdOrEmail: params.leadId! },
        body as never,
      ),
  },
  {
    method: 'DELETE',
    path: `${L}/:leadId/flags/:flag`,
    operationId: 'clearLeadFlag',
    summary: 'Clear a flag (opted_out, bounced, booked) with the reason it was wrong',
    tag: 'leads',
    role: 'admin',
    body: clearFlagSchema,
    example: { reason: 'The lead wrote back asking to continue' },
    response: leadSchema,
    handler: ({ deps, actor, params, body }) => {
      const flag = params.flag as LeadFlag;
      if (!LEAD_FLAGS.includes(flag)) {
        throw new AutosendError(
          'not_found',
          `no flag ${params.flag} (use ${LEAD_FLAGS.join(', ')})`,
        );
      }
      return clearLeadFlag(
        deps.database.db,
        actor,
        { workspaceId: params.workspaceId!, leadIdOrEmail: params.leadId!, flag },
        body as never,
      );
    },
  },
  {
    // The address travels in the body, never in a URL that access logs keep.
    method: 'POST',
    path: `${L}/forget`,
    operationId: 'forgetLead',
    summary:
      "Erase a person's data in this workspace and suppress the address (dry run unless confirm is true); audited",
    tag: 'leads',
    role: 'admin',
    body: forgetLeadSchema,
    example: { email: 'anna@example.com' },
    response: forgetReportSchema,
    handler: (ctx) =>
      forgetLead(
        forgetDeps(ctx),
        { actor: ctx.actor, workspaceId: ctx.params.workspaceId! },
        ctx.body as never,
      ),
  },
  {
    method: 'POST',
    path: '/privacy/forget',
    operationId: 'forgetLeadEverywhere',
    summary:
      "Erase a person's data in every workspace and suppress the address everywhere (dry run unless confirm is true); audited",
    tag: 'leads',
    role: 'admin',
    agencyWide: true,
    body: forgetLeadSchema,
    example: { email: 'anna@example.com' },
    response: forgetReportSchema,
    handler: (ctx) =>
      forgetLead(forgetDeps(ctx), { actor: ctx.actor, workspaceId: null }, ctx.body as never),
  },
  {
    method: 'GET',
    path: '/audit',
    operationId: 'queryAudit',
    summary: 'Who changed what, when: settings, flags, secrets and tokens, newest first',
    tag: 'audit',
    role: 'reviewer',
    query: auditQuerySchema,
    response: auditPageSchema,
    handler: ({ deps, principal, query }) => {
      const q = (query ?? {}) as { workspaceId?: string };
      // A scoped token asking for another workspace learns nothing, as elsewhere.
      if (
        q.workspaceId &&
        principal.workspaceIds &&
        !principal.workspaceIds.includes(q.workspaceId)
      ) {
        throw new AutosendError('not_found', `workspace ${q.workspaceId} not found`);
      }
      return queryAudit(deps.database.db, query as never, principal.workspaceIds);
    },
  },
];

import type { Command } from 'commander';
import { findLeadWorkspace, updateLead } from '../admin/lead-settings.ts';
import {
  clearLeadFlag,
  getLead,
  LEAD_FLAGS,
  type LeadFlag,
  type LeadView,
} from '../admin/leads.ts';
import { runAdminCommand } from '../admin/run-admin-command.ts';
import { listWorkspaces } from '../admin/workspaces.ts';
import { ValidationError } from '../errors.ts';
import { type ForgetReport, forgetLead } from '../privacy/forget-lead.ts';

function describe(lead: LeadView): string {
  const head = `${lead.email}  ${lead.id}  time zone ${lead.timeZone ?? 'not set'}\n`;
  if (lead.flags.length === 0) return `${head}  no flags\n`;
  return (
    head +
    lead.flags
      .map(
        (f) =>
          `  ${f.flag} since ${f.at}: ${f.reason}\n` +
          f.evidence
            .map(
              (e) =>
                `    evidence: ${e.at} ${e.step}/${e.outcome} message ${e.messageId} "${e.excerpt.slice(0, 80)}"\n`,
            )
            .join(''),
      )
      .join('')
  );
}

/** The forget report as lines: the counts per table, files, what is left to do by hand. */
export function describeForget(r: ForgetReport): string {
  const where = r.scope === 'all' ? 'every workspace' : `workspace ${r.workspaceId}`;
  const head = r.dryRun
    ? `Dry run (nothing changed; add --yes to forget) in ${where}: would remove\n`
    : `Forgotten in ${where} (suppression ${r.suppression?.created ? 'added' : 'already there'}, sha256 ${r.addressHash}):\n`;
  const rows = Object.entries(r.counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `  ${table}: ${n}\n`)
    .join('');
  const f = r.files;
  const files = `  outbox files: ${f.outboxFilesRemoved}, backfill log lines: ${f.logLinesRemoved} in ${f.logFilesScrubbed} file(s)\n`;
  const left = [
    ...f.notScrubbed.map((n) => `  NOT scrubbed: ${n.path}: ${n.reason}\n`),
    ...(r.slackMessages.length
      ? [
          `  ${r.slackMessages.length} review message(s) stay in Slack; delete them there: ${r.slackMessages
            .map((m) => `${m.channel}/${m.ts}`)
            .join(', ')}\n`,
        ]
      : []),
  ].join('');
  return `${head}${rows || '  no rows: the address is not a lead here\n'}${files}${left}`;
}

/** `autosend lead show|set-time-zone|clear-flag|forget`. */
export function registerLeadCommand(program: Command): void {
  const lead = program
    .command('lead')
    .description('Look up leads, clear wrong flags, forget a person (GDPR erasure)');

  lead
    .command('show')
    .description('Show a lead with its flags (opted out, bounced, booked) and their evidence')
    .argument('<email-or-id>')
    .option('--workspace <id>', 'workspace id (found from the lead when it is in one workspace)')
    .option('--json', 'print one JSON document')
    .action((key: string, o: { workspace?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => {
          const workspaceId = o.workspace ?? (await findLeadWorkspace(db, key));
          const [workspace] = await listWorkspaces(db, [workspaceId]);
          return { ...(await getLead(db, workspaceId, key)), workspaceName: workspace?.name ?? '' };
        },
        (lead) => `${describe(lead)}  workspace ${lead.workspaceName}\n`,
      ),
    );

  lead
    .command('set-time-zone')
    .description(
      "Set or correct a lead's time zone (slots are offered and labelled in it); audited",
    )
    .argument('<email-or-id>')
    .argument('<zone>', 'IANA time zone such as America/New_York, or none to clear it')
    .option('--workspace <id>', 'workspace id (found from the lead when it is in one workspace)')
    .option('--json', 'print one JSON document')
    .action((key: string, zone: string, o: { workspace?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor }) =>
          updateLead(
            db,
            actor,
            { workspaceId: o.workspace ?? (await findLeadWorkspace(db, key)), leadIdOrEmail: key },
            { timeZone: zone === 'none' ? null : zone },
          ),
        (l) => `${l.email}: time zone ${l.timeZone ?? 'not set (the workspace zone is used)'}\n`,
      ),
    );

  lead
    .command('clear-flag')
    .description('Clear a flag with the reason it was wrong (audited)')
    .argument('<email-or-id>')
    .requiredOption('--workspace <id>', 'workspace id')
    .requiredOption('--flag <flag>', LEAD_FLAGS.join(', '))
    .requiredOption('--reason <text>', 'why the flag is wrong')
    .option('--json', 'print one JSON document')
    .action((key: string, o: { workspace: string; flag: string; reason: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor }) => {
          if (!LEAD_FLAGS.includes(o.flag as LeadFlag)) {
            throw new ValidationError('bad --flag', {
              flag: `must be one of ${LEAD_FLAGS.join(', ')}`,
            });
          }
          return clearLeadFlag(
            db,
            actor,
            { workspaceId: o.workspace, leadIdOrEmail: key, flag: o.flag as LeadFlag },
            { reason: o.reason },
          );
        },
        (l) => `cleared ${o.flag}\n${describe(l)}`,
      ),
    );

  lead
    .command('forget')
    .description(
      "Erase a person's data (messages, drafts, trail, follow-ups, outbox files, log lines) and suppress the address; dry run without --yes; audited",
    )
    .argument('<email>')
    .option(
      '--workspace <id>',
      'only this workspace (default: every workspace, suppressed everywhere)',
    )
    .option('--yes', 'really forget (without it, print what would be removed)')
    .option('--json', 'print one JSON document')
    .action((email: string, o: { workspace?: string; yes?: boolean; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor, config }) =>
          forgetLead(
            { db, outboxDir: config.outboxDir, backfillLogDir: config.backfill.logDir },
            { actor, workspaceId: o.workspace ?? null },
            { email, confirm: o.yes === true },
          ),
        describeForget,
      ),
    );
}

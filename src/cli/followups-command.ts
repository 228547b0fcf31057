import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { collect, runAdminCommand } from '../admin/run-admin-command.ts';
import { ValidationError } from '../errors.ts';
import { formatFollowupReport } from '../followups/build-report.ts';
import { enrolLeads } from '../followups/enrol-leads.ts';
import { makeFollowupTickHandler } from '../followups/followup-tick-job.ts';
import {
  actOnInstance,
  type InstanceAction,
  instanceHistory,
} from '../followups/instance-actions.ts';
import { loadFollowupReport } from '../followups/load-report.ts';
import {
  createSequence,
  getSequence,
  listSequences,
  type SequenceView,
  updateSequence,
} from '../followups/manage-sequences.ts';
import { createLogger } from '../logger.ts';

/** `--step "3bd|email|Hi {{first_name}}"`: delay, channel, then the body (which may hold more `|`). */
function parseStepOption(value: string, index: number) {
  const [delay, channel, ...rest] = value.split('|');
  if (!delay || !channel || rest.length === 0) {
    throw new ValidationError('bad --step', {
      [`steps.${index}`]:
        'use --step "<delay>|<channel>|<body>", e.g. "3bd|email|Hi {{first_name}}"',
    });
  }
  return { delay, channel, body: rest.join('|') };
}

async function stepsFrom(o: { step?: string[]; stepsFile?: string; approveStep?: string[] }) {
  let steps: Record<string, unknown>[] | undefined;
  if (o.stepsFile) {
    try {
      steps = JSON.parse(await readFile(o.stepsFile, 'utf8'));
    } catch (error) {
      throw new ValidationError('bad --steps-file', {
        stepsFile: `not a JSON array of steps: ${(error as Error).message}`,
      });
    }
  } else if (o.step?.length) {
    steps = o.step.map(parseStepOption);
  }
  for (const n of o.approveStep ?? []) {
    const step = steps?.[Number(n) - 1];
    if (!step) throw new ValidationError('bad --approve-step', { approveStep: `no step ${n}` });
    step['needsApproval'] = true;
  }
  return steps;
}

function describeSequence(s: SequenceView): string {
  const head = `${s.name}  ${s.id}\n  campaign ${s.campaignId ?? '(none)'}; ghost period ${s.ghostDays} days; out-of-office default ${s.oooDefaultDays} days\n`;
  return (
    head +
    s.steps
      .map(
        (st) =>
          `  ${st.position}. after ${st.delay} via ${st.channel}${st.needsApproval ? ' (needs approval)' : ''}: ${st.subject ? `[${st.subject}] ` : ''}${st.body.replace(/\s+/g, ' ').slice(0, 100)}\n`,
      )
      .join('')
  );
}

interface StepOptions {
  step?: string[];
  stepsFile?: string;
  approveStep?: string[];
  ghostDays?: string;
  oooDays?: string;
  name?: string;
  json?: boolean;
}

const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** `autosend followups sequence|enrol|show|approve|resume|cancel|tick|report`. */
export function registerFollowupsCommand(program: Command): void {
  const followups = program
    .command('followups')
    .description('Follow-up sequences: define, enrol, act, report');
  const sequence = followups
    .command('sequence')
    .description('Create, edit and list sequences (audited)');

  sequence
    .command('list')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--json', 'print one JSON document')
    .action((o: { workspace: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db }) => listSequences(db, o.workspace),
        (list) => list.map(describeSequence).join('\n') || 'No sequences.\n',
      ),
    );

  sequence
    .command('show')
    .argument('<sequence-id>')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { workspace: string; json?: boolean }) =>
      runAdminCommand(o, ({ db }) => getSequence(db, o.workspace, id), describeSequence),
    );

  const stepOptions = (c: Command) =>
    c
      .option(
        '--step <delay|channel|body>',
        'a step, in order (repeatable): "3bd|email|Hi {{first_name}}"',
        collect,
      )
      .option(
        '--steps-file <file>',
        'a JSON array of steps: { delay, channel, subject, body, needsApproval }',
      )
      .option('--approve-step <n>', 'step number that needs approval (repeatable)', collect)
      .option(
        '--ghost-days <n>',
        'days of quiet after our last message before a lead_replied pause resumes',
      )
      .option('--ooo-days <n>', 'pause for an out-of-office reply without a return date')
      .option('--json', 'print one JSON document');

  stepOptions(
    sequence
      .command('create')
      .description('Create a sequence for a campaign')
      .requiredOption('--workspace <id>', 'workspace id')
      .requiredOption('--campaign <id>', 'campaign id')
      .requiredOption('--name <name>', 'sequence name'),
  ).action((o: StepOptions & { workspace: string; campaign: string; name: string }) =>
    runAdminCommand(
      o,
      async ({ db, actor }) =>
        createSequence(
          db,
          { workspaceId: o.workspace, actor },
          {
            campaignId: o.campaign,
            name: o.name,
            steps: ((await stepsFrom(o)) ?? []) as never,
            ...(o.ghostDays ? { ghostDays: int(o.ghostDays) } : {}),
            ...(o.oooDays ? { oooDefaultDays: int(o.oooDays) } : {}),
          },
        ),
      describeSequence,
    ),
  );

  stepOptions(
    sequence
      .command('update')
      .description('Edit a sequence; --step/--steps-file replace every step')
      .argument('<sequence-id>')
      .requiredOption('--workspace <id>', 'workspace id')
      .option('--name <name>', 'new name'),
  ).action((id: string, o: StepOptions & { workspace: string }) =>
    runAdminCommand(
      o,
      async ({ db, actor }) => {
        const steps = await stepsFrom(o);
        return updateSequence(
          db,
          { workspaceId: o.workspace, sequenceId: id, actor },
          {
            ...(o.name ? { name: o.name } : {}),
            ...(steps ? { steps: steps as never } : {}),
            ...(o.ghostDays ? { ghostDays: int(o.ghostDays) } : {}),
            ...(o.oooDays ? { oooDefaultDays: int(o.oooDays) } : {}),
          },
        );
      },
      describeSequence,
    ),
  );

  followups
    .command('enrol')
    .description(
      'Enrol leads in a sequence: named ones, or every unanswered lead of its campaign (audited)',
    )
    .argument('<sequence-id>')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--lead <email-or-id>', 'a lead (repeatable)', collect)
    .option('--unanswered', 'every lead of the campaign whose last message is ours')
    .option('--json', 'print one JSON document')
    .action(
      (
        id: string,
        o: { workspace: string; lead?: string[]; unanswered?: boolean; json?: boolean },
      ) =>
        runAdminCommand(
          o,
          ({ db, actor }) =>
            enrolLeads(
              db,
              { workspaceId: o.workspace, sequenceId: id, actor, by: 'hand' },
              {
                ...(o.lead ? { leads: o.lead } : {}),
                ...(o.unanswered ? { unanswered: true } : {}),
              },
            ),
          (r) =>
            `enrolled ${r.enrolled}, already enrolled ${r.alreadyEnrolled}, skipped ${r.skipped.length}\n` +
            r.skipped.map((s) => `  skipped ${s.lead}: ${s.reason}\n`).join(''),
        ),
    );

  followups
    .command('show')
    .description('One follow-up: where it is, why, and every transition with its cause')
    .argument('<followup-id>')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { workspace: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db }) => instanceHistory(db, o.workspace, id),
        (h) =>
          `${h.leadEmail} in "${h.sequenceName}": ${h.pauseReason ? `paused: ${h.pauseReason}` : h.stopReason ? `${h.status}: ${h.stopReason}` : h.status}` +
          `${h.pausedUntil ? ` until ${h.pausedUntil}` : ''}; next step ${h.nextStep}${h.nextRunAt ? ` due ${h.nextRunAt}` : ''}\n` +
          (h.lastError ? `  last error: ${h.lastError}\n` : '') +
          h.history.map((t) => `  ${t.at}  ${t.from} → ${t.to}  (${t.cause})\n`).join(''),
      ),
    );

  for (const [action, description] of [
    ['approve', 'Approve the step a follow-up waits on'],
    ['resume', 'Resume a paused follow-up by hand (e.g. after checking an uncertain send)'],
    ['cancel', 'Cancel a follow-up for good'],
  ] as [InstanceAction, string][]) {
    const command = followups
      .command(action)
      .description(`${description} (audited)`)
      .argument('<followup-id>')
      .requiredOption('--workspace <id>', 'workspace id')
      .option('--reason <text>', action === 'cancel' ? 'why (required)' : 'why');
    if (action === 'resume') {
      command
        .option(
          '--delivered',
          'after send_uncertain: the step DID reach the lead (recorded, not sent again)',
        )
        .option(
          '--not-delivered',
          'after send_uncertain: the step did NOT reach the lead (sent again)',
        );
    }
    command.option('--json', 'print one JSON document').action(
      (
        id: string,
        o: {
          workspace: string;
          reason?: string;
          delivered?: boolean;
          notDelivered?: boolean;
          json?: boolean;
        },
      ) =>
        runAdminCommand(
          o,
          ({ db, actor }) => {
            if (action === 'cancel' && !o.reason?.trim())
              throw new ValidationError('missing --reason', { reason: 'say why' });
            if (o.delivered && o.notDelivered)
              throw new ValidationError('give --delivered or --not-delivered, not both', {
                delivered: 'one of the two',
              });
            const delivered = o.delivered ? true : o.notDelivered ? false : undefined;
            return actOnInstance(db, { workspaceId: o.workspace, instanceId: id, actor }, action, {
              ...(o.reason ? { reason: o.reason } : {}),
              ...(delivered !== undefined ? { delivered } : {}),
            });
          },
          (r) => `${r.id}: ${r.reason ? `${r.status}: ${r.reason}` : r.status} (${r.cause})\n`,
        ),
    );
  }

  followups
    .command('tick')
    .description('Run one followup.tick now (what the worker does every minute)')
    .option('--workspace <id>', 'only this workspace')
    .option('--json', 'print one JSON document')
    .action((o: { workspace?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, config }) =>
          makeFollowupTickHandler({ db, config, logger: createLogger('warn', process.stderr) })(
            o.workspace ? { workspaceId: o.workspace } : {},
          ),
        (r) =>
          `looked at ${r.looked}: ${
            Object.entries(r.outcomes)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || 'nothing to do'
          }\n`,
      ),
    );

  followups
    .command('report')
    .description(
      'Counts by status and pause reason, and the stuck ones (exit 1 when there are anomalies)',
    )
    .option('--workspace <id>', 'only this workspace')
    .option('--approval-hours <n>', 'hours an approval may wait before it counts as stuck', '24')
    .option('--json', 'print one JSON document')
    .action((o: { workspace?: string; approvalHours: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => {
          const hours = Number(o.approvalHours);
          if (!Number.isInteger(hours) || hours < 1) {
            throw new ValidationError('bad --approval-hours', {
              approvalHours: 'a whole number of hours, at least 1',
            });
          }
          const report = await loadFollowupReport(db, {
            ...(o.workspace ? { workspaceId: o.workspace } : {}),
            approvalHours: hours,
          });
          if (!report.ok) process.exitCode = 1;
          return report;
        },
        formatFollowupReport,
      ),
    );
}

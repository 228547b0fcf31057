import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CampaignSettings, reviewerFromText } from '../admin/campaign-settings.ts';
import {
  type CampaignView,
  findCampaignWorkspace,
  listCampaigns,
  updateCampaign,
} from '../admin/campaigns.ts';
import { createCampaign } from '../admin/create-campaign.ts';
import { collect, runAdminCommand } from '../admin/run-admin-command.ts';
import { listWorkspaces } from '../admin/workspaces.ts';
import { findOfflineAutoSendWarning } from '../ai/offline-auto-send-probe.ts';
import { countWaitingReplies, waitingRepliesLine } from '../backfill/count-waiting-replies.ts';
import { ValidationError } from '../errors.ts';
import { registerCalibrationCommands } from './calibrate-command.ts';

interface SetOptions {
  workspace?: string;
  name?: string;
  mode?: string;
  gate?: string;
  targetPrecision?: string;
  delay?: string;
  reviewer?: string[];
  noReviewers?: boolean;
  bookingLink?: string;
  availabilitySource?: string;
  sendingHours?: string;
  dailyCap?: string;
  knowledge?: string;
  knowledgeFile?: string;
  senderName?: string;
  senderEmail?: string;
  signature?: string;
  json?: boolean;
}

const NONE = new Set(['none', 'any', 'off', '']);
const num = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : v);

/** Turns command-line options into the settings the API takes; the service validates them. */
async function settingsFrom(o: SetOptions): Promise<Record<string, unknown>> {
  const s: Record<string, unknown> = {};
  if (o.name !== undefined) s.name = o.name;
  if (o.mode !== undefined) s.responseMode = o.mode.toUpperCase();
  if (o.gate !== undefined) s.confidenceGate = num(o.gate.replace(/%$/, ''));
  if (o.targetPrecision !== undefined) {
    s.targetPrecision = num(o.targetPrecision.replace(/%$/, ''));
  }
  if (o.delay !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(o.delay.trim());
    if (!m)
      throw new ValidationError('bad --delay', { delay: 'must be MIN-MAX seconds, e.g. 180-420' });
    s.sendDelayMinSeconds = Number(m[1]);
    s.sendDelayMaxSeconds = Number(m[2]);
  }
  if (o.noReviewers) s.reviewers = [];
  if (o.reviewer) {
    s.reviewers = o.reviewer.map((text) => {
      const reviewer = reviewerFromText(text);
      if (!reviewer) {
        throw new ValidationError('bad --reviewer', {
          reviewer: `${text} is not an email, a Slack member id (U…) or a channel (#name, C…)`,
        });
      }
      return reviewer;
    });
  }
  if (o.bookingLink !== undefined) s.bookingLink = NONE.has(o.bookingLink) ? null : o.bookingLink;
  if (o.availabilitySource !== undefined) {
    s.availabilitySource = o.availabilitySource === 'workspace' ? null : o.availabilitySource;
  }
  if (o.sendingHours !== undefined)
    s.sendingHours = NONE.has(o.sendingHours) ? null : o.sendingHours;
  if (o.dailyCap !== undefined) s.dailyAutoSendCap = NONE.has(o.dailyCap) ? null : num(o.dailyCap);
  if (o.knowledge !== undefined) s.knowledge = o.knowledge;
  if (o.knowledgeFile !== undefined) s.knowledge = await readFile(o.knowledgeFile, 'utf8');
  if (o.senderName !== undefined) s.senderName = NONE.has(o.senderName) ? null : o.senderName;
  if (o.senderEmail !== undefined) s.senderEmail = NONE.has(o.senderEmail) ? null : o.senderEmail;
  if (o.signature !== undefined) s.signature = o.signature;
  return s;
}

function line(c: CampaignView): string {
  const state = c.configuredAt ? c.responseMode : 'NEW (not configured; MANUAL)';
  const hours = c.sendingHours ?? 'any time';
  const reviewers = c.reviewers.map((r) => r.target).join(', ') || 'none';
  return (
    `${c.id}  ${c.name}  [${c.platform} ${c.externalId}]\n` +
    `  ${state}, gate ${c.confidenceGate}%${c.breaker.open ? ' (BREAKER OPEN: all to review)' : ''}, delay ${c.sendDelayMinSeconds}-${c.sendDelayMaxSeconds}s, ` +
    `hours ${hours}, cap ${c.dailyAutoSendCap ?? 'none'}, reviewers ${reviewers}\n`
  );
}

/** The settings options `campaign create` and `campaign set` share. */
function withSettingOptions(command: Command): Command {
  return command
    .option('--mode <mode>', 'MANUAL or AI_AUTO_SEND')
    .option('--gate <percent>', 'confidence gate, 0-100 (e.g. 85)')
    .option(
      '--target-precision <percent>',
      'approved-as-is share calibration must prove, 50-100 (default 95)',
    )
    .option('--delay <min-max>', 'send delay window in seconds, e.g. 180-420')
    .option(
      '--reviewer <target>',
      'reviewer (email, Slack member id, #channel); repeat; replaces the list',
      collect,
    )
    .option('--no-reviewers', 'remove every reviewer')
    .option('--booking-link <url>', 'booking link, or none')
    .option('--availability-source <source>', 'weekly_hours, calendly, calcom, ghl, or workspace')
    .option('--sending-hours <HH:MM-HH:MM>', 'local sending hours, or any')
    .option('--daily-cap <n>', 'daily auto-send cap, or none')
    .option('--knowledge <text>', 'what the campaign offers (drafts only quote this)')
    .option('--knowledge-file <path>', 'read the knowledge from a file')
    .option('--sender-name <name>')
    .option('--sender-email <email>')
    .option('--signature <text>')
    .option('--json', 'print one JSON document');
}

/** `autosend campaign list|create|set`. */
export function registerCampaignCommand(program: Command): void {
  const campaign = program.command('campaign').description('List, create and change campaigns');

  campaign
    .command('list')
    .description('List campaigns; new ones discovered from webhooks (not configured) first')
    .option('--workspace <id>', 'only this workspace')
    .option('--json', 'print one JSON document')
    .action((o: { workspace?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => {
          const spaces = await listWorkspaces(db, o.workspace ? [o.workspace] : undefined);
          if (o.workspace && spaces.length === 0) {
            throw new ValidationError(`workspace ${o.workspace} not found`, {
              workspace: 'not found',
            });
          }
          const named = await Promise.all(
            spaces.map(async (w) =>
              (await listCampaigns(db, w.id)).map((c) => ({ ...c, workspaceName: w.name })),
            ),
          );
          const items = named.flat();
          items.sort((a, b) => Number(a.configuredAt !== null) - Number(b.configuredAt !== null));
          return { items };
        },
        ({ items }) =>
          items.length
            ? items.map((c) => `${line(c)}  workspace ${c.workspaceName}\n`).join('')
            : 'no campaigns yet\n',
      ),
    );

  campaign
    .command('create')
    .description(
      'Create a campaign before its first webhook: the platform, its campaign id, a name and settings (configured at once; audited)',
    )
    .requiredOption('--workspace <id>', 'workspace id')
    .requiredOption('--platform <platform>', 'generic, smartlead, instantly or emailbison')
    .requiredOption('--external-id <id>', "the platform's campaign id, as its webhooks carry it")
    .requiredOption('--name <name>');
  withSettingOptions(campaign.commands.at(-1)!).action(
    (o: SetOptions & { platform: string; externalId: string; reviewers?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor }) => {
          const settings = await settingsFrom({ ...o, noReviewers: o.reviewers === false });
          return createCampaign(db, actor, o.workspace!, {
            ...(settings as Record<string, never>),
            platform: o.platform as 'generic',
            externalId: o.externalId,
            name: o.name!,
          });
        },
        (c) => `created\n${line(c)}`,
      ),
  );

  registerCalibrationCommands(campaign);

  const set = campaign
    .command('set')
    .description('Change settings of a campaign (marks it configured; audited)')
    .argument('<id>', 'campaign id')
    .option('--workspace <id>', 'the campaign’s workspace (found from the campaign when omitted)')
    .option('--name <name>');
  withSettingOptions(set).action((id: string, o: SetOptions & { reviewers?: boolean }) =>
    runAdminCommand(
      o,
      async ({ db, actor, config }) => {
        // Commander turns --no-reviewers into reviewers: false.
        const settings = await settingsFrom({ ...o, noReviewers: o.reviewers === false });
        const workspaceId = o.workspace ?? (await findCampaignWorkspace(db, id));
        const view = await updateCampaign(
          db,
          actor,
          { workspaceId, campaignId: id },
          settings as CampaignSettings,
        );
        const warning = await findOfflineAutoSendWarning(db, config);
        if (warning) process.stderr.write(`warning: ${warning}\n`);
        return {
          ...view,
          waitingReplies: await countWaitingReplies(db, { workspaceId, campaignId: id }),
        };
      },
      (c) => `updated\n${line(c)}${waitingRepliesLine(c.waitingReplies, c.responseMode)}`,
    ),
  );
}

import type { Command } from 'commander';
import { queryAudit } from '../admin/record-audit.ts';
import { runAdminCommand } from '../admin/run-admin-command.ts';

/** `autosend audit [--workspace ID]`: who changed what, when. */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('Show the audit trail (settings, flags, secrets, tokens), newest first')
    .option('--workspace <id>', 'only this workspace')
    .option('--limit <n>', 'rows (default 50, at most 500)')
    .option('--json', 'print one JSON document')
    .action((o: { workspace?: string; limit?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db }) =>
          queryAudit(db, {
            ...(o.workspace ? { workspaceId: o.workspace } : {}),
            ...(o.limit ? { limit: o.limit as unknown as number } : {}),
          }),
        ({ items }) =>
          items
            .map(
              (r) =>
                `${r.at}  ${r.actor}  ${r.action} ${r.entityType} ${r.entityId ?? ''}\n` +
                `  before: ${JSON.stringify(r.before)}\n  after:  ${JSON.stringify(r.after)}\n`,
            )
            .join('') || 'no audit entries\n',
      ),
    );
}

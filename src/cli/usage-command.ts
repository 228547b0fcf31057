import type { Command } from 'commander';
import { runAdminCommand } from '../admin/run-admin-command.ts';
import { summariseTokenUsage } from '../admin/summarise-token-usage.ts';

/** `autosend usage [--workspace ID] [--days N] [--json]`: model tokens per campaign and day. */
export function registerUsageCommand(program: Command): void {
  program
    .command('usage')
    .description('Model token usage per campaign, UTC day and model, from the decision trail')
    .option('--workspace <id>', 'only this workspace')
    .option('--days <n>', 'how many days back (default 30)')
    .option('--json', 'print one JSON document')
    .action((o: { workspace?: string; days?: string; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db }) =>
          summariseTokenUsage(db, {
            ...(o.workspace ? { workspaceId: o.workspace } : {}),
            query: o.days ? { days: o.days } : {},
            now: new Date(),
          }),
        ({ items, totals, days }) =>
          items.length === 0
            ? `no model calls in the last ${days} days\n`
            : `${items
                .map(
                  (r) =>
                    `${r.day}  ${r.campaign ?? '(no campaign)'}  ${r.model}  ${r.calls} calls  ${r.promptTokens} prompt + ${r.completionTokens} completion tokens\n`,
                )
                .join(
                  '',
                )}total (${days} days): ${totals.calls} calls, ${totals.promptTokens} prompt + ${totals.completionTokens} completion tokens\n`,
      ),
    );
}

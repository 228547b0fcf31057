import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { listReviews } from '../admin/list-activity.ts';
import { listWorkspaces } from '../admin/workspaces.ts';
import { REJECT_REASONS } from '../calibration/review-outcome.ts';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { approveReview, rejectReview } from '../review/review-actions.ts';
import { type CommandContext, runCommand } from './run-command.ts';

const actor = () => `cli:${os.userInfo().username}`;

/** Opens the database and queue for a review action, closing both afterwards. */
async function withReviewDeps<T>(
  ctx: CommandContext,
  body: (deps: Parameters<typeof approveReview>[0]) => Promise<T>,
): Promise<T> {
  const runtime = await openDatabaseRuntime(ctx.config, ctx.logger);
  try {
    const queue = await startJobQueue(runtime.url, ctx.logger, {
      schedule: false,
      supervise: false,
    });
    try {
      return await body({ db: runtime.database.db, queue, config: ctx.config, logger: ctx.logger });
    } finally {
      await queue.stop({ graceful: false });
    }
  } finally {
    await runtime.close();
  }
}

export function registerReviewCommand(program: Command): void {
  const review = program
    .command('review')
    .description('The review queue: drafts held for a human.');

  review
    .command('list')
    .description('List review requests, newest first (open ones by default).')
    .option('--workspace <id>', 'limit to one workspace')
    .option('--status <status>', 'open | approved | rejected | superseded', 'open')
    .option('--limit <n>', 'rows per page (1-200)', '100')
    .option('--cursor <cursor>', 'the next page: the cursor the previous page printed')
    .option('--json', 'print one JSON document')
    .action(
      (options: {
        workspace?: string;
        status: 'open';
        limit: string;
        cursor?: string;
        json?: boolean;
      }) =>
        runCommand(
          async ({ config, logger }) => {
            const runtime = await openDatabaseRuntime(config, logger);
            try {
              const listed = await listReviews(runtime.database.db, options.workspace, {
                status: options.status,
                limit: options.limit,
                ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
              });
              // stdout stays one document (the list); the way on goes to stderr.
              const more = listed.nextCursor
                ? `more: autosend review list --status ${options.status}${options.workspace ? ` --workspace ${options.workspace}` : ''} --limit ${options.limit} --cursor ${listed.nextCursor}\n`
                : '';
              // The agency-wide list spans workspaces: name each one.
              const names = new Map(
                (await listWorkspaces(runtime.database.db)).map((w) => [w.id, w.name]),
              );
              const items = listed.items.map((i) => ({
                ...i,
                workspaceName: names.get(i.workspaceId) ?? i.workspaceId,
              }));
              if (options.json) {
                process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
                process.stderr.write(more);
                return;
              }
              if (!items.length) process.stdout.write(`no ${options.status} reviews\n`);
              const excerpt = (s: string | null) =>
                (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
              for (const i of items) {
                const score = i.confidence == null ? '?' : `${Math.round(i.confidence * 100)}%`;
                process.stdout.write(
                  i.kind === 'followup'
                    ? `${i.id}  ${i.status}  ${i.reason}  ${i.leadEmail}  [${i.workspaceName}]\n    follow-up: step ${i.followupStep} of ${i.followupInstanceId}\n    text: ${excerpt(i.body)}\n`
                    : `${i.id}  ${i.status}  ${i.reason}  ${score}  ${i.leadEmail}  [${i.workspaceName}]\n    reply: ${excerpt(i.inboundText)}\n    draft: ${excerpt(i.body)}\n`,
                );
              }
              process.stdout.write(more);
            } finally {
              await runtime.close();
            }
          },
          { uses: [] },
        ),
    );

  review
    .command('approve')
    .description('Approve a held draft and send it now (re-checks the lead flags).')
    .argument('<review-id>')
    .option('--edit <file>', 'replace the draft body with the text of FILE before sending')
    .option('--json', 'print one JSON document')
    .action((id: string, options: { edit?: string; json?: boolean }) =>
      runCommand(async (ctx) => {
        const editedBody = options.edit ? await readFile(options.edit, 'utf8') : undefined;
        const result = await withReviewDeps(ctx, (deps) =>
          approveReview(deps, {
            reviewRequestId: id,
            actor: actor(),
            ...(editedBody !== undefined ? { editedBody } : {}),
          }),
        );
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ reviewId: id, status: 'approved', ...result })}\n`
            : result.followupInstanceId
              ? `approved ${id}: follow-up ${result.followupInstanceId} sends on the next tick (within sending hours)\n`
              : `approved ${id}: draft ${result.draftId} queued to send at ${result.sendAfter.toISOString()}\n`,
        );
      }),
    );

  review
    .command('reject')
    .description('Reject a held draft: it will never be sent.')
    .argument('<review-id>')
    .option('--reason <reason>', `why, one of: ${REJECT_REASONS.join(', ')} (default other)`)
    .option('--note <text>', 'why, in your words, for the trail')
    .option('--json', 'print one JSON document')
    .action((id: string, options: { note?: string; reason?: string; json?: boolean }) =>
      runCommand(async (ctx) => {
        await withReviewDeps(ctx, (deps) =>
          rejectReview(deps, {
            reviewRequestId: id,
            actor: actor(),
            ...(options.note ? { note: options.note } : {}),
            ...(options.reason ? { reason: options.reason } : {}),
          }),
        );
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ reviewId: id, status: 'rejected' })}\n`
            : `rejected ${id}\n`,
        );
      }),
    );
}

import type { Command } from 'commander';
import { openDatabaseRuntime } from '../database-runtime.ts';
import { describeAiFailure, type ExplainReport, explainReply } from '../explain/explain-reply.ts';
import { runCommand } from './run-command.ts';

function detailText(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  const entries = Object.entries(detail as Record<string, unknown>).filter(
    ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
  );
  return entries
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
    .slice(0, 220);
}

/** Human-readable trail of one reply. */
export function formatExplainReport(r: ExplainReport): string {
  const lines = [
    `Reply ${r.message.id} from ${r.message.from} (lead ${r.message.lead}), campaign ${r.message.campaign ?? '(none)'}, received ${r.message.receivedAt}`,
    `  "${r.message.excerpt}"`,
    `Verdict: ${r.verdict}`,
    `Status: ${r.status}`,
    'Trail:',
    ...r.events.map(
      (e) =>
        `  ${e.at}  ${e.step.padEnd(12)} ${e.outcome}${e.reason ? ` (${e.reason})` : ''}  ${detailText(e.detail)}`,
    ),
  ];
  for (const d of r.drafts) {
    const score = d.confidence == null ? '?' : `${Math.round(d.confidence * 100)}%`;
    lines.push(
      d.aiFailure
        ? `Draft v${d.version} ${d.id}: ${d.status}, no score: ${describeAiFailure(d.aiFailure)}`
        : `Draft v${d.version} ${d.id}: ${d.status}, confidence ${score} vs gate ${d.gate ?? '?'}%${d.evaluatorReason ? ` — ${d.evaluatorReason}` : ''}`,
    );
  }
  for (const v of r.reviews) {
    lines.push(
      `Review ${v.id}: ${v.status} (${v.reason})${v.decidedBy ? ` by ${v.decidedBy} at ${v.decidedAt}` : ''}`,
    );
  }
  for (const n of r.notifications) {
    lines.push(
      `Slack ${n.ok ? 'ok' : 'FAILED'} → ${n.target} via ${n.method} at ${n.at}${n.errorCode ? `: ${n.errorCode}` : ''}${n.neededScopes ? ` (needed ${n.neededScopes}; token has ${n.providedScopes ?? 'none'})` : ''}`,
    );
  }
  for (const s of r.sends) {
    lines.push(
      `Send ${s.status} via ${s.sender} at ${s.at}${s.providerMessageId ? ` ${s.providerMessageId}` : ''}${s.error ? `: ${s.error}` : ''}`,
    );
  }
  return lines.join('\n');
}

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description(
      'Explain every decision about a reply: gates, category, draft, confidence vs gate, guards, decision, send or review state, Slack notifications.',
    )
    .argument(
      '<message-or-email>',
      'message id, provider message id, Message-ID, or a lead email (all their replies)',
    )
    .option('--workspace <id>', 'limit to one workspace')
    .option(
      '--json',
      'print one JSON document, always {"replies":[...]} (one entry per reply) with status, draft body and ISO slots',
    )
    .action((key: string, options: { workspace?: string; json?: boolean }) =>
      runCommand(
        async ({ config, logger }) => {
          const runtime = await openDatabaseRuntime(config, logger);
          try {
            const reports = await explainReply(runtime.database.db, {
              messageIdOrLeadEmail: key,
              ...(options.workspace ? { workspaceId: options.workspace } : {}),
            });
            process.stdout.write(
              options.json
                ? `${JSON.stringify({ replies: reports }, null, 2)}\n`
                : `${reports.map(formatExplainReport).join('\n\n')}\n`,
            );
          } finally {
            await runtime.close();
          }
        },
        { uses: [] },
      ),
    );
}

import { desc, eq, sql } from 'drizzle-orm';
import { makeOfflineProvider } from '../../src/ai/offline-provider.ts';
import type { OfferedSlot } from '../../src/ai/provider.ts';
import type { Config } from '../../src/config/load-config.ts';
import type { Db } from '../../src/db/client.ts';
import { drafts, messages } from '../../src/db/schema.ts';
import { explainReply } from '../../src/explain/explain-reply.ts';
import { inboundReplySchema } from '../../src/ingest/inbound-reply.ts';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import type { Logger } from '../../src/logger.ts';
import { makePipelineDeps } from '../../src/pipeline/make-inbound-handler.ts';
import { type ProcessOutcome, processInbound } from '../../src/pipeline/process-inbound.ts';
import { makeReplySendHandler, type SendOutcome } from '../../src/sending/send-reply.ts';
import type { InboundMessage, OutboundMessage, Scenario } from './scenario.ts';
import type { ScenarioWorld } from './setup-scenario.ts';

/** What happened to one inbound reply, as the pipeline and `explain` tell it. */
export interface InboundObservation {
  id: string;
  messageId: string;
  receivedAt: Date;
  processedAt: Date;
  /** `skip:auto_reply`, `review:kill_switch`, `send:confidence_met`, `failed:<code>`. */
  outcome: string;
  /** The same, read back from explainReply's verdict. */
  verdict: string;
  verdictLine: string;
  /** The review request's reason, for review outcomes. */
  reviewReason: string | null;
  draftBody: string | null;
  slots: OfferedSlot[];
}

export interface SendObservation {
  draftId: string;
  at: Date;
  outcome: SendOutcome;
}

export interface ReplayResult {
  inbound: InboundObservation[];
  sends: SendObservation[];
}

export interface ReplayEnv {
  db: Db;
  queue: JobQueue;
  logger: Logger;
  config: Config;
}

const PROCESS_LAG_MS = 5_000;
/** A runaway loop (a send re-enqueued forever) fails the scenario instead of hanging. */
const MAX_STEPS = 200;

function outcomeLabel(o: ProcessOutcome): string {
  switch (o.outcome) {
    case 'skipped':
      return `skip:${o.reason}`;
    case 'send':
      return 'send:confidence_met';
    case 'review':
      return `review:${o.reason}`;
    case 'failed':
      return `failed:${o.code}`;
    default:
      return o.outcome;
  }
}

/** Reads the decision back from explain's one-line verdict (and the trail for sends). */
function verdictLabel(
  verdict: string,
  events: { step: string; outcome: string; reason: string | null }[],
): string {
  const skipped = /^Skipped: (\w+)/.exec(verdict);
  if (skipped) return `skip:${skipped[1]}`;
  const held = /^Held for review: (\w+)/.exec(verdict);
  if (held) return `review:${held[1]}`;
  if (/^Scheduled to send at /.test(verdict)) {
    const decide = events.findLast((e) => e.step === 'decide' && e.outcome === 'send');
    return `send:${decide?.reason ?? '?'}`;
  }
  return `unrecognised:${verdict}`;
}

/**
 * Replays a scenario's timeline on a simulated clock: messages are stored at
 * their time, each inbound is processed `processAt` (default 5 s later), and
 * every reply.send job the pipeline wrote runs at its own start time, in time
 * order with the rest, until nothing is due any more.
 */
export async function replayScenario(
  env: ReplayEnv,
  scenario: Scenario,
  world: ScenarioWorld,
): Promise<ReplayResult> {
  const { db } = env;
  const result: ReplayResult = { inbound: [], sends: [] };
  const lastRfcId: string[] = [world.rootMessageId];
  const openingSubject =
    scenario.timeline.find((e): e is OutboundMessage => e.kind === 'outbound')?.subject ??
    'Quick question';
  type Action = { at: Date; order: number; run: () => Promise<void> };
  const actions: Action[] = [];
  scenario.timeline.forEach((entry, index) => {
    const at = new Date(entry.at);
    if (entry.kind === 'outbound') {
      actions.push({ at, order: index, run: () => storeOutbound(entry, at, index) });
      return;
    }
    const processAt = entry.processAt
      ? new Date(entry.processAt)
      : new Date(at.getTime() + PROCESS_LAG_MS);
    const stored: { messageId?: string } = {};
    actions.push({
      at,
      order: index,
      run: async () => {
        stored.messageId = await storeInbound(entry, at, index);
      },
    });
    actions.push({
      at: processAt,
      order: index + 0.5,
      run: () => processOne(entry, stored.messageId!, at, processAt),
    });
  });
  actions.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);

  const handled = new Set<string>();
  let clock = new Date(0);
  for (let step = 0; ; step++) {
    if (step > MAX_STEPS)
      throw new Error(`scenario ${scenario.name}: more than ${MAX_STEPS} steps`);
    const job = await nextSendJob(handled);
    const action = actions[0];
    if (job && (!action || job.startAfter <= action.at)) {
      handled.add(job.id);
      clock = new Date(Math.max(job.startAfter.getTime(), clock.getTime()));
      const at = clock;
      const send = makeReplySendHandler({ ...env, now: () => at });
      result.sends.push({
        draftId: job.draftId,
        at,
        outcome: await send({ draftId: job.draftId }),
      });
    } else if (action) {
      actions.shift();
      clock = action.at;
      await action.run();
    } else {
      break;
    }
  }
  return result;

  async function storeOutbound(entry: OutboundMessage, at: Date, index: number) {
    // The first message of the thread is our opening email: its Message-ID is the thread key.
    const isOpening = index === 0;
    const rfcId = isOpening ? world.rootMessageId : `<${entry.id}.${world.rootMessageId.slice(1)}`;
    await db.insert(messages).values({
      workspaceId: world.workspaceId,
      leadId: world.leadId,
      campaignId: world.campaignId,
      direction: 'outbound',
      source: world.campaign.platform,
      providerMessageId: `${world.rootMessageId}:${entry.id}`,
      rfcMessageId: rfcId,
      inReplyTo: lastRfcId.at(-1) ?? null,
      references: [...lastRfcId],
      threadKey: world.rootMessageId,
      fromEmail: world.campaign.sender.email,
      fromName: world.campaign.sender.name,
      toEmails: [scenario.lead.email],
      subject: entry.subject ?? `Re: ${openingSubject}`,
      text: entry.text,
      occurredAt: at,
    });
    if (!isOpening) lastRfcId.push(rfcId);
  }

  async function storeInbound(entry: InboundMessage, at: Date, index: number) {
    const { lead } = scenario;
    const rfcId = `<${entry.id}.${index}.${world.rootMessageId.slice(1)}`;
    const reply = inboundReplySchema.parse({
      source: entry.source ?? world.campaign.platform,
      providerMessageId: `${world.rootMessageId}:${entry.id}`,
      campaign: { externalId: world.campaign.externalId, name: world.campaign.name },
      lead: {
        email: lead.email,
        ...(lead.firstName ? { firstName: lead.firstName } : {}),
        ...(lead.lastName ? { lastName: lead.lastName } : {}),
        ...(lead.company ? { company: lead.company } : {}),
        ...(lead.timeZone ? { timeZone: lead.timeZone } : {}),
      },
      from: entry.from ?? {
        email: lead.email,
        ...(lead.firstName ? { name: `${lead.firstName} ${lead.lastName ?? ''}`.trim() } : {}),
      },
      mailbox: world.campaign.sender.email,
      to: entry.to ?? [world.campaign.sender.email],
      cc: entry.cc ?? [],
      subject: entry.subject ?? `Re: ${openingSubject}`,
      text: entry.text,
      receivedAt: at,
      rfcMessageId: rfcId,
      inReplyTo: lastRfcId.at(-1),
      references: [...lastRfcId],
      threadKey: world.rootMessageId,
      headers: entry.headers ?? {},
      platformFlags: entry.platformFlags ?? {},
    });
    lastRfcId.push(rfcId);
    const stored = await storeInboundReply({ db, queue: env.queue }, world.workspaceId, reply);
    if (stored.status !== 'created')
      throw new Error(`${entry.id} was not stored: ${stored.status}`);
    return stored.messageId;
  }

  async function processOne(entry: InboundMessage, messageId: string, at: Date, now: Date) {
    const deps = makePipelineDeps({
      ...env,
      ai: makeOfflineProvider(),
      now: () => now,
    });
    const outcome = await processInbound(deps, messageId);
    const [report] = await explainReply(db, {
      workspaceId: world.workspaceId,
      messageIdOrLeadEmail: messageId,
    });
    const [draft] = await db
      .select()
      .from(drafts)
      .where(eq(drafts.messageId, messageId))
      .orderBy(desc(drafts.version))
      .limit(1);
    result.inbound.push({
      id: entry.id,
      messageId,
      receivedAt: at,
      processedAt: now,
      outcome: outcomeLabel(outcome),
      verdict: verdictLabel(report!.verdict, report!.events),
      verdictLine: report!.verdict,
      reviewReason: report!.reviews[0]?.reason ?? null,
      draftBody: draft?.body ?? null,
      slots: (draft?.offeredSlots as OfferedSlot[] | undefined) ?? [],
    });
  }

  /** The earliest reply.send job of this workspace not yet run (pg-boss's own table). */
  async function nextSendJob(done: Set<string>) {
    const rows = await db.execute<{ id: string; draft_id: string; start_after: Date }>(sql`
      select j.id, j.data->>'draftId' as draft_id, j.start_after
      from pgboss.job j
      join drafts d on d.id = (j.data->>'draftId')::uuid
      join messages m on m.id = d.message_id
      where j.name = 'reply.send' and j.state = 'created' and m.workspace_id = ${world.workspaceId}
      order by j.start_after, j.created_on`);
    const next = rows.rows.find((r) => !done.has(r.id));
    return next
      ? { id: next.id, draftId: next.draft_id, startAfter: new Date(next.start_after) }
      : undefined;
  }
}

/** The latest draft of each inbound message of a workspace, by inbound message id. */
export async function latestDrafts(db: Db, workspaceId: string) {
  const rows = await db
    .select({ messageId: drafts.messageId, status: drafts.status, version: drafts.version })
    .from(drafts)
    .innerJoin(messages, eq(messages.id, drafts.messageId))
    .where(eq(messages.workspaceId, workspaceId))
    .orderBy(desc(drafts.version));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.messageId)) out.set(r.messageId, r.status);
  return out;
}

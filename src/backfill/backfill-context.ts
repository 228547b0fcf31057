import type { AiProvider } from '../ai/provider.ts';
import type { Config } from '../config/load-config.ts';
import type { Db } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import type { EmailSender } from '../sending/email-sender.ts';
import type { NotifyDeps } from '../slack/notify-reviewers.ts';
import type { BackfillLog } from './backfill-log.ts';
import type { ScopeCampaign } from './load-scope-campaigns.ts';
import type { RunSelection } from './run-state.ts';

export type BackfillMode = 'dry_run' | 'shadow' | 'apply';

/** What a backfill needs from the outside: the same services as the worker. */
export interface BackfillDeps {
  db: Db;
  queue: JobQueue;
  config: Config;
  logger: Logger;
  /** The model drafts and evaluations come from; a dry run asks none (the CLI leaves it out). */
  ai?: AiProvider;
  /** The email sender reply.send uses (default: from config). */
  sender?: EmailSender;
  /** Slack client override for the review notifications (tests). */
  clientFor?: NotifyDeps['clientFor'];
  now?: () => Date;
  /** Aborted on Ctrl-C: the item in flight finishes, then the run pauses. */
  signal?: AbortSignal;
  progress?: BackfillProgress;
}

/** Terminal feedback: a bar per phase on a TTY, plain lines otherwise (see cli). */
export interface BackfillProgress {
  start(phase: string, total: number): void;
  tick(by?: number): void;
  stop(): void;
  /** An item worth a line of its own (sent, sent to review, failed). */
  line(text: string): void;
}

/** The state one run carries through its phases. */
export interface RunContext {
  deps: BackfillDeps;
  runId: string;
  mode: BackfillMode;
  selection: RunSelection;
  concurrency: number;
  rpm: number | null;
  sendPacingMs: number;
  campaigns: Map<string, ScopeCampaign>;
  log: BackfillLog;
  now: () => Date;
  /** True once the run was cancelled (API) or interrupted (Ctrl-C). */
  stopped(): Promise<boolean>;
}

export const noProgress: BackfillProgress = {
  start() {},
  tick() {},
  stop() {},
  line() {},
};

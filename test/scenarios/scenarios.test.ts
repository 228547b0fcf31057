import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { testConfig } from '../helpers/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { readEndState, slotViolations } from './check-scenario.ts';
import { replayScenario } from './replay-scenario.ts';
import type { InboundMessage, Scenario } from './scenario.ts';
import { setupScenario } from './setup-scenario.ts';

/*
 * The scenario replay suite: every file in conversations/ is one conversation
 * replayed through the real pipeline (offline AI provider, real PostgreSQL,
 * outbox sender) on a simulated clock. Each scenario gets a fresh workspace in
 * one shared database; each inbound's decision is checked twice, from
 * processInbound's outcome and from explain's verdict.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'conversations');
const scenarios: Scenario[] = [];
for (const file of readdirSync(dir)
  .filter((f) => /^\d+-.+\.ts$/.test(f))
  .sort()) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { scenario: Scenario };
  scenarios.push({ ...mod.scenario, name: `${file.replace(/\.ts$/, '')}: ${mod.scenario.name}` });
}

const logger = createLogger('silent');
let db: TestDatabase;
let queue: JobQueue;
let dataRoot: string;

beforeAll(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.url, logger, { schedule: false, supervise: false });
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'autosend-scenarios-'));
});

afterAll(async () => {
  await queue?.stop({ graceful: false });
  await db?.drop();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

describe('scenario replay', () => {
  it('has at least 26 conversations', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(26);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const world = await setupScenario(db.db, scenario);
    const config = testConfig({
      DATABASE_URL: db.url,
      DATA_DIR: path.join(dataRoot, world.workspaceId),
      SENDER: 'outbox',
      AUTO_SEND_DISABLED: scenario.killSwitch ? 'true' : 'false',
    });
    const result = await replayScenario({ db: db.db, queue, logger, config }, scenario, world);

    if (process.env.SCENARIO_TRACE) printTrace(scenario.name, result);
    const inbound = scenario.timeline.filter((e): e is InboundMessage => e.kind === 'inbound');
    expect(result.inbound.map((o) => o.id)).toEqual(
      [...inbound].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((e) => e.id),
    );
    const zone = scenario.lead.timeZone ?? world.workspaceTimeZone;
    for (const entry of inbound) {
      const seen = result.inbound.find((o) => o.id === entry.id)!;
      const want = `${entry.expect.decision}:${entry.expect.reason}`;
      expect.soft(seen.outcome, `${entry.id}: processInbound outcome`).toBe(want);
      expect.soft(seen.verdict, `${entry.id}: explain verdict "${seen.verdictLine}"`).toBe(want);
      if (entry.expect.decision === 'review') {
        expect
          .soft(seen.reviewReason, `${entry.id}: review request reason`)
          .toBe(entry.expect.reason);
      }
      if (entry.expect.decision === 'skip') {
        expect.soft(seen.draftBody, `${entry.id}: a skipped reply gets no draft`).toBeNull();
      }
      if (entry.expect.slots) {
        const violations = slotViolations(seen.slots, entry.expect.slots, {
          zone,
          receivedAt: seen.receivedAt,
          processedAt: seen.processedAt,
        });
        expect.soft(violations, `${entry.id}: offered slots`).toEqual([]);
      }
      for (const word of entry.expect.draft?.includes ?? []) {
        expect.soft(seen.draftBody ?? '', `${entry.id}: draft includes`).toContain(word);
      }
      for (const word of entry.expect.draft?.excludes ?? []) {
        expect.soft(seen.draftBody ?? '', `${entry.id}: draft excludes`).not.toContain(word);
      }
    }

    if (scenario.end) {
      const actual = await readEndState(db.db, scenario, world, result, config.outboxDir);
      const picked = Object.fromEntries(
        Object.keys(scenario.end).map((k) => [k, actual[k as keyof typeof actual]]),
      );
      const sends = result.sends.map((s) => `${s.at.toISOString()} ${JSON.stringify(s.outcome)}`);
      expect
        .soft(picked, `end state (sends: ${sends.join('; ') || 'none'})`)
        .toEqual(normaliseEnd(scenario.end, actual));
    }
  });
});

/** Expected end state with partial sub-objects filled from the actual ones, so only named keys count. */
function normaliseEnd(end: NonNullable<Scenario['end']>, actual: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...end };
  if (end.lead) out.lead = { ...(actual.lead as object), ...end.lead };
  if (end.followUp) {
    out.followUp = {
      ...(actual.followUp as object),
      ...('pauseReason' in end.followUp
        ? {}
        : { pauseReason: (actual.followUp as { pauseReason: unknown }).pauseReason }),
      ...end.followUp,
    };
  }
  if (end.drafts) out.drafts = { ...(actual.drafts as object), ...end.drafts };
  if (end.answered) out.answered = [...end.answered].sort();
  return out;
}

/** SCENARIO_TRACE=1 prints what each reply got: outcome, slots, draft, and the sends. */
function printTrace(name: string, result: Awaited<ReturnType<typeof replayScenario>>) {
  const lines = [`# ${name}`];
  for (const o of result.inbound) {
    lines.push(`  ${o.id}: ${o.outcome} | ${o.verdictLine}`);
    for (const s of o.slots) lines.push(`    slot ${s.label}`);
    if (o.draftBody) lines.push(`    draft: ${o.draftBody.replace(/\n+/g, ' / ')}`);
  }
  for (const s of result.sends)
    lines.push(`  send ${s.at.toISOString()} ${JSON.stringify(s.outcome)}`);
  console.log(lines.join('\n'));
}

import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { storeInboundReply } from '../../src/ingest/store-inbound-reply.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { startOpenAiPeer } from '../peers/openai-peer.ts';
import { seedCampaign } from './sending-seed.ts';

/*
 * `npm start` as Docker, systemd and a terminal run it: a real npm process
 * (with whatever shell layers npm puts between itself and node), signalled the
 * way each of them signals.
 */

const ROOT = path.resolve('.');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(-c.pid, 'SIGKILL');
});

interface Started {
  npm: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves once the output contains `text`. */
  waitFor(text: string): Promise<void>;
  exited: Promise<number | null>;
}

/** Runs `npm start` in its own process group, resolving once the service listens. */
function npmStart(env: Record<string, string>): Promise<Started> {
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(npm);
  let output = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      for (const w of waiters.splice(0)) {
        if (output.includes(w.text)) w.resolve();
        else waiters.push(w);
      }
      const m = output.match(/dashboard and API at (http:\/\/\S+)/);
      if (m)
        resolve({
          npm,
          url: m[1]!,
          output: () => output,
          exited,
          waitFor: (text) =>
            new Promise((r) => (output.includes(text) ? r() : waiters.push({ text, resolve: r }))),
        });
    };
    npm.stdout!.on('data', onData);
    npm.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited ${code}: ${output}`)));
  });
}

function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('npm start', () => {
  it('stops cleanly when only the npm process gets SIGTERM (docker stop, systemd)', async () => {
    const db = await createTestDatabase();
    try {
      const started = await npmStart({ DATABASE_URL: db.url });
      const ready = await fetch(`${started.url}/readyz`);
      expect(ready.status).toBe(200);
      // The service wires the informational availability check.
      expect(
        ((await ready.json()) as { checks: Record<string, unknown> }).checks.availability,
      ).toMatchObject({ informational: true });
      process.kill(started.npm.pid!, 'SIGTERM');
      expect(await started.exited).toBe(0);
      const stopped = logLines(started.output()).find(
        (l) => l.msg === 'autosend stopped: jobs drained, database closed',
      );
      expect(stopped).toMatchObject({ signal: 'SIGTERM', shutdownMs: expect.any(Number) });
      await expect(fetch(`${started.url}/readyz`)).rejects.toThrow();
    } finally {
      await db.drop();
    }
  });

  it('stops node and the embedded PostgreSQL on Ctrl-C (SIGINT to the process group), gracefully once', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-npm-'));
    await chmod(dataDir, 0o755); // the postgres user must enter it when tests run as root
    try {
      const started = await npmStart({
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        EMBEDDED_PG_PORT: '56500',
      });
      const pgPid = Number(
        (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
      );
      // The terminal signals every process of the group: npm (which forwards it
      // to node once more) and node itself.
      process.kill(-started.npm.pid!, 'SIGINT');
      expect(await started.exited).toBe(0);
      const lines = logLines(started.output());
      expect(
        lines.filter((l) => l.msg === 'autosend stopped: jobs drained, database closed'),
      ).toHaveLength(1);
      expect(lines.some((l) => String(l.msg).startsWith('second signal'))).toBe(false);
      expect(() => process.kill(pgPid, 0)).toThrow();
      await expect(fetch(`${started.url}/readyz`)).rejects.toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a second signal during the drain stops at once and says so', async () => {
    const db = await createTestDatabase();
    const peer = await startOpenAiPeer();
    // The model never answers in time: the job stays in flight.
    peer.setDefault({ kind: 'slow', delayMs: 120_000 });
    try {
      const { workspaceId } = await seedCampaign(db.db, {
        externalId: 'slow-campaign',
        configuredAt: new Date(),
      });
      const queue = await startJobQueue(db.url, createLogger('silent'), {
        schedule: false,
        supervise: false,
      });
      await storeInboundReply({ db: db.db, queue }, workspaceId, {
        source: 'generic',
        providerMessageId: 'npm-start-slow',
        channel: 'email',
        campaign: { externalId: 'slow-campaign' },
        lead: { email: 'ana@one.example' },
        from: { email: 'ana@one.example' },
        to: [],
        cc: [],
        subject: 'Re: hello',
        text: 'Interesting, tell me more about how it works.',
        receivedAt: new Date(),
        references: [],
        headers: {},
        platformFlags: {},
        platformRefs: {},
        priorMessages: [],
      });
      await queue.stop({ graceful: false });
      const started = await npmStart({
        DATABASE_URL: db.url,
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: peer.baseUrl,
        OPENAI_API_KEY: peer.apiKey,
        OPENAI_DRAFT_TIMEOUT_MS: '120000',
        OPENAI_MAX_RETRIES: '0',
        SHUTDOWN_TIMEOUT_MS: '120000',
      });
      await vi.waitFor(() => expect(peer.requests.length, started.output()).toBeGreaterThan(0), {
        timeout: 30_000,
      });
      process.kill(started.npm.pid!, 'SIGTERM');
      await started.waitFor('shutting down');
      process.kill(started.npm.pid!, 'SIGINT');
      expect(await started.exited).toBe(1);
      const lines = logLines(started.output());
      expect(lines.find((l) => String(l.msg).startsWith('second signal'))).toMatchObject({
        signal: 'SIGINT',
      });
      expect(lines.find((l) => l.msg === 'autosend stopped (forced)')).toMatchObject({
        shutdownMs: expect.any(Number),
      });
      // The model call was still pending: the stop did not wait for it.
      expect(peer.requests.every((r) => r.respondedAt === undefined)).toBe(true);
    } finally {
      await peer.stop();
      await db.drop();
    }
  });
});

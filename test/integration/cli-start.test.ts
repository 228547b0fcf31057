import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/test-database.ts';

const BIN = path.resolve('bin/autosend.js');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts `autosend start`, resolving with the URL it prints. */
function startCli(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = output.match(/dashboard and API at (http:\/\/\S+)/);
      if (m) resolve({ child, url: m[1]!, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c)),
  );
}

describe('autosend start', () => {
  it('serves /readyz on DATABASE_URL and exits cleanly on SIGTERM', async () => {
    const db = await createTestDatabase();
    try {
      const { child, url } = await startCli({ DATABASE_URL: db.url });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        checks: { database: { ok: true }, migrations: { ok: true }, queue: { ok: true } },
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('runs on the embedded server by default and stops it on Ctrl-C', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-cli-'));
    await chmod(dataDir, 0o755); // the postgres user must enter it when tests run as root
    try {
      const env = { DATA_DIR: dataDir, DATABASE_URL: '', EMBEDDED_PG_PORT: '56400' };
      const { child, url } = await startCli(env);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const pid = Number(
        (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
      );
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
      expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad setting with one line naming it', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, OPENAI_DRAFT_TIMEOUT_MS: 'fast' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    expect(await exited(child)).not.toBe(0);
    expect(stderr.trim()).toBe(
      'autosend: OPENAI_DRAFT_TIMEOUT_MS must be a positive integer (ms), got "fast"',
    );
  });
});

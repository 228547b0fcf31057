import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The README's own flow: `npm start` on the default embedded database, then,
 * in another terminal, CLI commands on the same data directory.
 */

const run = promisify(execFile);
const BIN = path.resolve('bin/autosend.js');
let dataDir: string;
let service: ChildProcess;
let url: string;
let serviceOutput = '';
const env = () => ({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  EMBEDDED_PG_PORT: '56600',
  PORT: '0',
  LOG_LEVEL: 'info',
});

function cli(...args: string[]) {
  return run(process.execPath, [BIN, ...args], { env: env() }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'autosend-beside-'));
  await chmod(dataDir, 0o755); // the postgres user must enter it when tests run as root
  service = spawn(process.execPath, [BIN, 'start'], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      serviceOutput += d;
      const m = serviceOutput.match(/dashboard and API at (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    };
    service.stdout!.on('data', onData);
    service.stderr!.on('data', onData);
    service.once('exit', (code) => reject(new Error(`start exited ${code}: ${serviceOutput}`)));
  });
});

afterAll(async () => {
  if (service.exitCode === null) {
    const exited = new Promise((r) => service.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('CLI commands while `autosend start` runs on the embedded database', () => {
  it('the token command the banner prints works while it runs; the token opens the API at once', async () => {
    const printed = serviceOutput.match(/^ {2}npm run autosend -- (token create .*)$/m)?.[1];
    expect(printed).toBeDefined();
    const created = await cli(...printed!.split(' '), '--json');
    expect(created.stderr).not.toMatch(/already running|kill -INT/);
    expect(created.code).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const res = await fetch(`${url}/api/v1/workspaces`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('leave the service and its database running when they finish', async () => {
    expect((await cli('review', 'list', '--json')).code).toBe(0);
    expect((await cli('migrate', '--status')).stdout).toBe('migrations current\n');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('a second service on the same data directory is refused, naming the running one', async () => {
    const second = await cli('start');
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(
      `Autosend is already running on ${path.join(dataDir, 'postgres')} (pid ${service.pid}, "autosend start"`,
    );
    expect(second.stderr).not.toMatch(/kill -INT/);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });
});

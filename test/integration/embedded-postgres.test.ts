import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { createLogger } from '../../src/logger.ts';

const logger = createLogger('silent');
let dir: string;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'autosend-embedded-'));
  await chmod(dir, 0o755); // the postgres user must enter it when tests run as root
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('embedded PostgreSQL', () => {
  it('starts, keeps data across restarts, and leaves no process behind', async () => {
    const dataDir = path.join(dir, 'postgres');
    const first = await startEmbeddedPostgres({ dataDir, preferredPort: 56100, logger });
    const pid = Number(
      (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    expect(alive(pid)).toBe(true);
    await query(
      first.url,
      `create table kept (v text); insert into kept values ('survives restart')`,
    );
    await first.stop();
    expect(alive(pid)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, preferredPort: 56100, logger });
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 'survives restart' }]);
    await second.stop();
    await second.stop(); // idempotent
  });

  it('moves to a free port when the preferred one is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(56200, '127.0.0.1', r));
    try {
      const server = await startEmbeddedPostgres({
        dataDir: path.join(dir, 'busy-port'),
        preferredPort: 56200,
        logger,
      });
      expect(server.port).toBeGreaterThan(56200);
      expect(await query(server.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
      await server.stop();
    } finally {
      blocker.close();
    }
  });

  it('refuses to start a second server on a data directory that is in use', async () => {
    const dataDir = path.join(dir, 'shared');
    const server = await startEmbeddedPostgres({ dataDir, preferredPort: 56300, logger });
    try {
      await expect(
        startEmbeddedPostgres({ dataDir, preferredPort: 56300, logger }),
      ).rejects.toThrow(/already running/);
    } finally {
      await server.stop();
    }
  });
});

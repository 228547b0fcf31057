import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A Drizzle handle or a transaction of one: services accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  poolMax?: number;
  /** Waiting for a connection (new or from a full pool) fails after this. */
  connectTimeoutMs?: number;
  /** The server cancels a statement after this; the client gives up 1 s later (packets dropped). */
  statementTimeoutMs?: number;
  /** The server ends a session idle inside a transaction after this (locks are not held forever). */
  idleInTransactionTimeoutMs?: number;
}

/**
 * Opens a pool on the given PostgreSQL URL. The caller owns it and must close
 * it. Every wait has a bound, so a database that stops answering fails
 * requests within seconds instead of hanging them; once it answers again,
 * new queries simply succeed.
 */
export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    application_name: 'autosend',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeout,
    // Client side: a server that drops packets never sends the cancel.
    query_timeout: statementTimeout + 1_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 600_000,
    keepAlive: true,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  let closed = false;
  return {
    pool,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UnavailableError } from '../../src/data/errors.js';

/** Runs parameterized queries (a database, or one transaction of it). */
export type Queryable = Pick<Db, 'query'>;

/** What the SQL data source needs of a database: parameterized queries, and a script runner. */
export interface Db {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs a script of several statements (schema, indexes), without parameters. */
  exec(sql: string): Promise<void>;
  /** Loads rows into a table with `COPY … FROM STDIN` (CSV): the fast way to fill a table. */
  copyRows(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<void>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled
   * back when it throws.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Which engine, for logs and benchmarks. */
  readonly kind: 'pglite' | 'postgresql';
}

/** PostgreSQL compiled to WebAssembly, in this process: nothing to install (`dataDir` unset: in memory). */
export async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dataDir);
  await db.waitReady;
  return {
    kind: 'pglite',
    query: async <R>(sql: string, params: unknown[] = []) => ({ rows: (await db.query<R>(sql, params)).rows }),
    exec: async (sql) => {
      await db.exec(sql);
    },
    copyRows: async (table, columns, rows) => {
      for (const chunk of csvChunks(rows)) {
        await db.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([chunk]) });
      }
    },
    transaction: (work) => db.transaction((tx) => work({ query: async <R>(sql: string, params: unknown[] = []) => ({ rows: (await tx.query<R>(sql, params)).rows }) })),
    close: () => db.close(),
  };
}

/** One value as a CSV field for COPY: NULL unquoted and empty, everything else quoted. */
const csvField = (value: unknown) => (value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`);

/** Rows as CSV text, in chunks of `rowsPerChunk` rows (a million tickets need not be one string). */
export function* csvChunks(rows: Iterable<readonly unknown[]>, rowsPerChunk = 50_000): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map(csvField).join(','));
    if (lines.length === rowsPerChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}

export interface PostgresOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** How long a request waits for a free connection before it is answered 503 (ms). */
  connectionTimeoutMillis?: number;
}

/** A real PostgreSQL server through a `pg` pool. A request that finds the pool exhausted gets a 503. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const { default: pg } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000 });
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      // pg says "timeout exceeded when trying to connect" when no connection frees up in time.
      if (error instanceof Error && /timeout exceeded when trying to connect|too many clients/i.test(error.message)) {
        throw new UnavailableError('The database is busy', 1000);
      }
      throw error;
    }
  };
  return {
    kind: 'postgresql',
    query: <R>(sql: string, params: unknown[] = []) => wrap(async () => ({ rows: (await pool.query(sql, params)).rows as R[] })),
    exec: (sql) => wrap(async () => void (await pool.query(sql))),
    copyRows: (table, columns, rows) =>
      wrap(async () => {
        const client = await pool.connect();
        try {
          const target = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
          await pipeline(Readable.from(csvChunks(rows)), target);
        } finally {
          client.release();
        }
      }),
    transaction: (work) =>
      wrap(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({ query: async <R>(sql: string, params: unknown[] = []) => ({ rows: (await client.query(sql, params)).rows as R[] }) });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }),
    close: () => pool.end(),
  };
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UnavailableError } from '../../src/data/contract/errors.js';

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
  /** PGlite only: calls `callback` with each notification on `channel` (live updates); answers the unlisten. */
  listen?(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  /** Which engine, for logs and benchmarks. */
  readonly kind: 'pglite' | 'postgresql';
  /**
   * Where the reads of `agent` go: a read replica (round robin), or the primary while the agent's
   * last write is recent (it reads its own writes). Absent: every query goes to this database.
   * `query`, `exec`, `copyRows` and `transaction` of the Db itself always go to the primary.
   */
  readerFor?(agent: string): Queryable;
  /** Notes that `agent` has just written: its reads go to the primary for a while. */
  wrote?(agent: string): void;
  /**
   * The primary's connection string (PostgreSQL): for what needs a session of its own there,
   * such as `LISTEN`, which neither a replica nor a pooler in transaction mode can serve.
   */
  readonly primaryUrl?: string;
}

export interface ReplicaOptions {
  /** How long after an agent's write its reads go to the primary (ms, default 5000; 0: never). */
  readYourWritesMs?: number;
  /**
   * How long a replica that could not answer (down, restarting, out of connections) is left
   * out before it is tried again (ms, default 10000). Meanwhile its reads go to the others, or
   * to the primary when none is left.
   */
  replicaRetryMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * A primary with read replicas: the Db's own queries, scripts, COPY and transactions go to the
 * primary; `readerFor(agent)` hands out the replicas in turn, except for an agent that wrote
 * within `readYourWritesMs`, which reads from the primary (this process remembers who wrote
 * when; another process does not: see docs/DEPLOYMENT.md). Closing it closes them all.
 */
export function withReplicas(primary: Db, replicas: readonly Db[], options: ReplicaOptions = {}): Db {
  if (!replicas.length) return primary;
  const windowMs = options.readYourWritesMs ?? 5000;
  const now = options.now ?? Date.now;
  const lastWrite = new Map<string, number>();
  const nextReplica = healthyInTurn(replicas, primary, options.replicaRetryMs ?? 10_000, now);
  return {
    kind: primary.kind,
    primaryUrl: primary.primaryUrl,
    query: (sql, params) => primary.query(sql, params),
    exec: (sql) => primary.exec(sql),
    copyRows: (table, columns, rows) => primary.copyRows(table, columns, rows),
    transaction: (work) => primary.transaction(work),
    readerFor(agent) {
      const wroteAt = lastWrite.get(agent);
      if (wroteAt !== undefined) {
        if (now() - wroteAt < windowMs) return primary;
        lastWrite.delete(agent);
      }
      return nextReplica();
    },
    wrote(agent) {
      if (windowMs <= 0) return;
      // Kept small: entries older than the window mean nothing any more.
      if (lastWrite.size >= 10_000) {
        const time = now();
        for (const [key, at] of lastWrite) if (time - at >= windowMs) lastWrite.delete(key);
      }
      lastWrite.delete(agent);
      lastWrite.set(agent, now());
    },
    close: async () => {
      await Promise.all([primary.close(), ...replicas.map((r) => r.close())]);
    },
  };
}

/**
 * The replicas in turn, each as a reader that falls back to the primary: a read a replica cannot
 * answer (UnavailableError) is asked of the primary instead — reads may be repeated — and that
 * replica is left out for `retryMs`, then tried again by the next read that comes its way.
 */
function healthyInTurn(replicas: readonly Db[], primary: Db, retryMs: number, now: () => number): () => Queryable {
  const downUntil = new Map<Db, number>();
  const up = (replica: Db) => (downUntil.get(replica) ?? 0) <= now();
  const reader = (replica: Db): Queryable => ({
    query: async (sql, params) => {
      try {
        return await replica.query(sql, params);
      } catch (error) {
        if (!(error instanceof UnavailableError)) throw error;
        if (up(replica)) console.warn(`[cic-server] a read replica could not answer (${error.message}); its reads go elsewhere for ${retryMs} ms`);
        downUntil.set(replica, now() + retryMs);
        return primary.query(sql, params);
      }
    },
  });
  const readers = new Map(replicas.map((replica) => [replica, reader(replica)]));
  let next = 0;
  return () => {
    for (let tried = 0; tried < replicas.length; tried++) {
      const replica = replicas[next];
      next = (next + 1) % replicas.length;
      if (up(replica)) return readers.get(replica)!;
    }
    return primary;
  };
}

export interface PgliteOptions {
  /** Queries handed to the database at once (default 4); PGlite runs one at a time. */
  maxInFlight?: number;
  /** Queries that may wait for their turn (default 64); beyond them a query is answered 503 at once. */
  maxQueued?: number;
  /** Whether `CREATE EXTENSION pg_trgm` is offered (default true; false: as a site that does not allow it). */
  trigram?: boolean;
}

/**
 * PostgreSQL compiled to WebAssembly, in this process: nothing to install (`dataDir` unset: in
 * memory). It has no back-pressure of its own, so queries pass a bounded queue: a burst larger
 * than it gets 503 with `Retry-After` instead of waiting until its clients give up.
 */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // Extensions are offered only through the options form (a positional `dataDir` of undefined loses them).
  const db = new PGlite({ dataDir, extensions: options.trigram === false ? {} : { pg_trgm } });
  await db.waitReady;
  const limit = inFlightLimiter(options.maxInFlight ?? 4, options.maxQueued ?? 64);
  return {
    kind: 'pglite',
    query: <R>(sql: string, params: unknown[] = []) => limit(async () => ({ rows: (await db.query<R>(sql, params)).rows })),
    exec: (sql) => limit(async () => void (await db.exec(sql))),
    copyRows: (table, columns, rows) =>
      limit(async () => {
        for (const chunk of csvChunks(rows)) {
          await db.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([chunk]) });
        }
      }),
    transaction: (work) => limit(() => db.transaction((tx) => work({ query: async <R>(sql: string, params: unknown[] = []) => ({ rows: (await tx.query<R>(sql, params)).rows }) }))),
    listen: (channel, callback) => db.listen(channel, callback),
    close: () => db.close(),
  };
}

/** How long a client should wait before it asks a busy database again (ms). */
const BUSY_RETRY_MS = 1000;

/**
 * Runs at most `maxInFlight` tasks at once and lets at most `maxQueued` more wait, in order;
 * a task beyond both is refused at once with an `UnavailableError` (503 with `Retry-After`).
 *
 * PGlite runs a query on this thread without giving it up: requests that arrive meanwhile stay
 * unread in their sockets, where no bound can see them. So each task first lets the event loop
 * read them; they reach the limiter and are queued or refused while the task waits its turn.
 */
export function inFlightLimiter(maxInFlight: number, maxQueued: number) {
  if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1)) throw new RangeError(`maxInFlight must be a positive integer, not ${maxInFlight}`);
  if (!(Number.isInteger(maxQueued) && maxQueued >= 0)) throw new RangeError(`maxQueued must be an integer of 0 or more, not ${maxQueued}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= maxInFlight) {
      if (waiting.length >= maxQueued) throw new UnavailableError('The database is busy', BUSY_RETRY_MS);
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      await new Promise((resolve) => setImmediate(resolve));
      return await task();
    } finally {
      // The slot passes to the next waiting task, or is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
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

/** How long a client should wait before it asks again while the database is down (ms). */
const DOWN_RETRY_MS = 2000;

/** Error codes of a database that cannot be reached, or that is shutting down or starting up. */
const DOWN_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  '57P01', // admin_shutdown: "terminating connection due to administrator command"
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: "the database system is starting up" / "… shutting down"
]);

/**
 * The 503 a database error means, if it means one: no free connection in time, or too many
 * clients (busy); the database not reachable, or closing the connection (down). Any other
 * error is the request's own.
 */
export function unavailableFor(error: unknown): UnavailableError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = String((error as { code?: unknown }).code ?? '');
  // pg says "timeout exceeded when trying to connect" when no connection frees up in time.
  // The message goes to the client; the database's own stays in `cause`, for logs.
  if (code === '53300' || /timeout exceeded when trying to connect/i.test(error.message)) {
    return Object.assign(new UnavailableError('The database is busy', BUSY_RETRY_MS), { cause: error });
  }
  // Class 08 is "connection exception"; pg's own messages when a connection breaks or cannot be made.
  if (DOWN_CODES.has(code) || code.startsWith('08') || /^Connection terminated|not queryable/i.test(error.message)) {
    return Object.assign(new UnavailableError('The database is not available', DOWN_RETRY_MS), { cause: error });
  }
  return undefined;
}

/**
 * A real PostgreSQL server through a `pg` pool. A request that finds the pool exhausted, or the
 * database down, gets a 503; the pool opens new connections once the database is back.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const { default: pg } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000 });
  // An idle connection the database closes (a restart, an administrator) is reported here; the
  // pool has already dropped it. Without a listener the event would end the process.
  pool.on('error', (error) => console.warn(`[cic-server] an idle database connection was closed: ${error.message}`));
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw unavailableFor(error) ?? error;
    }
  };
  return {
    kind: 'postgresql',
    primaryUrl: url,
    query: <R>(sql: string, params: unknown[] = []) => wrap(async () => ({ rows: (await pool.query(sql, params)).rows as R[] })),
    exec: (sql) => wrap(async () => void (await pool.query(sql))),
    copyRows: (table, columns, rows) =>
      wrap(async () => {
        const client = await pool.connect();
        // A checked-out client reports a broken connection as an event too; the COPY fails with it.
        let broken: Error | undefined;
        const onError = (error: Error) => (broken = error);
        client.on('error', onError);
        try {
          const target = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
          await pipeline(Readable.from(csvChunks(rows)), target);
        } catch (error) {
          broken ??= error as Error;
          throw error;
        } finally {
          client.off('error', onError);
          // A client released with an error is closed, not reused.
          client.release(broken);
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

import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from './sql/db.js';

/** A stored answer: enough to send it again. */
export interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

/**
 * Where first answers are kept. `claim` either lets this request run (`'run'`), answers with the
 * stored answer of an earlier one, or says that another request with the key is still running
 * (`'running'`); `settled` resolves once that other one has ended (answered or failed).
 */
export interface IdempotencyStore {
  claim(id: string, ttlMs: number): Promise<'run' | 'running' | StoredAnswer>;
  settled(id: string): Promise<void>;
  save(id: string, answer: StoredAnswer): Promise<void>;
  release(id: string): Promise<void>;
}

export interface IdempotencyOptions {
  /** How long an answer is kept for a repeat (ms, default one hour). */
  ttlMs?: number;
  /** Memory store only: at most this many answers are kept; the oldest go first (default 10,000). */
  maxEntries?: number;
  /** Whose request it is (the key space of one agent); default: the `Authorization` header. */
  agentOf?: (context: Context) => string;
  /** Where answers are kept (default: this process's memory; `sqlIdempotencyStore` shares them among processes). */
  store?: IdempotencyStore;
  /** The clock (tests). */
  now?: () => number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `Idempotency-Key` for writes: the first answer to a key (of the same agent, method and
 * path with query) is kept for a while, and a repeat of the request is answered with it
 * instead of writing again; a repeat that arrives while the first is still running waits for
 * it. Only successful answers are kept: after a failure the same key may try again. Whether
 * a key is well formed is checked with the other parameters, against `openapi.yaml`.
 */
export function idempotency({ ttlMs = 3_600_000, maxEntries = 10_000, agentOf, store, now = Date.now }: IdempotencyOptions = {}): MiddlewareHandler {
  const answers = store ?? memoryIdempotencyStore(maxEntries, now);
  const agent = agentOf ?? ((c: Context) => c.req.header('Authorization') ?? '');
  return async (context, next) => {
    const key = context.req.header('Idempotency-Key');
    if (key === undefined || !WRITES.has(context.req.method)) return next();
    const url = new URL(context.req.url);
    // Hashed: the id holds the agent's credentials, which a shared store must not keep.
    const id = createHash('sha256').update(JSON.stringify([agent(context), context.req.method, url.pathname + url.search, key])).digest('base64url');
    for (;;) {
      const claim = await answers.claim(id, ttlMs);
      if (claim === 'run') break;
      if (claim !== 'running') {
        return new Response(claim.body.slice(0), { status: claim.status, headers: [...claim.headers, ['Idempotent-Replayed', 'true']] });
      }
      await answers.settled(id);
    }
    try {
      await next();
    } catch (error) {
      await answers.release(id);
      throw error;
    }
    const response = context.res;
    if (!response.ok) {
      await answers.release(id);
      return;
    }
    await answers.save(id, { status: response.status, headers: [...response.headers], body: await response.clone().arrayBuffer() });
  };
}

/** Answers kept in this process: a repeat that reaches another process is not recognized. */
export function memoryIdempotencyStore(maxEntries: number, now: () => number): IdempotencyStore {
  // Insertion order is age order: the first entries are the oldest.
  const entries = new Map<string, { expires: number; answer?: StoredAnswer; ended: Promise<void>; end: () => void }>();
  const forgetExpired = () => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expires > time && entries.size <= maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    async claim(id, ttlMs) {
      forgetExpired();
      const entry = entries.get(id);
      if (entry) return entry.answer ?? 'running';
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      entries.set(id, { expires: now() + ttlMs, ended, end });
      return 'run';
    },
    settled: async (id) => entries.get(id)?.ended,
    async save(id, answer) {
      const entry = entries.get(id);
      if (!entry) return;
      entry.answer = answer;
      entry.end();
    },
    async release(id) {
      entries.get(id)?.end();
      entries.delete(id);
    },
  };
}

export interface SqlIdempotencyOptions {
  /** A claim that has not been answered for this long is taken to be of a process that died (ms, default 60 s). */
  abandonedAfterMs?: number;
  /** How often a repeat looks whether the first has ended (ms, default 100). */
  pollMs?: number;
}

/**
 * Answers kept in the database (`cic_idempotency`, one of the server's own tables, on the primary), so that a repeat is
 * recognized whichever process or machine it reaches. A request claims its key by inserting
 * the row; a repeat finds it, and waits (polling) while it has no answer yet.
 */
export function sqlIdempotencyStore(db: Db, { abandonedAfterMs = 60_000, pollMs = 100 }: SqlIdempotencyOptions = {}): IdempotencyStore {
  return {
    async claim(id, ttlMs) {
      // An expired answer, or a claim left by a process that died, is free again.
      await db.query(
        `DELETE FROM cic_idempotency WHERE id = $1 AND (expires_at <= now() OR (status IS NULL AND claimed_at <= now() - $2 * interval '1 millisecond'))`,
        [id, abandonedAfterMs],
      );
      const claimed = await db.query(
        `INSERT INTO cic_idempotency (id, claimed_at, expires_at) VALUES ($1, now(), now() + $2 * interval '1 millisecond')
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, ttlMs],
      );
      if (claimed.rows.length) return 'run';
      const { rows } = await db.query<{ status: number | null; headers: string | null; body: Uint8Array | null }>(
        'SELECT status, headers, body FROM cic_idempotency WHERE id = $1',
        [id],
      );
      const row = rows[0];
      if (!row) return this.claim(id, ttlMs);
      if (row.status === null) return 'running';
      const body = new Uint8Array(row.body ?? []);
      return { status: row.status, headers: JSON.parse(row.headers ?? '[]'), body: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) };
    },
    async settled(id) {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        const { rows } = await db.query<{ status: number | null }>('SELECT status FROM cic_idempotency WHERE id = $1', [id]);
        if (!rows.length || rows[0].status !== null) return;
      }
    },
    async save(id, answer) {
      await db.query('UPDATE cic_idempotency SET status = $2, headers = $3, body = $4 WHERE id = $1', [
        id, answer.status, JSON.stringify(answer.headers), Buffer.from(answer.body),
      ]);
      // Now and then, answers whose time is up go.
      if (Math.random() < 0.01) await db.query('DELETE FROM cic_idempotency WHERE expires_at <= now()');
    },
    async release(id) {
      await db.query('DELETE FROM cic_idempotency WHERE id = $1 AND status IS NULL', [id]);
    },
  };
}

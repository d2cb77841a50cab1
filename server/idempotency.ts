import type { Context, MiddlewareHandler } from 'hono';

/** A stored answer: enough to send it again. */
interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

export interface IdempotencyOptions {
  /** How long an answer is kept for a repeat (ms, default one hour). */
  ttlMs?: number;
  /** At most this many answers are kept; the oldest go first (default 10,000). */
  maxEntries?: number;
  /** Whose request it is (the key space of one agent); default: the `Authorization` header. */
  agentOf?: (context: Context) => string;
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
export function idempotency({ ttlMs = 3_600_000, maxEntries = 10_000, agentOf, now = Date.now }: IdempotencyOptions = {}): MiddlewareHandler {
  // Insertion order is age order: the first entries are the oldest.
  const answers = new Map<string, { expires: number; answer: Promise<StoredAnswer | undefined> }>();
  const forgetExpired = () => {
    const time = now();
    for (const [key, entry] of answers) {
      if (entry.expires > time && answers.size <= maxEntries) break;
      answers.delete(key);
    }
  };
  return async (context, next) => {
    const key = context.req.header('Idempotency-Key');
    if (key === undefined || !WRITES.has(context.req.method)) return next();
    const url = new URL(context.req.url);
    const id = JSON.stringify([(agentOf ?? ((c: Context) => c.req.header('Authorization') ?? ''))(context), context.req.method, url.pathname + url.search, key]);
    forgetExpired();
    const earlier = answers.get(id);
    const stored = earlier && (await earlier.answer);
    if (stored) {
      return new Response(stored.body.slice(0), { status: stored.status, headers: [...stored.headers, ['Idempotent-Replayed', 'true']] });
    }
    let settle: (answer: StoredAnswer | undefined) => void = () => {};
    const answer = new Promise<StoredAnswer | undefined>((resolve) => (settle = resolve));
    answers.set(id, { expires: now() + ttlMs, answer });
    try {
      await next();
      const response = context.res;
      if (response.ok) {
        const body = await response.clone().arrayBuffer();
        settle({ status: response.status, headers: [...response.headers], body });
        return;
      }
      answers.delete(id);
      settle(undefined);
    } catch (error) {
      answers.delete(id);
      settle(undefined);
      throw error;
    }
  };
}

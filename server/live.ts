import { randomBytes } from 'node:crypto';
import type { DataChange, LiveScope } from '../src/data/contract/data-source.js';
import { UnavailableError } from '../src/data/contract/errors.js';
import { readAgentContext } from './sql/agent-context.js';
import type { Db } from './sql/db.js';

/** The channel the triggers notify on. */
export const LIVE_CHANNEL = 'cic_live';

/**
 * Triggers that tell listeners (`LISTEN cic_live`) which ticket, customer user, customer or
 * history entry changed, with what the server needs to route the change: the customer (old
 * and new when it changed), the customer user, and the queue (old and new) for permissions.
 * Idempotent (`CREATE OR REPLACE`). The CIC tables' triggers are created only where they exist.
 */
export const LIVE_TRIGGERS = `
CREATE OR REPLACE FUNCTION cic_live_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${LIVE_CHANNEL}', json_build_object(
    'k', 'ticket', 'a', CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END, 'id', NEW.id::text,
    'c', NEW.customer_id, 'u', NEW.customer_user_id, 'q', NEW.queue_id,
    'oc', CASE WHEN TG_OP = 'UPDATE' AND OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN OLD.customer_id END,
    'ou', CASE WHEN TG_OP = 'UPDATE' AND OLD.customer_user_id IS DISTINCT FROM NEW.customer_user_id THEN OLD.customer_user_id END,
    'oq', CASE WHEN TG_OP = 'UPDATE' AND OLD.queue_id IS DISTINCT FROM NEW.queue_id THEN OLD.queue_id END)::text);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS cic_live_ticket ON ticket; CREATE TRIGGER cic_live_ticket AFTER INSERT OR UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION cic_live_ticket();
CREATE OR REPLACE FUNCTION cic_live_customer_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${LIVE_CHANNEL}', json_build_object(
    'k', 'customer-user', 'a', CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END, 'id', NEW.login, 'c', NEW.customer_id,
    'oc', CASE WHEN TG_OP = 'UPDATE' AND OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN OLD.customer_id END)::text);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS cic_live_customer_user ON customer_user; CREATE TRIGGER cic_live_customer_user AFTER INSERT OR UPDATE ON customer_user FOR EACH ROW EXECUTE FUNCTION cic_live_customer_user();
CREATE OR REPLACE FUNCTION cic_live_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${LIVE_CHANNEL}', json_build_object(
    'k', CASE WHEN TG_TABLE_NAME = 'cic_customer_history' THEN 'history' ELSE 'customer' END,
    'a', CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END,
    'id', CASE WHEN TG_TABLE_NAME = 'cic_customer_history' THEN (to_jsonb(NEW) ->> 'id') ELSE NEW.customer_id END,
    'c', NEW.customer_id)::text);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS cic_live_customer ON customer_company; CREATE TRIGGER cic_live_customer AFTER INSERT OR UPDATE ON customer_company FOR EACH ROW EXECUTE FUNCTION cic_live_customer();
DO $$ BEGIN
  IF to_regclass('cic_customer_history') IS NOT NULL THEN
    DROP TRIGGER IF EXISTS cic_live_customer ON cic_customer_history; CREATE TRIGGER cic_live_customer AFTER INSERT ON cic_customer_history FOR EACH ROW EXECUTE FUNCTION cic_live_customer();
  END IF;
  IF to_regclass('cic_customer_fields') IS NOT NULL THEN
    DROP TRIGGER IF EXISTS cic_live_customer ON cic_customer_fields; CREATE TRIGGER cic_live_customer AFTER INSERT OR UPDATE ON cic_customer_fields FOR EACH ROW EXECUTE FUNCTION cic_live_customer();
  END IF;
END $$;
`;

/** Creates (or replaces) the live-update triggers: one script, one transaction. */
export async function installLiveTriggers(db: Pick<Db, 'exec'>): Promise<void> {
  await db.exec(LIVE_TRIGGERS);
}

/**
 * Starts listening on `LIVE_CHANNEL`: `onPayload` gets each notification's payload, `onGap`
 * is told when notifications may have been missed (the connection broke and was opened
 * again). Resolves, once it listens (or its first try failed), to a function that stops listening.
 */
export type Listen = (onPayload: (payload: string) => void, onGap: () => void) => Promise<() => void>;

/** Listening on an embedded PGlite (`pglite.listen`): it cannot break. */
export function pgliteListen(pglite: { listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> }): Listen {
  return async (onPayload) => {
    const unlisten = await pglite.listen(LIVE_CHANNEL, onPayload);
    return () => void unlisten().catch(() => undefined);
  };
}

/**
 * Listening on PostgreSQL with one dedicated `pg.Client` (not a pooled connection: `LISTEN`
 * belongs to its session). When it breaks (a restart), it is opened again after `retryMs`,
 * doubling up to 30 s, and `onGap` is told once it listens again.
 */
export function pgListen(connectionString: string, { retryMs = 500, log = console.warn } = {}): Listen {
  return async (onPayload, onGap) => {
    let stopped = false;
    let client: import('pg').Client | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = retryMs;
    let broken = false;
    const connect = async () => {
      const { default: pg } = await import('pg');
      const next = new pg.Client({ connectionString });
      client = next;
      const retry = (error: Error) => {
        if (stopped || client !== next) return;
        client = undefined;
        next.removeAllListeners('notification');
        void next.end().catch(() => undefined);
        if (!broken) log(`[cic-server] live updates: the listening connection broke (${error.message}); opening it again`);
        broken = true;
        timer = setTimeout(() => void connect(), delay);
        delay = Math.min(delay * 2, 30_000);
      };
      next.on('error', retry);
      next.on('end', () => retry(new Error('connection ended')));
      next.on('notification', (message) => {
        if (message.channel === LIVE_CHANNEL && message.payload !== undefined) onPayload(message.payload);
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${LIVE_CHANNEL}`);
        if (stopped) return void (await next.end());
        delay = retryMs;
        if (broken) {
          broken = false;
          log('[cic-server] live updates: listening again');
          onGap();
        }
      } catch (error) {
        retry(error as Error);
      }
    };
    await connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      void client?.end().catch(() => undefined);
    };
  };
}

/** A change as the triggers tell it, with what routes it. */
interface Notice {
  change: DataChange;
  /** The customers and customer users it concerns (old and new). */
  customers: string[];
  logins: string[];
  /** The ticket's queues (old and new): an agent hears of it if it may read one. */
  queues?: number[];
}

function readNotice(payload: string): Notice | undefined {
  try {
    const p = JSON.parse(payload) as Record<string, string | number | null>;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const kind = p.k as DataChange['kind'];
    const customers = [text(p.c), text(p.oc)].filter((v): v is string => v !== undefined);
    const logins = kind === 'customer-user' ? [String(p.id)] : [text(p.u), text(p.ou)].filter((v): v is string => v !== undefined);
    const change: DataChange = { kind, action: p.a as DataChange['action'], id: String(p.id ?? '') };
    if (customers[0] !== undefined) change.customerId = customers[0];
    if (kind === 'ticket' && logins[0] !== undefined) change.customerUserLogin = logins[0];
    const queues = kind === 'ticket' ? [p.q, p.oq].filter((v): v is number => typeof v === 'number') : undefined;
    return { change, customers, logins, queues };
  } catch {
    return undefined;
  }
}

/** The change that tells a subscriber to reload everything. */
export const RELOAD_ALL: DataChange = { kind: 'all', action: 'updated', id: '' };

interface Entry {
  seq: number;
  notice: Notice;
}

interface Subscriber {
  scope: LiveAudience;
  deliver: (entry: Entry) => void;
}

export interface LiveHubOptions {
  /** Changes kept for resuming (`Last-Event-ID`), default 1,000. */
  ringSize?: number;
}

/**
 * The process's one listening connection, fanned out in memory to the open streams, with the
 * latest changes kept in a ring for streams that resume. Event ids are `<process>.<n>`: an id
 * of another process (or a restart) cannot be resumed here, and the subscriber reloads.
 */
export class LiveHub {
  private readonly process = randomBytes(6).toString('base64url');
  private readonly ring: Entry[] = [];
  private readonly ringSize: number;
  private readonly subscribers = new Set<Subscriber>();
  private seq = 0;
  private stop: Promise<() => void> | undefined;

  constructor(private readonly listen: Listen, options: LiveHubOptions = {}) {
    this.ringSize = options.ringSize ?? 1000;
  }

  /** Starts listening; resolves once it listens (or its first try failed: it keeps trying). */
  async start(): Promise<void> {
    this.stop ??= this.listen(
      (payload) => {
        const notice = readNotice(payload);
        if (notice) this.publish(notice);
      },
      () => this.publish({ change: RELOAD_ALL, customers: [], logins: [] }),
    );
    await this.stop;
  }

  private publish(notice: Notice): void {
    const entry = { seq: ++this.seq, notice };
    this.ring.push(entry);
    if (this.ring.length > this.ringSize) this.ring.shift();
    for (const subscriber of this.subscribers) if (concerns(notice, subscriber.scope)) subscriber.deliver(entry);
  }

  eventId(entry: Entry): string {
    return `${this.process}.${entry.seq}`;
  }

  /**
   * Subscribes to `scope`'s changes, first those after `lastEventId` when the ring still holds
   * them all (else a reload-all change). Answers the unsubscribe.
   */
  subscribe(scope: LiveAudience, deliver: (entry: Entry) => void, lastEventId?: string): () => void {
    if (lastEventId !== undefined) {
      const [process, seqText] = lastEventId.split('.');
      const seq = Number(seqText);
      const oldest = this.ring[0]?.seq ?? this.seq + 1;
      if (process === this.process && Number.isInteger(seq) && seq <= this.seq && seq >= oldest - 1) {
        for (const entry of this.ring) if (entry.seq > seq && concerns(entry.notice, scope)) deliver(entry);
      } else {
        deliver({ seq: this.seq, notice: { change: RELOAD_ALL, customers: [], logins: [] } });
      }
    }
    const subscriber = { scope, deliver };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  close(): void {
    void this.stop?.then((stop) => stop());
    this.stop = undefined;
    this.subscribers.clear();
  }
}

/**
 * Whom a stream is for: a customer's hears what names its customer id; a customer user's, what
 * names its login or one of its customers (`customers`, read when the stream opens), as the
 * in-memory source tells them.
 */
export type LiveAudience = LiveScope & { customers?: readonly string[] };

function concerns(notice: Notice, scope: LiveAudience): boolean {
  if (notice.change.kind === 'all') return true;
  if ('customerId' in scope) return notice.customers.includes(scope.customerId);
  return notice.logins.includes(scope.customerUserLogin) || notice.customers.some((id) => scope.customers?.includes(id));
}

/** The customers of a customer user: its own and those it is also assigned to. */
async function customersOfUser(db: Db, login: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT customer_id AS id FROM customer_user WHERE login = $1 AND customer_id IS NOT NULL
     UNION SELECT customer_id FROM customer_user_customer WHERE user_id = $1`,
    [login],
  );
  return rows.map((row) => row.id);
}

export interface LiveStreamOptions {
  /** A comment line this often (ms, default 15,000), so that both ends see a dead connection. */
  heartbeatMs?: number;
  /** Open streams at most, in all (default 1,000) and per agent (default 8); beyond: 503. */
  maxStreams?: number;
  maxStreamsPerAgent?: number;
  /** Bytes a stream may hold unsent (default 64 KiB): a client that does not read is dropped. */
  maxBufferedBytes?: number;
  /** How long an agent's readable queues are reused by a stream (ms, default 5,000). */
  permissionCacheMs?: number;
}

/** How long a client should wait before it opens a stream again when there are too many (ms). */
const FULL_RETRY_MS = 10_000;

/**
 * The `/live` streams of a reference server: Server-Sent Events of the changes an agent may
 * see — a ticket only while the agent may read its queue (as its permissions are at the
 * time of the change, re-read every `permissionCacheMs`), and only the subscribed scope's.
 */
export class LiveStreams {
  private open = 0;
  private readonly perAgent = new Map<string, number>();
  /** Each agent's readable queues, read once per `permissionCacheMs` for all of its streams. */
  private readonly permissions = new Map<string, { queues: Promise<Set<number> | undefined>; until: number }>();
  private readonly encoder = new TextEncoder();
  private readonly options: Required<LiveStreamOptions>;

  constructor(private readonly db: Db, private readonly hub: LiveHub, options: LiveStreamOptions = {}) {
    this.options = {
      heartbeatMs: options.heartbeatMs ?? 15_000,
      maxStreams: options.maxStreams ?? 1000,
      maxStreamsPerAgent: options.maxStreamsPerAgent ?? 8,
      maxBufferedBytes: options.maxBufferedBytes ?? 64 * 1024,
      permissionCacheMs: options.permissionCacheMs ?? 5000,
    };
  }

  /** Open streams now (for tests and benchmarks). */
  get size(): number {
    return this.open;
  }

  /**
   * The queues `agentLogin` may read (undefined: no longer a valid agent), shared by its streams:
   * a change told to 500 streams of 50 agents reads 50 agents' permissions, not 500.
   */
  private readable(agentLogin: string): Promise<Set<number> | undefined> {
    const now = Date.now();
    let entry = this.permissions.get(agentLogin);
    if (!entry || entry.until <= now) {
      const queues = readAgentContext(this.db, agentLogin).then((context) => context && new Set(context.readableQueues));
      const read = { queues, until: now + this.options.permissionCacheMs };
      this.permissions.set(agentLogin, (entry = read));
      // A failed read is not kept: the next change reads again.
      queues.catch(() => this.permissions.get(agentLogin) === read && this.permissions.delete(agentLogin));
    }
    return entry.queues;
  }

  /** The stream of `scope`'s changes for agent `agentLogin`, or a 503 (thrown) when too many are open. */
  stream(request: Request, agentLogin: string, scope: LiveScope): Response {
    const { heartbeatMs, maxStreams, maxStreamsPerAgent, maxBufferedBytes } = this.options;
    const mine = this.perAgent.get(agentLogin) ?? 0;
    if (this.open >= maxStreams || mine >= maxStreamsPerAgent) throw new UnavailableError('Too many live streams are open', FULL_RETRY_MS);
    this.open++;
    this.perAgent.set(agentLogin, mine + 1);

    let closed = false;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let unsubscribe = () => {};
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    // Changes are checked one after the other, so that they are sent in order.
    let queue = Promise.resolve();
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      request.signal.removeEventListener('abort', close);
      this.open--;
      const left = (this.perAgent.get(agentLogin) ?? 1) - 1;
      if (left) this.perAgent.set(agentLogin, left);
      else {
        this.perAgent.delete(agentLogin);
        this.permissions.delete(agentLogin);
      }
      try {
        controller.close();
      } catch {
        // Already closed or errored.
      }
    };
    const send = (text: string) => {
      if (closed) return;
      // A client that does not read what it is sent is dropped before it costs more memory.
      if ((controller.desiredSize ?? 0) <= 0) return close();
      controller.enqueue(this.encoder.encode(text));
    };
    const deliver = (entry: Parameters<Parameters<LiveHub['subscribe']>[1]>[0]) => {
      queue = queue.then(async () => {
        const { queues } = entry.notice;
        if (queues) {
          const mayRead = await this.readable(agentLogin).catch(() => undefined);
          // An agent no longer valid hears nothing more; after a failed read the client
          // resumes (Last-Event-ID) and the change is checked again then.
          if (mayRead === undefined) return close();
          if (!queues.some((queue) => mayRead.has(queue))) return;
        }
        send(`id: ${this.hub.eventId(entry)}\nevent: change\ndata: ${JSON.stringify([entry.notice.change])}\n\n`);
      });
    };

    const body = new ReadableStream<Uint8Array>(
      {
        start: async (c) => {
          controller = c;
          // Sent at once, so that the client knows it is connected.
          c.enqueue(this.encoder.encode(`: live\n\n`));
          heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
          if (request.signal.aborted) return close();
          request.signal.addEventListener('abort', close);
          let audience: LiveAudience = scope;
          if ('customerUserLogin' in scope) {
            // A failed read ends the stream: the client opens it again (and resumes) later.
            const customers = await customersOfUser(this.db, scope.customerUserLogin).catch(() => undefined);
            if (!customers) return close();
            audience = { ...scope, customers };
          }
          if (!closed) unsubscribe = this.hub.subscribe(audience, deliver, request.headers.get('Last-Event-ID') ?? undefined);
        },
        cancel: close,
      },
      { highWaterMark: maxBufferedBytes, size: (chunk) => chunk.byteLength },
    );
    return new Response(body, {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' },
    });
  }
}

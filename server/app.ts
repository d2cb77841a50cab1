import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { UnauthorizedError } from '../src/data/contract/errors.js';
import type { HelpdeskData } from '../src/data/contract/types.js';
import type { Db } from './sql/db.js';
import { createSchema, seed } from './sql/seed.js';
import { AgentContextCache, loadCatalog, SqlDataSource, type ArchivedTickets } from './sql/sql-data-source.js';
import { CursorCodec } from './sql/cursors.js';
import { createRestApi } from './rest-api.js';
import { sqlIdempotencyStore } from './idempotency.js';
import { tokenVerifier, type Tokens } from './tokens.js';
import { installLiveTriggers, LiveHub, LiveStreams, pgliteListen, type LiveHubOptions, type LiveStreamOptions, type Listen } from './live.js';

export interface ServerOptions {
  db: Db;
  /**
   * Bearer token → agent login (`users.login`). A request without a known token, or for an
   * agent that is unknown or not valid, is 401.
   */
  tokens: Tokens | Record<string, string>;
  /**
   * Serve a live database without writing anything: no customer users, notes or custom fields,
   * and no preferences (`/capabilities` says `preferences: false`: the elements keep them in the browser).
   */
  readOnly?: boolean;
  /** Archived tickets (`ticket.archive_flag = 1`): `include` (default, as Znuny with its archive system off) or `exclude`. */
  archived?: ArchivedTickets;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
  /** The clock (tests and demos); default the server's. */
  now?: () => Date;
  /** How long an agent's groups and queues are reused across requests (ms, default 10,000; 0: read per request). */
  agentCacheMs?: number;
  /**
   * The secret page cursors are signed with (HMAC-SHA256), so that a client can neither forge
   * nor reuse one for another list. Random per start when not given: cursors then do not
   * survive a restart, nor work across several server processes behind one address.
   */
  cursorSecret?: string;
  /**
   * Live updates (`GET /api/live`), fed by the triggers' notifications (see `live.ts`): on by
   * default with PGlite; with PostgreSQL give `listen: pgListen(url of the primary)`. `false`: off.
   */
  live?: false | (LiveStreamOptions & LiveHubOptions & {
    listen?: Listen;
    /** Create (or replace) the triggers at start (they are created with the demo tables anyway). */
    installTriggers?: boolean;
    /** Stops listening when aborted. */
    signal?: AbortSignal;
  });
}

/** No, an unknown or a no longer valid bearer token: 401. */
const unauthorized = () => new UnauthorizedError('A valid bearer token is required');

/** How long browsers keep a CORS preflight's answer: 10 minutes (Chromium keeps it 2 hours at most). */
export const CORS_MAX_AGE_SECONDS = 600;

/** Creates the Znuny tables (with the CIC indexes) and loads `data` into them. */
export async function prepareDatabase(db: Db, data: HelpdeskData): Promise<void> {
  await createSchema(db);
  await seed(db, data);
  // After the data: a bulk load notifies nobody.
  await installLiveTriggers(db);
}

/**
 * The reference server: the REST contract under `/api`, answered with SQL on the Znuny
 * schema for the agent the bearer token names. Its tickets, counts and lists include only
 * tickets in queues whose group the agent may read.
 */
export async function createServer(options: ServerOptions): Promise<Hono> {
  const catalog = await loadCatalog(options.db);
  const app = new Hono();
  if (options.corsOrigins?.length) {
    app.use(
      '/api/*',
      cors({
        origin: options.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
        allowMethods: ['GET', 'POST', 'PUT'],
        // A browser may reuse a preflight's answer this long (s) instead of asking before every call.
        maxAge: CORS_MAX_AGE_SECONDS,
        // Without this a page on another origin cannot read how long to wait after a 429 or 503.
        exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
      }),
    );
  }
  const agentCacheMs = options.agentCacheMs ?? 10_000;
  const agentContexts = agentCacheMs > 0 ? new AgentContextCache(agentCacheMs) : undefined;
  const healthIndexes = new Map();
  const agentFor = tokenVerifier(options.tokens instanceof Map ? options.tokens : new Map(Object.entries(options.tokens)));
  const cursors = new CursorCodec(options.cursorSecret);
  const live = options.live === false ? undefined : (options.live ?? {});
  const listen = live && (live.listen ?? (options.db.listen ? pgliteListen(options.db as Required<Pick<Db, 'listen'>>) : undefined));
  let streams: LiveStreams | undefined;
  if (live && listen) {
    if (live.installTriggers) await installLiveTriggers(options.db);
    const hub = new LiveHub(listen, live);
    // Listening before the first request: no stream misses the changes made after it opened.
    await hub.start();
    live.signal?.addEventListener('abort', () => hub.close());
    streams = new LiveStreams(options.db, hub, live);
  }
  // The agent each request's source answers for, for its live stream.
  const agents = new WeakMap<object, string>();
  const api = createRestApi({
    // In the database when it has the table: a repeat is then recognized by whichever process it reaches.
    idempotencyStore: catalog.idempotencyTable && !options.readOnly ? sqlIdempotencyStore(options.db) : undefined,
    live: streams && ((context, source, scope) => streams.stream(context.req.raw, agents.get(source)!, scope)),
    sourceFor: async (context) => {
      const token = /^Bearer\s+(.+)$/i.exec(context.req.header('Authorization') ?? '')?.[1]?.trim();
      const agentLogin = token ? agentFor(token) : undefined;
      if (agentLogin === undefined) throw unauthorized();
      const source = new SqlDataSource(options.db, catalog, { agentLogin, now: options.now, readOnly: options.readOnly, agentContexts, archived: options.archived, healthIndexes, cursors });
      // A token whose agent is unknown or no longer valid (users.valid_id) grants nothing.
      if (!(await source.getCurrentAgent({ signal: context.req.raw.signal }))) throw unauthorized();
      agents.set(source, agentLogin);
      return source;
    },
  });
  app.route('/api', api);
  app.get('/', (c) => c.text('Customer Information Center reference server: the REST API is under /api (see openapi.yaml).'));
  return app;
}

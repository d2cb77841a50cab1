import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ForbiddenError } from '../src/data/errors.js';
import type { HelpdeskData } from '../src/data/types.js';
import type { Db } from './sql/db.js';
import { createSchema, seed } from './sql/seed.js';
import { AgentContextCache, loadCatalog, SqlDataSource } from './sql/sql-data-source.js';
import { createRestApi } from './rest-api.js';
import { checkQuery, loadContract } from './openapi-validation.js';

export interface ServerOptions {
  db: Db;
  /** Bearer token → agent login (`users.login`). A request without a known token is 401. */
  tokens: Record<string, string>;
  /** Serve a live database without writing customer users (preferences still go to user_preferences). */
  readOnly?: boolean;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
  /** The clock (tests and demos); default the server's. */
  now?: () => Date;
  /** How long an agent's groups and queues are reused across requests (ms, default 10,000; 0: read per request). */
  agentCacheMs?: number;
}

/** Creates the Znuny tables (with the CIC indexes) and loads `data` into them. */
export async function prepareDatabase(db: Db, data: HelpdeskData): Promise<void> {
  await createSchema(db);
  await seed(db, data);
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
    app.use('/api/*', cors({ origin: options.corsOrigins, allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'], allowMethods: ['GET', 'POST', 'PUT'] }));
  }
  const contract = await loadContract();
  const agentCacheMs = options.agentCacheMs ?? 10_000;
  const agentContexts = agentCacheMs > 0 ? new AgentContextCache(agentCacheMs) : undefined;
  const healthIndexes = new Map();
  const api = createRestApi({
    // Every request's query is checked against openapi.yaml first.
    checkQuery: (method, path, query) => checkQuery(contract, method, path.replace(/^\/api/, ''), query),
    sourceFor: (context) => {
      const token = /^Bearer\s+(.+)$/i.exec(context.req.header('Authorization') ?? '')?.[1];
      const agentLogin = token !== undefined ? options.tokens[token] : undefined;
      if (agentLogin === undefined) throw new UnauthorizedError();
      return new SqlDataSource(options.db, catalog, { agentLogin, now: options.now, readOnly: options.readOnly, agentContexts, healthIndexes });
    },
  });
  app.route('/api', api);
  app.get('/', (c) => c.text('Customer Information Center reference server: the REST API is under /api (see openapi.yaml).'));
  return app;
}

/** No or an unknown bearer token: answered 401 (the contract maps it to "forbidden"). */
class UnauthorizedError extends ForbiddenError {
  readonly status = 401;
  constructor() {
    super('A valid bearer token is required');
  }
}

import { InMemoryDataSource } from '../src/data/adapters/in-memory-data-source.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../src/testing/conformance-data.js';
import { createServer, prepareDatabase } from './app.js';
import { koaMiddleware } from './koa-bridge.js';
import { createRestApi } from './rest-api.js';
import { openPglite, openPostgres, type Db } from './sql/db.js';

type Handler = (request: Request) => Response | Promise<Response>;

/** The bearer token of the conformance agent on the test servers. */
export const TEST_TOKEN = 'conformance-token';

/**
 * REST APIs for the browser tests, on their own dev server, each instance fresh with the
 * conformance data (one per `<name>`, the latest replacing the one before):
 * - `/api/conformance/<name>/…`: the REST layer over the in-memory source;
 * - `/api/pglite/<name>/…`: the reference server over PGlite (Znuny schema, real SQL);
 * - `/api/postgres/<name>/…`: the same over a real PostgreSQL, when `CIC_TEST_DATABASE_URL` is set;
 * - `/api/hostile/…`: a hostile server (see `hostile`).
 */
export function testApiMiddleware() {
  const memory = new Map<string, Handler>();
  const sql = { pglite: sqlInstances(() => openPglite()), postgres: sqlInstances(() => openPostgres(process.env.CIC_TEST_DATABASE_URL!)) };
  return koaMiddleware('/api/', (rest) => {
    const [kind, name, ...path] = rest.split('/');
    if (!name || !path.length) return undefined;
    const target = `/${path.join('/')}`;
    if (kind === 'conformance') {
      let handler = memory.get(name);
      if (!handler) {
        const app = inMemoryRestApi();
        memory.set(name, (handler = (request) => app.fetch(request)));
      }
      return { handler, path: target };
    }
    if (kind === 'hostile') return { handler: hostile, path: `/${name}${target}` };
    if (kind === 'pglite' || (kind === 'postgres' && process.env.CIC_TEST_DATABASE_URL)) {
      return { handler: (request) => sql[kind](name, request), path: `/api${target}` };
    }
    return undefined;
  });
}

/** The REST layer over a fresh in-memory source with the conformance data (as `/api/conformance/…` serves it). */
export function inMemoryRestApi() {
  const source = new InMemoryDataSource(conformanceData(), { now: CONFORMANCE_NOW, currentAgentId: CONFORMANCE_AGENT_ID, preferences: true });
  return createRestApi({ sourceFor: () => source });
}

/** One database, re-created for each new instance name, behind the reference server. */
function sqlInstances(open: () => Promise<Db>) {
  let db: Promise<Db> | undefined;
  let current: { name: string; handler: Promise<Handler> } | undefined;
  return async (name: string, request: Request): Promise<Response> => {
    if (current?.name !== name) {
      db ??= open();
      const ready = db.then(async (database) => {
        await database.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
        await prepareDatabase(database, conformanceData());
        const app = await createServer({ db: database, tokens: { [TEST_TOKEN]: CONFORMANCE_AGENT_ID }, now: () => CONFORMANCE_NOW });
        return (req: Request) => app.fetch(req);
      });
      current = { name, handler: ready };
    }
    return (await current.handler)(request);
  };
}

/**
 * A hostile server: `/redirect/…` redirects (302) to the same path under `/elsewhere/` on
 * another origin (this server under its other host name, localhost ↔ 127.0.0.1), which
 * answers a company status to anyone (CORS `*`): a client that follows redirects shows it.
 */
function hostile(request: Request): Response {
  const url = new URL(request.url);
  if (url.pathname.startsWith('/redirect/')) {
    const [hostname, port] = (request.headers.get('host') ?? '').split(':');
    const other = hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const location = `http://${other}:${port}/api/hostile/elsewhere${url.pathname.slice('/redirect'.length)}${url.search}`;
    return new Response(null, { status: 302, headers: { Location: location } });
  }
  return Response.json({ escalated: 9, open: 9, closed: 9, all: 9, byCategory: {} }, { headers: { 'Access-Control-Allow-Origin': '*' } });
}

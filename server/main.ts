// The reference server: `npm run server`. Configuration by environment (see docs/SERVER.md):
//   PORT (8787), HOST (127.0.0.1)
//   DATABASE_URL   postgres://… — a real PostgreSQL through a pool (else PGlite, embedded, in memory)
//   DATABASE_READ_URL postgres://…,… — read replicas of it (round robin); writes go to DATABASE_URL
//   CIC_READ_YOUR_WRITES_MS (5000) after an agent writes, its reads go to the primary this long
//   CIC_WORKERS (1) server processes on the one port (node:cluster); more than 1 needs DATABASE_URL
//   CIC_DEBUG_WORKER=1 name the answering process in an `X-CIC-Worker` header (tests; not in production)
//   CIC_SEED=1     create the Znuny tables and load the demo data (default with PGlite)
//   CIC_READ_ONLY=1 (or --read-only) serve a live database without writing anything (preferences stay in the browser)
//   CIC_ARCHIVED   include (default, as Znuny with its archive system off) or exclude archived tickets
//   CIC_TOKENS     token=agent-login,… — who may call, as which agent
//   CIC_DEMO_TOKENS=1 (or --demo) also accept "demo-<agent login>" for every agent (demo only)
//   CIC_CORS_ORIGINS  comma-separated origins allowed to call from a browser
//   CIC_PGLITE_MAX_IN_FLIGHT (4), CIC_PGLITE_MAX_QUEUED (64)  PGlite queries at once / waiting; beyond: 503
//   CIC_LIVE=0        no live updates (GET /api/live); CIC_LIVE_TRIGGERS=1 creates their triggers at start
//   CIC_LIVE_MAX_STREAMS (1000), CIC_LIVE_MAX_STREAMS_PER_AGENT (8)  open live streams at most
//   CIC_CURSOR_SECRET the secret page cursors are signed with (random per start when unset;
//                     set it when several machines serve one address, or cursors should survive a restart;
//                     the workers of one CIC_WORKERS server share one without it)
// See docs/DEPLOYMENT.md for the shape of a deployment on one machine and on many.
import { serve } from '@hono/node-server';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { generateDemoData } from '../src/data/demo/demo-data.js';
import { createServer, prepareDatabase } from './app.js';
import { runWorkers } from './cluster.js';
import { openPglite, openPostgres, withReplicas, type Db } from './sql/db.js';
import { parseTokens } from './tokens.js';
import { pgListen } from './live.js';

const argv = new Set(process.argv.slice(2));
const env = process.env;
const flag = (name: string, arg: string) => env[name] === '1' || argv.has(arg);

// Checked first: a wrong token list stops the server before it opens anything.
let tokens: Map<string, string>;
try {
  tokens = parseTokens(env.CIC_TOKENS ?? '');
} catch (error) {
  console.error(`[cic-server] ${(error as Error).message}`);
  process.exit(1);
}

/** A whole number from the environment, at least `min`; undefined when unset. Exits with a message when it is not one. */
function integerSetting(name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= min) return value;
  console.error(`[cic-server] ${name} must be a whole number of at least ${min}, not "${raw}".`);
  process.exit(1);
}

const archived = env.CIC_ARCHIVED ?? 'include';
if (archived !== 'include' && archived !== 'exclude') {
  console.error(`[cic-server] CIC_ARCHIVED must be "include" or "exclude", not "${archived}".`);
  process.exit(1);
}

const databaseUrl = env.DATABASE_URL;
const workers = integerSetting('CIC_WORKERS', 1) ?? 1;
// PGlite lives in the memory of one process: workers could not share it.
if (workers > 1 && !databaseUrl) {
  console.error('[cic-server] CIC_WORKERS above 1 needs PostgreSQL (DATABASE_URL): the embedded PGlite database cannot be shared by several processes.');
  process.exit(1);
}
const readUrls = (env.DATABASE_READ_URL ?? '').split(',').map((url) => url.trim()).filter(Boolean);
if (readUrls.length && !databaseUrl) {
  console.error('[cic-server] DATABASE_READ_URL names read replicas of DATABASE_URL: set DATABASE_URL too.');
  process.exit(1);
}
// The primary of a cluster opens the database only to check and seed it; its workers serve.
const clusterPrimary = workers > 1 && cluster.isPrimary;
const poolSize = integerSetting('CIC_POOL_SIZE', 1);
const primaryDb = databaseUrl
  ? await openPostgres(databaseUrl, { max: poolSize })
  : await openPglite(env.PGLITE_DIR, { maxInFlight: integerSetting('CIC_PGLITE_MAX_IN_FLIGHT', 1), maxQueued: integerSetting('CIC_PGLITE_MAX_QUEUED', 0) });
if (databaseUrl) {
  // Without the database at start there is nothing to serve: say so plainly and exit, so that a
  // supervisor (systemd, a container runtime) starts the server again once it can be reached.
  try {
    await primaryDb.query('SELECT 1');
  } catch (error) {
    const { host, pathname } = new URL(databaseUrl);
    const cause = (error as Error).cause ?? error;
    console.error(`[cic-server] cannot reach PostgreSQL at ${host}${pathname} (DATABASE_URL): ${(cause as Error).message || (cause as { code?: string }).code}`);
    process.exit(1);
  }
}
// Seeded once: by the only process, or by the primary of a cluster before it forks (not by each worker).
const shouldSeed = !cluster.isWorker && (databaseUrl ? flag('CIC_SEED', '--seed') : !env.PGLITE_DIR || flag('CIC_SEED', '--seed'));
const demo = flag('CIC_DEMO_TOKENS', '--demo');
const data = generateDemoData({ now: new Date() });
if (shouldSeed) {
  const started = Date.now();
  await prepareDatabase(primaryDb, data);
  console.log(`[cic-server] ${primaryDb.kind}: Znuny tables created and ${data.tickets.length} demo tickets loaded in ${Date.now() - started} ms`);
}

if (clusterPrimary) {
  await primaryDb.close();
  // Every worker must sign and check page cursors with the same secret: one chosen here when none is set.
  runWorkers(workers, { env: { CIC_CURSOR_SECRET: env.CIC_CURSOR_SECRET || randomBytes(32).toString('base64url') } });
} else {
  await serveRequests();
}

async function serveRequests() {
  const db: Db = withReplicas(
    primaryDb,
    await Promise.all(readUrls.map((url) => openPostgres(url, { max: poolSize }))),
    { readYourWritesMs: integerSetting('CIC_READ_YOUR_WRITES_MS', 0) },
  );
  if (demo) for (const agent of data.agents ?? []) tokens.set(`demo-${agent.id}`, agent.id);
  if (!tokens.size) console.warn('[cic-server] no tokens configured (CIC_TOKENS): every request will be refused.');

  const app = await createServer({
    archived: archived === 'exclude' ? 'exclude' : 'include',
    db,
    tokens,
    readOnly: flag('CIC_READ_ONLY', '--read-only'),
    cursorSecret: env.CIC_CURSOR_SECRET || undefined,
    // One listening connection per process, to the primary database (notifications are not replicated).
    live: env.CIC_LIVE === '0' ? false : {
      listen: databaseUrl ? pgListen(databaseUrl) : undefined,
      installTriggers: env.CIC_LIVE_TRIGGERS === '1',
      maxStreams: integerSetting('CIC_LIVE_MAX_STREAMS', 1),
      maxStreamsPerAgent: integerSetting('CIC_LIVE_MAX_STREAMS_PER_AGENT', 1),
    },
    corsOrigins: (env.CIC_CORS_ORIGINS ?? (demo ? 'http://localhost:8000,http://127.0.0.1:8000' : '')).split(',').filter(Boolean),
  });
  const port = Number(env.PORT ?? 8787);
  const hostname = env.HOST ?? '127.0.0.1';
  // Which process answered, for tests of CIC_WORKERS; off unless asked for.
  const fetch: typeof app.fetch = env.CIC_DEBUG_WORKER === '1'
    ? async (request, ...rest) => {
        const response = await app.fetch(request, ...rest);
        const headers = new Headers(response.headers);
        headers.set('X-CIC-Worker', String(process.pid));
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      }
    : app.fetch;
  const replicas = readUrls.length ? ` with ${readUrls.length} read replica${readUrls.length > 1 ? 's' : ''}` : '';
  const server = serve({ fetch, port, hostname }, () =>
    console.log(`[cic-server] ${db.kind}${replicas}${flag('CIC_READ_ONLY', '--read-only') ? ' (read only)' : ''}: http://${hostname}:${port}/api${cluster.isWorker ? ` (worker ${process.pid})` : ''}`),
  );

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close();
      void db.close().finally(() => process.exit(0));
    });
  }
}

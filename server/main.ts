// The reference server: `npm run server`. Configuration by environment (see docs/SERVER.md):
//   PORT (8787), HOST (127.0.0.1)
//   DATABASE_URL   postgres://… — a real PostgreSQL through a pool (else PGlite, embedded, in memory)
//   CIC_SEED=1     create the Znuny tables and load the demo data (default with PGlite)
//   CIC_READ_ONLY=1 (or --read-only) serve a live database without writing anything (preferences stay in the browser)
//   CIC_ARCHIVED   include (default, as Znuny with its archive system off) or exclude archived tickets
//   CIC_TOKENS     token=agent-login,… — who may call, as which agent
//   CIC_DEMO_TOKENS=1 (or --demo) also accept "demo-<agent login>" for every agent (demo only)
//   CIC_CORS_ORIGINS  comma-separated origins allowed to call from a browser
//   CIC_PGLITE_MAX_IN_FLIGHT (4), CIC_PGLITE_MAX_QUEUED (64)  PGlite queries at once / waiting; beyond: 503
//   CIC_CURSOR_SECRET the secret page cursors are signed with (random per start when unset;
//                     set it when several processes serve one address, or cursors should survive a restart)
import { serve } from '@hono/node-server';
import { generateDemoData } from '../src/data/demo/demo-data.js';
import { createServer, prepareDatabase } from './app.js';
import { openPglite, openPostgres } from './sql/db.js';
import { parseTokens } from './tokens.js';

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
const db = databaseUrl
  ? await openPostgres(databaseUrl, { max: integerSetting('CIC_POOL_SIZE', 1) })
  : await openPglite(env.PGLITE_DIR, { maxInFlight: integerSetting('CIC_PGLITE_MAX_IN_FLIGHT', 1), maxQueued: integerSetting('CIC_PGLITE_MAX_QUEUED', 0) });
if (databaseUrl) {
  // Without the database at start there is nothing to serve: say so plainly and exit, so that a
  // supervisor (systemd, a container runtime) starts the server again once it can be reached.
  try {
    await db.query('SELECT 1');
  } catch (error) {
    const { host, pathname } = new URL(databaseUrl);
    const cause = (error as Error).cause ?? error;
    console.error(`[cic-server] cannot reach PostgreSQL at ${host}${pathname} (DATABASE_URL): ${(cause as Error).message || (cause as { code?: string }).code}`);
    process.exit(1);
  }
}
const shouldSeed = databaseUrl ? flag('CIC_SEED', '--seed') : !env.PGLITE_DIR || flag('CIC_SEED', '--seed');
const demo = flag('CIC_DEMO_TOKENS', '--demo');
const data = generateDemoData({ now: new Date() });
if (shouldSeed) {
  const started = Date.now();
  await prepareDatabase(db, data);
  console.log(`[cic-server] ${db.kind}: Znuny tables created and ${data.tickets.length} demo tickets loaded in ${Date.now() - started} ms`);
}

if (demo) for (const agent of data.agents ?? []) tokens.set(`demo-${agent.id}`, agent.id);
if (!tokens.size) console.warn('[cic-server] no tokens configured (CIC_TOKENS): every request will be refused.');

const app = await createServer({
  archived,
  db,
  tokens,
  readOnly: flag('CIC_READ_ONLY', '--read-only'),
  cursorSecret: env.CIC_CURSOR_SECRET || undefined,
  corsOrigins: (env.CIC_CORS_ORIGINS ?? (demo ? 'http://localhost:8000,http://127.0.0.1:8000' : '')).split(',').filter(Boolean),
});
const port = Number(env.PORT ?? 8787);
const hostname = env.HOST ?? '127.0.0.1';
const server = serve({ fetch: app.fetch, port, hostname }, () =>
  console.log(`[cic-server] ${db.kind}${flag('CIC_READ_ONLY', '--read-only') ? ' (read only)' : ''}: http://${hostname}:${port}/api`),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void db.close().finally(() => process.exit(0));
  });
}

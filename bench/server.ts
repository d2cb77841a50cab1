// `npm run bench:server`: the reference server at scale, over HTTP on loopback.
// 1,000,000 tickets, 50,000 customer users, 5,000 customers (one, BIGCORP, with 100,000
// tickets), made inside the database with INSERT … SELECT generate_series. On PGlite, and on
// PostgreSQL when CIC_TEST_DATABASE_URL is set (scripts/with-postgres.sh starts one).
// Reports p50/p95 of every endpoint, of opening BIGCORP (every call the center makes, in
// parallel as the browser does), and a bounded load test (50 agents opening random customers).
import { serve } from '@hono/node-server';
import { writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { createServer } from '../server/app.js';
import { openPglite, openPostgres, type Db } from '../server/sql/db.js';
import { createSchema, installCountSummary } from '../server/sql/seed.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const LOAD_SECONDS = Math.min(60, Number(process.env.BENCH_LOAD_SECONDS ?? 20));
const AGENTS = 50;
const NOW = new Date('2026-06-01T00:00:00Z');

async function loadData(db: Db): Promise<number> {
  const started = Date.now();
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await createSchema(db);
  await db.exec(`
    INSERT INTO ticket_state_type (id, name) VALUES (1,'new'),(2,'open'),(3,'closed'),(4,'pending reminder'),(5,'pending auto'),(6,'removed'),(7,'merged');
    INSERT INTO ticket_state (id, name, type_id, valid_id) VALUES (1,'new',1,1),(2,'open',2,1),(3,'closed successful',3,1),
      (4,'pending reminder',4,1),(5,'pending auto close+',5,1),(6,'removed',6,1),(7,'merged',7,1),(8,'closed unsuccessful',3,1);
    INSERT INTO ticket_lock_type (id, name) VALUES (1,'unlock'),(2,'lock'),(3,'tmp_lock');
    INSERT INTO permission_groups (id, name, valid_id) VALUES (1, 'users', 1);
    INSERT INTO queue (id, name, group_id, valid_id) SELECT g, 'Queue ' || g, 1, 1 FROM generate_series(1, 20) g;
    INSERT INTO users (id, login, first_name, last_name, valid_id) SELECT g, 'agent-' || g, 'Agent', g::text, 1 FROM generate_series(1, ${AGENTS}) g;
    INSERT INTO group_user (user_id, group_id, permission_key) SELECT g, 1, 'rw' FROM generate_series(1, ${AGENTS}) g;
    INSERT INTO personal_queues (user_id, queue_id) SELECT g, 1 + g % 20 FROM generate_series(1, ${AGENTS}) g;
    INSERT INTO customer_company (customer_id, name, city, valid_id) SELECT 'C' || g, 'Customer ' || g, 'Berlin', 1 FROM generate_series(1, 4999) g;
    INSERT INTO customer_company (customer_id, name, city, valid_id) VALUES ('BIGCORP', 'Big Corporation', 'Frankfurt', 1);
    INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id)
      SELECT 'u' || g, 'u' || g || '@example.com', CASE WHEN g % 10 = 0 THEN 'BIGCORP' ELSE 'C' || (1 + g % 4999) END,
        'First' || g, 'Last' || (g % 977), 1 FROM generate_series(1, 50000) g;
    INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id, ticket_state_id,
        customer_id, customer_user_id, until_time, escalation_time, create_time, change_time)
      SELECT g, (2020000000 + g)::text, 'Ticket title ' || g, 1 + g % 20, 1 + (g % 3 = 0)::int, 1 + g % ${AGENTS}, 1, 1 + g % 5, 1 + g % 8,
        CASE WHEN g % 10 = 0 THEN 'BIGCORP' ELSE 'C' || (1 + g % 4999) END,
        CASE WHEN g % 10 = 0 THEN 'u' || (10 * (1 + g % 5000)) ELSE 'u' || (1 + g % 50000) END,
        CASE WHEN g % 8 = 3 THEN ${Math.floor(NOW.getTime() / 1000)} - 86400 + g % 172800 ELSE 0 END,
        CASE WHEN g % 9 = 0 THEN ${Math.floor(NOW.getTime() / 1000)} - 86400 + g % 172800 ELSE 0 END,
        timestamp '2024-01-01' + g * interval '30 seconds', timestamp '2024-01-01' + g * interval '40 seconds'
      FROM generate_series(1, ${TICKETS}) g;`);
  await installCountSummary(db);
  await db.exec('VACUUM ANALYZE');
  return Date.now() - started;
}

type Measurements = Awaited<ReturnType<typeof import('./server-client.js').measure>>;

async function bench(db: Db) {
  const loadMs = await loadData(db);
  const tokens = Object.fromEntries(Array.from({ length: AGENTS }, (_, i) => [`t${i + 1}`, `agent-${i + 1}`]));
  const app = await createServer({ db, tokens, now: () => NOW });
  const port = 18900 + (db.kind === 'pglite' ? 0 : 1);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  // The measuring client runs in a worker thread: its requests must not wait for the
  // server's event loop, nor the server for the client's.
  const measured = await new Promise<Measurements>((resolve, reject) => {
    const client = new URL('./server-client.ts', import.meta.url).href;
    const start = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(client)}, ${JSON.stringify(import.meta.url)}))`;
    const worker = new Worker(start, { eval: true, workerData: { base: `http://127.0.0.1:${port}/api`, agents: AGENTS, loadSeconds: LOAD_SECONDS } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  server.close();
  return { engine: db.kind, tickets: TICKETS, loadMs, ...measured };
}

const results = [];
const pglite = await openPglite();
results.push(await bench(pglite));
await pglite.close();
if (process.env.CIC_TEST_DATABASE_URL) {
  const pg = await openPostgres(process.env.CIC_TEST_DATABASE_URL, { max: 20, connectionTimeoutMillis: 5000 });
  results.push(await bench(pg));
  await pg.close();
} else {
  console.log('No PostgreSQL (set CIC_TEST_DATABASE_URL, or run through scripts/with-postgres.sh): PGlite only.');
}
await writeFile('bench/server-results.json', `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
for (const r of results) {
  console.log(`\n${r.engine}: ${r.tickets.toLocaleString('en')} tickets loaded in ${(r.loadMs / 1000).toFixed(1)} s`);
  for (const [name, { p50, p95 }] of Object.entries(r.endpoints)) console.log(`  ${name.padEnd(36)} p50 ${String(p50).padStart(6)} ms  p95 ${String(p95).padStart(6)} ms`);
  for (const [name, { p50, p95 }] of Object.entries(r.openParts)) console.log(`    open part ${name.padEnd(30)} p50 ${String(p50).padStart(6)} ms  p95 ${String(p95).padStart(6)} ms`);
  console.log(`  ${'open BIGCORP (' + r.open.calls + ' calls, parallel)'.padEnd(36)} p50 ${String(r.open.p50).padStart(6)} ms  p95 ${String(r.open.p95).padStart(6)} ms`);
  for (const l of r.load) {
    console.log(`  load: ${l.agents} agents × ${l.seconds} s, ${l.thinkMs ? `${l.thinkMs / 1000} s between opens` : 'back to back'}: ${l.requests} requests, ${l.requestsPerSecond}/s, p95 ${l.p95} ms, ${l.errors} errors`);
  }
}
console.log('\nWritten to bench/server-results.json');

// `npm run bench:server`: the reference server at scale, over HTTP on loopback.
// 1,000,000 tickets, 50,000 customer users, 5,000 customers (one, BIGCORP, with 100,000
// tickets), generated here and loaded with COPY. On PGlite, and on
// PostgreSQL when CIC_TEST_DATABASE_URL is set (scripts/with-postgres.sh starts one).
// Reports p50/p95 of every endpoint, of opening BIGCORP (every call the center makes, in
// parallel as the browser does), and a bounded load test (50 agents opening random customers).
import { serve } from '@hono/node-server';
import { readFile, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { createServer } from '../server/app.js';
import { openPglite, openPostgres, type Db } from '../server/sql/db.js';
import { AGENTS, loadData, NOW } from './server-data.js';

const LOAD_SECONDS = Math.min(60, Number(process.env.BENCH_LOAD_SECONDS ?? 20));

type Measurements = Awaited<ReturnType<typeof import('./server-client.js').measure>>;

async function bench(db: Db) {
  const loadMs = await loadData(db, Number(process.env.BENCH_TICKETS ?? 1_000_000));
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
  return { engine: db.kind, tickets: Number(process.env.BENCH_TICKETS ?? 1_000_000), loadMs, ...measured };
}

// BENCH_ENGINES=postgresql (or pglite) measures one engine only.
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
const results: Awaited<ReturnType<typeof bench>>[] = [];
if (engines.includes('pglite')) {
  const pglite = await openPglite();
  results.push(await bench(pglite));
  await pglite.close();
}
if (!engines.includes('postgresql')) {
  // measured PGlite only, as asked
} else if (process.env.CIC_TEST_DATABASE_URL) {
  const pg = await openPostgres(process.env.CIC_TEST_DATABASE_URL, { max: 20, connectionTimeoutMillis: 5000 });
  results.push(await bench(pg));
  await pg.close();
} else {
  console.log('No PostgreSQL (set CIC_TEST_DATABASE_URL, or run through scripts/with-postgres.sh): PGlite only.');
}
// Engines not measured this time keep their earlier figures.
const earlier = await readFile('bench/server-results.json', 'utf8').then((t) => JSON.parse(t) as { results: { engine: string }[] }, () => ({ results: [] }));
const kept = earlier.results.filter((r) => !results.some((n) => n.engine === r.engine));
await writeFile('bench/server-results.json', `${JSON.stringify({ date: new Date().toISOString(), results: [...kept, ...results] }, null, 2)}\n`);
for (const r of results) {
  console.log(`\n${r.engine}: ${r.tickets.toLocaleString('en')} tickets loaded in ${(r.loadMs / 1000).toFixed(1)} s`);
  for (const [name, { p50, p95 }] of Object.entries(r.endpoints)) console.log(`  ${name.padEnd(36)} p50 ${String(p50).padStart(6)} ms  p95 ${String(p95).padStart(6)} ms`);
  for (const [name, { p50, p95 }] of Object.entries(r.openParts)) console.log(`    open part ${name.padEnd(30)} p50 ${String(p50).padStart(6)} ms  p95 ${String(p95).padStart(6)} ms`);
  console.log(`  ${'open BIGCORP (' + r.open.calls + ' calls, parallel)'.padEnd(36)} p50 ${String(r.open.p50).padStart(6)} ms  p95 ${String(r.open.p95).padStart(6)} ms`);
  for (const l of r.load) {
    console.log(`  load: ${l.agents} agents × ${l.seconds} s, ${l.parallel ? 'an open\'s requests at once' : 'one request at a time'}, ${l.thinkMs ? `${l.thinkMs / 1000} s between opens` : 'back to back'}: ${l.requests} requests, ${l.requestsPerSecond}/s, p95 ${l.p95} ms, ${l.errors} errors`);
  }
}
console.log('\nWritten to bench/server-results.json');

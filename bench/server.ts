// `npm run bench:server`: the reference server at scale, over HTTP on loopback.
// 1,000,000 tickets, 50,000 customer users, 5,000 customers (one, BIGCORP, with 100,000
// tickets), generated here and loaded with COPY. On PGlite, and on
// PostgreSQL when CIC_TEST_DATABASE_URL is set (scripts/with-postgres.sh starts one).
// Reports p50/p95 of every endpoint, of opening BIGCORP (every call the center makes, in
// parallel as the browser does), and a bounded load test (50 agents opening random customers).
// On PostgreSQL also the same load against `server/main.ts` with CIC_WORKERS=1 and 2 (BENCH_WORKERS,
// e.g. "1,2,4"), side by side: what more processes on one machine give.
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { createServer } from '../server/app.js';
import { createTrigramIndexes } from '../server/indexes.js';
import { openPglite, openPostgres, type Db } from '../server/sql/db.js';
import { AGENTS, loadData, NOW } from './server-data.js';
import { benchLive, printLive } from './server-live.js';

const LOAD_SECONDS = Math.min(60, Number(process.env.BENCH_LOAD_SECONDS ?? 20));

type Measurements = Awaited<ReturnType<typeof import('./server-client.js').measure>>;
type Load = Awaited<ReturnType<typeof import('./server-client.js').loadTest>>;

/** Runs the measuring client in a worker thread against `base`. */
function client<T>(base: string, loadOnly = false): Promise<T> {
  // The measuring client runs in a worker thread: its requests must not wait for the
  // server's event loop, nor the server for the client's.
  return new Promise<T>((resolve, reject) => {
    const script = new URL('./server-client.ts', import.meta.url).href;
    const start = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(script)}, ${JSON.stringify(import.meta.url)}))`;
    const worker = new Worker(start, { eval: true, workerData: { base, agents: AGENTS, loadSeconds: LOAD_SECONDS, loadOnly } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The load test against `server/main.ts` with `workers` processes on the database loaded at `url`. */
async function loadWithWorkers(url: string, workers: number): Promise<Load & { workers: number }> {
  const port = 18950 + workers;
  const tokens = Array.from({ length: AGENTS }, (_, i) => `t${i + 1}=agent-${i + 1}`).join(',');
  const server = spawn(process.execPath, ['--import', 'tsx', new URL('../server/main.ts', import.meta.url).pathname], {
    env: { ...process.env, DATABASE_URL: url, CIC_WORKERS: String(workers), CIC_TOKENS: tokens, CIC_POOL_SIZE: '10', PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/api/capabilities`, { headers: { Authorization: 'Bearer t1' } }).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 300) throw new Error(`the server with ${workers} workers did not start`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { workers, ...(await client<Load>(`http://127.0.0.1:${port}/api`, true)) };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

// --- Search section: the searches as typed, keystroke by keystroke, on the plain path and then
// with the trigram indexes (`createTrigramIndexes`, as `npm run server:indexes` builds them).
// BENCH_SECTIONS=search runs this section only (the data is loaded all the same).

/** Each term as it grows while typed, from its third character (two-character terms are measured apart). */
const typed = (...words: string[]) => words.flatMap((word) => Array.from({ length: word.length - 2 }, (_, i) => word.slice(0, i + 3)));
const SEARCHES = {
  'search customers': { path: '/search/customers', terms: ['customer 42'] },
  'search customer users': { path: '/search/customer-users', terms: ['u4242'] },
  'customers, typed (3+ chars)': { path: '/search/customers', terms: typed('customer 42', 'bigcorp', 'c4242') },
  'customer users, typed (3+ chars)': { path: '/search/customer-users', terms: typed('u4242', 'last42', 'first4242', 'example') },
  'customers, 2 chars': { path: '/search/customers', terms: ['cu', 'bi', 'c4'] },
  'customer users, 2 chars': { path: '/search/customer-users', terms: ['u4', 'la', 'ex'] },
} as const;
const SEARCH_ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);

/** p50/p95 of each search, every term of it `SEARCH_ROUNDS` times (after one warm-up), over HTTP. */
async function measureSearches(db: Db, port: number) {
  const tokens = { t1: 'agent-1' };
  const app = await createServer({ db, tokens, now: () => NOW, live: false });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const get = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api${path}`, { headers: { Authorization: 'Bearer t1' } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return performance.now() - started;
  };
  const quantile = (values: number[], q: number) => Math.round([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] * 10) / 10;
  const figures: Record<string, { p50: number; p95: number; requests: number }> = {};
  try {
    for (const [name, { path, terms }] of Object.entries(SEARCHES)) {
      const urls = terms.map((term) => `${path}?term=${encodeURIComponent(term)}&limit=20`);
      for (const url of urls) await get(url);
      const ms: number[] = [];
      for (let round = 0; round < SEARCH_ROUNDS; round++) for (const url of urls) ms.push(await get(url));
      figures[name] = { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), requests: ms.length };
    }
  } finally {
    server.close();
  }
  return figures;
}

/** The searches on the plain path, then with the trigram indexes (left in place afterwards). */
async function searchSection(db: Db, port: number) {
  const plain = await measureSearches(db, port);
  const started = Date.now();
  const installed = await createTrigramIndexes(db, () => {});
  const indexMs = Date.now() - started;
  await db.exec('ANALYZE customer_company; ANALYZE customer_user; ANALYZE ticket');
  const trigram = installed ? await measureSearches(db, port) : undefined;
  return { rounds: SEARCH_ROUNDS, plain, trigram, trigramIndexMs: installed ? indexMs : undefined };
}

function printSearch(search: Awaited<ReturnType<typeof searchSection>>) {
  console.log(`  search (${search.rounds} rounds; trigram indexes built in ${search.trigramIndexMs ?? '–'} ms):`);
  for (const [name, plain] of Object.entries(search.plain)) {
    const trigram = search.trigram?.[name];
    const after = trigram ? `trigram p50 ${String(trigram.p50).padStart(6)} ms  p95 ${String(trigram.p95).padStart(6)} ms` : 'trigram: not installed';
    console.log(`    ${name.padEnd(30)} plain p50 ${String(plain.p50).padStart(6)} ms  p95 ${String(plain.p95).padStart(6)} ms   ${after}   (${plain.requests} requests each)`);
  }
}
// --- end of the search section

async function bench(db: Db) {
  const loadMs = await loadData(db, Number(process.env.BENCH_TICKETS ?? 1_000_000));
  const tokens = Object.fromEntries(Array.from({ length: AGENTS }, (_, i) => [`t${i + 1}`, `agent-${i + 1}`]));
  const port = 18900 + (db.kind === 'pglite' ? 0 : 1);
  if (process.env.BENCH_SECTIONS === 'search') {
    return { engine: db.kind, tickets: Number(process.env.BENCH_TICKETS ?? 1_000_000), loadMs, search: await searchSection(db, port) };
  }
  const app = await createServer({ db, tokens, now: () => NOW });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const measured = await client<Measurements>(`http://127.0.0.1:${port}/api`);
  server.close();
  // Processes side by side, on the same data (PostgreSQL only: PGlite cannot be shared).
  const workers: (Load & { workers: number })[] = [];
  if (db.kind === 'postgresql') {
    for (const n of (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)) workers.push(await loadWithWorkers(process.env.CIC_TEST_DATABASE_URL!, n));
  }
  const search = await searchSection(db, port);
  const live = await benchLive(db);
  return { engine: db.kind, tickets: Number(process.env.BENCH_TICKETS ?? 1_000_000), loadMs, ...measured, workers, search, live };
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
// The search section alone keeps the engine's other figures (and load time) of the earlier run.
const written = results.map((r) => ('endpoints' in r ? r : { ...earlier.results.find((e) => e.engine === r.engine), search: r.search, searchMeasured: new Date().toISOString() }));
await writeFile('bench/server-results.json', `${JSON.stringify({ date: new Date().toISOString(), results: [...kept, ...written] }, null, 2)}\n`);
for (const r of results) {
  console.log(`\n${r.engine}: ${r.tickets.toLocaleString('en')} tickets loaded in ${(r.loadMs / 1000).toFixed(1)} s`);
  if (r.search) printSearch(r.search);
  if (!('endpoints' in r)) continue;
  for (const [name, { p50, p95 }] of Object.entries(r.endpoints)) console.log(`  ${name.padEnd(36)} p50 ${String(p50).padStart(6)} ms  p95 ${String(p95).padStart(6)} ms`);
  for (const [name, { p50, p95 }] of Object.entries(r.openParts)) console.log(`    open part ${name.padEnd(30)} p50 ${String(p50).padStart(6)} ms  p95 ${String(p95).padStart(6)} ms`);
  console.log(`  ${'open BIGCORP (' + r.open.calls + ' calls, parallel)'.padEnd(36)} p50 ${String(r.open.p50).padStart(6)} ms  p95 ${String(r.open.p95).padStart(6)} ms`);
  for (const l of r.load) {
    console.log(`  load: ${l.agents} agents × ${l.seconds} s, ${l.parallel ? 'an open\'s requests at once' : 'one request at a time'}, ${l.thinkMs ? `${l.thinkMs / 1000} s between opens` : 'back to back'}: ${l.requests} requests, ${l.requestsPerSecond}/s, p95 ${l.p95} ms, ${l.errors} errors`);
  }
  for (const w of r.workers ?? []) {
    console.log(`  CIC_WORKERS=${w.workers}: ${w.agents} agents × ${w.seconds} s, one request at a time, back to back: ${w.requests} requests, ${w.requestsPerSecond}/s, p95 ${w.p95} ms, ${w.errors} errors`);
  }
  printLive(r.live);
}
console.log('\nWritten to bench/server-results.json');

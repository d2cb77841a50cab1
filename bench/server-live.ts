// The live section of `npm run bench:server` (called from bench/server.ts on the data it
// loaded; alone: `bash scripts/with-postgres.sh node --import tsx bench/server-live.ts`).
// 1. Latency: a ticket's state changed in SQL until its customer's open center in headless
//    Chromium (the built elements from dist/, HttpDataSource against this server on loopback)
//    has painted the new count. One clock, the page's: it asks for the change
//    (POST /bench/touch, which runs the UPDATE and answers once committed) and times from just
//    before that request to the frame in which the new count is painted.
// 2. Streams: 500 open live streams on this server process (opened by a child process, so
//    that the process measured holds the server only): memory per stream, CPU over an idle
//    minute of heartbeats and over a burst of changes fanned out to every stream.
import { serve } from '@hono/node-server';
import { fork } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import puppeteer from 'puppeteer-core';
import { createServer } from '../server/app.js';
import { pgListen } from '../server/live.js';
import { openPglite, openPostgres, type Db } from '../server/sql/db.js';
import { AGENTS, loadData, NOW } from './server-data.js';

const ROUNDS = Number(process.env.BENCH_LIVE_ROUNDS ?? 40);
const STREAMS = Number(process.env.BENCH_LIVE_STREAMS ?? 500);
const IDLE_SECONDS = Number(process.env.BENCH_LIVE_IDLE_SECONDS ?? 60);
const BURST = Number(process.env.BENCH_LIVE_BURST ?? 50);
/** The customers whose centers are timed: a typical one (about 180 tickets) and the 100,000-ticket one. */
const CUSTOMERS = (process.env.BENCH_LIVE_CUSTOMERS ?? 'C42,BIGCORP').split(',');
/** After a change is painted, this long before the next one (ms): more than the center's 250 ms quiet wait, so that no two are merged. */
const SPACING_MS = 600;
const HEARTBEAT_MS = 15_000;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
};
const progress = (what: string) => console.log(`  [live] ${what}…`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };

/** The page: one center over HttpDataSource; `bench.open()` shows a customer, `bench.change()` times one change. */
const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0"><div id="stage"></div>
<script type="module">
const { HttpDataSource } = await import('/dist/cic.bundle.js');
const stage = document.querySelector('#stage');
let center;
// A second subscription of the page's own, to tell when the change reached the browser.
let heard = NaN;
let listening;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
// A task queued from a frame's animation callback runs after that frame's style, layout and paint.
const afterPaint = async () => { await nextFrame(); await new Promise((resolve) => setTimeout(resolve, 0)); return performance.now(); };
const widget = () => center.shadowRoot.querySelector('[data-widget="open-tickets"] ticket-list-widget');
const countText = () => [...(widget()?.shadowRoot?.querySelectorAll('[part=count]') ?? [])].map((e) => e.textContent).join(' ');
const settled = (text) => /\\d/.test(text) && !text.includes('…');
window.bench = {
  async open(customerId, token) {
    const source = await HttpDataSource.connect({ baseUrl: '/api', headers: { Authorization: 'Bearer ' + token } });
    listening?.abort();
    listening = new AbortController();
    source.subscribe({ customerId }, () => (heard = performance.now()), { signal: listening.signal });
    center = document.createElement('customer-information-center');
    center.dataSource = source;
    center.customerId = customerId;
    stage.replaceChildren(center);
    const started = performance.now();
    while (!(settled(countText()) && center.shadowRoot.querySelector('[part=live-indicator]')?.textContent === 'Live')) {
      if (performance.now() - started > 60000) throw new Error('the center did not open live: ' + countText());
      await nextFrame();
    }
    return countText();
  },
  async change(ticketId) {
    const before = countText();
    let observer;
    const changed = new Promise((resolve, reject) => {
      observer = new MutationObserver(() => { const text = countText(); if (text !== before && settled(text)) resolve(text); });
      observer.observe(widget().shadowRoot, { subtree: true, childList: true, characterData: true });
      setTimeout(() => reject(new Error('no new count within 20 s after ' + before)), 20000);
    });
    heard = NaN;
    const started = performance.now();
    let committed = NaN;
    const touched = fetch('/bench/touch?id=' + ticketId, { method: 'POST' }).then((r) => { committed = performance.now(); if (!r.ok) throw new Error('touch ' + r.status); });
    try {
      const after = await changed;
      const painted = await afterPaint();
      await touched;
      return { ms: painted - started, committedMs: committed - started, heardMs: heard - started, before, after };
    } finally {
      observer.disconnect();
    }
  },
};
window.benchReady = true;
</script>`;

/** The server's `fetch`, with the page, the built files and the change the page asks for beside `/api`. */
function withBenchRoutes(db: Db, api: (request: Request) => Response | Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) return api(request);
    if (url.pathname === '/bench/live.html') return new Response(PAGE, { headers: { 'Content-Type': 'text/html' } });
    if (url.pathname === '/bench/touch' && request.method === 'POST') {
      // new ↔ open: the open tickets' count goes one up, then one down.
      await db.query('UPDATE ticket SET ticket_state_id = CASE WHEN ticket_state_id = 1 THEN 2 ELSE 1 END WHERE id = $1', [Number(url.searchParams.get('id'))]);
      return new Response(null, { status: 204 });
    }
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (!path.startsWith('/dist/')) return new Response(null, { status: 404 });
    try {
      return new Response(await readFile(join(process.cwd(), path)), { headers: { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' } });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
}

/** A ticket of `customerId` that is new or open: the one the latency rounds move. */
async function movableTicket(db: Db, customerId: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM ticket WHERE customer_id = $1 AND ticket_state_id IN (1, 2) ORDER BY id LIMIT 1', [customerId]);
  if (!rows[0]) throw new Error(`no new or open ticket of ${customerId}`);
  return Number(rows[0].id);
}

/** Change to painted, in an open center of each of CUSTOMERS. */
async function latency(db: Db, base: string) {
  const { chromeLaunchOptions } = (await import('../scripts/test-tools.mjs' as string)) as { chromeLaunchOptions: () => Parameters<typeof puppeteer.launch>[0] };
  const browser = await puppeteer.launch(chromeLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1400 });
    page.on('pageerror', (error) => console.error('[bench page]', error));
    await page.goto(`${base}/bench/live.html`);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    const results: Record<string, { rounds: number; p50: number; p95: number; max: number; committedP50: number; heardP50: number; heardP95: number }> = {};
    for (const customerId of CUSTOMERS) {
      progress(`change to painted, ${customerId}`);
      const ticket = await movableTicket(db, customerId);
      await page.evaluate((c) => (window as never as { bench: { open(c: string, t: string): Promise<string> } }).bench.open(c, 't1'), customerId);
      const times: number[] = [];
      const committed: number[] = [];
      const heard: number[] = [];
      // Three first changes warm up (not counted).
      for (let i = 0; i < ROUNDS + 3; i++) {
        await sleep(SPACING_MS);
        const r = await page.evaluate((id) => (window as never as { bench: { change(id: number): Promise<{ ms: number; committedMs: number; heardMs: number }> } }).bench.change(id), ticket);
        if (i < 3) continue;
        times.push(r.ms);
        committed.push(r.committedMs);
        heard.push(r.heardMs);
      }
      results[customerId] = { rounds: ROUNDS, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: quantile(times, 1), committedP50: quantile(committed, 0.5), heardP50: quantile(heard, 0.5), heardP95: quantile(heard, 0.95) };
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** `gc()`, made reachable without a command-line flag. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const cpuMs = (since?: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The child process that holds the streams, and a way to ask it something. */
function streamClients(base: string, customerId: string) {
  const child = fork(new URL('./server-live-streams.ts', import.meta.url).pathname, [base, String(STREAMS), `customerId=${customerId}`], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<{ changes: number; heartbeats: number }>((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string; changes: number; heartbeats: number }) => {
        if (message.type === 'failed') reject(new Error(message.message));
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the stream clients stopped (${code})`)));
    });
  const ask = (type: string, extra: object = {}) => {
    const answer = next(type === 'expect' ? 'reached' : type);
    child.send({ type, ...extra });
    return answer;
  };
  const connected = next('connected');
  // Told (or not) by the caller's awaits; never an unhandled rejection.
  connected.catch(() => undefined);
  return { connected, ask, kill: () => child.kill() };
}

const gc = collector();
/** This process's memory after a full garbage collection. */
const memory = () => {
  gc();
  return process.memoryUsage();
};

/** Memory and CPU of this process (the server) with STREAMS open streams. */
async function streams(db: Db, base: string) {
  const customerId = CUSTOMERS[0];
  const ticket = await movableTicket(db, customerId);
  // A quiet moment without streams, as long as a heartbeat period: the baseline.
  const since = process.cpuUsage();
  await sleep(HEARTBEAT_MS);
  const baselineMsPerMinute = (cpuMs(since) * 60_000) / HEARTBEAT_MS;
  const before = memory();

  progress(`opening ${STREAMS} streams`);
  const clients = streamClients(base, customerId);
  try {
    return await measureStreams(db, clients, ticket, before, baselineMsPerMinute);
  } finally {
    clients.kill();
  }
}

/** The figures of `streams()`, once the clients are started. */
async function measureStreams(db: Db, clients: ReturnType<typeof streamClients>, ticket: number, before: NodeJS.MemoryUsage, baselineMsPerMinute: number) {
  const openStarted = process.cpuUsage();
  const openWallStarted = performance.now();
  await clients.connected;
  const openMs = performance.now() - openWallStarted;
  const openCpuMs = cpuMs(openStarted);
  await sleep(2000);
  const open = memory();

  progress(`${STREAMS} streams open; idle ${IDLE_SECONDS} s`);
  const idleSince = process.cpuUsage();
  const idleStart = await clients.ask('counts');
  await sleep(IDLE_SECONDS * 1000);
  const idleCpuMs = cpuMs(idleSince);
  const idleEnd = await clients.ask('counts');

  progress(`a burst of ${BURST} changes`);
  const burstSince = process.cpuUsage();
  const started = performance.now();
  const reached = clients.ask('expect', { changes: idleEnd.changes + BURST * STREAMS });
  for (let i = 0; i < BURST; i++) await db.query('UPDATE ticket SET ticket_state_id = CASE WHEN ticket_state_id = 1 THEN 2 ELSE 1 END WHERE id = $1', [ticket]);
  await reached;
  const burstMs = performance.now() - started;
  const burstCpuMs = cpuMs(burstSince);
  const afterBurst = memory();

  const perStream = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage, key: 'rss' | 'heapUsed' | 'external') => kib((b[key] - a[key]) / STREAMS);
  return {
    streams: STREAMS,
    memory: {
      rssMiB: { before: mib(before.rss), open: mib(open.rss), afterBurst: mib(afterBurst.rss) },
      heapUsedMiB: { before: mib(before.heapUsed), open: mib(open.heapUsed), afterBurst: mib(afterBurst.heapUsed) },
      perStreamKiB: { rss: perStream(before, open, 'rss'), heapUsed: perStream(before, open, 'heapUsed'), external: perStream(before, open, 'external') },
    },
    openMs: Math.round(openMs),
    openCpuMsPerStream: Math.round((openCpuMs / STREAMS) * 100) / 100,
    idle: {
      seconds: IDLE_SECONDS,
      heartbeats: idleEnd.heartbeats - idleStart.heartbeats,
      cpuMs: Math.round(idleCpuMs),
      baselineCpuMs: Math.round((baselineMsPerMinute * IDLE_SECONDS) / 60),
      cpuMsPerStreamPerMinute: Math.round((((idleCpuMs - (baselineMsPerMinute * IDLE_SECONDS) / 60) / STREAMS) * (60 / IDLE_SECONDS)) * 1000) / 1000,
    },
    burst: {
      changes: BURST,
      events: BURST * STREAMS,
      ms: Math.round(burstMs),
      cpuMs: Math.round(burstCpuMs),
      cpuUsPerEvent: Math.round(((burstCpuMs * 1000) / (BURST * STREAMS)) * 10) / 10,
    },
  };
}

/**
 * Both parts on `db` (loaded with the bench data). On PostgreSQL the server listens on
 * CIC_TEST_DATABASE_URL, on PGlite on the embedded database.
 */
export async function benchLive(db: Db) {
  const url = process.env.CIC_TEST_DATABASE_URL;
  const listen = db.kind === 'postgresql' && url ? pgListen(url) : undefined;
  const tokens = Object.fromEntries(Array.from({ length: AGENTS }, (_, i) => [`t${i + 1}`, `agent-${i + 1}`]));
  const stop = new AbortController();
  // 500 streams of 50 agents: the per-agent cap (default 8) raised to 20 for the bench.
  const app = await createServer({
    db, tokens, now: () => NOW,
    live: { listen, installTriggers: true, maxStreams: 1000, maxStreamsPerAgent: 20, heartbeatMs: HEARTBEAT_MS, signal: stop.signal },
  });
  const port = 18920 + (db.kind === 'pglite' ? 0 : 1);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: withBenchRoutes(db, app.fetch), port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const paint = await latency(db, base);
    const load = await streams(db, `${base}/api`);
    return { paint, ...load };
  } finally {
    stop.abort();
    // Streams of a failed run may still be open: they must not keep the server from closing.
    (server as import('node:http').Server).closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export type LiveResults = Awaited<ReturnType<typeof benchLive>>;

export function printLive(r: LiveResults): void {
  for (const [customer, p] of Object.entries(r.paint)) {
    console.log(`  live: UPDATE → new count painted (${customer}, ${p.rounds} changes)  p50 ${p.p50} ms  p95 ${p.p95} ms  max ${p.max} ms  (UPDATE answered p50 ${p.committedP50} ms; change in the page p50 ${p.heardP50} ms, p95 ${p.heardP95} ms)`);
  }
  const { memory: m, idle, burst } = r;
  console.log(`  live: ${r.streams} streams opened in ${r.openMs} ms (${r.openCpuMsPerStream} ms CPU each): RSS ${m.rssMiB.before} → ${m.rssMiB.open} MiB, heap ${m.heapUsedMiB.before} → ${m.heapUsedMiB.open} MiB; per stream RSS ${m.perStreamKiB.rss} KiB, heap ${m.perStreamKiB.heapUsed} KiB, external ${m.perStreamKiB.external} KiB`);
  console.log(`  live: idle ${idle.seconds} s (${idle.heartbeats} heartbeats): ${idle.cpuMs} ms CPU (${idle.baselineCpuMs} without streams), ${idle.cpuMsPerStreamPerMinute} ms per stream per minute`);
  console.log(`  live: burst of ${burst.changes} changes to ${r.streams} streams (${burst.events} events): all delivered in ${burst.ms} ms, ${burst.cpuMs} ms CPU, ${burst.cpuUsPerEvent} µs per event`);
}

// Alone: loads the bench data (BENCH_TICKETS, default 1,000,000) and measures the live section only.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tickets = Number(process.env.BENCH_TICKETS ?? 1_000_000);
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
  const results: (LiveResults & { engine: string; tickets: number })[] = [];
  const url = process.env.CIC_TEST_DATABASE_URL;
  for (const engine of engines) {
    if (engine === 'postgresql' && !url) continue;
    const db = engine === 'pglite' ? await openPglite() : await openPostgres(url!, { max: 20, connectionTimeoutMillis: 5000 });
    await loadData(db, tickets);
    results.push({ engine, tickets, ...(await benchLive(db)) });
    await db.close();
    console.log(`\n${engine}: ${tickets.toLocaleString('en')} tickets`);
    printLive(results.at(-1)!);
    await writeFile('bench/server-live-results.json', `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
    console.log('Written to bench/server-live-results.json');
  }
}

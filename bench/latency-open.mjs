// `npm run build && node bench/latency-open.mjs`: opening BIGCORP over HTTP through a loopback
// proxy that adds LATENCY_MS (default 50) each way to every API request — a 100 ms round trip,
// as from a branch office — with the reads of a task sent one by one (`batch: false`) and as
// one batch, alternating. The reference server (PGlite, demo data) answers behind the proxy;
// the proxy serves the bench page too (same origin, as a helpdesk serves the elements and the
// API under one address: no CORS preflight). Each open starts from an empty center that has
// read what it reads before anyone is picked (its layout, its widgets' preferences) and whose
// requests are all answered, as when an agent picks a customer in the search; prints, per mode,
// the median and slowest open (customer-id set → every widget's data painted), the requests of
// the open and those of the empty center before it.
// Each open is measured twice: the first of a page (a new data source: nothing read yet), then
// another on the same page (the preferences are read once per page). BENCH_ROUNDS (10) pairs per
// mode; BENCH_TRACE=1 prints every API request as the proxy receives it. Per mode also the median
// time the open's first request went out and its last answer came (Resource Timing, ms after the
// customer was set) and the median of the server's time for the open's slowest request.
// BENCH_API_CPU=1 runs the reference server on that core alone (`taskset`), as if on a machine of
// its own; start the bench itself on the other core (`taskset -c 0 node bench/latency-open.mjs`)
// so that the browser and the proxy do not share the server's core.
// Figures: docs/PERFORMANCE.md, "One round-trip per open".
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { serve } from './server.mjs';
import { chromeLaunchOptions } from '../scripts/test-tools.mjs';

const LATENCY_MS = Number(process.env.LATENCY_MS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value * 10) / 10;

/** The reference server on `port`, resolved once it listens. */
async function startApi(port) {
  const command = [process.execPath, '--import', 'tsx', 'server/main.ts', '--demo'];
  const pinned = process.env.BENCH_API_CPU ? ['taskset', '-c', process.env.BENCH_API_CPU, ...command] : command;
  const api = spawn(pinned[0], pinned.slice(1), {
    // No live stream: it never ends, and is not part of an open's round trips.
    env: { ...process.env, PORT: String(port), CIC_LIVE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    api.stdout.on('data', (chunk) => String(chunk).includes('http://') && resolve());
    api.on('exit', (code) => reject(new Error(`the reference server stopped (${code})`)));
  });
  return api;
}

/**
 * One address for the page and the API: `/api/…` goes to the API `LATENCY_MS` after the
 * request has arrived, its answer goes back `LATENCY_MS` after it came; the rest is the
 * repository's files, at once. Counts the API requests (`log`).
 */
function startProxy(apiPort, files) {
  const log = [];
  const traffic = { inFlight: 0, serverMs: [] };
  const proxy = createServer(async (request, response) => {
    if (!request.url.startsWith('/api/')) return files.emit('request', request, response);
    traffic.inFlight++;
    response.on('close', () => traffic.inFlight--);
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    log.push(`${request.method} ${request.url.split('?')[0]}`);
    if (process.env.BENCH_TRACE) console.log(Math.round(performance.now()), request.method, request.url.slice(0, 60), chunks.length ? String(Buffer.concat(chunks)).slice(0, 400) : '');
    await sleep(LATENCY_MS);
    const headers = Object.fromEntries(['authorization', 'content-type', 'accept', 'idempotency-key'].filter((name) => request.headers[name]).map((name) => [name, request.headers[name]]));
    const asked = performance.now();
    const answer = await fetch(`http://127.0.0.1:${apiPort}${request.url}`, {
      method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    // Each piece goes back LATENCY_MS after it came, as over a network: a streamed batch (a line
    // per part) arrives as the server wrote it. Timers of one delay run in the order they were set.
    const later = (send) => setTimeout(send, LATENCY_MS);
    const type = answer.headers.get('content-type');
    later(() => response.writeHead(answer.status, type ? { 'content-type': type } : {}));
    for await (const chunk of answer.body ?? []) later(() => response.write(chunk));
    traffic.serverMs.push(performance.now() - asked);
    later(() => response.end());
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve({ proxy, log, traffic })));
}

const apiPort = 8790 + Math.floor(Math.random() * 90);
const api = await startApi(apiPort);
const files = await serve(process.cwd(), 0);
const { proxy, log, traffic } = await startProxy(apiPort, files);
const origin = `http://127.0.0.1:${proxy.address().port}`;
const browser = await puppeteer.launch(chromeLaunchOptions());
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1200 });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${origin}/bench/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  /** Resolves once no API request has been under way for 200 ms: the empty center has read all it reads. */
  const untilQuiet = async () => {
    for (let quietSince = performance.now(); performance.now() - quietSince < 200; ) {
      await sleep(10);
      if (traffic.inFlight > 0) quietSince = performance.now();
    }
  };
  /**
   * An empty center made by `prepare`, left until its requests are answered, then the open: its
   * time, its requests, and those of the empty center (less the `GET /capabilities` of connecting).
   */
  const measure = async (prepare) => {
    const before = log.length;
    await prepare();
    await untilQuiet();
    const opening = log.length;
    const served = traffic.serverMs.length;
    const { ms, sentMs, answeredMs } = await page.evaluate(() => window.bench.openPrepared('BIGCORP'));
    await untilQuiet();
    return { ms, sentMs, answeredMs, serverMs: Math.max(...traffic.serverMs.slice(served)), requests: log.slice(opening), emptyCenter: log.slice(before, opening).filter((line) => line !== 'GET /api/capabilities') };
  };
  /** The first open of a page (a new source: nothing read yet), then another on the same page. */
  const open = async (batch) => ({
    first: await measure(() => page.evaluate((url, b) => window.bench.prepareHttp(url, { batch: b }), `${origin}/api`, batch)),
    next: await measure(() => page.evaluate(() => window.bench.reprepareHttp())),
  });
  // Warm-up: the server's caches and the page's code, both modes.
  await open(false);
  await open(true);
  const results = { off: [], on: [] };
  for (let i = 0; i < ROUNDS; i++) {
    results.off.push(await open(false));
    results.on.push(await open(true));
  }
  const figures = (opens) => ({
    medianMs: round(median(opens.map((o) => o.ms))),
    slowestMs: round(Math.max(...opens.map((o) => o.ms))),
    sentMedianMs: round(median(opens.map((o) => o.sentMs))),
    answeredMedianMs: round(median(opens.map((o) => o.answeredMs))),
    serverMedianMs: round(median(opens.map((o) => o.serverMs))),
    requests: median(opens.map((o) => o.requests.length)),
    sent: opens.at(-1).requests.join(', '),
    emptyCenterSent: opens.at(-1).emptyCenter.join(', '),
  });
  const summary = Object.fromEntries(
    Object.entries(results).map(([mode, opens]) => [
      mode === 'on' ? 'batched' : 'one request per call',
      { firstOpen: figures(opens.map((o) => o.first)), nextOpen: figures(opens.map((o) => o.next)) },
    ]),
  );
  console.log(JSON.stringify({ date: new Date().toISOString(), latencyEachWayMs: LATENCY_MS, rounds: ROUNDS, cores: cpus().length, apiCpu: process.env.BENCH_API_CPU, loadAverage: loadavg().map(round), summary }, null, 2));
} finally {
  await browser.close();
  proxy.close();
  files.close();
  api.kill('SIGTERM');
}

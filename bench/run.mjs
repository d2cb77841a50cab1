// `npm run bench`: builds first (see package.json), then measures in headless Chromium and
// prints a table; results go to bench/results.json. Method and figures: docs/PERFORMANCE.md.
import { writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { serve } from './server.mjs';
import { measureSizes } from './size.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const MEMORY_CYCLES = Number(process.env.BENCH_CYCLES ?? 200);
const SCALES = (process.env.BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
/** `count` results of `run`, one after the other. */
const sequence = async (count, run) => {
  const values = [];
  for (let i = 0; i < count; i++) values.push(await run());
  return values;
};

const server = await serve(process.cwd());
const { port } = server.address();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1400, height: 1200 });
page.on('pageerror', (error) => console.error('page error:', error.message));
await page.goto(`http://127.0.0.1:${port}/bench/page.html`);
await page.waitForFunction(() => window.benchReady === true);
const call = (name, ...args) => page.evaluate((n, a) => window.bench[n](...a), name, args);
const cdp = await page.createCDPSession();
const heapUsed = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};

const results = { date: new Date().toISOString(), rounds: ROUNDS };

// 1 and 3: open a customer against the plain-DOM baseline, alternating, in the same page.
results.openData = await call('setupOpen');
const library = [];
const baseline = [];
let requests;
for (let i = 0; i < ROUNDS + 2; i++) {
  const ours = await call('openCustomer');
  const plain = await call('openBaseline');
  if (i < 2) continue; // warm-up
  library.push(ours.ms);
  baseline.push(plain.ms);
  requests = ours;
}
results.open = {
  libraryMs: round(median(library)),
  baselineMs: round(median(baseline)),
  ratio: round(median(library) / median(baseline), 2),
};
results.requests = {
  openCalls: requests.total,
  openByMethod: requests.calls,
  widgets: 7,
  ...(await call('layoutRequests')),
};

// 2: search, keystroke to results painted.
results.searchData = await call('setupSearch');
const terms = ['müller', 'sato', 'user9999', 'example', 'zz-none', '山田', 'br*wn', 'en.user1'];
const searches = [];
for (let i = 0; i < ROUNDS; i++) searches.push(await call('search', terms[i % terms.length]));
results.search = {
  keystrokeToPaintMs: round(median(searches.map((s) => s.ms))),
  debounceMs: results.searchData.debounceMs,
  dataSourceCallMs: round(median(searches.map((s) => s.callMs)), 2),
  noMatchCallMs: round(median(await sequence(ROUNDS, () => call('searchNothing'))), 2),
};

// 4: memory after many open/close cycles.
await call('cycles', 20);
const heapBefore = await heapUsed();
await call('cycles', MEMORY_CYCLES);
const heapAfter = await heapUsed();
results.memory = {
  cycles: MEMORY_CYCLES,
  heapBeforeMB: round(heapBefore / 2 ** 20, 2),
  heapAfterMB: round(heapAfter / 2 ** 20, 2),
  growthMB: round((heapAfter - heapBefore) / 2 ** 20, 3),
  goalMB: 1,
};

// 5: sizes.
results.size = await measureSizes();

// 6: the in-memory source at scale (a fresh page each, so sizes do not share a heap).
results.scale = [];
for (const size of SCALES) {
  const scalePage = await browser.newPage();
  await scalePage.goto(`http://127.0.0.1:${port}/bench/page.html`);
  await scalePage.waitForFunction(() => window.benchReady === true);
  const figures = await scalePage.evaluate((n) => window.bench.scale(n), size);
  results.scale.push(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, k === 'size' ? v : round(v, 3)])));
  await scalePage.close();
}

await browser.close();
server.close();
await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

const rows = [
  ['Open a customer (100k tickets, ' + results.openData.users + ' users)', `${results.open.libraryMs} ms`, `plain DOM ${results.open.baselineMs} ms`, `ratio ${results.open.ratio}`],
  ['Search over ' + results.searchData.customerUsers.toLocaleString('en') + ' users, keystroke → paint', `${results.search.keystrokeToPaintMs} ms`, `of which debounce ${results.search.debounceMs} ms`, `source call ${results.search.dataSourceCallMs} ms, nothing matching ${results.search.noMatchCallMs} ms`],
  ['Requests to open the customer', `${results.requests.openCalls} calls`, `${results.requests.widgets} widgets + header`, JSON.stringify(results.requests.openByMethod)],
  ['Requests on reorder / hide / show', `${results.requests.calls} calls`, 'goal 0', ''],
  [`Heap growth after ${MEMORY_CYCLES} open/close cycles`, `${results.memory.growthMB} MB`, `goal ≤ ${results.memory.goalMB} MB`, `${results.memory.heapBeforeMB} → ${results.memory.heapAfterMB} MB`],
  ['Library min+gzip (lit, sortablejs external; no demo generator)', `${results.size.libraryKB} kB`, `budget ${results.size.budgetKB} kB`, ''],
  ['Entries min+gzip: define.js / plugin.js / demo-data.js', `${results.size.defineKB} / ${results.size.pluginKB} / ${results.size.demoDataKB} kB`, '', ''],
  ['dist/cic.bundle.js min+gzip (all inlined)', `${results.size.bundleKB} kB`, '', ''],
  ...results.scale.map((s) => [
    `In-memory source, ${s.size.toLocaleString('en')} tickets`,
    `list ${s.listMs} ms (cold ${s.listColdMs}) · count ${s.countMs} ms`,
    `status ${s.statusMs} ms · search ${s.searchMs} ms`,
    `index build ${Math.round(s.indexMs)} ms`,
  ]),
];
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join(' │ '));
console.log('\nWritten to bench/results.json');

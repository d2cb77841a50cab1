// `npm run bench`: builds first (see package.json), then measures in headless Chromium and
// prints a table; results go to bench/results.json. Method and figures: docs/PERFORMANCE.md.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { serve } from './server.mjs';
import { measureSizes } from './size.mjs';
import { chromeLaunchOptions } from '../scripts/test-tools.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const MEMORY_CYCLES = Number(process.env.BENCH_CYCLES ?? 200);
const SCALES = (process.env.BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
const PROFILE_ROUNDS = Number(process.env.BENCH_PROFILE_ROUNDS ?? 10);
const HTTP_ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 8);
/** `BENCH_ONLY=open,scale` measures only those sections (open, profile, switching, http, search, memory, size, scale). */
const ONLY = process.env.BENCH_ONLY?.split(',');
const wanted = (section) => !ONLY || ONLY.includes(section);

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
};
const median = (values) => quantile(values, 0.5);
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
/** `count` results of `run`, one after the other. */
const sequence = async (count, run) => {
  const values = [];
  for (let i = 0; i < count; i++) values.push(await run());
  return values;
};

/**
 * A CPU profile over `rounds` opens on the precomputed source, in the page over the per-module
 * build (readable names; see `profilePageHtml`): self time per open, summed per function and per module, largest first.
 */
async function profileOpens(rounds) {
  const profilePage = await browser.newPage();
  await profilePage.setViewport({ width: 1400, height: 1200 });
  await profilePage.goto(`http://127.0.0.1:${port}/bench/profile.html`);
  await profilePage.waitForFunction(() => window.benchReady === true);
  const run = (name, ...args) => profilePage.evaluate((n, a) => window.bench[n](...a), name, args);
  await run('setupOpen');
  for (let i = 0; i < 3; i++) {
    await run('clearStage');
    await run('openCustomer', 'precomputed');
  }
  const session = await profilePage.createCDPSession();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  const opens = [];
  let profile;
  for (let i = 0; i < rounds; i++) {
    await run('clearStage');
    await run('prepareOpen', 'precomputed');
    await session.send('Profiler.start');
    opens.push((await run('openPrepared')).ms);
    const stopped = await session.send('Profiler.stop');
    profile = mergeSelfTimes(profile, stopped.profile);
  }
  await profilePage.close();
  const perOpen = (map) => [...map].map(([name, us]) => ({ name, ms: round(us / 1000 / rounds, 2) })).sort((a, b) => b.ms - a.ms);
  return { rounds, openMs: round(median(opens)), byFunction: perOpen(profile.byFunction).slice(0, 20), byModule: perOpen(profile.byModule).slice(0, 15) };
}

/** Adds a CPU profile's self time (µs) per function and per module to `into`. */
function mergeSelfTimes(into = { byFunction: new Map(), byModule: new Map() }, profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const us = profile.timeDeltas[index + 1] ?? 0;
    const module = url ? url.replace(/^.*?\/(node_modules|dist)\//, '$1/').replace(/\?.*$/, '') : functionName;
    if (functionName === '(idle)') return;
    add(into.byFunction, url ? `${functionName || '(anonymous)'} ${module}:${lineNumber + 1}` : functionName, us);
    add(into.byModule, module, us);
  });
  return into;
}

/** Opens BIGCORP over HTTP from the reference server on PGlite with its demo data: first open, then warm. */
async function measureHttp() {
  const apiPort = 8700 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], {
    env: { ...process.env, PORT: String(apiPort), CIC_CORS_ORIGINS: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => String(chunk).includes('http://') && resolve());
      server.on('exit', (code) => reject(new Error(`the reference server stopped (${code})`)));
    });
    const baseUrl = `http://127.0.0.1:${apiPort}/api`;
    const opens = [];
    for (let i = 0; i < HTTP_ROUNDS + 1; i++) opens.push(await call('openHttp', baseUrl, 'BIGCORP'));
    await call('clearStage');
    const [first, ...warm] = opens;
    return { engine: 'PGlite', firstMs: round(first.ms), warmMs: round(median(warm.map((o) => o.ms))), calls: first.total, byMethod: first.calls };
  } finally {
    server.kill('SIGTERM');
  }
}

/**
 * The bench page over the per-module build, so that a CPU profile names functions: page.html
 * naming `dist/index.js` on <html data-library>, with the import map of demo/importmap.html.
 */
async function profilePageHtml() {
  const page = await readFile('bench/page.html', 'utf8');
  const importMap = /<script type="importmap">[\s\S]*?<\/script>/.exec(await readFile('demo/importmap.html', 'utf8'))[0];
  return page
    .replace('<html lang="en">', '<html lang="en" data-library="../dist/index.js" data-define="../dist/define.js">')
    .replace('</title>', `</title>\n    ${importMap}`);
}

const server = await serve(process.cwd(), 0, { '/bench/profile.html': await profilePageHtml() });
const { port } = server.address();
// Long calls (a million tickets built several times in one call) on a busy machine take minutes.
const browser = await puppeteer.launch({ ...chromeLaunchOptions(['--js-flags=--expose-gc']), protocolTimeout: 3_600_000 });
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

// `node bench/run.mjs --sorts` (after a build): only the cold sorts of the big customer at the
// largest scale, BENCH_SORT_ROUNDS times (a fresh page each), medians per sort printed;
// BENCH_SORT_FIELDS=title,state: only those fields.
if (process.argv.includes('--sorts')) {
  const size = Math.max(...SCALES);
  const rounds = [];
  for (let i = 0; i < Number(process.env.BENCH_SORT_ROUNDS ?? 3); i++) {
    const sortPage = await browser.newPage();
    await sortPage.goto(`http://127.0.0.1:${port}/bench/page.html`);
    await sortPage.waitForFunction(() => window.benchReady === true);
    rounds.push(await sortPage.evaluate((n, only) => window.bench.sortScale(n, only), size, process.env.BENCH_SORT_FIELDS?.split(',')));
    await sortPage.close();
  }
  const { size: tickets, bigTickets } = rounds[0];
  console.log(`${tickets.toLocaleString('en')} tickets, big customer ${bigTickets.toLocaleString('en')}; ${rounds.length} rounds: median (min–max) ms`);
  const line = (name, values) => console.log(`${name.padEnd(28)} ${round(median(values))} (${round(Math.min(...values))}–${round(Math.max(...values))})`);
  line('index build', rounds.flatMap((r) => r.buildMs));
  for (const key of Object.keys(rounds[0]).filter((k) => k.includes(' '))) line(key, rounds.map((r) => r[key]));
  await writeFile('bench/sort-results.json', `${JSON.stringify({ date: new Date().toISOString(), rounds }, null, 2)}\n`);
  await browser.close();
  server.close();
  process.exit(0);
}

const results = { date: new Date().toISOString(), rounds: ROUNDS };

// 1 and 3: open a customer against the plain-DOM baseline, alternating, in the same page:
// over the live in-memory source, and over a precomputed one (answers recorded once), which
// leaves only what the page itself does. For the precomputed pair a trace of each open gives
// the main thread's work between the open's marks: all of it, and style, layout and paint
// ("render"); the rest is script (and the browser's event and task handling around it).
if (wanted('open')) {
  results.openData = await call('setupOpen');
  const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'UpdateLayer',
    'IntersectionObserverController::computeIntersections']);
  const measured = async (name, ...args) => {
    await call('clearStage');
    return call(name, ...args);
  };
  /**
   * A timed call under a trace: its result, with the main thread's busy and render time between
   * its marks, and its CPU time there (thread time: what the page cost, whatever else the machine
   * runs — on a busy machine the wall-clock figures also hold the waits for a core).
   */
  const traced = async (prepare, name, ...args) => {
    await call('clearStage');
    if (prepare) await call(prepare, ...args);
    await page.tracing.start({ categories: ['devtools.timeline', 'blink.user_timing', 'toplevel'] });
    const result = await call(name, ...(prepare ? [] : args));
    const events = JSON.parse(Buffer.from(await page.tracing.stop()).toString()).traceEvents;
    const mark = (label) => events.find((e) => e.cat.includes('user_timing') && e.name === label);
    const [from, to] = [mark('open-start'), mark('open-end')];
    let busy = 0;
    let render = 0;
    let cpu = 0;
    for (const e of events) {
      if (e.ph !== 'X' || e.tid !== from.tid) continue;
      const spent = Math.min(e.ts + e.dur, to.ts) - Math.max(e.ts, from.ts);
      if (spent <= 0) continue;
      if (e.name === 'ThreadControllerImpl::RunTask') {
        busy += spent;
        cpu += (e.tdur ?? e.dur) * (spent / e.dur);
      }
      if (RENDERING.has(e.name)) render += spent;
    }
    return { ...result, busyMs: busy / 1000, cpuMs: cpu / 1000, renderMs: render / 1000, scriptMs: (busy - render) / 1000 };
  };
  const runs = { library: [], baseline: [], libraryPre: [], baselinePre: [], cold: [] };
  let requests;
  for (let i = 0; i < ROUNDS + 2; i++) {
    const ours = await measured('openCustomer', 'live');
    const plain = await measured('openBaseline', 'live');
    const oursPre = await traced('prepareOpen', 'openPrepared', 'precomputed');
    const plainPre = await traced(undefined, 'openBaseline', 'precomputed');
    if (i < 2) continue; // warm-up
    runs.library.push(ours);
    runs.baseline.push(plain);
    runs.libraryPre.push(oursPre);
    runs.baselinePre.push(plainPre);
    requests = ours;
  }
  for (let i = 0; i < Math.max(3, ROUNDS / 2); i++) runs.cold.push(await measured('openCold'));
  const med = (list, key) => round(median(list.map((r) => r[key])));
  /** The 10th and 90th percentile: how far single opens stray from the median in this run. */
  const spread = (list, key) => [0.1, 0.9].map((q) => round(quantile(list.map((r) => r[key]), q)));
  /**
   * Each round pairs a library open with the baseline open beside it: the ratio of each pair,
   * so that drift of a shared machine (both cores busy, a slower minute) falls on both sides of
   * one ratio instead of moving the verdict. Reported as the median of those, with its spread.
   */
  const pairedRatios = (ours, plain) => ours.map((o, i) => o.ms / plain[i].ms);
  const ratioSummary = (ratios) => ({ ratio: round(median(ratios), 2), ratioSpread: [0.1, 0.9].map((q) => round(quantile(ratios, q), 2)) });
  results.open = {
    libraryMs: med(runs.library, 'ms'),
    baselineMs: med(runs.baseline, 'ms'),
    ...ratioSummary(pairedRatios(runs.library, runs.baseline)),
    libraryAfterDataMs: med(runs.library, 'afterDataMs'),
    libraryFramesAfterSet: median(runs.library.map((r) => r.frames)),
    librarySpreadMs: spread(runs.library, 'ms'),
    baselineSpreadMs: spread(runs.baseline, 'ms'),
  };
  results.openPrecomputed = {
    libraryMs: med(runs.libraryPre, 'ms'),
    baselineMs: med(runs.baselinePre, 'ms'),
    paintRatio: ratioSummary(pairedRatios(runs.libraryPre, runs.baselinePre)).ratio,
    paintRatioSpread: ratioSummary(pairedRatios(runs.libraryPre, runs.baselinePre)).ratioSpread,
    libraryScriptMs: med(runs.libraryPre, 'scriptMs'),
    baselineScriptMs: med(runs.baselinePre, 'scriptMs'),
    scriptRatio: round(med(runs.libraryPre, 'scriptMs') / med(runs.baselinePre, 'scriptMs'), 2),
    libraryRenderMs: med(runs.libraryPre, 'renderMs'),
    baselineRenderMs: med(runs.baselinePre, 'renderMs'),
    libraryCpuMs: med(runs.libraryPre, 'cpuMs'),
    baselineCpuMs: med(runs.baselinePre, 'cpuMs'),
    cpuRatio: round(median(runs.libraryPre.map((o, i) => o.cpuMs / runs.baselinePre[i].cpuMs)), 2),
    libraryBusyMs: med(runs.libraryPre, 'busyMs'),
    baselineBusyMs: med(runs.baselinePre, 'busyMs'),
    libraryAfterDataMs: med(runs.libraryPre, 'afterDataMs'),
    librarySpreadMs: spread(runs.libraryPre, 'ms'),
    baselineSpreadMs: spread(runs.baselinePre, 'ms'),
  };
  results.openCold = {
    libraryMs: med(runs.cold, 'ms'),
    afterDataMs: med(runs.cold, 'afterDataMs'),
  };
  results.requests = {
    openCalls: requests.total,
    openByMethod: requests.calls,
    widgets: 7,
    ...(await call('layoutRequests')),
  };
}

// Where the library's time goes: a CPU profile over opens on the precomputed source, self time
// summed per function and per file (the bundle is one file, so functions are what tell).
if (PROFILE_ROUNDS > 0 && wanted('profile')) results.profile = await profileOpens(PROFILE_ROUNDS);

// 5 (switching): one center among 50 customers, one of them the big one; heap after GC.
if (wanted('switching')) {
  await call('clearStage');
  const switches = await call('switching', 50);
  results.switching = {
    switches: switches.length,
    p50Ms: round(quantile(switches, 0.5)),
    p95Ms: round(quantile(switches, 0.95)),
    heapAfterMB: round((await heapUsed()) / 2 ** 20, 2),
  };
  await call('clearStage');
}

// The HTTP path: the reference server (PGlite, its demo data) on loopback, opened with HttpDataSource.
if (wanted('http')) results.http = await measureHttp();

// 2: search, keystroke to results painted.
if (wanted('search')) {
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
}

// 4: memory after many open/close cycles.
if (wanted('memory')) {
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
}

// 5: sizes.
if (wanted('size')) results.size = await measureSizes();

// 6: the in-memory source at scale (a fresh page each, so sizes do not share a heap).
if (wanted('scale')) {
  results.scale = [];
  for (const size of SCALES) {
    const scalePage = await browser.newPage();
    await scalePage.goto(`http://127.0.0.1:${port}/bench/page.html`);
    await scalePage.waitForFunction(() => window.benchReady === true);
    const figures = await scalePage.evaluate((n) => window.bench.scale(n), size);
    results.scale.push(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, k === 'size' ? v : round(v, 3)])));
    await scalePage.close();
  }
}

await browser.close();
server.close();
await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

const rows = [
  ...(results.open ? [['Open a customer (100k tickets, ' + results.openData.users + ' users), in-memory source', `${results.open.libraryMs} ms`, `plain DOM ${results.open.baselineMs} ms`, `ratio ${results.open.ratio} (p10–p90 ${results.open.ratioSpread.join('–')}), painted ${results.open.libraryAfterDataMs} ms after the last answer; p10–p90 ${results.open.librarySpreadMs.join('–')} / ${results.open.baselineSpreadMs.join('–')} ms`],
  ['… precomputed source (page work only): to paint', `${results.openPrecomputed.libraryMs} ms`, `plain DOM ${results.openPrecomputed.baselineMs} ms`, `ratio ${results.openPrecomputed.paintRatio} (p10–p90 ${results.openPrecomputed.paintRatioSpread.join('–')}); p10–p90 ${results.openPrecomputed.librarySpreadMs.join('–')} / ${results.openPrecomputed.baselineSpreadMs.join('–')} ms`],
  ['… precomputed source: main-thread script', `${results.openPrecomputed.libraryScriptMs} ms`, `plain DOM ${results.openPrecomputed.baselineScriptMs} ms`, `ratio ${results.openPrecomputed.scriptRatio}; style, layout, paint ${results.openPrecomputed.libraryRenderMs} / ${results.openPrecomputed.baselineRenderMs} ms`],
  ['… precomputed source: main-thread CPU time', `${results.openPrecomputed.libraryCpuMs} ms`, `plain DOM ${results.openPrecomputed.baselineCpuMs} ms`, `ratio ${results.openPrecomputed.cpuRatio} (median of per-round ratios)`],
  ['Cold open (a source just built, nothing sorted or counted yet)', `${results.openCold.libraryMs} ms`, `painted ${results.openCold.afterDataMs} ms after the last answer`, ''],
  ['Requests to open the customer', `${results.requests.openCalls} calls`, `${results.requests.widgets} widgets + header`, JSON.stringify(results.requests.openByMethod)],
  ['Requests on reorder / hide / show', `${results.requests.calls} calls`, 'goal 0', '']] : []),
  ...(results.switching ? [['Switching among 50 customers (one with 100k tickets)', `p50 ${results.switching.p50Ms} ms`, `p95 ${results.switching.p95Ms} ms`, `heap after GC ${results.switching.heapAfterMB} MB`]] : []),
  ...(results.http ? [['Open BIGCORP over HTTP (reference server, PGlite, demo data)', `first ${results.http.firstMs} ms`, `then ${results.http.warmMs} ms`, `${results.http.calls} calls`]] : []),
  ...(results.search ? [['Search over ' + results.searchData.customerUsers.toLocaleString('en') + ' users, keystroke → paint', `${results.search.keystrokeToPaintMs} ms`, `of which debounce ${results.search.debounceMs} ms`, `source call ${results.search.dataSourceCallMs} ms, nothing matching ${results.search.noMatchCallMs} ms`]] : []),
  ...(results.memory ? [[`Heap growth after ${MEMORY_CYCLES} open/close cycles`, `${results.memory.growthMB} MB`, `goal ≤ ${results.memory.goalMB} MB`, `${results.memory.heapBeforeMB} → ${results.memory.heapAfterMB} MB`]] : []),
  ...(results.size ? [['Library min+gzip on import (lit, sortablejs external; no demo generator)', `${results.size.libraryKB} kB`, `budget ${results.size.budgetKB} kB`, ''],
  ['Translations on demand, min+gzip', Object.entries(results.size.localesKB).map(([l, k]) => `${l} ${k} kB`).join(' / '), `budget ${results.size.localeBudgetKB} kB each`, ''],
  ['Entries min+gzip: define.js / plugin.js / demo-data.js', `${results.size.defineKB} / ${results.size.pluginKB} / ${results.size.demoDataKB} kB`, '', ''],
  ['dist/cic.bundle.js min+gzip (all inlined)', `${results.size.bundleKB} kB`, '', '']] : []),
  ...(results.scale ?? []).flatMap((s) => [
    [
      `In-memory source, ${s.size.toLocaleString('en')} tickets: probe (200)`,
      `list ${s.listMs} ms (cold ${s.listColdMs}) · count ${s.countMs} ms`,
      `status ${s.statusMs} ms · search ${s.searchMs} ms`,
      `index build ${Math.round(s.indexMs)} ms`,
    ],
    [
      `  … big customer (${s.bigTickets.toLocaleString('en')} tickets)`,
      `open's calls cold ${s.bigColdOpenMs} ms, warm ${s.bigWarmOpenMs} ms (slowest ${s.bigWarmCallMaxMs})`,
      `page 1 ${s.bigPage1Ms} ms · page ${s.bigDeepPage} ${s.bigDeepPageMs} ms`,
      `by title: cold ${s.bigSortedColdMs} ms, then ${s.bigSortedWarmMs} ms`,
    ],
  ]),
  ...(results.profile ? results.profile.byFunction.slice(0, 12).map((f, i) => [i ? '' : `Profile, self time per open (${results.profile.openMs} ms open)`, `${f.ms} ms`, f.name, '']) : []),
];
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join(' │ '));
console.log('\nWritten to bench/results.json');

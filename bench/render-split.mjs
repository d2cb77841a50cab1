// `npm run build && node bench/render-split.mjs`: where the render side of an open goes. The
// precomputed open of `npm run bench` (library, then plain DOM, alternating; 2 warm-up rounds,
// BENCH_ROUNDS more, default 10), each traced: per kind of the main thread's rendering work
// (style, layout, pre-paint, paint…) the median over rounds of how many times it ran in the open,
// its milliseconds, and the elements styled / objects laid out it reports; with the elements,
// shadow roots and style sheets on the page after the open. Also in a layout pass's data: how many
// objects it found dirty (shadow trees' objects are not always counted there).
// Figures: docs/PERFORMANCE.md, "Where the render side goes".
import puppeteer from 'puppeteer-core';
import { serve } from './server.mjs';
import { chromeLaunchOptions } from '../scripts/test-tools.mjs';
const files = await serve(process.cwd(), 0);
const browser = await puppeteer.launch(chromeLaunchOptions());
const page = await browser.newPage();
await page.setViewport({ width: 1400, height: 1200 });
await page.goto(`http://127.0.0.1:${files.address().port}/bench/page.html`);
await page.waitForFunction(() => window.benchReady === true);
const call = (name, ...args) => page.evaluate((n, a) => window.bench[n](...a), name, args);
await call('setupOpen');
const KINDS = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'ParseAuthorStyleSheet', 'UpdateLayer', 'IntersectionObserverController::computeIntersections'];
async function traced(lib, only) {
  await call('clearStage');
  if (lib) await call('prepareOpen', 'precomputed', undefined, only);
  await page.tracing.start({ categories: ['devtools.timeline', 'blink.user_timing', 'toplevel', 'blink', 'disabled-by-default-devtools.timeline'] });
  const result = lib ? await call('openPrepared') : await call('openBaseline', 'precomputed', only);
  const events = JSON.parse(Buffer.from(await page.tracing.stop()).toString()).traceEvents;
  const mark = (label) => events.find((e) => e.cat.includes('user_timing') && e.name === label);
  const [from, to] = [mark('open-start'), mark('open-end')];
  const out = { ms: result.ms };
  for (const e of events) {
    if (e.ph !== 'X' || e.tid !== from.tid || e.ts < from.ts || e.ts > to.ts) continue;
    if (!KINDS.includes(e.name)) continue;
    const o = (out[e.name] ??= { n: 0, ms: 0, elements: 0 });
    o.n++; o.ms += e.dur / 1000;
    o.elements += e.args?.elementCount ?? e.args?.endData?.elementCount ?? e.args?.beginData?.dirtyObjects ?? 0;
  }
  const counts = await page.evaluate(() => {
    let elements = 0, shadows = 0, sheets = 0;
    const walk = (root) => { for (const el of root.querySelectorAll('*')) { elements++; if (el.shadowRoot) { shadows++; sheets += el.shadowRoot.adoptedStyleSheets.length + el.shadowRoot.querySelectorAll('style').length; walk(el.shadowRoot); } } };
    walk(document.getElementById('stage'));
    return { elements, shadows, sheets };
  });
  return { ...out, ...counts };
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const r1 = (x) => Math.round(x * 10) / 10;
/** Library and plain DOM alternating, 2 rounds to warm up, then `rounds` each. */
async function split(only) {
  const all = { lib: [], base: [] };
  for (let i = 0; i < rounds + 2; i++) {
    const l = await traced(true, only); const b = await traced(false, only);
    if (i >= 2) { all.lib.push(l); all.base.push(b); }
  }
  return all;
}
const RENDERING = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];
const rendering = (round) => RENDERING.reduce((sum, kind) => sum + (round[kind]?.ms ?? 0), 0);
if (process.env.BENCH_WIDGETS) {
  // Per widget: a center offering that one widget against the plain page with the same one card
  // (both with the header); the open's time and its rendering work, medians, ms.
  const widgets = ['customer-users', 'reminder-tickets', 'escalated-tickets', 'new-tickets', 'open-tickets', 'settings', 'company-status', 'customer-information'];
  console.log('widget'.padEnd(22), 'open lib / plain', ' rendering lib / plain', ' layout lib / plain', ' elements lib / plain');
  for (const only of widgets) {
    const { lib, base } = await split(only);
    const pair = (f) => `${r1(med(lib.map(f)))} / ${r1(med(base.map(f)))}`.padEnd(18);
    console.log(only.padEnd(22), pair((r) => r.ms), pair(rendering), pair((r) => r.Layout?.ms ?? 0), `${lib[0].elements} / ${base[0].elements}`);
  }
} else {
  const all = await split();
  for (const side of ['lib', 'base']) {
    const rs = all[side];
    console.log(side, 'open ms', r1(med(rs.map((r) => r.ms))), 'elements', rs[0].elements, 'shadow roots', rs[0].shadows, 'sheets', rs[0].sheets);
    for (const k of KINDS) {
      if (!rs.some((r) => r[k])) continue;
      console.log('  ', k.padEnd(28), 'n', med(rs.map((r) => r[k]?.n ?? 0)), 'ms', r1(med(rs.map((r) => r[k]?.ms ?? 0))), 'elements/objects', med(rs.map((r) => r[k]?.elements ?? 0)));
    }
  }
}
await browser.close(); files.close();

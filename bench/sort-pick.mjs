// `node bench/sort-pick.mjs ROOT [ROOT…]`: `firstInOrder` alone, warm, in headless Chromium, for
// builds side by side (each ROOT a checkout with its `dist/` built): the first 200 of BIGCORP's new
// and open tickets at 1M (217k, in creation order) per sort field and direction, the median of 5
// calls, 3 rounds alternating the builds. What `--sorts` of bench/run.mjs measures cold, with the
// source's build and the JIT's warm-up in it, this measures without them.
// Figures: docs/PERFORMANCE.md, "Sorting a large customer's list".
import puppeteer from 'puppeteer-core';
import { serve } from './server.mjs';
import { chromeLaunchOptions } from '../scripts/test-tools.mjs';
const roots = process.argv.slice(2);
const browser = await puppeteer.launch(chromeLaunchOptions());
const out = {};
for (let round = 0; round < 3; round++) for (const root of roots) {
  const files = await serve(root, 0);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${files.address().port}/bench/page.html`).catch(() => {});
  const r = await page.evaluate(async () => {
    const { generateDemoData } = await import('/dist/data/demo/demo-data.js');
    const { firstInOrder } = await import('/dist/data/rules/ticket-sort.js');
    const data = generateDemoData({ now: new Date('2026-06-01T09:00:00Z'), customers: 300, customerUsers: 10_000, tickets: 1_000_000, largeCustomerShare: 0.5 });
    const list = data.tickets.filter((t) => t.customerId === 'BIGCORP' && (t.state === 'open' || t.state === 'new'));
    list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const names = new Map(); const named = (id) => { let n = names.get(id); if (n === undefined) names.set(id, (n = 'Name ' + id.toUpperCase())); return n; };
    const ctx = { queueName: named, agentName: named, stateName: named };
    const res = {};
    for (const field of ['changed', 'title', 'number', 'priority', 'state', 'customerUser', 'pendingUntil']) for (const direction of ['asc', 'desc']) {
      const ms = [];
      for (let i = 0; i < 5; i++) { const t = performance.now(); firstInOrder({ lists: [list] }, 200, { field, direction }, ctx); ms.push(performance.now() - t); }
      ms.sort((a, b) => a - b); res[`${field} ${direction}`] = ms[2];
    }
    return res;
  });
  for (const [k, v] of Object.entries(r)) ((out[k] ??= {})[root] ??= []).push(Math.round(v));
  await page.close(); files.close();
}
await browser.close();
for (const [k, v] of Object.entries(out)) console.log(k.padEnd(20), roots.map((root) => `${root.split('/').pop()}: ${v[root].join('/')}`).join('   '));

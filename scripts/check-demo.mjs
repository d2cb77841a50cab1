// `npm run check-demo`: the demo page (`npm start`) in headless Chromium, as a newcomer uses it.
// It opens on the Customer 360 layout (statistics, health, recent tickets, history shown beside
// the OTRS-style widgets); Layout → OTRS-style default brings back the library's defaults; and
// Data → Server (SQL) shows the same customer over HttpDataSource from the reference server
// under /api, with every request of the open listed in the requests panel.
import assert from 'node:assert/strict';
import { startDemo, waitForCenterData } from './demo-page.mjs';

const CUSTOMER_360 = ['Ticket Statistics', 'Customer Health', 'Recent Tickets', 'History and Notes'];
const OTRS_STYLE = ['Customer Users', 'Reminder Tickets', 'Escalated Tickets', 'New Tickets', 'Open Tickets', 'Settings', 'Company Status', 'Customer Information'];
/** The reference server starts PGlite and loads 30,000 tickets on first use: slow on a busy machine. */
const SERVER_TIMEOUT_MS = 240_000;

/** Waits until the center's cards satisfy `check` (a new center may still be on its way). */
async function cardsWhen(page, check, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const titles = await waitForCenterData(page, { timeout: Math.max(1, deadline - Date.now()) });
    if (check(titles)) return titles;
    if (Date.now() > deadline) throw new Error(`The center never showed the expected widgets; it shows: ${titles.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const step = (text) => console.log(`check-demo: ${text}`);
const demo = await startDemo();
const pageErrors = [];
try {
  const page = await demo.browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(demo.url);

  const opened = await cardsWhen(page, (titles) => titles.length >= OTRS_STYLE.length);
  for (const title of [...CUSTOMER_360, ...OTRS_STYLE]) assert.ok(opened.includes(title), `the demo opens showing "${title}" (shows: ${opened.join(', ')})`);
  step(`opens on the Customer 360 layout: ${opened.join(', ')}`);

  await page.select('#layout', 'default');
  const otrs = await cardsWhen(page, (titles) => !titles.includes('Ticket Statistics'));
  assert.deepEqual(otrs.filter((title) => CUSTOMER_360.includes(title)), [], 'the OTRS-style default hides the Customer 360 widgets');
  for (const title of OTRS_STYLE) assert.ok(otrs.includes(title), `the OTRS-style default shows "${title}"`);
  step(`Layout → OTRS-style default shows the library's defaults: ${otrs.join(', ')}`);

  await page.select('#layout', '360');
  await cardsWhen(page, (titles) => CUSTOMER_360.every((title) => titles.includes(title)));
  step('Layout → Customer 360 shows them again');

  await page.select('#data', 'server');
  step('Data → Server (SQL): waiting for the reference server (PGlite starts and loads the demo data)…');
  const overServer = await cardsWhen(page, (titles) => titles.length >= OTRS_STYLE.length, SERVER_TIMEOUT_MS);
  for (const title of CUSTOMER_360) assert.ok(overServer.includes(title), `over the reference server, "${title}" is shown too`);
  const shown = await page.evaluate(() => ({
    heading: document.querySelector('#app > *')?.shadowRoot?.querySelector('h2, h1')?.textContent?.trim(),
    indicator: document.querySelector('#data-indicator')?.textContent,
    total: document.querySelector('#requests-total')?.textContent,
    summary: document.querySelector('#requests-summary')?.textContent,
    requests: [...document.querySelectorAll('#requests tbody tr')].map((row) => [...row.cells].map((cell) => cell.textContent)),
  }));
  assert.match(shown.heading ?? '', /Big Corporation International/, 'the same customer, read from SQL');
  assert.match(shown.indicator ?? '', /HttpDataSource/);
  // A batch's row names the reads it carries (HttpDataSource sends the reads of one task together).
  const reads = shown.requests.reduce((sum, [, path]) => sum + Number(/ — (\d+) reads: /.exec(path)?.[1] ?? 1), 0);
  assert.ok(reads >= OTRS_STYLE.length, `the requests panel lists the open's reads (${reads} in ${shown.requests.length} requests)`);
  for (const [method, path, status, ms] of shown.requests) {
    assert.match(path, /^\/api\//, `a request of the open goes to the same origin's /api: ${path}`);
    assert.match(method, /^(GET|PUT|POST)$/);
    assert.equal(status, '200', `${method} ${path} answered 200`);
    assert.match(ms, /^\d+$/, `${method} ${path} shows its time`);
  }
  assert.match(shown.total ?? '', new RegExp(`^${shown.requests.length} requests · \\d+ ms`), 'the panel totals the open');
  assert.match(shown.summary ?? '', new RegExp(`^${shown.requests.length} requests · \\d+ ms$`), 'the top bar shows the count and time too');
  step(`over the reference server: ${shown.heading}; ${shown.total}`);
  for (const [method, path, status, ms] of shown.requests) console.log(`  ${method} ${path} ${status} ${ms} ms`);

  assert.deepEqual(pageErrors, [], 'no errors in the page');
  step('passed');
} finally {
  await demo.close();
}

// The benchmark's page side: builds data and elements from dist/cic.bundle.js and times
// them; bench/run.mjs drives it in headless Chromium.
// The one-file bundle (as a host page uses it), or — for profiles with readable names — the
// per-module build with an import map (the profile page of run.mjs names it on <html data-library>).
const { library = '../dist/cic.bundle.js', define } = document.documentElement.dataset;
const { customerCenterWidgets, generateDemoData, HttpDataSource, InMemoryDataSource, SEARCH_DEBOUNCE_MS } = await import(library);
if (define) await import(define);

const stage = document.querySelector('#stage');
const NOW = new Date('2026-06-01T09:00:00Z');
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Resolves once the first frame (from the next one on) in which `check()` holds has been
 * painted — a task queued from that frame's animation callback runs after its style, layout
 * and paint — with the frames waited.
 */
async function untilFrame(check, timeout = 30_000) {
  const start = performance.now();
  let frames = 0;
  do {
    if (performance.now() - start > timeout) throw new Error('timed out waiting for the page');
    await nextFrame();
    frames++;
  } while (!check());
  await nextTask();
  return frames;
}

/** Both sides of a comparison start alike: in a task of their own, after a frame has been painted. */
async function settled() {
  await nextFrame();
  await nextTask();
}

/** A proxy of a source whose methods (all but `now`) go through `around(name, args, call)`. */
function aroundCalls(source, around) {
  return new Proxy(source, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'now') return value;
      return (...args) => around(String(key), args, () => value.apply(target, args));
    },
  });
}

/** Wraps a source to count its calls per method, those under way, and when the last answer came. */
function counting(source) {
  const calls = {};
  const state = { pending: 0, lastAnswerAt: 0 };
  const answered = () => {
    state.pending--;
    state.lastAnswerAt = performance.now();
  };
  const proxy = aroundCalls(source, (name, args, call) => {
    calls[name] = (calls[name] ?? 0) + 1;
    state.pending++;
    const answer = call();
    Promise.resolve(answer).then(answered, answered);
    return answer;
  });
  return { proxy, calls, state, total: () => Object.values(calls).reduce((a, b) => a + b, 0) };
}

/**
 * A source that answers from answers recorded on first asking: no data-source time at all,
 * so that a comparison measures what the page does with the data (the library or plain DOM).
 */
function precomputed(source) {
  const answers = new Map();
  return aroundCalls(source, (name, args, call) => {
    const id = `${name}:${JSON.stringify(args, (k, v) => (k === 'signal' ? undefined : v))}`;
    if (!answers.has(id)) answers.set(id, Promise.resolve(call()));
    return answers.get(id);
  });
}

const widgetsOf = (center) => [...center.shadowRoot.querySelectorAll('.card-body > *')];

/** Every default widget shows its data: no spinner, no pending count, content present. */
function allLoaded(center, expected = 8) {
  const widgets = widgetsOf(center);
  if (widgets.length < expected) return false;
  return widgets.every((widget) => {
    const root = widget.shadowRoot;
    if (!root || root.querySelector('[part=loading]')) return false;
    if (widget.localName === 'settings-widget') return true;
    if (root.textContent.includes('…')) return false;
    return root.querySelector('table, dl, [part=empty]') !== null || widget.hidden;
  });
}

let openData;
let openSource;
let openInfo;
const sources = {};

/** A customer with 100,000 tickets and about 5,000 customer users. */
export function setupOpen() {
  openData = generateDemoData({ now: NOW, customers: 300, customerUsers: 20_000, tickets: 100_000, largeCustomerShare: 1 });
  openSource = new InMemoryDataSource(openData, { now: NOW, currentAgentId: 'agent-1' });
  sources.live = openSource;
  sources.precomputed = precomputed(openSource);
  openInfo = {
    tickets: openData.tickets.filter((t) => t.customerId === 'BIGCORP').length,
    users: openData.customerUsers.filter((u) => u.customerId === 'BIGCORP').length,
  };
  return openInfo;
}

/** Empties the stage (apart from the timed opens, so that tearing down is not counted). */
export async function clearStage() {
  localStorage.clear();
  stage.replaceChildren();
  await settled();
}

/**
 * Time from setting customer-id until every default widget shows its data, over the live
 * source or the precomputed one; also how long after the last answer the page painted.
 */
export async function openCustomer(kind = 'live', source = sources[kind], customerId = 'BIGCORP') {
  await prepareOpen(kind, source);
  return openPrepared(customerId);
}

let prepared;

/** A connected center without a customer, on a counting proxy of the source: what an open starts from. */
export async function prepareOpen(kind = 'live', source = undefined, only = undefined) {
  // (`null` from the driver, as puppeteer passes `undefined`, means the source of `kind` too.)
  const counter = counting(source ?? sources[kind]);
  const center = document.createElement('customer-information-center');
  center.dataSource = counter.proxy;
  // `only`: a center offering that one widget (bench/render-split.mjs, per widget).
  if (only) center.widgets = customerCenterWidgets().filter((widget) => widget.id === only);
  stage.append(center);
  prepared = { center, counter, expected: only ? 1 : 8 };
}

/**
 * Sets customer-id on the prepared center; resolves once every default widget's data is painted.
 * It starts as the baseline does, right after a painted frame (the driver may call it apart from
 * prepareOpen, and the time since the last frame decides when the next one may begin).
 */
export async function openPrepared(customerId = 'BIGCORP') {
  const { center, counter, expected } = prepared;
  await settled();
  performance.mark('open-start');
  const start = performance.now();
  center.customerId = customerId;
  const frames = await untilFrame(() => allLoaded(center, expected));
  const end = performance.now();
  performance.mark('open-end');
  return { ms: end - start, afterDataMs: end - counter.state.lastAnswerAt, frames, calls: { ...counter.calls }, total: counter.total(), ...requestTimes(start) };
}

/** When the open's first API request was sent and its last answered (ms after `start`), from Resource Timing. */
function requestTimes(start) {
  const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/') && entry.startTime >= start);
  performance.clearResourceTimings();
  if (requests.length === 0) return {};
  return { sentMs: Math.min(...requests.map((entry) => entry.startTime)) - start, answeredMs: Math.max(...requests.map((entry) => entry.responseEnd)) - start };
}

/** The first open over a source just built (its index built before the clock starts): no list sorted or counted yet. */
export async function openCold() {
  const source = new InMemoryDataSource(openData, { now: NOW, currentAgentId: 'agent-1' });
  return openCustomer('cold', source);
}

const VIEWS = ['reminder', 'escalated', 'new', 'open'];
const DEFAULT_SORTS = {
  reminder: { field: 'pendingUntil', direction: 'asc' },
  escalated: { field: 'escalation', direction: 'asc' },
  new: { field: 'age', direction: 'desc' },
  open: { field: 'age', direction: 'desc' },
};
const DEFAULT_FILTERS = { reminder: 'my-locked', escalated: 'all', new: 'all', open: 'all' };
const VIEW_TITLES = { reminder: 'Reminder Tickets', escalated: 'Escalated Tickets', new: 'New Tickets', open: 'Open Tickets' };
const DEADLINE = { reminder: ['Pending until', 'pendingUntil'], escalated: ['Escalation', 'escalationAt'] };
const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const numberFormat = new Intl.NumberFormat('en');

/** "3 days ago" and the like, as the library shows ages and deadlines. */
function relative(iso, now) {
  const seconds = (Date.parse(iso) - now) / 1000;
  const [unit, size] = [['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3600], ['minute', 60]].find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  return relativeFormat.format(Math.round(seconds / size), unit);
}

function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    if (key in element && key !== 'part') element[key] = value;
    else element.setAttribute(key, value);
  }
  element.append(...children);
  return element;
}

function timeCell(iso, now) {
  return iso ? el('time', { datetime: iso, title: dateTimeFormat.format(Date.parse(iso)) }, relative(iso, now)) : '';
}

/** A deadline as the library shows it: highlighted, with a hidden "(passed)", once it has passed. */
function deadlineCell(iso, now) {
  const time = timeCell(iso, now);
  return iso && Date.parse(iso) <= now ? el('span', { className: 'overdue' }, time, el('span', { className: 'visually-hidden' }, ' (passed)')) : time;
}

const linkButton = (text) => el('button', { type: 'button', className: 'link' }, text);

/** Counts as a list of terms, each value a button. */
function counts(entries) {
  const dl = el('dl');
  for (const [key, value] of entries) dl.append(el('dt', {}, key), el('dd', {}, linkButton(numberFormat.format(value))));
  return dl;
}

function table(headers, rows) {
  const element = el('table');
  const head = element.createTHead().insertRow();
  for (const header of headers) head.appendChild(el('th', { scope: 'col' }, header));
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().append(cell);
  }
  return element;
}

function pager(page, label) {
  const total = page.total?.value ?? page.items.length;
  const select = el('select', {}, ...[10, 25, 50].map((size) => el('option', { value: String(size), selected: size === 10 }, String(size))));
  return el('nav', { 'aria-label': `Pages of ${label}` },
    el('button', { type: 'button', disabled: !page.previousCursor }, 'Previous page'),
    el('span', { 'aria-live': 'polite' }, `1–${page.items.length} of ${numberFormat.format(total)}`),
    el('button', { type: 'button', disabled: !page.nextCursor }, 'Next page'),
    el('label', {}, 'Per page', select));
}

function card(title, ...content) {
  return el('section', { className: 'card' },
    el('header', {}, el('button', { type: 'button', 'aria-label': `Move ${title}` }, '⠿'), el('h2', {}, title),
      el('button', { type: 'button', 'aria-label': `Hide ${title}` }, '×')),
    el('div', { className: 'card-body' }, ...content));
}

function ticketCard(view, counts, page, now) {
  const tabs = el('div', { role: 'tablist', 'aria-label': 'Filter' }, ...['all', 'my-locked', 'my-queues'].map((filter) =>
    el('button', { role: 'tab', type: 'button', 'aria-selected': String(filter === DEFAULT_FILTERS[view]) },
      `${{ all: 'All', 'my-locked': 'My locked', 'my-queues': 'My queues' }[filter]} `, el('span', {}, `(${numberFormat.format(counts[filter])})`))));
  const sortButton = (label) => el('button', { type: 'button' }, label);
  const [deadlineLabel, deadlineField] = DEADLINE[view] ?? [];
  const headers = [sortButton('Ticket#'), sortButton('Age'), sortButton('Title'), ...(deadlineLabel ? [sortButton(deadlineLabel)] : [])];
  const rows = page.items.map((t) => [
    linkButton(t.number),
    timeCell(t.createdAt, now),
    el('span', { title: t.title }, t.title),
    ...(deadlineField ? [deadlineCell(t[deadlineField], now)] : []),
  ]);
  return card(VIEW_TITLES[view], el('div', {}, tabs, el('button', { type: 'button' }, 'Columns')), table(headers, rows), pager(page, VIEW_TITLES[view]));
}

/**
 * The baseline: the data calls the center makes (one per widget) and what it shows — header
 * with its two buttons; the users with their 7 columns (login, counts and actions as buttons,
 * the name with its contact button and email), filter box, add button and pager; four ticket
 * lists with filter tabs and counts, sortable headers, formatted ages, deadlines marked when
 * passed, and pagers; company status (totals and per category, as buttons), details with the
 * edit button, the settings toggle; each in a card with its move and hide buttons — as plain
 * DOM calls: no framework, no shadow roots, no persistence, localization, events or keyboard.
 */
export async function openBaseline(kind = 'live', only = undefined) {
  const source = sources[kind];
  await settled();
  performance.mark('open-start');
  const start = performance.now();
  const now = NOW.getTime();
  const [customer, users, status, ...lists] = await Promise.all(openCalls(source, 'BIGCORP').map((call) => call()));
  const root = el('div', { className: 'baseline' });
  root.append(el('header', {}, el('h1', {}, customer.name), el('span', {}, customer.id),
    el('button', { type: 'button' }, 'Search customer'), el('button', { type: 'button' }, 'Refresh')));
  // Each card made only when shown: `only` (a widget's id) shows that one (bench/render-split.mjs, per widget).
  const cards = {
    'customer-users': () => {
      const userRows = users.items.map((u) => [
        linkButton(u.login),
        el('span', {}, el('span', {}, `${u.firstName} ${u.lastName}`), el('button', { type: 'button', 'aria-label': 'Contact details' }, 'ⓘ'), el('span', {}, u.email ?? '')),
        linkButton(numberFormat.format(users.ticketCounts[u.login].open)),
        linkButton(numberFormat.format(users.ticketCounts[u.login].closed)),
        linkButton('Create'),
        linkButton('Create'),
        el('button', { type: 'button', 'aria-label': `Edit ${u.login}` }, '✎'),
      ]);
      return card('Customer Users', el('input', { type: 'search', placeholder: 'Filter customer users' }), el('button', { type: 'button' }, 'Add customer user'),
        table(['Login', 'Name', 'Open', 'Closed', 'Phone ticket', 'Email ticket', 'Edit'], userRows), pager(users, 'Customer Users'));
    },
    ...Object.fromEntries(lists.map((page, index) => [`${VIEWS[index]}-tickets`, () => ticketCard(VIEWS[index], page.counts, page, now)])),
    'company-status': () => {
      const totals = counts(['escalated', 'open', 'closed', 'all'].map((key) => [key, status[key]]));
      return card('Company Status', totals, counts(Object.entries(status.byCategory)));
    },
    'customer-information': () => {
      const details = el('dl');
      for (const [key, value] of Object.entries(customer)) if (typeof value === 'string') details.append(el('dt', {}, key), el('dd', {}, value));
      return card('Customer Information', details, el('button', { type: 'button' }, 'Edit'));
    },
    settings: () => card('Settings', el('button', { type: 'button', 'aria-expanded': 'false' }, 'Widgets to show')),
  };
  for (const [id, make] of Object.entries(cards)) if (!only || id === only) root.append(make());
  stage.append(root);
  const frames = await untilFrame(() => true);
  performance.mark('open-end');
  return { ms: performance.now() - start, frames };
}

/**
 * Switching one center among 50 customers (one of them the 100k-ticket one, every fifth
 * switch): time from setting customer-id until the new customer's data is painted.
 */
export async function switching(count = 50) {
  const customers = ['BIGCORP', ...openData.customers.filter((c) => c.id !== 'BIGCORP').slice(0, 49).map((c) => c.id)];
  const counter = counting(openSource);
  const center = document.createElement('customer-information-center');
  center.dataSource = counter.proxy;
  stage.replaceChildren(center);
  const times = [];
  for (let i = 0; i < count; i++) {
    const before = counter.total();
    const start = performance.now();
    center.customerId = i % 5 === 0 ? 'BIGCORP' : customers[1 + (i % 49)];
    await untilFrame(() => counter.total() - before >= 7 && counter.state.pending === 0 && allLoaded(center));
    times.push(performance.now() - start);
  }
  return times;
}

/** Opening a customer over HTTP (HttpDataSource, with `options` such as `batch`) from the reference server on loopback. */
export async function openHttp(baseUrl, customerId, options = {}) {
  const source = await HttpDataSource.connect({ baseUrl, headers: { Authorization: 'Bearer demo-agent-1' }, ...options });
  lastHttpSource = source;
  await clearStage();
  return openCustomer('http', source, customerId);
}

let lastHttpSource;

/**
 * An empty center over HTTP on a new source, as the agent sees it before picking a customer
 * (it reads its layout and its widgets' preferences); `openPrepared` then opens one.
 */
export async function prepareHttp(baseUrl, options = {}) {
  lastHttpSource = await HttpDataSource.connect({ baseUrl, headers: { Authorization: 'Bearer demo-agent-1' }, ...options });
  await clearStage();
  await prepareOpen('http', lastHttpSource);
}

/** Another empty center on the source of the last `prepareHttp`: the page has read the preferences already. */
export async function reprepareHttp() {
  await clearStage();
  await prepareOpen('http', lastHttpSource);
}

/** Opening a customer again on the source of the last `openHttp`: the page has read the preferences already. */
export async function reopenHttp(customerId) {
  await clearStage();
  return openCustomer('http', lastHttpSource, customerId);
}

/** Data-source calls when the agent reorders, hides and shows widgets (goal: zero). */
export async function layoutRequests() {
  localStorage.clear();
  stage.replaceChildren();
  const counter = counting(openSource);
  const center = document.createElement('customer-information-center');
  center.dataSource = counter.proxy;
  center.customerId = 'BIGCORP';
  stage.append(center);
  await untilFrame(() => allLoaded(center));
  const before = counter.total();
  const card = (id) => center.shadowRoot.querySelector(`[data-widget="${id}"]`);
  card('open-tickets').querySelector('.drag-handle').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
  card('reminder-tickets').querySelector('.drag-handle').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  await center.updateComplete;
  card('escalated-tickets').querySelector('.close-button').click();
  await center.updateComplete;
  const settings = card('settings').querySelector('settings-widget');
  settings.shadowRoot.querySelector('[part=toggle]').click();
  await settings.updateComplete;
  const boxes = [...settings.shadowRoot.querySelectorAll('input[type=checkbox]')];
  boxes.find((box) => !box.checked).click();
  settings.shadowRoot.querySelector('[part=save-button]').click();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const visible = center.shadowRoot.querySelectorAll('.card').length;
  return { calls: counter.total() - before, visibleCards: visible };
}

let searchSource;

export function setupSearch() {
  const data = generateDemoData({ now: NOW, customers: 300, customerUsers: 100_000, tickets: 1000 });
  searchSource = new InMemoryDataSource(data, { now: NOW });
  // A local source is searched on every keystroke; a remote one after the debounce.
  return { customerUsers: data.customerUsers.length, debounceMs: searchSource.capabilities.answersLocally ? 0 : SEARCH_DEBOUNCE_MS };
}

/** One search call over 100,000 users that matches nothing (every user is tested). */
export async function searchNothing() {
  const start = performance.now();
  await searchSource.searchCustomerUsers('zq-no-such-user', { limit: 20 });
  return performance.now() - start;
}

/** Keystroke (an input event) to results painted, in the dialog, over 100,000 customer users. */
export async function search(term) {
  stage.replaceChildren();
  const dialog = document.createElement('customer-search-dialog');
  dialog.dataSource = searchSource;
  stage.append(dialog);
  dialog.show();
  await dialog.updateComplete;
  const input = dialog.shadowRoot.querySelector('#user-input');
  await nextFrame();
  const start = performance.now();
  input.value = term;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await untilFrame(() => dialog.shadowRoot.querySelector('#user-results, [part=empty]'));
  const ms = performance.now() - start;
  const callStart = performance.now();
  await searchSource.searchCustomerUsers(term, { limit: 20 });
  const callMs = performance.now() - callStart;
  dialog.close();
  return { ms, callMs };
}

/** Opens and closes a center `cycles` times (for the memory measurement). */
export async function cycles(count) {
  const source = openSource;
  for (let i = 0; i < count; i++) {
    localStorage.clear();
    const center = document.createElement('customer-information-center');
    center.dataSource = source;
    center.customerId = i % 2 ? 'BIGCORP' : 'C00010';
    stage.replaceChildren(center);
    await untilFrame(() => allLoaded(center));
    center.remove();
  }
  stage.replaceChildren();
  await nextFrame();
}

/** The calls the center makes to open a customer (one per widget), with its default settings. */
function openCalls(source, customerId) {
  const scope = { customerId };
  return [
    () => source.getCustomer(customerId),
    () => source.listCustomerUsers(customerId, { page: { size: 10 }, withTicketCounts: true }),
    () => source.getCompanyStatus(customerId),
    ...VIEWS.map((view) => () => source.listTickets(scope, { view, filter: DEFAULT_FILTERS[view], sort: DEFAULT_SORTS[view], page: { size: 10 }, withCounts: true })),
  ];
}

/** Median of 9 batches of 50 calls each, per call: single calls are below the timer's resolution. */
async function perCall(call) {
  const batches = [];
  for (let batch = 0; batch < 9; batch++) {
    const start = performance.now();
    for (let i = 0; i < 50; i++) await call(batch * 50 + i);
    batches.push((performance.now() - start) / 50);
  }
  batches.sort((a, b) => a - b);
  return batches[4];
}

async function timed(call) {
  const start = performance.now();
  const result = await call();
  return { ms: performance.now() - start, result };
}

/**
 * Costs of the in-memory source at a collection size: a probe customer always has the same
 * 200 tickets, whatever the size of the rest, so its cost should not move with the size; and
 * the big customer (BIGCORP, half of all tickets) — its first open (every call of the center
 * on a source just built), each of those calls warm, page 1 and a page far down (5,000 at
 * 1M tickets) of all its tickets by age, and a list in a sort nothing kept (by title), cold.
 */
export async function scale(size) {
  const data = generateDemoData({ now: NOW, customers: 300, customerUsers: 10_000, tickets: size, largeCustomerShare: 0.5 });
  for (let i = 0; i < 200; i++) {
    data.tickets.push({
      id: `probe-${i}`, number: `P${i}`, title: `Probe ${i}`, customerId: 'PROBE', customerUserLogin: 'probe.user',
      state: ['new', 'open', 'pending reminder', 'closed successful'][i % 4], createdAt: new Date(NOW.getTime() - i * 3_600_000).toISOString(),
      ownerId: 'agent-1', queueId: 'q1', lock: 'lock',
    });
  }
  data.customers.push({ id: 'PROBE', name: 'Probe customer' });
  const built = await timed(() => new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' }));
  const source = built.result;
  const probe = { customerId: 'PROBE' };
  const sorts = ['age', 'title', 'created', 'number', 'priority'];
  const listColdMs = (await timed(() => source.listTickets(probe, { view: 'all', filter: 'all', sort: { field: 'changed', direction: 'asc' }, page: { size: 10 } }))).ms;

  const big = { customerId: 'BIGCORP' };
  const calls = openCalls(source, 'BIGCORP');
  const bigColdOpenMs = (await timed(() => Promise.all(calls.map((call) => call())))).ms;
  const warm = [];
  for (const call of calls) warm.push(await perCall(call));
  const openList = (cursor) => source.listTickets(big, { view: 'all', filter: 'all', sort: DEFAULT_SORTS.open, page: { size: 10, cursor } });
  const first = await openList();
  // Walk to the page far down (5,000 pages at 1M tickets), then time that page from its cursor.
  const deepPage = Math.min(5000, Math.floor(first.total.value / 10 / 2));
  let cursor = first.nextCursor;
  for (let page = 2; page < deepPage; page++) cursor = (await openList(cursor)).nextCursor;
  const bigSortedColdMs = (await timed(() => source.listTickets(big, { view: 'all', filter: 'all', sort: { field: 'title', direction: 'asc' }, page: { size: 10 } }))).ms;
  return {
    size: data.tickets.length,
    indexMs: built.ms,
    listColdMs,
    listMs: await perCall((i) => source.listTickets(probe, { view: 'all', filter: 'all', sort: { field: sorts[i % sorts.length], direction: 'asc' }, page: { size: 10 } })),
    countMs: await perCall(() => source.countTickets(probe, 'open')),
    statusMs: await perCall(() => source.getCompanyStatus('PROBE')),
    searchMs: await perCall(() => source.searchCustomers('probe', { limit: 20 })),
    userCountsMs: await perCall(() => source.countTicketsByUser(['probe.user'])),
    bigTickets: (await source.countTickets(big, 'all')).all,
    
    bigColdOpenMs,
    bigWarmCallMaxMs: Math.max(...warm),
    bigWarmOpenMs: warm.reduce((a, b) => a + b, 0),
    bigPage1Ms: await perCall(() => openList()),
    bigDeepPage: deepPage,
    bigDeepPageMs: await perCall(() => openList(cursor)),
    bigSortedColdMs,
    bigSortedWarmMs: await perCall(() => source.listTickets(big, { view: 'all', filter: 'all', sort: { field: 'title', direction: 'asc' }, page: { size: 10 } })),
  };
}

/**
 * The big customer's lists in every sort field and direction, each the first call of its sort on
 * a source just built ("cold"): the open's four lists (its views and filters, in that sort), and
 * the list of all its tickets. Each direction and kind gets a source of its own, so that no call
 * finds what another one kept; the data is generated once.
 */
export async function sortScale(size, only) {
  const data = generateDemoData({ now: NOW, customers: 300, customerUsers: 10_000, tickets: size, largeCustomerShare: 0.5 });
  const big = { customerId: 'BIGCORP' };
  const all = ['number', 'age', 'title', 'state', 'queue', 'priority', 'owner', 'customerUser', 'created', 'changed', 'pendingUntil', 'escalation'];
  const fields = only?.length ? all.filter((field) => only.includes(field)) : all;
  const figures = { size: data.tickets.length, buildMs: [] };
  for (const direction of ['asc', 'desc']) {
    for (const kind of ['open', 'all']) {
      const built = await timed(() => new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' }));
      figures.buildMs.push(built.ms);
      const source = built.result;
      figures.bigTickets ??= (await source.countTickets(big, 'all')).all;
      for (const field of fields) {
        const sort = { field, direction };
        const openLists = () => Promise.all(VIEWS.map((view) => source.listTickets(big, { view, filter: DEFAULT_FILTERS[view], sort, page: { size: 10 }, withCounts: true })));
        const lists = kind === 'open' ? openLists : () => source.listTickets(big, { view: 'all', filter: 'all', sort, page: { size: 10 } });
        figures[`${kind} ${field} ${direction}`] = (await timed(lists)).ms;
        // The open's lists, cold, once the order of that sort is made: a page beyond the first
        // 200 tickets of the list of all tickets makes it (a first page is picked without it).
        if (kind === 'all') {
          await source.listTickets(big, { view: 'all', filter: 'all', sort, page: { size: 500 } });
          figures[`built ${field} ${direction}`] = (await timed(openLists)).ms;
        }
      }
    }
  }
  return figures;
}

window.bench = { setupOpen, clearStage, openCustomer, prepareOpen, openPrepared, openCold, openBaseline, switching, openHttp, reopenHttp, prepareHttp, reprepareHttp, layoutRequests, setupSearch, search, searchNothing, cycles, scale, sortScale };
window.benchReady = true;

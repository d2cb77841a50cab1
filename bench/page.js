// The benchmark's page side: builds data and elements from dist/cic.bundle.js and times
// them; bench/run.mjs drives it in headless Chromium.
import { generateDemoData, InMemoryDataSource, SEARCH_DEBOUNCE_MS } from '../dist/cic.bundle.js';

const stage = document.querySelector('#stage');
const NOW = new Date('2026-06-01T09:00:00Z');
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Resolves on the first frame in which `check()` holds. */
async function untilFrame(check, timeout = 30_000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting for the page');
    await nextFrame();
  }
}

/** Wraps a source to count its calls per method. */
function counting(source) {
  const calls = {};
  const proxy = new Proxy(source, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'now') return value;
      return (...args) => {
        calls[key] = (calls[key] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { proxy, calls, total: () => Object.values(calls).reduce((a, b) => a + b, 0) };
}

const widgetsOf = (center) => [...center.shadowRoot.querySelectorAll('.card-body > *')];

/** Every default widget shows its data: no spinner, no pending count, content present. */
function allLoaded(center) {
  const widgets = widgetsOf(center);
  if (widgets.length < 8) return false;
  return widgets.every((widget) => {
    const root = widget.shadowRoot;
    if (!root || root.querySelector('[part=loading]')) return false;
    if (widget.localName === 'settings-widget') return true;
    if (root.textContent.includes('…')) return false;
    return root.querySelector('table, dl, [part=empty]') !== null || widget.hidden;
  });
}

let openSource;
let openInfo;

/** A customer with 100,000 tickets and about 5,000 customer users. */
export function setupOpen() {
  const data = generateDemoData({ now: NOW, customers: 300, customerUsers: 20_000, tickets: 100_000, largeCustomerShare: 1 });
  openSource = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
  openInfo = {
    tickets: data.tickets.filter((t) => t.customerId === 'BIGCORP').length,
    users: data.customerUsers.filter((u) => u.customerId === 'BIGCORP').length,
  };
  return openInfo;
}

/** Time from setting customer-id until every default widget shows its data. */
export async function openCustomer() {
  localStorage.clear();
  stage.replaceChildren();
  await nextFrame();
  const counter = counting(openSource);
  const center = document.createElement('customer-information-center');
  center.dataSource = counter.proxy;
  stage.append(center);
  await nextFrame();
  const start = performance.now();
  center.customerId = 'BIGCORP';
  await untilFrame(() => allLoaded(center));
  const ms = performance.now() - start;
  return { ms, calls: { ...counter.calls }, total: counter.total() };
}

const VIEWS = ['reminder', 'escalated', 'new', 'open'];
const SORTS = { reminder: 'pendingUntil', escalated: 'escalation', new: 'age', open: 'age' };

function table(headers, rows) {
  const element = document.createElement('table');
  const head = element.createTHead().insertRow();
  for (const header of headers) head.appendChild(document.createElement('th')).textContent = header;
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell;
  }
  return element;
}

function card(title, ...content) {
  const section = document.createElement('section');
  section.appendChild(document.createElement('h2')).textContent = title;
  section.append(...content);
  return section;
}

/**
 * The baseline: the same data-source calls and the same visible rows, rendered with plain
 * DOM calls and no framework, no layout persistence, no localization, no events.
 */
export async function openBaseline() {
  stage.replaceChildren();
  await nextFrame();
  const start = performance.now();
  const source = openSource;
  const id = 'BIGCORP';
  const [customer, users, status, ...lists] = await Promise.all([
    source.getCustomer(id),
    source.listCustomerUsers(id, { page: { size: 10 } }),
    source.getCompanyStatus(id),
    ...VIEWS.map((view) =>
      Promise.all([
        source.countTickets({ customerId: id }, view),
        source.listTickets({ customerId: id }, {
          view, filter: view === 'reminder' ? 'my-locked' : 'all', sort: { field: SORTS[view], direction: 'asc' }, page: { size: 10 },
        }),
      ]),
    ),
  ]);
  const counts = await source.countTicketsByUser(users.items.map((u) => u.login));
  const root = document.createElement('div');
  root.appendChild(document.createElement('h1')).textContent = customer.name;
  root.append(card('Customer Users', table(['Login', 'Name', 'Open', 'Closed'], users.items.map((u) =>
    [u.login, `${u.firstName} ${u.lastName}`, String(counts[u.login].open), String(counts[u.login].closed)]))));
  lists.forEach(([filterCounts, page], index) => {
    const tabs = document.createElement('div');
    tabs.textContent = Object.entries(filterCounts).map(([k, v]) => `${k} (${v})`).join(' ');
    root.append(card(VIEWS[index], tabs, table(['Ticket#', 'Age', 'Title'], page.items.map((t) => [t.number, t.createdAt, t.title]))));
  });
  const dl = document.createElement('dl');
  for (const [key, value] of Object.entries(status)) {
    if (typeof value === 'number') {
      dl.appendChild(document.createElement('dt')).textContent = key;
      dl.appendChild(document.createElement('dd')).textContent = String(value);
    }
  }
  root.append(card('Company Status', dl), card('Customer Information', document.createTextNode(customer.name)));
  stage.append(root);
  await nextFrame();
  return { ms: performance.now() - start };
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

/**
 * Costs of the in-memory source at a collection size: a probe customer always has the same
 * 200 tickets, whatever the size of the rest, so the cost should not move with the size.
 */
export async function scale(size) {
  const data = generateDemoData({ now: NOW, customers: 300, customerUsers: 10_000, tickets: size });
  for (let i = 0; i < 200; i++) {
    data.tickets.push({
      id: `probe-${i}`, number: `P${i}`, title: `Probe ${i}`, customerId: 'PROBE', customerUserLogin: 'probe.user',
      state: ['new', 'open', 'pending reminder', 'closed successful'][i % 4], createdAt: new Date(NOW.getTime() - i * 3_600_000).toISOString(),
      ownerId: 'agent-1', queueId: 'q1', lock: 'lock',
    });
  }
  data.customers.push({ id: 'PROBE', name: 'Probe customer' });
  let start = performance.now();
  const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
  const indexMs = performance.now() - start;
  // Median of 9 batches of 50 calls each: single calls are below the timer's resolution.
  const time = async (call) => {
    const batches = [];
    for (let batch = 0; batch < 9; batch++) {
      start = performance.now();
      for (let i = 0; i < 50; i++) await call(batch * 50 + i);
      batches.push((performance.now() - start) / 50);
    }
    batches.sort((a, b) => a - b);
    return batches[4];
  };
  const scope = { customerId: 'PROBE' };
  const sorts = ['age', 'title', 'created', 'number', 'priority'];
  start = performance.now();
  await source.listTickets(scope, { view: 'all', filter: 'all', sort: { field: 'changed', direction: 'asc' }, page: { size: 10 } });
  const listColdMs = performance.now() - start;
  return {
    size: data.tickets.length,
    indexMs,
    listColdMs,
    listMs: await time((i) => source.listTickets(scope, { view: 'all', filter: 'all', sort: { field: sorts[i % sorts.length], direction: 'asc' }, page: { size: 10 } })),
    countMs: await time(() => source.countTickets(scope, 'open')),
    statusMs: await time(() => source.getCompanyStatus('PROBE')),
    searchMs: await time(() => source.searchCustomers('probe', { limit: 20 })),
    userCountsMs: await time(() => source.countTicketsByUser(['probe.user'])),
  };
}

window.bench = { setupOpen, openCustomer, openBaseline, layoutRequests, setupSearch, search, searchNothing, cycles, scale };
window.benchReady = true;

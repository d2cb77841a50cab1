import '../src/define.js';
import { customerCenterWidgets } from '../src/components/customer-information-center/customer-information-center.js';
import { customerUserCenterWidgets } from '../src/components/customer-user-information-center/customer-user-information-center.js';
import type { WidgetDefinition } from '../src/components/information-center/widget-registry.js';
import { generateDemoData } from '../src/data/demo/demo-data.js';
import type { DataSource } from '../src/data/contract/data-source.js';
import { HttpDataSource } from '../src/data/adapters/http-data-source.js';
import { InMemoryDataSource } from '../src/data/adapters/in-memory-data-source.js';
import { setLocale } from '../src/internal/localize.js';
import { STORAGE_PREFIX } from '../src/internal/preferences.js';
import { API_PATH, READY_PATH } from './paths.js';

const data = generateDemoData({ now: new Date() });
const app = document.querySelector('#app')!;
const dataSelect = document.querySelector<HTMLSelectElement>('#data')!;
const layoutSelect = document.querySelector<HTMLSelectElement>('#layout')!;
const agentSelect = document.querySelector<HTMLSelectElement>('#agent')!;
const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
const indicator = document.querySelector('#data-indicator')!;
const log = document.querySelector('#log')!;

for (const agent of data.agents ?? []) agentSelect.add(new Option(agent.name, agent.id));

type DataChoice = 'memory' | 'server';

/**
 * The reference server: the one this page's vite server mounts under /api (prepared on first
 * use), or another one when given (`?server=URL`, or `npm run start:server`).
 */
const otherServer =
  new URLSearchParams(location.search).get('server') ??
  (import.meta as unknown as { env?: Record<string, string | undefined> }).env?.VITE_CIC_SERVER;
const serverUrl = otherServer ?? new URL(API_PATH, location.href).href;

/** The data choice is kept in the URL (`?data=server`) so that a reload or a link keeps it. */
const urlData = new URLSearchParams(location.search).get('data');
dataSelect.value = urlData === 'server' || urlData === 'memory' ? urlData : otherServer ? 'server' : 'memory';

/** Every request an open makes over HTTP, with its status and time, shown in the requests panel. */
class RequestLog {
  private records: { method: string; path: string; started: number; status?: string; ms?: number }[] = [];
  private readonly total = document.querySelector('#requests-total')!;
  private readonly rows = document.querySelector('#requests tbody')!;
  /** The count and time in the top bar; it scrolls to the panel. */
  private readonly summary = document.querySelector<HTMLButtonElement>('#requests-summary')!;
  private note = '';

  /** A new open begins: its requests replace the last one's. `note` is shown while none is made. */
  startOpen(note = ''): void {
    this.records = [];
    this.note = note;
    this.render();
  }

  /** A `fetch` for `HttpDataSource` that records each request in the open under way when it starts. */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const records = this.records;
    const record: (typeof records)[number] = { method: request.method, path: decodeURIComponent(url.pathname + url.search) + (await batchedReads(request)), started: performance.now() };
    records.push(record);
    this.render();
    try {
      const response = await fetch(request);
      record.status = String(response.status);
      return response;
    } catch (error) {
      record.status = error instanceof DOMException && error.name === 'AbortError' ? 'aborted' : 'failed';
      throw error;
    } finally {
      record.ms = performance.now() - record.started;
      if (records === this.records) this.render();
    }
  };

  private render(): void {
    const count = this.records.length;
    const done = this.records.filter((r) => r.ms !== undefined);
    const pending = count - done.length;
    const first = Math.min(...this.records.map((r) => r.started));
    const last = Math.max(...done.map((r) => r.started + r.ms!));
    const span = done.length ? `${Math.round(last - first)} ms` : '';
    const requestsText = `${count} request${count === 1 ? '' : 's'}${pending ? `, ${pending} pending` : ''}`;
    const summed = Math.round(done.reduce((sum, r) => sum + r.ms!, 0));
    this.total.textContent = count
      ? `${requestsText}${span && ` · ${span} from the first request to the last answer · ${summed} ms summed`}`
      : this.note;
    this.summary.hidden = count === 0;
    this.summary.textContent = `${requestsText}${span && ` · ${span}`}`;
    this.rows.replaceChildren(
      ...this.records.map((r) => {
        const row = document.createElement('tr');
        for (const [text, className] of [[r.method], [r.path, 'path'], [r.status ?? '…'], [r.ms === undefined ? '…' : String(Math.round(r.ms)), 'number']]) {
          const cell = row.insertCell();
          cell.textContent = text!;
          if (className) cell.className = className;
        }
        return row;
      }),
    );
  }
}
const requests = new RequestLog();

/** For a `POST …/batch`, the reads it carries (` — 7 reads: /customer?id=…, …`); else nothing. */
async function batchedReads(request: Request): Promise<string> {
  if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/batch')) return '';
  const parts = ((await request.clone().json()) as { requests: { path: string }[] }).requests;
  return ` — ${parts.length} reads: ${parts.map((part) => decodeURIComponent(part.path)).join(', ')}`;
}

/** Waits until the reference server under /api is ready: the first time, PGlite starts and loads the demo data. */
async function referenceServerReady(): Promise<void> {
  if (otherServer) return;
  const response = await fetch(READY_PATH);
  if (!response.ok) throw new Error(await response.text());
}

/** One data source per agent and choice, kept across opens (so that an open shows only its own requests). */
const sources = new Map<string, Promise<DataSource>>();

/** The data source for an agent: in memory, or over HTTP with the server's demo token. */
function dataSourceFor(choice: DataChoice, agentId: string): Promise<DataSource> {
  const key = `${choice}:${agentId}`;
  let source = sources.get(key);
  if (!source) {
    source =
      choice === 'memory'
        ? Promise.resolve(new InMemoryDataSource(data, { currentAgentId: agentId, latencyMs: 120 }))
        : referenceServerReady().then(() =>
            HttpDataSource.connect({ baseUrl: serverUrl, headers: { Authorization: `Bearer demo-${agentId}` }, fetch: requests.fetch }),
          );
    source.catch(() => sources.delete(key));
    sources.set(key, source);
  }
  return source;
}

function describe(choice: DataChoice): string {
  return choice === 'memory'
    ? `Data: in memory — InMemoryDataSource over ${data.tickets.length.toLocaleString('en')} generated tickets, with 120 ms artificial latency.`
    : `Data: reference server at ${serverUrl} — HttpDataSource → REST → SQL on the Znuny schema (PGlite), the same generated customers and tickets.`;
}

/**
 * The "Customer 360" layout: the library's widgets with none hidden; the statistics and the
 * customer's health lead the main region (the health table wants its width), the company
 * status and the recent tickets the sidebar. "OTRS-style" leaves the library's defaults alone.
 */
function everyWidgetShown(widgets: WidgetDefinition[]): WidgetDefinition[] {
  const first = ['ticket-statistics', 'customer-health', 'customer-users', 'customer-history', 'company-status', 'recent-tickets'];
  const rank = (widget: WidgetDefinition) => (first.includes(widget.id) ? first.indexOf(widget.id) : first.length);
  return widgets
    .map((widget): WidgetDefinition => ({ ...widget, hiddenByDefault: false, region: widget.id === 'customer-health' ? 'main' : widget.region }))
    .sort((a, b) => rank(a) - rank(b));
}

const LAYOUT_CHOICE_KEY = 'cic-demo:layout';
const STORED_LAYOUT_KEYS = ['layout:customer-information-center', 'layout:customer-user-information-center'];
layoutSelect.value = localStorage.getItem(LAYOUT_CHOICE_KEY) === 'default' ? 'default' : '360';

/**
 * Forgets the agent's stored layouts (localStorage, and the data source's preference store),
 * so that the chosen layout's defaults apply rather than what the agent arranged before.
 */
async function forgetStoredLayouts(source: DataSource): Promise<void> {
  for (const key of STORED_LAYOUT_KEYS) {
    localStorage.removeItem(STORAGE_PREFIX + key);
    await source.preferences?.set(key, null);
  }
}

/** What the page shows, kept in the URL hash: `#customer=ID` or `#user=LOGIN`. */
function route(): { customer?: string; user?: string } {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('user')) return { user: params.get('user')! };
  return { customer: params.get('customer') ?? 'BIGCORP' };
}

let mountGeneration = 0;

/** A fresh center on the chosen data source for the chosen agent ("my locked", "my queues" follow the agent). */
async function mount() {
  const generation = ++mountGeneration;
  const choice = dataSelect.value as DataChoice;
  const { customer, user } = route();
  const preparing = choice === 'server' && !sources.has(`server:${agentSelect.value}`);
  indicator.textContent = preparing
    ? 'Connecting to the reference server… The first time, it starts PGlite and loads the demo data into the Znuny tables: from a few seconds to a minute.'
    : describe(choice);
  if (preparing) app.replaceChildren();
  requests.startOpen(choice === 'memory' ? 'In memory: no HTTP requests. Choose Data: Server (SQL) to see every request an open makes.' : '');
  let source: DataSource;
  try {
    source = await dataSourceFor(choice, agentSelect.value);
  } catch (error) {
    if (generation === mountGeneration) indicator.textContent = `The reference server did not answer: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  if (generation !== mountGeneration) return;
  indicator.textContent = describe(choice);
  const center = document.createElement(user ? 'customer-user-information-center' : 'customer-information-center');
  const widgets = user ? customerUserCenterWidgets() : customerCenterWidgets();
  Object.assign(center, {
    dataSource: source,
    widgets: layoutSelect.value === '360' ? everyWidgetShown(widgets) : undefined,
    ...(user ? { customerUserLogin: user } : { customerId: customer }),
  });
  if (themeSelect.value) center.setAttribute('theme', themeSelect.value);
  app.replaceChildren(center);
}

const events = ['customer-selected', 'customer-user-selected', 'ticket-selected', 'ticket-search-requested', 'ticket-create-requested', 'layout-changed'];
for (const type of events) {
  app.addEventListener(type, (event) => {
    const detail = (event as CustomEvent).detail;
    const line = document.createElement('div');
    line.textContent = `${type} ${JSON.stringify(detail)}`;
    log.prepend(line);
    // The page navigates: a picked customer user opens the customer-user center.
    if (type === 'customer-selected') {
      event.preventDefault();
      location.hash = detail.customerUserLogin
        ? `user=${encodeURIComponent(detail.customerUserLogin)}`
        : `customer=${encodeURIComponent(detail.customerId)}`;
    }
    if (type === 'customer-user-selected') location.hash = `user=${encodeURIComponent(detail.customerUserLogin)}`;
  });
}

dataSelect.addEventListener('change', () => {
  const url = new URL(location.href);
  url.searchParams.set('data', dataSelect.value);
  history.replaceState(null, '', url);
  void mount();
});
layoutSelect.addEventListener('change', () => {
  localStorage.setItem(LAYOUT_CHOICE_KEY, layoutSelect.value);
  // A source that cannot be reached keeps nothing to forget; mount() then says what failed.
  void dataSourceFor(dataSelect.value as DataChoice, agentSelect.value)
    .then(forgetStoredLayouts)
    .catch(() => undefined)
    .then(mount);
});
document.querySelector<HTMLSelectElement>('#locale')!.addEventListener('change', (e) => {
  const locale = (e.target as HTMLSelectElement).value;
  document.documentElement.lang = locale;
  void setLocale(locale);
});
themeSelect.addEventListener('change', () => {
  document.documentElement.dataset.theme = themeSelect.value;
  const center = app.firstElementChild;
  if (!center) return;
  if (themeSelect.value) center.setAttribute('theme', themeSelect.value);
  else center.removeAttribute('theme');
});
document.querySelector<HTMLSelectElement>('#dir')!.addEventListener('change', (e) => {
  document.documentElement.dir = (e.target as HTMLSelectElement).value;
});
document.querySelector('#requests-summary')!.addEventListener('click', () => {
  document.querySelector('#requests')!.scrollIntoView();
  document.querySelector<HTMLElement>('#requests-title')!.focus({ preventScroll: true });
});

/**
 * "Simulate incoming tickets": while pressed, a new ticket for whom the center shows every few
 * seconds, put into the in-memory source, which tells the center: counts and lists change in place.
 */
const simulateButton = document.querySelector<HTMLButtonElement>('#simulate')!;
const SIMULATE_EVERY_MS = 4000;
let simulation: ReturnType<typeof setInterval> | undefined;
let simulated = 0;

async function addIncomingTicket(): Promise<void> {
  if (dataSelect.value !== 'memory') return;
  const source = (await dataSourceFor('memory', agentSelect.value)) as InMemoryDataSource;
  const { customer, user } = route();
  const customerUser = data.customerUsers.find((candidate) => (user ? candidate.login === user : candidate.customerId === customer));
  const customerId = customerUser?.customerId ?? customer;
  if (!customerId) return;
  const template = data.tickets[Math.floor(Math.random() * data.tickets.length)];
  const now = new Date().toISOString();
  const id = `sim-${Date.now()}-${++simulated}`;
  source.putTicket({
    ...template, id, number: `9${String(Date.now()).slice(-8)}${simulated}`, title: `Incoming ticket ${simulated}`,
    customerId, customerUserLogin: customerUser?.login, state: 'new', lock: 'unlock', createdAt: now, changedAt: now,
    pendingUntil: undefined, escalationAt: undefined, closedAt: undefined,
  });
}

function simulate(on: boolean): void {
  simulateButton.setAttribute('aria-pressed', String(on));
  clearInterval(simulation);
  simulation = on ? setInterval(() => void addIncomingTicket(), SIMULATE_EVERY_MS) : undefined;
  if (on) void addIncomingTicket();
}
simulateButton.addEventListener('click', () => simulate(simulation === undefined));
// Only the in-memory source takes simulated tickets.
const offerSimulation = () => {
  simulateButton.disabled = dataSelect.value !== 'memory';
  if (simulateButton.disabled) simulate(false);
};
dataSelect.addEventListener('change', offerSimulation);
offerSimulation();

agentSelect.addEventListener('change', () => void mount());
window.addEventListener('hashchange', () => void mount());

void mount();

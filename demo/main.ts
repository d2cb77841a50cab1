import '../src/define.js';
import { generateDemoData } from '../src/data/demo-data.js';
import type { DataSource } from '../src/data/data-source.js';
import { HttpDataSource } from '../src/data/http-data-source.js';
import { InMemoryDataSource } from '../src/data/in-memory-data-source.js';
import { setLocale } from '../src/internal/localize.js';

const data = generateDemoData({ now: new Date() });
const app = document.querySelector('#app')!;
const agentSelect = document.querySelector<HTMLSelectElement>('#agent')!;
const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
const log = document.querySelector('#log')!;

for (const agent of data.agents ?? []) agentSelect.add(new Option(agent.name, agent.id));

/**
 * Where the data comes from: the reference server when one is given (`?server=URL`, or
 * `npm run start:server`), else the in-memory source. The page says which.
 */
const serverUrl =
  new URLSearchParams(location.search).get('server') ??
  (import.meta as unknown as { env?: Record<string, string | undefined> }).env?.VITE_CIC_SERVER;
document.querySelector('#data-indicator')!.textContent = serverUrl ? `Data: server (${serverUrl})` : 'Data: in-memory';

/** The data source for an agent: over HTTP with the server's demo token, or in memory. */
async function dataSourceFor(agentId: string): Promise<DataSource> {
  if (!serverUrl) return new InMemoryDataSource(data, { currentAgentId: agentId, latencyMs: 120 });
  return HttpDataSource.connect({ baseUrl: serverUrl, headers: { Authorization: `Bearer demo-${agentId}` } });
}

/** What the page shows, kept in the URL hash: `#customer=ID` or `#user=LOGIN`. */
function route(): { customer?: string; user?: string } {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('user')) return { user: params.get('user')! };
  return { customer: params.get('customer') ?? 'BIGCORP' };
}

/** A fresh center on a data source for the chosen agent ("my locked", "my queues" follow the agent). */
async function mount() {
  const { customer, user } = route();
  const center = document.createElement(user ? 'customer-user-information-center' : 'customer-information-center');
  Object.assign(center, {
    dataSource: await dataSourceFor(agentSelect.value),
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

document.querySelector<HTMLSelectElement>('#locale')!.addEventListener('change', (e) => {
  const locale = (e.target as HTMLSelectElement).value;
  document.documentElement.lang = locale;
  void setLocale(locale);
});
themeSelect.addEventListener('change', () => {
  const center = app.firstElementChild!;
  if (themeSelect.value) center.setAttribute('theme', themeSelect.value);
  else center.removeAttribute('theme');
});
document.querySelector<HTMLSelectElement>('#dir')!.addEventListener('change', (e) => {
  document.documentElement.dir = (e.target as HTMLSelectElement).value;
});
agentSelect.addEventListener('change', () => void mount());
window.addEventListener('hashchange', () => void mount());

void mount();

import '../src/define.js';
import { generateDemoData } from '../src/data/demo-data.js';
import { InMemoryDataSource } from '../src/data/in-memory-data-source.js';
import { setLocale } from '../src/internal/localize.js';
import type { CustomerInformationCenter } from '../src/components/customer-information-center/customer-information-center.js';

const data = generateDemoData({ now: new Date() });
const app = document.querySelector('#app')!;
const agentSelect = document.querySelector<HTMLSelectElement>('#agent')!;
const log = document.querySelector('#log')!;

for (const agent of data.agents ?? []) agentSelect.add(new Option(agent.name, agent.id));

/** A fresh center on a data source for the chosen agent ("my locked", "my queues" follow the agent). */
function mount(customerId = new URLSearchParams(location.hash.slice(1)).get('customer') ?? 'BIGCORP') {
  const center = document.createElement('customer-information-center') as CustomerInformationCenter;
  center.dataSource = new InMemoryDataSource(data, { currentAgentId: agentSelect.value, latencyMs: 120 });
  center.customerId = customerId;
  app.replaceChildren(center);
}

for (const type of ['customer-selected', 'customer-user-selected', 'ticket-selected', 'ticket-search-requested', 'ticket-create-requested', 'layout-changed']) {
  app.addEventListener(type, (event) => {
    const line = document.createElement('div');
    line.textContent = `${type} ${JSON.stringify((event as CustomEvent).detail)}`;
    log.prepend(line);
    if (type === 'customer-selected') location.hash = `customer=${encodeURIComponent((event as CustomEvent).detail.customerId)}`;
  });
}

document.querySelector<HTMLSelectElement>('#locale')!.addEventListener('change', (e) => {
  const locale = (e.target as HTMLSelectElement).value;
  document.documentElement.lang = locale;
  void setLocale(locale);
});
document.querySelector<HTMLSelectElement>('#theme')!.addEventListener('change', (e) => {
  const theme = (e.target as HTMLSelectElement).value;
  const center = app.firstElementChild!;
  if (theme) center.setAttribute('theme', theme);
  else center.removeAttribute('theme');
});
document.querySelector<HTMLSelectElement>('#dir')!.addEventListener('change', (e) => {
  document.documentElement.dir = (e.target as HTMLSelectElement).value;
});
agentSelect.addEventListener('change', () => mount((app.firstElementChild as CustomerInformationCenter).customerId));

mount();

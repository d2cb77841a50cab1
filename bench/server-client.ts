// The measuring side of `npm run bench:server`, in a worker thread (see bench/server.ts).
import { parentPort, workerData } from 'node:worker_threads';

const { base, agents: AGENTS, loadSeconds: LOAD_SECONDS, loadOnly } = workerData as { base: string; agents: number; loadSeconds: number; loadOnly?: boolean };

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
};

/** The requests the center makes to open a customer (the preference reads included). */
function openRequests(customerId: string): string[] {
  const c = encodeURIComponent(customerId);
  const list = (view: string, filter: string, sort: string) => `/tickets?customerId=${c}&view=${view}&filter=${filter}&sort=${sort}&size=10&withCounts=true`;
  return [
    '/preferences?key=layout%3Acustomer-information-center',
    `/customer?id=${c}`,
    `/company-status?customerId=${c}`,
    `/customer-users?customerId=${c}&size=10&withTicketCounts=true`,
    list('reminder', 'my-locked', 'pendingUntil:asc'),
    list('escalated', 'all', 'escalation:asc'),
    list('new', 'all', 'age:desc'),
    list('open', 'all', 'age:desc'),
  ];
}

/** One GET, timed. */
const get = async (path: string, token = 't1') => {
  const started = performance.now();
  const response = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.ok };
};
/**
 * Load: 50 agents, each opening random customers until the time is up. `parallel`: the
 * eight requests of an open at once, as a browser sends them (400 in flight); else one
 * after the other (50 in flight, as a load tool with 50 connections). `thinkMs` 0: back
 * to back (what the server can take at most); else a pause between opens, as people make.
 */
export const loadTest = async ({ parallel, thinkMs }: { parallel: boolean; thinkMs: number }, seconds: number) => {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const record = (r: { ms: number; ok: boolean }) => (r.ok ? latencies.push(r.ms) : errors++);
  await Promise.all(
    Array.from({ length: AGENTS }, async (_, agent) => {
      const send = (path: string) => get(path, `t${agent + 1}`).catch(() => ({ ms: 0, ok: false }));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
      while (Date.now() < until) {
        const customer = Math.random() < 0.1 ? 'BIGCORP' : `C${1 + Math.floor(Math.random() * 4999)}`;
        if (parallel) (await Promise.all(openRequests(customer).map(send))).forEach(record);
        else for (const path of openRequests(customer)) record(await send(path));
        if (thinkMs) await new Promise((resolve) => setTimeout(resolve, thinkMs));
      }
    }),
  );
  const requests = latencies.length + errors;
  return { agents: AGENTS, parallel, thinkMs, seconds, requests, requestsPerSecond: Math.round(requests / seconds), p95: quantile(latencies, 0.95), errors };
};
/** Every figure of one engine: endpoints, the parts of an open, opens, and two load tests. */
export async function measure() {
  const time = async (path: string, runs = 30) => {
    await get(path);
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push((await get(path)).ms);
    return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
  };

  const endpoints: Record<string, { p50: number; p95: number }> = {};
  const firstPage = await (await fetch(`${base}/tickets?customerId=BIGCORP&view=all&size=10`, { headers: { Authorization: 'Bearer t1' } })).json();
  const cases: Record<string, string> = {
    'search customers': '/search/customers?term=customer%2042&limit=20',
    'search customer users': '/search/customer-users?term=u4242&limit=20',
    customer: '/customer?id=BIGCORP',
    'customer users (page + counts)': '/customer-users?customerId=BIGCORP&size=10&withTicketCounts=true',
    'company status (100k tickets)': '/company-status?customerId=BIGCORP',
    'filter counts (100k tickets)': '/ticket-counts?customerId=BIGCORP&view=open',
    'ticket list page 1 (100k, by age)': '/tickets?customerId=BIGCORP&view=all&size=10&sort=age:desc',
    'ticket list next page (cursor)': `/tickets?customerId=BIGCORP&view=all&size=10&sort=age:desc&cursor=${encodeURIComponent(firstPage.nextCursor)}`,
    'ticket list by title': '/tickets?customerId=BIGCORP&view=open&size=10&sort=title:asc',
    'reminder list': '/tickets?customerId=BIGCORP&view=reminder&filter=my-locked&size=10&sort=pendingUntil:asc',
    'ticket statistics (100k, 12 months)': '/ticket-statistics?customerId=BIGCORP&months=12',
    'history with ticket events (100k)': '/customer-history?customerId=BIGCORP&size=5&includeTickets=true',
    'customer health (ranked once a day)': '/customer-health?customerId=BIGCORP',
  };
  for (const [name, path] of Object.entries(cases)) endpoints[name] = await time(path);

  // Where an open's time goes: each of its requests alone.
  const openParts: Record<string, { p50: number; p95: number }> = {};
  for (const path of openRequests('BIGCORP')) openParts[path.split('?')[0] + (path.includes('view=') ? ` (${/view=(\w+)/.exec(path)![1]})` : '')] = await time(path, 20);

  const opens: number[] = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    await Promise.all(openRequests('BIGCORP').map((path) => get(path)));
    opens.push(performance.now() - started);
  }
  const open = { calls: openRequests('BIGCORP').length, p50: quantile(opens, 0.5), p95: quantile(opens, 0.95) };

  const load = [];
  for (const mode of [{ parallel: false, thinkMs: 0 }, { parallel: true, thinkMs: 0 }, { parallel: true, thinkMs: 2000 }]) load.push(await loadTest(mode, LOAD_SECONDS));
  return { endpoints, openParts, open, load };
}

// loadOnly: the first load test only (one request at a time per agent), to compare servers of several processes.
if (parentPort) parentPort.postMessage(loadOnly ? await loadTest({ parallel: false, thinkMs: 0 }, LOAD_SECONDS) : await measure());

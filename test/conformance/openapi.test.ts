import { expect, waitUntil } from '@open-wc/testing';
import { parse } from 'yaml';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';

/** The operations of openapi.yaml as "METHOD /path", read (with the YAML parser the server uses) from the file the package ships. */
async function contractOperations(): Promise<string[]> {
  const document = parse(await (await fetch('/openapi.yaml')).text()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('the REST contract (openapi.yaml)', () => {
  it('names exactly the requests HttpDataSource makes', async () => {
    const made = new Set<string>();
    const fetch = (async (url: string, init: RequestInit) => {
      made.add(`${init.method ?? 'GET'} ${new URL(url, 'http://x').pathname.replace(/^\/api/, '')}`);
      return new Response('{}', { status: 404 });
    }) as unknown as typeof globalThis.fetch;
    const source = new HttpDataSource({ baseUrl: '/api', fetch, capabilities: { ticketFilters: ['all'], ticketSorts: ['age'], writeCustomerUsers: true, liveUpdates: true } });
    const page = { size: 5 };
    const sort = { field: 'age', direction: 'desc' } as const;
    const calls: (() => Promise<unknown>)[] = [
      () => HttpDataSource.connect({ baseUrl: '/api', fetch }),
      () => source.getCurrentAgent(),
      () => source.searchCustomers('ab', { limit: 5 }),
      () => source.searchCustomerUsers('ab', { limit: 5 }),
      () => source.getCustomer('A'),
      () => source.getCustomerUser('a'),
      () => source.listCustomerUsers('A', { page }),
      () => source.countTicketsByUser(['a']),
      () => source.countTicketsByCustomer(['A']),
      () => source.getCompanyStatus('A'),
      () => source.countTickets({ customerId: 'A' }, 'open'),
      () => source.listTickets({ customerId: 'A' }, { view: 'open', filter: 'all', sort, page }),
      () => source.getTicketStatistics!({ customerId: 'A' }),
      () => source.getCustomerHealth!('A'),
      () => source.listCustomerHistory!('A', { page }),
      () => source.addCustomerNote!('A', { text: 'x' }),
      () => source.updateCustomer!('A', { customFields: {} }),
      () => source.createCustomerUser!({ login: 'a', customerId: 'A' }),
      () => source.updateCustomerUser!('a', { login: 'a', customerId: 'A' }),
      () => source.preferences!.get('k'),
      () => source.preferences!.set('k', 1),
      // Reads made in one task go out as one batch.
      () => Promise.all([source.getCustomer('A'), source.preferences!.get('k')]),
    ];
    for (const call of calls) await call().catch(() => undefined);
    const live = new AbortController();
    source.subscribe!({ customerId: 'A' }, () => undefined, { signal: live.signal });
    await waitUntil(() => made.has('GET /live'), 'subscribe never asked for the live stream');
    live.abort();
    expect([...made].sort()).to.deep.equal(await contractOperations());
  });

  it('is served by the REST API: every operation answers, none is unknown', async () => {
    const base = `/api/conformance/openapi-${Date.now()}`;
    for (const operation of await contractOperations()) {
      const [method, path] = operation.split(' ');
      const response = await fetch(`${base}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      const body = await response.json().catch(() => ({}));
      expect(body.title, operation).to.not.equal('No such endpoint');
    }
  });
});

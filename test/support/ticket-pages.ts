import type { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { TicketFilter, TicketScope, TicketSort, TicketView } from '../../src/data/contract/types.js';

/** The ids a list shows (a customer id for its scope), page by page: every page, or the first `pages`; with the total it gave. */
export async function shown(source: InMemoryDataSource, scopeOrCustomer: string | TicketScope, view: TicketView, sort: TicketSort, filter: TicketFilter, size: number, pages = Infinity) {
  const scope = typeof scopeOrCustomer === 'string' ? { customerId: scopeOrCustomer } : scopeOrCustomer;
  const ids: string[] = [];
  let total: number | undefined;
  let cursor: string | undefined;
  for (let read = 0; read < pages; read++) {
    const page = await source.listTickets(scope, { view, filter, sort, page: { size, cursor } });
    ids.push(...page.items.map((t) => t.id));
    total ??= page.total?.value;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, total };
}


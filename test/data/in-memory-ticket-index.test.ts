import { expect } from '@open-wc/testing';
import { generateDemoData } from '../../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { digitKey, groupInOrder, orderByKey } from '../../src/data/adapters/in-memory/ticket-index.js';
import { ticketSortValue } from '../../src/data/rules/ticket-sort.js';
import { inFilter, inView } from '../../src/testing/conformance.js';
import type { HelpdeskData, Ticket, TicketFilter, TicketScope, TicketSort, TicketView } from '../../src/data/contract/types.js';

/**
 * The indexed source against the plain rules: every ticket tested for the view at the time and
 * for the filter as the contract defines them (the conformance suite's rules), then sorted by
 * a comparator written out here: the field's value in the asked direction, missing values last
 * either way, then the id.
 */
const NOW = new Date('2026-06-01T09:00:00Z');
const DAY = 86_400_000;

function expected(data: HelpdeskData, customerId: string, view: TicketView, filter: TicketFilter, sort: TicketSort, now: number): string[] {
  const agent = data.agents!.find((a) => a.id === 'agent-1')!;
  const context = {
    queueName: (id: string) => data.queues!.find((q) => q.id === id)?.name ?? id,
    agentName: (id: string) => data.agents!.find((a) => a.id === id)?.name ?? id,
    stateName: (state: string) => state,
  };
  const value = (ticket: Ticket) => ticketSortValue(ticket, sort.field, context);
  const compare = (a: Ticket, b: Ticket) => {
    const [va, vb] = [value(a), value(b)];
    if (va !== vb) {
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      return (va < vb ? -1 : 1) * (sort.direction === 'asc' ? 1 : -1);
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  return data.tickets
    .filter((t) => t.customerId === customerId && inView(t, view, now) && inFilter(t, filter, agent))
    .sort(compare)
    .map((t) => t.id);
}

/** Every page of a list, following the cursors. */
async function everyPage(source: InMemoryDataSource, scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  do {
    const page = await source.listTickets(scope, { view, filter, sort, page: { size: 25, cursor } });
    total = page.total!.value;
    seen.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { seen, total };
}

describe('InMemoryDataSource: indexed lists and counts give what the plain rules give', () => {
  const data = generateDemoData({ seed: 7, now: NOW, customers: 20, customerUsers: 200, tickets: 3000, largeCustomerShare: 0.5 });
  // A few hostile dates and equal creation times, which the order must place as the plain rules do.
  data.tickets[0].createdAt = 'not a date';
  data.tickets[1].createdAt = data.tickets[2].createdAt;
  data.tickets[3].escalationAt = 'soon';
  const views: TicketView[] = ['reminder', 'escalated', 'new', 'open', 'closed', 'all'];
  const filters: TicketFilter[] = ['all', 'my-locked', 'my-queues'];
  const sorts: TicketSort[] = [
    { field: 'age', direction: 'desc' },
    { field: 'age', direction: 'asc' },
    { field: 'pendingUntil', direction: 'asc' },
    { field: 'escalation', direction: 'asc' },
    { field: 'title', direction: 'desc' },
    { field: 'priority', direction: 'asc' },
    { field: 'owner', direction: 'desc' },
    { field: 'pendingUntil', direction: 'desc' },
  ];

  it('lists every view, filter and sort in the same order, page by page, as the clock moves', async () => {
    // Long enough that the lists run over many pages (of 25), so that cursors far down are followed.
    expect(expected(data, 'BIGCORP', 'open', 'all', { field: 'age', direction: 'desc' }, NOW.getTime()).length).to.be.greaterThan(100);
    let now = NOW.getTime();
    const source = new InMemoryDataSource(data, { now: () => new Date(now), currentAgentId: 'agent-1' });
    for (const shift of [0, 3 * DAY, -5 * DAY]) {
      now = NOW.getTime() + shift;
      for (const view of views) {
        for (const filter of filters) {
          for (const sort of sorts) {
            const want = expected(data, 'BIGCORP', view, filter, sort, now);
            const { seen, total } = await everyPage(source, { customerId: 'BIGCORP' }, view, filter, sort);
            expect(seen, `${view} ${filter} ${sort.field} ${sort.direction} at ${shift / DAY} days`).to.deep.equal(want);
            expect(total).to.equal(want.length);
          }
        }
      }
    }
  });

  it('counts each view and filter, and the escalated of the company status, as the plain rules do', async () => {
    let now = NOW.getTime();
    const source = new InMemoryDataSource(data, { now: () => new Date(now), currentAgentId: 'agent-1' });
    const bySort = { field: 'age', direction: 'desc' } as const;
    for (const shift of [0, 4 * DAY]) {
      now = NOW.getTime() + shift;
      for (const customerId of ['BIGCORP', data.customers[3].id]) {
        for (const view of views) {
          const counts = await source.countTickets({ customerId }, view);
          for (const filter of filters) expect(counts[filter], `${customerId} ${view} ${filter}`).to.equal(expected(data, customerId, view, filter, bySort, now).length);
        }
        const status = await source.getCompanyStatus(customerId);
        expect(status.escalated).to.equal(expected(data, customerId, 'escalated', 'all', bySort, now).length);
      }
    }
  });

});

describe('orderByKey', () => {
  const tickets = (ids: string[]) => ids.map((id) => ({ id }) as Ticket);

  it('orders by time, equal times by id, -Infinity first and Infinity last', () => {
    const list = tickets(['b', 'a', 'c', 'd', 'e']);
    const order = orderByKey(list, Float64Array.from([5, 5, Infinity, -Infinity, 1]));
    expect([...order].map((i) => list[i].id)).to.deep.equal(['d', 'e', 'a', 'b', 'c']);
  });

  it('orders times centuries apart and fractions with the comparator, the same way', () => {
    const list = tickets(['x', 'y', 'z', 'w']);
    const order = orderByKey(list, Float64Array.from([8e15, -8e15, 0.5, 0.5]));
    expect([...order].map((i) => list[i].id)).to.deep.equal(['y', 'w', 'z', 'x']);
  });
});

describe('digitKey', () => {
  it('orders digit ids as strings order (a prefix first, then digit by digit), and refuses anything else', () => {
    const ids = ['9', '10', '1', '100', '099', '2026000001', '999999999999999', '0'];
    const byString = [...ids].sort();
    const byKey = [...ids].sort((a, b) => digitKey(a)! - digitKey(b)!);
    expect(byKey).to.deep.equal(byString);
    for (const id of ['', 'a1', '1.5', '-1', '1234567890123456']) expect(digitKey(id), id).to.equal(undefined);
  });

  it('breaks long runs of equal keys by id, with digit ids and without', () => {
    const run = (ids: string[]) => {
      const list = ids.map((id) => ({ id }) as Ticket);
      return [...orderByKey(list, new Float64Array(list.length))].map((i) => list[i].id);
    };
    const digits = Array.from({ length: 300 }, (_, i) => String((i * 7919) % 1000));
    expect(run(digits)).to.deep.equal([...digits].sort());
    const mixed = [...digits.slice(0, 100), 'x-1', 'A7'];
    expect(run(mixed)).to.deep.equal([...mixed].sort());
  });
});

describe('groupInOrder', () => {
  it('groups only the items named, in their order, each group exactly as long as what it holds', () => {
    const bySlot = [Int32Array.from([0, 1, 0, 1, 0]), Int32Array.from([2, -1, 2, -1, -1])];
    const groups = groupInOrder(Uint32Array.from([4, 2, 1]), 3, bySlot, (index) => `item${index}`);
    expect(groups).to.deep.equal([['item4', 'item2'], ['item1'], ['item2']]);
  });
});

import { expect } from '@open-wc/testing';
import { generateDemoData } from '../../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { orderByKey } from '../../src/data/adapters/in-memory/ticket-index.js';
import { firstInKept, isKept, KeptBlocks, keptColumns, keptRow, numberedIds, textKey, writeKept, type KeptColumns } from '../../src/data/adapters/in-memory/kept-sorts.js';
import { compareLowered, firstInOrder, sortTickets, ticketSortValue, timeOf, type ListsInOrder, type TicketSortContext } from '../../src/data/rules/ticket-sort.js';
import { inFilter, inView } from '../../src/testing/conformance.js';
import { shown } from '../support/ticket-pages.js';
import { TICKET_SORT_FIELDS, type HelpdeskData, type Ticket, type TicketFilter, type TicketScope, type TicketSort, type TicketView } from '../../src/data/contract/types.js';

/**
 * Every sort field in both directions against a sort written out plainly here (a comparator
 * over each ticket's value, times read by `Date.parse`, missing values last either way, then the
 * id), on generated data with hostile values mixed in: missing and unreadable values, times not
 * in the form `toISOString` writes, runs of equal values, ids of other shapes.
 */
const NOW = new Date('2026-06-01T09:00:00Z');
const VIEWS: TicketView[] = ['all', 'open', 'closed', 'escalated', 'reminder'];
const TIME_FIELDS: Partial<Record<TicketSort['field'], keyof Ticket>> = {
  created: 'createdAt', changed: 'changedAt', pendingUntil: 'pendingUntil', escalation: 'escalationAt',
};

type Scope = TicketScope;

/** Whether a ticket is in a scope, written out plainly. */
function inScope(data: HelpdeskData, ticket: Ticket, scope: Scope): boolean {
  if ('customerId' in scope) return ticket.customerId === scope.customerId;
  const user = data.customerUsers.find((one) => one.login === scope.customerUserLogin);
  if (scope.access !== 'accessible' || !user) return ticket.customerUserLogin === scope.customerUserLogin;
  return [user.customerId, ...(user.secondaryCustomerIds ?? [])].includes(ticket.customerId);
}

function referenceOrder(data: HelpdeskData, scopeOrCustomer: string | Scope, view: TicketView, sort: TicketSort, filter: TicketFilter = 'all'): string[] {
  const scope = typeof scopeOrCustomer === 'string' ? { customerId: scopeOrCustomer } : scopeOrCustomer;
  const agent = data.agents!.find((one) => one.id === 'agent-1')!;
  const context = {
    queueName: (id: string) => data.queues!.find((q) => q.id === id)?.name ?? id,
    agentName: (id: string) => data.agents!.find((a) => a.id === id)?.name ?? id,
    stateName: (state: string) => state,
  };
  const parsed = (value: unknown) => {
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? undefined : time;
  };
  const value = (ticket: Ticket) => {
    if (sort.field === 'age') return -(parsed(ticket.createdAt) ?? -Infinity);
    const timeField = TIME_FIELDS[sort.field];
    return timeField ? parsed(ticket[timeField]) : ticketSortValue(ticket, sort.field, context);
  };
  // A priority that is NaN is missing too.
  const present = (ticket: Ticket) => {
    const found = value(ticket);
    return Number.isNaN(found) ? undefined : found;
  };
  const compare = (a: Ticket, b: Ticket) => {
    const [va, vb] = [present(a), present(b)];
    if (va !== vb) {
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      return (va < vb ? -1 : 1) * (sort.direction === 'asc' ? 1 : -1);
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  return data.tickets.filter((t) => inScope(data, t, scope) && inView(t, view, NOW.getTime()) && inFilter(t, filter, agent)).sort(compare).map((t) => t.id);
}

async function listed(source: InMemoryDataSource, scopeOrCustomer: string | Scope, view: TicketView, sort: TicketSort, filter: TicketFilter = 'all'): Promise<string[]> {
  return (await shown(source, scopeOrCustomer, view, sort, filter, 500)).ids;
}

/** Generated tickets (fixed seed) with hostile values set on some of them. */
function hostileData(seed: number, idOf: (index: number) => string): HelpdeskData {
  const data = generateDemoData({ seed, now: NOW, customers: 12, customerUsers: 120, tickets: 2500, largeCustomerShare: 0.6 });
  const odd: Partial<Ticket>[] = [
    { createdAt: 'not a date' }, { createdAt: undefined }, { createdAt: '2026-05-01T10:00:00+02:00' }, { createdAt: '2026-05-01' },
    { changedAt: '2026-02-30T00:00:00.000Z' }, { changedAt: '2024-02-29T12:00:00.000Z' }, { changedAt: '2026-01-01T24:00:00.000Z' },
    { changedAt: '2026-13-01T00:00:00.000Z' }, { changedAt: '+020000-01-01T00:00:00.000Z' },
    { escalationAt: 'soon' }, { pendingUntil: '2026-06-01T09:00:00.000Z' }, { escalationAt: '2026-05-31T09:00:00Z' },
    { title: undefined }, { title: 42 as unknown as string }, { title: 'ÄRGER' }, { title: 'ärger' }, { title: '' },
    // Equal lower-cased, one a prefix of another, letters whose lower case is ASCII or longer.
    { title: 'SAME TITLE' }, { title: 'Same title, longer' }, { title: 'Same' }, { title: '\u212Aelvin' }, { title: 'kelvin' }, { title: 'İstanbul' },
    { number: 'A-17' }, { number: 'a-17' }, { customerUserLogin: 'MixedCase.User' }, { number: undefined }, { priority: undefined }, { priority: 2.5 }, { priority: NaN }, { priority: Infinity }, { priority: -Infinity },
    { queueId: undefined }, { queueId: 'unknown-queue' }, { ownerId: 'nobody' }, { customerUserLogin: undefined }, { state: 'Open' },
  ];
  data.tickets.forEach((ticket, index) => {
    ticket.id = idOf(index);
    if (index % 7 === 0) Object.assign(ticket, odd[(index / 7) % odd.length]);
  });
  // Runs of equal times and titles, broken by id.
  for (let i = 10; i < 400; i += 3) {
    data.tickets[i].createdAt = data.tickets[10].createdAt;
    data.tickets[i].changedAt = data.tickets[11].changedAt;
    data.tickets[i].title = 'Same title';
  }
  return data;
}

describe('InMemoryDataSource sorts: every field and direction as a plain sort gives', () => {
  const shapes: [string, (index: number) => string][] = [
    ['digit ids', (index) => String(index + 1)],
    ['long digit ids', (index) => String(1_000_000_000_000 + ((index * 7919) % 5000))],
    ['other ids', (index) => (index % 3 ? `T-${index}` : String(index))],
  ];
  for (const [shape, idOf] of shapes) {
    it(`orders ${shape} in every view, field and direction, ties and missing values included`, async () => {
      const data = hostileData(3, idOf);
      const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
      expect(referenceOrder(data, 'BIGCORP', 'all', { field: 'age', direction: 'asc' }).length).to.be.greaterThan(1000);
      for (const view of VIEWS) {
        for (const field of TICKET_SORT_FIELDS) {
          for (const direction of ['asc', 'desc'] as const) {
            const sort = { field, direction };
            expect(await listed(source, 'BIGCORP', view, sort), `${view} ${field} ${direction}`).to.deep.equal(referenceOrder(data, 'BIGCORP', view, sort));
          }
        }
      }
    });
  }
});

const FILTERS: TicketFilter[] = ['all', 'my-locked', 'my-queues'];
const SORTS: TicketSort[] = TICKET_SORT_FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((direction) => ({ field, direction })));

/** The big scopes of `data`: the big customer, one of its users, and a user with a secondary customer (accessible). */
function bigScopes(data: HelpdeskData): Scope[] {
  const bigUser = data.tickets.find((t) => t.customerId === 'BIGCORP' && t.customerUserLogin)!.customerUserLogin!;
  const secondary = data.customerUsers.find((user) => user.secondaryCustomerIds?.length)!;
  return [{ customerId: 'BIGCORP' }, { customerUserLogin: bigUser }, { customerUserLogin: secondary.login, access: 'accessible' }];
}

describe('InMemoryDataSource: a big list, taken from one order of all tickets, as a plain sort gives', () => {
  it('for every scope, view, filter and sort, whether the order was worked out before the list or for it', async () => {
    const data = hostileData(11, (index) => (index % 5 ? String(index + 1) : `T-${index}`));
    const secondary = data.customerUsers.find((user) => user.secondaryCustomerIds?.length)!;
    const small = data.tickets.find((t) => t.customerId !== 'BIGCORP' && t.customerId !== secondary.customerId)!.customerId;
    const scopes: Scope[] = [...bigScopes(data), { customerId: small }];
    expect(referenceOrder(data, { customerId: small }, 'all', SORTS[0]).length).to.be.within(20, 400);
    for (const sort of SORTS) {
      // Fresh each sort: the small customer is sorted alone first, and then again once the big one made the order of all tickets.
      const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
      const alone = await listed(source, { customerId: small }, 'open', sort, 'my-queues');
      for (const scope of scopes) {
        for (const view of VIEWS) {
          for (const filter of FILTERS) {
            const what = `${JSON.stringify(scope)} ${view} ${filter} ${sort.field} ${sort.direction}`;
            expect(await listed(source, scope, view, sort, filter), what).to.deep.equal(referenceOrder(data, scope, view, sort, filter));
          }
        }
      }
      expect(alone).to.deep.equal(referenceOrder(data, { customerId: small }, 'open', sort, 'my-queues'));
    }
  });
});

describe('InMemoryDataSource: the first pages of a big list in a sort not used before', () => {
  it('are those of a plain sort, with its total, for every scope, view and filter, and so are the pages after them', async () => {
    const data = hostileData(5, (index) => (index % 4 ? String(index + 1) : `T-${index}`));
    const scopes = bigScopes(data);
    for (const sort of SORTS) {
      // Fresh each sort, and only first pages of every list before any list is read further.
      const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
      for (const scope of scopes) {
        for (const view of VIEWS) {
          for (const filter of FILTERS) {
            const what = `${JSON.stringify(scope)} ${view} ${filter} ${sort.field} ${sort.direction}`;
            const reference = referenceOrder(data, scope, view, sort, filter);
            const first = await shown(source, scope, view, sort, filter, 25, 3);
            expect(first.ids, what).to.deep.equal(reference.slice(0, 75));
            expect(first.total, `${what}: total`).to.equal(reference.length);
          }
        }
      }
      // Pages of 150 cross from the tickets picked first to those of the order of all tickets.
      const reference = referenceOrder(data, scopes[0], 'all', sort);
      expect(reference.length, 'the big list').to.be.greaterThan(1000);
      expect((await shown(source, scopes[0], 'all', sort, 'all', 150)).ids, `every page, ${sort.field} ${sort.direction}`).to.deep.equal(reference);
    }
  });
});

describe('InMemoryDataSource: a sort field a caller made up', () => {
  it('sorts a big list by id alone, `constructor`, `__proto__` and the table\'s own `idKeys` included, first pages and every page', async () => {
    // Ids of 16 digits among the others: no digit key, yet in the middle of the order by id.
    const data = hostileData(7, (index) => (index % 3 ? String(index + 1) : String(10 ** 15 + index)));
    const byId = data.tickets.filter((t) => t.customerId === 'BIGCORP').map((t) => t.id).sort();
    for (const field of ['constructor', '__proto__', 'toString', 'nothing', 'idKeys', 'titleTexts', 'numberTexts']) {
      const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
      const sort = { field, direction: 'asc' } as unknown as TicketSort;
      expect((await shown(source, 'BIGCORP', 'all', sort, 'all', 25, 2)).ids, field).to.deep.equal(byId.slice(0, 50));
      expect(await listed(source, 'BIGCORP', 'all', sort), `${field}: every page`).to.deep.equal(byId);
    }
  });
});

describe('timeOf', () => {
  it('reads every time as Date.parse does, the form toISOString writes and any other', () => {
    const texts = ['2026-02-28T23:59:59.999Z', '2026-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z', '2026-01-01T23:60:00.000Z', '0000-01-01T00:00:00.000Z', '1600-02-28T12:00:00.000Z', '1969-12-31T23:59:59.999Z',
      '2026-00-10T00:00:00.000Z', '2026-1a-10T00:00:00.000Z', '2026-05-01T10:00:00+02:00', '2026-05-01', 'x026-05-01T10:00:00.000Z', ''];
    for (let time = -62_000_000_000_000; time < 250_000_000_000_000; time += 7_777_777_777_777) texts.push(new Date(time).toISOString());
    for (const text of texts) expect(timeOf(text), text).to.deep.equal(Date.parse(text));
    expect(timeOf(undefined)).to.be.NaN;
  });
});

describe('orderByKey, scaled keys', () => {
  it('orders keys closer than its scale, and equal ones by id, as a comparator does', () => {
    const keys = Float64Array.from({ length: 2000 }, (_, i) => [1e15, -1e15, 0.25, 0.5, 1 + (i % 5) * 1e-3, NaN, Infinity, -Infinity][i % 8] + (i % 8 < 2 ? i : 0));
    const list = Array.from({ length: keys.length }, (_, i) => ({ id: String((i * 31) % 2000) }) as Ticket);
    const sortable = (key: number) => (Number.isNaN(key) ? Infinity : key);
    const want = list.map((_, i) => i).sort((a, b) => sortable(keys[a]) - sortable(keys[b]) || (list[a].id < list[b].id ? -1 : 1));
    expect([...orderByKey(list, keys)]).to.deep.equal(want);
  });
});

describe('InMemoryDataSource.putTicket files one ticket as a source built from scratch would', () => {
  const FILTERS = ['all', 'my-locked', 'my-queues'] as const;
  const SORTS: TicketSort[] = [
    { field: 'age', direction: 'desc' }, { field: 'pendingUntil', direction: 'asc' }, { field: 'escalation', direction: 'asc' },
    { field: 'title', direction: 'asc' }, { field: 'changed', direction: 'desc' }, { field: 'customerUser', direction: 'desc' }, { field: 'priority', direction: 'asc' },
  ];

  /** What a customer's (or user's) lists, counts and status show, every view, filter and some sorts. */
  async function everything(source: InMemoryDataSource, customerId: string, login: string) {
    const shown: unknown[] = [await source.getCompanyStatus(customerId), await source.countTicketsByUser([login])];
    for (const scope of [{ customerId }, { customerUserLogin: login }]) {
      for (const view of [...VIEWS, 'new'] as TicketView[]) {
        shown.push(await source.countTickets(scope, view));
        for (const filter of FILTERS) {
          for (const sort of SORTS) {
            const page = await source.listTickets(scope, { view, filter, sort, page: { size: 1000 } });
            shown.push([view, filter, sort.field, page.total?.value, page.items.map((t) => `${t.id}:${t.title}`)]);
          }
        }
      }
    }
    return shown;
  }

  it('after a new ticket, a changed state, customer, user, title and times, and one put back', async () => {
    const data = generateDemoData({ seed: 5, now: NOW, customers: 10, customerUsers: 80, tickets: 1500, largeCustomerShare: 0.5 });
    const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
    const other = data.tickets.find((t) => t.customerId !== 'BIGCORP')!;
    const tickets = new Map(data.tickets.map((t) => [t.id, t]));
    const first = data.tickets.find((t) => t.customerId === 'BIGCORP' && t.state === 'open')!;
    const bigUser = first.customerUserLogin!;
    // Sorted lists the source keeps (fewer than it keeps at most), which a put must drop where it touches them.
    const keep = async () => {
      for (const scope of [{ customerId: 'BIGCORP' }, { customerId: other.customerId }, { customerUserLogin: bigUser }]) {
        for (const sort of SORTS.slice(3)) for (const view of ['all', 'open', 'closed'] as const) await source.listTickets(scope, { view, filter: 'all', sort, page: { size: 5 } });
      }
    };
    const puts: Ticket[] = [
      { ...first, id: '999999', title: 'Brand new', createdAt: NOW.toISOString(), escalationAt: '2026-05-30T00:00:00.000Z' },
      { ...first, state: 'pending reminder', pendingUntil: '2026-05-31T10:00:00.000Z' },
      { ...first, state: 'closed successful', pendingUntil: undefined },
      { ...first, customerId: other.customerId, customerUserLogin: other.customerUserLogin },
      { ...first, title: 'Aaa first by title', lock: 'lock', ownerId: 'agent-1' },
      { ...first, createdAt: '2020-01-01T00:00:00.000Z', changedAt: 'unreadable' },
      { ...first, customerUserLogin: undefined },
      first,
    ];
    for (const [step, put] of [...puts.map((ticket) => () => ticket), () => Object.assign(first, { state: 'new', title: 'Changed in place' })].entries()) {
      await keep();
      // The last puts the same object again, changed in place.
      const ticket = put();
      source.putTicket(ticket);
      tickets.set(ticket.id, ticket);
      const rebuilt = new InMemoryDataSource({ ...data, tickets: [...tickets.values()] }, { now: NOW, currentAgentId: 'agent-1' });
      for (const [customerId, login] of [['BIGCORP', bigUser], [other.customerId, other.customerUserLogin!]]) {
        expect(await everything(source, customerId, login), `after put ${step} (${customerId})`).to.deep.equal(await everything(rebuilt, customerId, login));
      }
    }
  });
});

describe('InMemoryDataSource.putTicket where two tickets share an id and a creation time (outside the contract)', () => {
  it('takes out the very ticket it replaces, the one filed second, not the first it finds in the list', async () => {
    const data = generateDemoData({ seed: 5, now: NOW, customers: 3, customerUsers: 12, tickets: 60 });
    const [first, second] = data.tickets.filter((t) => t.customerId === data.tickets[0].customerId && t.state === data.tickets[0].state);
    Object.assign(second, { id: first.id, createdAt: first.createdAt, title: 'second' });
    first.title = 'first';
    const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
    // The source keeps the last ticket of an id: the second, filed after the first.
    source.putTicket({ ...second, title: 'second, changed' });
    const page = await source.listTickets({ customerId: first.customerId }, { view: 'all', filter: 'all', sort: { field: 'age', direction: 'desc' }, page: { size: 100 } });
    const titles = page.items.map((ticket) => ticket.title);
    expect(titles).to.include('first').and.include('second, changed').and.not.include('second');
  });
});

describe('InMemoryDataSource: a big list in a kept sort after a put', () => {
  it('of a customer user, once a put made a customer first seen after the users were numbered', async () => {
    const data = generateDemoData({ seed: 1, now: NOW, customers: 3, customerUsers: 4, tickets: 64, largeCustomerShare: 0.5 });
    const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
    const login = data.tickets[0].customerUserLogin!;
    const moved = { ...data.tickets[1], id: '9999', customerId: 'NEWCO', customerUserLogin: undefined };
    source.putTicket(moved);
    const rebuilt = new InMemoryDataSource({ ...data, tickets: [...data.tickets, moved] }, { now: NOW, currentAgentId: 'agent-1' });
    for (const field of ['title', 'priority', 'state', 'changed'] as const) {
      const sort = { field, direction: 'asc' } as const;
      const scope = { customerUserLogin: login };
      const { ids, total } = await shown(source, scope, 'all', sort, 'all', 5);
      expect(ids.length, field).to.equal(total);
      expect(total, field).to.be.above(5);
      expect(ids, field).to.deep.equal((await shown(rebuilt, scope, 'all', sort, 'all', 5)).ids);
    }
  });

  /**
   * Puts each change to `late` in turn: before it, the first page of BIGCORP's list in the view
   * in that change's sort does not hold it; after it, it comes first, and the page is that of a
   * source built with the ticket as it now is.
   */
  async function expectEachPutFirst(data: HelpdeskData, source: InMemoryDataSource, late: Ticket, view: TicketView, changes: [TicketSort, Partial<Ticket>][]) {
    let ticket = late;
    for (const [sort, change] of changes) {
      const label = `${sort.field} ${JSON.stringify(change)}`;
      expect((await shown(source, 'BIGCORP', view, sort, 'all', 10, 1)).ids, `${label}, before`).not.to.include(late.id);
      ticket = { ...ticket, ...change };
      source.putTicket(ticket);
      const rebuilt = new InMemoryDataSource({ ...data, tickets: data.tickets.map((t) => (t.id === ticket.id ? ticket : t)) }, { now: NOW, currentAgentId: 'agent-1' });
      const { ids } = await shown(source, 'BIGCORP', view, sort, 'all', 10, 1);
      expect(ids[0], label).to.equal(late.id);
      expect(ids, label).to.deep.equal((await shown(rebuilt, 'BIGCORP', view, sort, 'all', 10, 1)).ids);
    }
  }

  it('of a customer, once a ticket late in its list got the best key in place (the blocks passed over see it)', async () => {
    const data = generateDemoData({ seed: 3, now: NOW, customers: 3, customerUsers: 10, tickets: 3000, largeCustomerShare: 0.9 });
    const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
    const late = data.tickets.filter((t) => t.customerId === 'BIGCORP' && t.state === 'closed successful').at(-300)!;
    const changes: [TicketSort, Partial<Ticket>][] = [
      [{ field: 'number', direction: 'asc' }, { number: '0000' }],
      [{ field: 'title', direction: 'asc' }, { title: 'AAA first' }],
      [{ field: 'priority', direction: 'desc' }, { priority: 99 }],
      [{ field: 'changed', direction: 'asc' }, { changedAt: '2000-01-01T00:00:00.000Z' }],
    ];
    await expectEachPutFirst(data, source, late, 'all', changes);
  });

  it('of a due view, once a ticket due late got the best key or text in place (a tie on the key read where the texts differ)', async () => {
    const data = generateDemoData({ seed: 3, now: NOW, customers: 3, customerUsers: 10, tickets: 20_000, largeCustomerShare: 0.9 });
    const options = { now: NOW, currentAgentId: 'agent-1' };
    // The 300 tickets due first share a title and a priority that come first, the rest others that
    // come later: once the page is full, every later ticket is passed over on its key, or on its id
    // where its key and text are the worst kept's.
    const dueFirst = new Set((await shown(new InMemoryDataSource(data, options), 'BIGCORP', 'escalated', { field: 'escalation', direction: 'asc' }, 'all', 300, 1)).ids);
    for (const ticket of data.tickets) {
      if (ticket.customerId === 'BIGCORP') Object.assign(ticket, dueFirst.has(ticket.id) ? { title: 'Aaaaaaaaa same', priority: 5 } : { title: 'Printer does not print', priority: 3 });
    }
    const source = new InMemoryDataSource(data, options);
    // Of the tickets due after those (thousands), the one with the greatest id: its id cannot let it in.
    const { ids: due } = await shown(source, 'BIGCORP', 'escalated', { field: 'escalation', direction: 'asc' }, 'all', 500);
    expect(due.length).to.be.above(1000);
    const lateId = due.slice(300).reduce((greatest, id) => (id > greatest ? id : greatest));
    const late = data.tickets.find((t) => t.id === lateId)!;
    const changes: [TicketSort, Partial<Ticket>][] = [
      // The first nine units of the first title, then a text before it: the keys tie, the texts decide.
      [{ field: 'title', direction: 'asc' }, { title: 'Aaaaaaaaa\u0001' }],
      [{ field: 'priority', direction: 'desc' }, { priority: 99 }],
      [{ field: 'number', direction: 'asc' }, { number: '0000' }],
    ];
    await expectEachPutFirst(data, source, late, 'escalated', changes);
  });

  it('pages through every ticket once where ids are numbers (outside the contract)', async () => {
    const data = generateDemoData({ seed: 2, now: NOW, customers: 3, customerUsers: 10, tickets: 600, largeCustomerShare: 0.9 });
    data.tickets.forEach((ticket, index) => Object.assign(ticket, { id: 600 - index, priority: 3 }));
    const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
    const { ids, total } = await shown(source, 'BIGCORP', 'all', { field: 'priority', direction: 'asc' }, 'all', 100);
    expect(ids.length).to.equal(total);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});

describe('compareLowered: a text against a lower-cased one, as their lower cases compare', () => {
  it('gives the order of toLowerCase, or NaN where a character beyond ASCII decides', () => {
    const alphabet = ['a', 'A', 'z', 'Z', 'k', '\u212A', 'ä', 'Ä', 'i', 'İ', 'ß', ' ', '0', '9', '-', '[', '`', '@', '\u{1F600}'];
    let seed = 17;
    const next = (below: number) => ((seed = (seed * 48271) % 2147483647) % below);
    const word = () => Array.from({ length: next(5) }, () => alphabet[next(alphabet.length)]).join('');
    let decided = 0;
    for (let i = 0; i < 5000; i++) {
      const text = word();
      const other = (i % 3 ? word() : text.toUpperCase()).toLowerCase();
      const order = compareLowered(text, other);
      const lowered = text.toLowerCase();
      const expected = lowered === other ? 0 : lowered < other ? -1 : 1;
      if (Number.isNaN(order)) continue;
      decided++;
      expect(order, `${JSON.stringify(text)} against ${JSON.stringify(other)}`).to.equal(expected);
    }
    // Most pairs are decided without lower-casing.
    expect(decided).to.be.above(2000);
    expect(compareLowered('\u212Aelvin', 'kelvin')).to.be.NaN;
    expect(compareLowered('Same', 'same title')).to.equal(-1);
    expect(compareLowered('SAME TITLE', 'same title')).to.equal(0);
  });
});

describe('textKey: a number that orders as the lower-cased text does where it tells texts apart', () => {
  it('never orders two texts the other way round from their lower cases, and tells most apart', () => {
    // Every range of units the key treats alike or apart: controls, space, punctuation, digits, letters, beyond ASCII.
    const alphabet = ['a', 'A', 'z', 'Z', 'k', '\u212A', 'ä', 'Ä', 'i', 'İ', 'ß', 'Σ', ' ', '\t', '\u0000', '0', '9', '-', '/', ':', '@', '[', '`', '{', '~', '\u007F', '\u{1F600}'];
    let seed = 29;
    const next = (below: number) => ((seed = (seed * 48271) % 2147483647) % below);
    const word = (length: number) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');
    let told = 0;
    for (let i = 0; i < 20000; i++) {
      const text = word(next(12));
      // Every third pair shares a first part: the key must tell them apart by what follows, or not at all.
      const other = i % 3 ? word(next(12)) : text.slice(0, next(12)) + word(next(4));
      const [key, otherKey] = [textKey(text), textKey(other)];
      const [lowered, otherLowered] = [text.toLowerCase(), other.toLowerCase()];
      if (key === otherKey) continue;
      told++;
      expect(key < otherKey, `${JSON.stringify(text)} against ${JSON.stringify(other)}`).to.equal(lowered < otherLowered);
    }
    expect(told).to.be.above(12000);
    expect(textKey(42)).to.be.NaN;
    expect(textKey(undefined)).to.be.NaN;
    // Digits of a ticket number are told apart up to the ninth; letters and spaces of a title too.
    expect(textKey('2026000001')).to.be.below(textKey('2026000010'));
    expect(textKey('Printer x')).to.be.below(textKey('printers'));
    expect(textKey('\u212Aelvin')).to.equal(textKey('kelvin'));
    expect(textKey('İa')).to.be.above(textKey('ia'));
    // The key reads units as they are: the lower case of every unit beyond ASCII is beyond ASCII, but for these two.
    const lowersToAscii = Array.from({ length: 0x10000 - 128 }, (_, index) => index + 128).filter((unit) => String.fromCharCode(unit).toLowerCase().charCodeAt(0) < 128);
    expect(lowersToAscii).to.deep.equal([0x130, 0x212a]);
  });
});

describe('firstInKept: the first tickets of a sort, picked from the keys a table keeps', () => {
  it('gives exactly the first tickets sortTickets gives, for every kept field, direction and count, of the positions it takes', () => {
    const tickets = hostileData(17, (index) => (index % 5 ? String(index + 1) : `T-${index}`)).tickets;
    // Titles that tie on their first nine units and differ after them, or only in case.
    ['Printer does not print', 'PRINTER DOES NOT', 'printer does', 'Printer doesn\'t', 'printer-does'].forEach((title, index) => (tickets[index * 11 + 3].title = title));
    const context: TicketSortContext = { queueName: (id) => `Queue ${id}`, agentName: (id) => (id.length % 2 ? `agent ${id}` : `AGENT ${id}`), stateName: (state) => state };
    const ids = numberedIds();
    const columns = keptColumns(tickets.length);
    tickets.forEach((ticket, at) => writeKept(columns, at, ticket, ids));
    const takes = (position: number) => position % 4 !== 1;
    // Positions in ranges, in no order of any field: every fourth one not taken.
    const all = Uint32Array.from(tickets.keys()).reverse();
    const positions = [all.subarray(0, 300), all.subarray(300, 301), all.subarray(301)];
    const taken = tickets.filter((_, position) => takes(position));
    for (const field of TICKET_SORT_FIELDS.filter(isKept)) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { field, direction };
        const expected = sortTickets(taken, sort, context).map((ticket) => ticket.id);
        for (const count of [0, 1, 7, 200, tickets.length + 1]) {
          const picked = firstInKept({ tickets, columns, ids, positions, takes }, sort, context, count).map((ticket) => ticket.id);
          expect(picked, `${field} ${direction}, ${count}`).to.deep.equal(expected.slice(0, count));
        }
      }
    }
  });
});

describe('firstInKept over blocks: whole blocks of positions passed over on their best keys', () => {
  // Ids rising with the filing, in two blocks every sixth not digits alone (its block's ties are then told by the ids' texts), titles and numbers tying on their first nine
  // units with texts that differ after them or beyond ASCII, few priorities: ties everywhere.
  const TITLES = ['Printer does not print', 'Printer does not scan', 'printer DOES', '請求書について', 'ログインできません', 'Bitte Rückruf', 'Bitte Rückruf wegen', 'bitte rückruf'];
  const context: TicketSortContext = { queueName: (id) => `Queue ${id}`, agentName: (id) => (id.length % 2 ? `agent ${id}` : `AGENT ${id}`), stateName: (state) => state };
  function table(tweak?: (tickets: Ticket[]) => void) {
    const tickets = hostileData(23, (index) => (index % 6 || index < 1000 || index > 1100 ? String(10_000 + index) : `${10_000 + index}x`)).tickets;
    tickets.forEach((ticket, index) => {
      if (index % 5 < 3) ticket.title = TITLES[(index * 13) % TITLES.length];
      if (index % 4 === 0) ticket.number = `2026060110${String(index % 50).padStart(4, '0')}`;
      if (index % 3 === 0) ticket.priority = 3;
    });
    tweak?.(tickets);
    const ids = numberedIds();
    const columns = keptColumns(tickets.length);
    tickets.forEach((ticket, at) => writeKept(columns, at, ticket, ids));
    // The array the ranges are cut from, as a table groups positions: in order, but for a stretch reversed.
    const grouped = Uint32Array.from(tickets.keys());
    grouped.subarray(900, 1500).reverse();
    const blocks = new KeptBlocks(grouped, () => columns);
    // Ranges starting and ending inside blocks, one of a single position, and positions left out.
    const positions = [grouped.subarray(0, 700), grouped.subarray(700, 701), grouped.subarray(701, 1900), grouped.subarray(2100)];
    return { tickets, ids, columns, blocks, positions, grouped };
  }
  const takes = (position: number) => position % 5 !== 2;
  const inRanges = (positions: readonly Uint32Array[]) => new Set(positions.flatMap((range) => [...range]));

  /** `array`, counting in `reads` the elements read from it. */
  function countingReads<A extends Uint32Array | Float64Array>(array: A, reads: { count: number }): A {
    return new Proxy(array, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** How many priorities `blocks` reads for its bounds by priority (none where they are made). */
  function priorityReads(columns: KeptColumns, blocks: KeptBlocks): number {
    const [reads, priorities] = [{ count: 0 }, columns.priority];
    columns.priority = countingReads(priorities, reads);
    blocks.bestKeys('priority', 1, undefined);
    columns.priority = priorities;
    return reads.count;
  }

  /** The ranges, each counting the positions read from it. */
  const counting = (positions: readonly Uint32Array[], reads: { count: number }) => positions.map((range) => countingReads(range, reads));

  /** Puts `ticket` at `position` as a table does: the blocks told first, then its keys written. */
  function putInPlace({ tickets, ids, columns, blocks }: ReturnType<typeof table>, position: number, ticket: Ticket): void {
    blocks.noteChange(position, keptRow(ticket, ids));
    tickets[position] = ticket;
    writeKept(columns, position, ticket, ids);
  }

  /** Compares with and without blocks, every kept field, direction and some counts; the positions read either way. */
  function expectSame(pick: ReturnType<typeof table>, label: string, names = context): { withBlocks: number; without: number } {
    const { tickets, columns, ids, blocks, positions } = pick;
    const wanted = inRanges(positions);
    const taken = tickets.filter((_, position) => wanted.has(position) && takes(position));
    const [withBlocks, without] = [{ count: 0 }, { count: 0 }];
    for (const field of TICKET_SORT_FIELDS.filter(isKept)) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { field, direction };
        const expected = sortTickets(taken, sort, names).map((ticket) => ticket.id);
        for (const count of [1, 3, 30]) {
          const picked = firstInKept({ tickets, columns, ids, positions: counting(positions, withBlocks), takes, blocks }, sort, names, count).map((ticket) => ticket.id);
          const plain = firstInKept({ tickets, columns, ids, positions: counting(positions, without), takes }, sort, names, count).map((ticket) => ticket.id);
          expect(picked, `${label}: ${field} ${direction}, ${count}`).to.deep.equal(expected.slice(0, count));
          expect(plain, `${label}: ${field} ${direction}, ${count}, without blocks`).to.deep.equal(expected.slice(0, count));
        }
      }
    }
    return { withBlocks: withBlocks.count, without: without.count };
  }

  it('gives exactly the first tickets sortTickets gives, for every kept field, direction and count, and asks for fewer', () => {
    const reads = expectSame(table(), 'as built');
    // Blocks are passed over: many positions are never read (0.57 of them are, in this data).
    expect(reads.withBlocks).to.be.below((reads.without * 2) / 3);
  });

  it('passes over blocks of customer users on their best login, by the logins\' ranks as they are when it sorts', () => {
    // The first login and the last but one in the first block, then logins in between, fifty
    // tickets each, and the last once in a late block: no other block can hold any of them.
    const loginOf = (index: number) => `user-${index < 100 ? (index % 2 ? '000' : '998') : index === 2400 ? '999' : 100 + Math.floor(index / 50)}`;
    const pick = table((tickets) => tickets.forEach((ticket, index) => (ticket.customerUserLogin = loginOf(index))));
    const { tickets, columns, ids, blocks, positions } = pick;
    for (const direction of ['asc', 'desc'] as const) {
      const [withBlocks, without] = [{ count: 0 }, { count: 0 }];
      const sort = { field: 'customerUser', direction } as const;
      firstInKept({ tickets, columns, ids, positions: counting(positions, withBlocks), takes, blocks }, sort, context, 30);
      firstInKept({ tickets, columns, ids, positions: counting(positions, without), takes }, sort, context, 30);
      expect(withBlocks.count, direction).to.be.below(without.count / 3);
    }
    expectSame(pick, 'logins by block');
    // A login numbered (a row made for a put) that sorts first: every rank moves up by one, and
    // bounds made before it would pass over the block of "user-999" descending.
    keptRow({ ...tickets[0], customerUserLogin: 'aaa' }, ids);
    expectSame(pick, 'logins numbered later');
  });

  it('ranks the names of states, queues and owners as each sort reads them: renamed, their blocks are ranked again', () => {
    const pick = table();
    expectSame(pick, 'as named');
    // Every name spelled backwards in the order of code units: the ranks turn round.
    const backwards = (name: string) => String.fromCharCode(...[...name].map((unit) => 0x3000 - unit.charCodeAt(0)));
    const renamed: TicketSortContext = { queueName: (id) => backwards(context.queueName(id)), agentName: (id) => backwards(context.agentName(id)), stateName: backwards };
    expectSame(pick, 'renamed', renamed);
  });

  it('passes over a title block on its best text lower-cased: one that ties on the key and comes first only lower-cased is read', () => {
    // The heap fills with "printer does n"; a late block holds one "printer DOES" (first of all,
    // lower-cased) among "Printer does not print" (first as it is, with its capital P).
    const pick = table((tickets) => tickets.forEach((ticket, index) => (ticket.title = index < 600 ? 'printer does n' : index === 2400 ? 'printer DOES' : 'Printer does not print')));
    expectSame(pick, 'case');
    const { tickets, columns, ids, blocks, positions } = pick;
    expect(firstInKept({ tickets, columns, ids, positions, takes, blocks }, { field: 'title', direction: 'asc' }, context, 30)[0].title).to.equal('printer DOES');
  });

  it('reads a block whose best text key ties with the worst kept: the texts decide there, not the ids', () => {
    // Every title ties on its key; one early title comes first, then one changed in place later, with a later id.
    const pick = table((tickets) => tickets.forEach((ticket, index) => (ticket.title = index === 10 ? 'Printer does not pa' : 'Printer does not print')));
    const { tickets, ids, columns, blocks, positions } = pick;
    const sort = { field: 'title', direction: 'asc' } as const;
    const first = () => firstInKept({ tickets, columns, ids, positions, takes: () => true, blocks }, sort, context, 1)[0].title;
    expect(first()).to.equal('Printer does not pa');
    const position = pick.grouped[1000];
    putInPlace(pick, position, { ...tickets[position], title: 'Printer does not a' });
    expect(first()).to.equal('Printer does not a');
  });

  it('after a put makes again only the block that holds the change, when that field is next sorted', () => {
    const pick = table();
    const { tickets, columns, blocks, grouped } = pick;
    expectSame(pick, 'before');
    const position = grouped[1300];
    putInPlace(pick, position, { ...tickets[position], priority: -9, title: 'AAA first' });
    // One block of 256 positions read, not the 2,500 of the table.
    expect(priorityReads(columns, blocks)).to.be.within(1, 256);
    expectSame(pick, 'after');
  });

  it('over some of the table\'s positions, makes again the block that holds a change, and none for a position not there', () => {
    const pick = table();
    const { tickets, columns, ids, grouped } = pick;
    // The last 700 positions: three blocks whose positions are not their indexes, the last one's
    // ids the latest (passed over on a tie with the worst kept).
    const some = grouped.slice(1800);
    const blocks = new KeptBlocks(some, () => columns);
    const sort = { field: 'priority', direction: 'asc' } as const;
    const first = () => firstInKept({ tickets, columns, ids, positions: [some], takes: () => true, blocks }, sort, context, 5).map((ticket) => ticket.id);
    const expected = () => sortTickets([...some].map((position) => tickets[position]), sort, context).slice(0, 5).map((ticket) => ticket.id);
    expect(first()).to.deep.equal(expected());
    const put = (position: number) => putInPlace({ ...pick, blocks }, position, { ...tickets[position], priority: -9 });
    // One outside `some`: no block is made again.
    put(grouped[10]);
    expect(priorityReads(columns, blocks)).to.equal(0);
    // One in the third block of `some`.
    put(some[600]);
    expect(first()[0]).to.equal(tickets[some[600]].id);
    expect(first()).to.deep.equal(expected());
  });

  it('and after keys change in place, better or worse, each block\'s bounds made again where its field changed', () => {
    const pick = table();
    const { tickets, grouped } = pick;
    expectSame(pick, 'before');
    const changes: Partial<Ticket>[] = [
      { title: 'AAA first' }, { title: 'zzz last' }, { title: 'Printer does not aaa' }, { title: 'PRINTER DOES NOT PRINT' }, { title: '請求書について もう一度' }, { number: '0' }, { number: '9999999999999999' }, { priority: -5 }, { priority: 99 },
      { changedAt: '2030-01-01T00:00:00.000Z' }, { changedAt: '2000-01-01T00:00:00.000Z' }, { pendingUntil: '1999-01-01T00:00:00.000Z' }, { escalationAt: '2040-01-01T00:00:00.000Z' },
      { state: 'Aaa state' }, { queueId: 'zz-queue' }, { ownerId: '' }, { customerUserLogin: 'aaa.first' }, { id: '0x' },
    ];
    // Each at the first or the last position of a block (where a walk forwards or backwards enters it);
    // then, in a later block, a tie that an id not of digits decides, and a login numbered past
    // those a block keeps as bits, first of all.
    const placed: [number, Partial<Ticket>][] = [
      ...changes.map((change, index): [number, Partial<Ticket>] => [grouped[256 * (2 + (index % 6)) - (index % 2)], change]),
      [grouped[300], { priority: -7 }], [grouped[1600], { id: '0y', priority: -7 }], [grouped[1650], { customerUserLogin: 'aaa.aaa' }],
    ];
    placed.forEach(([position, change]) => putInPlace(pick, position, { ...tickets[position], ...change }));
    expectSame(pick, 'after');
  });
});

describe('firstInOrder: the first tickets of a sort, picked without sorting them all', () => {
  it('gives exactly the first tickets sortTickets gives, for every field, direction and count, from lists in any order or in a field\'s', () => {
    const tickets = hostileData(13, (index) => (index % 5 ? String(index + 1) : `T-${index}`)).tickets;
    const context: TicketSortContext = { queueName: (id) => `Queue ${id}`, agentName: (id) => (id.length % 2 ? `agent ${id}` : `AGENT ${id}`), stateName: (state) => state };
    const split = (list: readonly Ticket[]) => [0, 1, 2].map((part) => list.filter((_, index) => index % 3 === part));
    // Lists ascending by a field, its unreadable values leading (as the source files them).
    const inOrderOf = (field: 'created' | 'pendingUntil' | 'escalation'): ListsInOrder => {
      const unreadable = (ticket: Ticket) => Number.isNaN(timeOf(ticket[TIME_FIELDS[field]!]));
      const ascending = sortTickets(tickets, { field, direction: 'asc' }, context);
      return { lists: split([...ascending.filter(unreadable), ...ascending.filter((ticket) => !unreadable(ticket))]), ascendingBy: field };
    };
    const arrangements: ListsInOrder[] = [{ lists: split(tickets) }, { lists: [[], ...split([...tickets].reverse())] }, inOrderOf('created'), inOrderOf('pendingUntil'), inOrderOf('escalation')];
    for (const field of TICKET_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { field, direction };
        const expected = sortTickets(tickets, sort, context).map((ticket) => ticket.id);
        for (const arrangement of arrangements) {
          for (const count of [0, 1, 7, 200, tickets.length + 1]) {
            const picked = firstInOrder(arrangement, count, sort, context).map((ticket) => ticket.id);
            expect(picked, `${field} ${direction}, ${count}, by ${arrangement.ascendingBy ?? 'no field'}`).to.deep.equal(expected.slice(0, count));
          }
        }
      }
    }
  });
});

describe('sortTickets: keys far apart', () => {
  it('orders priorities and times that span more than 2^53 exactly, among few tickets as among many', () => {
    const context: TicketSortContext = { queueName: (id) => id, agentName: (id) => id, stateName: (state) => state };
    const [base] = generateDemoData({ seed: 2, now: NOW, customers: 1, customerUsers: 1, tickets: 1 }).tickets;
    const ticket = (id: string, fields: Partial<Ticket>): Ticket => ({ ...base, id, ...fields });
    const priorities = [ticket('p', { priority: 1 }), ticket('q', { priority: 0 }), ticket('r', { priority: -(2 ** 60) })];
    expect(sortTickets(priorities, { field: 'priority', direction: 'asc' }, context).map(({ id }) => id)).to.deep.equal(['r', 'q', 'p']);
    expect(sortTickets(priorities, { field: 'priority', direction: 'desc' }, context).map(({ id }) => id)).to.deep.equal(['p', 'q', 'r']);
    // A span of 2^53 + 1 rounds to 2^53 as a double: the missing priority must still come last.
    const edge = [ticket('m', { priority: undefined }), ticket('n', { priority: 3 }), ticket('o', { priority: 4 }), ticket('b', { priority: 2 ** 53 + 2 })];
    expect(sortTickets(edge, { field: 'priority', direction: 'desc' }, context).map(({ id }) => id)).to.deep.equal(['b', 'o', 'n', 'm']);
    const times = [ticket('x', { createdAt: '+275760-09-13T00:00:00.000Z' }), ticket('y', { createdAt: '+275760-09-12T23:59:59.999Z' }), ticket('z', { createdAt: '-271821-04-20T00:00:00.000Z' })];
    expect(sortTickets(times, { field: 'created', direction: 'asc' }, context).map(({ id }) => id)).to.deep.equal(['z', 'y', 'x']);
  });
});

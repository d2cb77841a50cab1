import { expect } from '@open-wc/testing';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { OPS_I_STATE_MAPPING } from '../../src/data/rules/state-mapping.js';
import { ConflictError, ValidationError } from '../../src/data/contract/errors.js';
import type { DataChange } from '../../src/data/contract/data-source.js';
import type { Ticket, TicketFilter, TicketSort, TicketView } from '../../src/data/contract/types.js';
import { at, NOW, smallHelpdesk, ticket } from '../support/fixtures.js';

const source = () => new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();
const numbers = (tickets: Ticket[]) => tickets.map((t) => Number(t.id)).sort((a, b) => a - b);
const order = (tickets: Ticket[]) => tickets.map((t) => Number(t.id));

describe('InMemoryDataSource: search', () => {
  const customerIds = async (term: string) => ids((await source().searchCustomers(term, { limit: 20 })).items);
  const logins = async (term: string) =>
    (await source().searchCustomerUsers(term, { limit: 20 })).items.map((u) => u.login).sort();

  it('matches a case-insensitive substring of id or name', async () => {
    expect(await customerIds('acme')).to.deep.equal(['ACME', 'ACME (Europe) & Co. 100%+']);
    expect(await customerIds('EUROPE')).to.deep.equal(['ACME (Europe) & Co. 100%+']);
    expect(await customerIds('corporation')).to.deep.equal(['ACME']);
  });

  it('treats * as a wildcard and ** or * alone as everything', async () => {
    expect(await customerIds('st*corp')).to.deep.equal(['Star*Corp', 'StarXCorp']);
    expect(await customerIds('acme*corp')).to.deep.equal(['ACME']);
    expect(await customerIds('corp*acme'), 'the parts in the order given').to.deep.equal([]);
    expect(await customerIds('**')).to.have.length(5);
    expect(await customerIds('*')).to.have.length(5);
  });

  it('takes ( ) & % + . and spaces literally', async () => {
    expect(await customerIds('(Europe) & Co. 100%+')).to.deep.equal(['ACME (Europe) & Co. 100%+']);
    expect(await customerIds('100%')).to.deep.equal(['ACME (Europe) & Co. 100%+']);
    expect(await customerIds('e) &')).to.deep.equal(['ACME (Europe) & Co. 100%+']);
    expect(await customerIds('o.')).to.deep.equal(['ACME (Europe) & Co. 100%+']);
  });

  it('finds nothing for a term shorter than two characters, except "*"', async () => {
    expect(await customerIds('A')).to.deep.equal([]);
    expect(await customerIds(' A ')).to.deep.equal([]);
    expect((await customerIds('*')).length).to.be.greaterThan(3);
  });

  it('finds a customer known only from its users, by id, without a record', async () => {
    const { items } = await source().searchCustomers('ghost', { limit: 20 });
    expect(items).to.deep.equal([{ id: 'GHOST-1', name: undefined, hasRecord: false }]);
  });

  it('finds customer users by login, names, email and customer id', async () => {
    expect(await logins('baker')).to.deep.equal(['bob']);
    expect(await logins('山田')).to.deep.equal(['yamada']);
    expect(await logins('@acme.example')).to.deep.equal(['anna', 'bob']);
    expect(await logins('star*corp')).to.deep.equal(['xavier', 'yamada']);
    expect(await logins('eu user')).to.deep.equal(['eu user']);
  });

  it('never matches across two fields of a user', async () => {
    expect(await logins('anna\u0000anna')).to.deep.equal([]);
    expect(await logins('nna*ald')).to.deep.equal([]);
    expect(await logins('ann*der')).to.deep.equal([]);
    expect(await logins('al*der')).to.deep.equal(['anna']);
  });

  it('returns at most `limit` results and says when there are more', async () => {
    const result = await source().searchCustomerUsers('**', { limit: 4 });
    expect(result.items).to.have.length(4);
    expect(result.hasMore).to.equal(true);
    const all = await source().searchCustomerUsers('**', { limit: 6 });
    expect(all.hasMore).to.equal(false);
  });
});

describe('InMemoryDataSource: counts', () => {
  it('counts by situation and filter in one call (default OTRS mapping)', async () => {
    const ds = source();
    const scope = { customerId: 'ACME' };
    expect(await ds.countTickets(scope, 'reminder')).to.deep.equal({ 'my-locked': 1, 'my-queues': 2, all: 2 });
    expect(await ds.countTickets(scope, 'escalated')).to.deep.equal({ 'my-locked': 0, 'my-queues': 1, all: 1 });
    expect(await ds.countTickets(scope, 'new')).to.deep.equal({ 'my-locked': 1, 'my-queues': 1, all: 2 });
    expect(await ds.countTickets(scope, 'open')).to.deep.equal({ 'my-locked': 1, 'my-queues': 2, all: 3 });
    expect((await ds.countTickets(scope, 'closed')).all).to.equal(3);
    expect((await ds.countTickets(scope, 'all')).all).to.equal(12);
  });

  it('gives the company status: escalated, open, closed, all', async () => {
    const status = await source().getCompanyStatus('ACME');
    expect(status).to.include({ escalated: 1, open: 9, closed: 3, all: 12 });
    expect(status.byCategory).to.deep.equal({
      new: 2, open: 3, 'pending-reminder': 3, 'pending-auto': 1, closed: 2, merged: 1,
    });
  });

  it('counts open and closed of many users and customers in one call', async () => {
    const ds = source();
    expect(await ds.countTicketsByUser(['anna', 'bob', 'nobody'])).to.deep.equal({
      anna: { open: 8, closed: 2 }, bob: { open: 1, closed: 1 }, nobody: { open: 0, closed: 0 },
    });
    expect(await ds.countTicketsByCustomer(['Star*Corp', 'GHOST-1'])).to.deep.equal({
      'Star*Corp': { open: 1, closed: 0 }, 'GHOST-1': { open: 1, closed: 0 },
    });
  });

  it('restricts to the exact customer id: Star*Corp never matches StarXCorp', async () => {
    const ds = source();
    expect((await ds.countTickets({ customerId: 'Star*Corp' }, 'all')).all).to.equal(1);
    const page = await ds.listTickets({ customerId: 'Star*Corp' }, {
      view: 'all', filter: 'all', sort: { field: 'age', direction: 'asc' }, page: { size: 10 },
    });
    expect(page.items.map((t) => t.customerId)).to.deep.equal(['Star*Corp']);
    expect((await ds.countTickets({ customerId: '%' }, 'all')).all).to.equal(0);
  });

  it('counts another vocabulary once its mapping is configured (Ops I)', async () => {
    const states = ['awaiting_approval', 'planning', 'in_progress', 'pending', 'completed', 'cancelled', 'declined'];
    const data = { ...smallHelpdesk(), tickets: states.map((state) => ticket({ state })) };
    const unmapped = new InMemoryDataSource(data, { now: NOW });
    expect((await unmapped.getCompanyStatus('ACME')).closed).to.equal(0);
    const mapped = new InMemoryDataSource(data, { now: NOW, stateMapping: OPS_I_STATE_MAPPING });
    const status = await mapped.getCompanyStatus('ACME');
    expect(status).to.include({ open: 5, closed: 2, all: 7 });
    expect(status.byCategory).to.deep.equal({ open: 4, 'pending-reminder': 1, closed: 2 });
  });
});

describe('InMemoryDataSource: ticket lists', () => {
  const list = (view: TicketView, filter: TicketFilter = 'all', sort: TicketSort = { field: 'age', direction: 'desc' }) =>
    source().listTickets({ customerId: 'ACME' }, { view, filter, sort, page: { size: 50 } });

  it('lists each view as documented (reminder reached, escalated, new, open, closed, all)', async () => {
    expect(numbers((await list('reminder')).items)).to.deep.equal([6, 7]);
    expect(numbers((await list('escalated')).items)).to.deep.equal([3]);
    expect(numbers((await list('new')).items)).to.deep.equal([1, 2]);
    expect(numbers((await list('open')).items)).to.deep.equal([3, 4, 5]);
    expect(numbers((await list('closed')).items)).to.deep.equal([10, 11, 12]);
    expect((await list('all')).items).to.have.length(12);
  });

  it('applies my locked and my queues of the current agent', async () => {
    expect(numbers((await list('open', 'my-locked')).items)).to.deep.equal([4]);
    expect(numbers((await list('new', 'my-queues')).items)).to.deep.equal([1]);
  });

  it('counts a temporary lock of mine as locked', async () => {
    const data = smallHelpdesk();
    data.tickets = data.tickets.map((t) => (t.id === '5' ? { ...t, ownerId: 'me', lock: 'tmp_lock' } : t));
    const ds = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'me' });
    const locked = await ds.listTickets({ customerId: 'ACME' }, { view: 'open', filter: 'my-locked', sort: { field: 'age', direction: 'desc' }, page: { size: 50 } });
    expect(numbers(locked.items)).to.deep.equal([4, 5]);
  });

  it('moves with the injected clock', async () => {
    const later = new InMemoryDataSource(smallHelpdesk(), { now: new Date(at(+6)) });
    expect((await later.countTickets({ customerId: 'ACME' }, 'reminder')).all).to.equal(3);
    expect((await later.countTickets({ customerId: 'ACME' }, 'escalated')).all).to.equal(2);
  });

  it('sorts by a field both ways, missing values last', async () => {
    const asc = await list('all', 'all', { field: 'pendingUntil', direction: 'asc' });
    expect(order(asc.items).slice(0, 4)).to.deep.equal([7, 6, 9, 8]);
    expect(asc.items[4].pendingUntil).to.equal(undefined);
    const desc = await list('all', 'all', { field: 'pendingUntil', direction: 'desc' });
    expect(order(desc.items).slice(0, 4)).to.deep.equal([8, 9, 6, 7]);
    expect(desc.items[4].pendingUntil).to.equal(undefined);
    const oldestFirst = await list('all', 'all', { field: 'age', direction: 'desc' });
    expect(order(oldestFirst.items).slice(0, 3)).to.deep.equal([12, 11, 10]);
  });

  it('limits a customer user to their tickets, or to all of their customers', async () => {
    const ds = source();
    const sort: TicketSort = { field: 'age', direction: 'asc' };
    const page = { size: 50 };
    const assigned = await ds.listTickets({ customerUserLogin: 'bob' }, { view: 'all', filter: 'all', sort, page });
    expect(numbers(assigned.items)).to.deep.equal([5, 11]);
    const accessible = await ds.listTickets(
      { customerUserLogin: 'bob', access: 'accessible' }, { view: 'all', filter: 'all', sort, page });
    expect(accessible.items).to.have.length(13);
  });

  it('pages with cursors: every ticket once, in order, forwards and back', async () => {
    const ds = source();
    const options = { view: 'all' as const, filter: 'all' as const, sort: { field: 'title' as const, direction: 'asc' as const } };
    const seen: string[] = [];
    const cursors: (string | undefined)[] = [undefined];
    let cursor: string | undefined;
    do {
      const page = await ds.listTickets({ customerId: 'ACME' }, { ...options, page: { size: 5, cursor } });
      expect(page.total).to.deep.equal({ value: 12, exact: true });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor);
    const whole = await ds.listTickets({ customerId: 'ACME' }, { ...options, page: { size: 50 } });
    expect(seen).to.deep.equal(whole.items.map((t) => t.id));
    // Back from the last page to the first: the same pages, each in order, then no previous page.
    const last = await ds.listTickets({ customerId: 'ACME' }, { ...options, page: { size: 5, cursor: cursors.at(-2) } });
    expect(last.items.map((t) => t.id)).to.deep.equal(seen.slice(10));
    const pagesBack: string[][] = [];
    let previous = last.previousCursor;
    while (previous) {
      const page = await ds.listTickets({ customerId: 'ACME' }, { ...options, page: { size: 5, cursor: previous } });
      pagesBack.push(page.items.map((t) => t.id));
      previous = page.previousCursor;
    }
    expect(pagesBack).to.deep.equal([seen.slice(5, 10), seen.slice(0, 5)]);
  });

  it('rejects a corrupt cursor with a validation error', async () => {
    const error = await source()
      .listCustomerUsers('ACME', { page: { size: 5, cursor: '%%%' } })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ValidationError);
  });
});

describe('InMemoryDataSource: customer users', () => {
  it('lists a customer’s users sorted by name, paged and filtered', async () => {
    const ds = source();
    const page = await ds.listCustomerUsers('ACME', { page: { size: 1 } });
    expect(page.items.map((u) => u.login)).to.deep.equal(['anna']);
    const next = await ds.listCustomerUsers('ACME', { page: { size: 1, cursor: page.nextCursor } });
    expect(next.items.map((u) => u.login)).to.deep.equal(['bob']);
    expect(next.nextCursor).to.equal(undefined);
    const filtered = await ds.listCustomerUsers('ACME', { page: { size: 10 }, filter: 'bak' });
    expect(filtered.items.map((u) => u.login)).to.deep.equal(['bob']);
  });

  it('creates and updates with validation and conflict errors', async () => {
    const ds = source();
    const base = { customerId: 'ACME', firstName: 'C', lastName: 'D' };
    const invalid = await ds.createCustomerUser!({ ...base, login: '', email: 'nope' }).catch((e: unknown) => e);
    expect(invalid).to.be.instanceOf(ValidationError);
    expect((invalid as ValidationError).fieldErrors).to.deep.equal({ login: 'required', email: 'email' });
    const duplicate = await ds.createCustomerUser!({ ...base, login: 'anna', email: 'a@b.co' }).catch((e: unknown) => e);
    expect(duplicate).to.be.instanceOf(ConflictError);
    expect((duplicate as ConflictError).field).to.equal('login');
    const carla = { login: 'carla', customerId: 'ACME', firstName: 'Carla', lastName: 'Cole', email: 'c@acme.example' };
    await ds.createCustomerUser!(carla);
    const page = await ds.listCustomerUsers('ACME', { page: { size: 10 } });
    expect(page.items.map((u) => u.login)).to.deep.equal(['anna', 'bob', 'carla']);
    await ds.updateCustomerUser!('carla', { ...carla, lastName: 'Aaron' });
    const after = await ds.listCustomerUsers('ACME', { page: { size: 10 } });
    expect(after.items.map((u) => u.login)).to.deep.equal(['carla', 'anna', 'bob']);
  });

  it('offers no writes when made read-only', () => {
    const ds = new InMemoryDataSource(smallHelpdesk(), { writable: false });
    expect(ds.capabilities.writeCustomerUsers).to.equal(false);
    expect(ds.createCustomerUser).to.equal(undefined);
  });
});

describe('InMemoryDataSource: abort and preferences', () => {
  it('rejects an aborted call with an AbortError', async () => {
    const ds = new InMemoryDataSource(smallHelpdesk(), { latencyMs: 200 });
    const controller = new AbortController();
    const call = ds.searchCustomers('acme', { limit: 20, signal: controller.signal });
    controller.abort();
    const error = await call.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('keeps preferences when asked to', async () => {
    const ds = new InMemoryDataSource(smallHelpdesk(), { preferences: true });
    await ds.preferences!.set('layout', { a: [1] });
    expect(await ds.preferences!.get('layout')).to.deep.equal({ a: [1] });
    expect(await ds.preferences!.get('other')).to.equal(undefined);
  });
});

describe('InMemoryDataSource: cursors', () => {
  /** ACME with 30 users, Member01 … Member30. */
  function manyUsers() {
    const data = smallHelpdesk();
    data.customerUsers = Array.from({ length: 30 }, (_, i) => ({
      login: `m${i + 1}`, customerId: 'ACME', firstName: 'M', lastName: `Member${String(i + 1).padStart(2, '0')}`, email: `m${i + 1}@acme.example`,
    }));
    return new InMemoryDataSource(data, { now: NOW, currentAgentId: 'me' });
  }

  it('continues after the right item when the list changed in between', async () => {
    const ds = manyUsers();
    const first = await ds.listCustomerUsers('ACME', { page: { size: 10 } });
    expect(first.items.at(-1)!.lastName).to.equal('Member10');
    // Someone adds a user who sorts first: every position moves by one.
    await ds.createCustomerUser!({ login: 'a0', customerId: 'ACME', firstName: 'A', lastName: 'Member00', email: 'a0@acme.example' });
    const second = await ds.listCustomerUsers('ACME', { page: { size: 10, cursor: first.nextCursor } });
    expect(second.items[0].lastName).to.equal('Member11');
    const back = await ds.listCustomerUsers('ACME', { page: { size: 10, cursor: second.previousCursor } });
    expect(back.items.map((u) => u.lastName).at(-1)).to.equal('Member10');
  });

  it('offers the previous page from a page that starts at the second item', async () => {
    const ds = manyUsers();
    const first = await ds.listCustomerUsers('ACME', { page: { size: 10 } });
    // A user who sorts first: going back from Member11 now lands on a page that starts at index 1.
    await ds.createCustomerUser!({ login: 'a0', customerId: 'ACME', firstName: 'A', lastName: 'Member00', email: 'a0@acme.example' });
    const second = await ds.listCustomerUsers('ACME', { page: { size: 10, cursor: first.nextCursor } });
    const back = await ds.listCustomerUsers('ACME', { page: { size: 10, cursor: second.previousCursor } });
    expect(back.items[0].lastName).to.equal('Member01');
    expect(back.previousCursor, 'Member00 is still before it').to.be.a('string');
    const start = await ds.listCustomerUsers('ACME', { page: { size: 10, cursor: back.previousCursor } });
    expect(start.items[0].lastName).to.equal('Member00');
    expect(start.previousCursor).to.equal(undefined);
  });

  it('offers no next page after a last page that is full', async () => {
    const ds = manyUsers();
    const first = await ds.listCustomerUsers('ACME', { page: { size: 15 } });
    const last = await ds.listCustomerUsers('ACME', { page: { size: 15, cursor: first.nextCursor } });
    expect(last.items.map((u) => u.lastName).at(-1)).to.equal('Member30');
    expect(last.nextCursor).to.equal(undefined);
  });

  it('pages forwards and back through a long list, each item once', async () => {
    const ds = manyUsers();
    const seen: string[] = [];
    let page = await ds.listCustomerUsers('ACME', { page: { size: 7 } });
    seen.push(...page.items.map((u) => u.login));
    while (page.nextCursor) {
      page = await ds.listCustomerUsers('ACME', { page: { size: 7, cursor: page.nextCursor } });
      seen.push(...page.items.map((u) => u.login));
    }
    expect(seen).to.have.length(30);
    expect(new Set(seen).size).to.equal(30);
    const previous = await ds.listCustomerUsers('ACME', { page: { size: 7, cursor: page.previousCursor } });
    expect(previous.items.map((u) => u.lastName)).to.deep.equal(['Member22', 'Member23', 'Member24', 'Member25', 'Member26', 'Member27', 'Member28']);
  });
});

describe('InMemoryDataSource: searching many users', () => {
  /** 1,000 users; every 7th is called Seven. */
  function crowd() {
    const data = smallHelpdesk();
    data.customerUsers = Array.from({ length: 1000 }, (_, i) => ({
      login: `user${i}`, customerId: 'ACME', firstName: i % 7 === 0 ? 'Seven' : 'Other', lastName: `Number${i}`, email: `u${i}@acme.example`,
    }));
    return new InMemoryDataSource(data, { now: NOW });
  }

  it('finds a plain term in every field, in the order of the users, one result per user, at most the limit', async () => {
    const ds = crowd();
    const sevens = await ds.searchCustomerUsers('seven', { limit: 20 });
    expect(sevens.items.map((u) => u.login)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `user${i * 7}`));
    expect(sevens.hasMore).to.equal(true);
    // "user1" is in the logins user1, user10–19 and user100–199: each user once.
    const ones = await ds.searchCustomerUsers('user1', { limit: 1000 });
    expect(new Set(ones.items.map((u) => u.login)).size).to.equal(ones.items.length);
    expect(ones.items.length).to.equal(1 + 10 + 100);
    expect(ones.hasMore).to.equal(false);
    // "acme" is in two fields of every user (customer id and email): still each user once.
    const all = await ds.searchCustomerUsers('ACME', { limit: 1000 });
    expect(new Set(all.items.map((u) => u.login)).size).to.equal(1000);
    expect(all.hasMore).to.equal(false);
    expect((await ds.searchCustomerUsers('nobody-here', { limit: 5 })).items).to.deep.equal([]);
  });

  it('sees a user added or changed since the last search', async () => {
    const ds = crowd();
    expect((await ds.searchCustomerUsers('zelda', { limit: 5 })).items).to.deep.equal([]);
    await ds.createCustomerUser!({ login: 'zelda', customerId: 'ACME', firstName: 'Zelda', lastName: 'Z', email: 'z@acme.example' });
    expect((await ds.searchCustomerUsers('zelda', { limit: 5 })).items.map((u) => u.login)).to.deep.equal(['zelda']);
    await ds.updateCustomerUser!('zelda', { login: 'zelda', customerId: 'ACME', firstName: 'Link', lastName: 'Z', email: 'z@acme.example' });
    expect((await ds.searchCustomerUsers('zelda', { limit: 5 })).items.map((u) => u.firstName)).to.deep.equal(['Link']);
    expect((await ds.searchCustomerUsers('link', { limit: 5 })).items.map((u) => u.login)).to.deep.equal(['zelda']);
  });
});

describe('InMemoryDataSource: ticket statistics', () => {
  it('answers at most 36 months, however many are asked for', async () => {
    const stats = await source().getTicketStatistics({ customerId: 'ACME' }, { months: 1000 });
    expect(stats.monthly).to.have.length(36);
    expect(stats.monthly.at(-1)).to.include({ year: 2026, month: 3 });
  });

  it('counts a closed ticket without a closing time in the month of its last change, and puts the busiest queue first', async () => {
    const data = smallHelpdesk();
    data.tickets = [
      ticket({ queueId: 'q1', createdAt: '2026-01-10T00:00:00Z', state: 'closed successful', changedAt: '2026-02-03T00:00:00Z' }),
      ticket({ queueId: 'q2', createdAt: '2026-01-11T00:00:00Z', state: 'open' }),
      ticket({ queueId: 'q2', createdAt: '2026-01-12T00:00:00Z', state: 'open' }),
    ];
    const stats = await new InMemoryDataSource(data, { now: NOW }).getTicketStatistics({ customerId: 'ACME' }, { months: 3 });
    expect(stats.monthly.map((m) => m.closed)).to.deep.equal([0, 1, 0]);
    expect(stats.byQueue.map((q) => [q.queueId, q.open, q.closed])).to.deep.equal([['q2', 2, 0], ['q1', 0, 1]]);
  });
});

describe('InMemoryDataSource: live changes', () => {
  /** Subscribes for `scope`; the batches heard, and the signal's controller. */
  function listen(data: InMemoryDataSource, scope: { customerId: string } | { customerUserLogin: string }) {
    const batches: DataChange[][] = [];
    const statuses: string[] = [];
    const abort = new AbortController();
    data.subscribe(scope, (changes) => batches.push([...changes]), { signal: abort.signal, onStatus: (status) => statuses.push(status) });
    return { batches, statuses, abort };
  }
  const nextTask = () => new Promise((resolve) => setTimeout(resolve));

  it('tells an added ticket to its customer and customer user, in one batch after the current task', async () => {
    const data = source();
    expect(data.capabilities.liveUpdates).to.equal(true);
    const acme = listen(data, { customerId: 'ACME' });
    const anna = listen(data, { customerUserLogin: 'anna' });
    const other = listen(data, { customerId: 'StarXCorp' });
    expect(acme.statuses).to.deep.equal(['live']);
    const before = (await data.countTickets({ customerId: 'ACME' }, 'open')).all;
    const added = ticket({ state: 'open' });
    data.putTicket(added);
    data.putTicket(ticket({ state: 'new' }));
    expect(acme.batches, 'not while the writer runs').to.deep.equal([]);
    await nextTask();
    expect(acme.batches).to.have.length(1);
    expect(acme.batches[0].map((change) => [change.kind, change.action, change.customerId])).to.deep.equal([
      ['ticket', 'created', 'ACME'], ['ticket', 'created', 'ACME'],
    ]);
    expect(anna.batches).to.have.length(1);
    expect(other.batches).to.deep.equal([]);
    expect((await data.countTickets({ customerId: 'ACME' }, 'open')).all).to.equal(before + 1);
    const listed = await data.listTickets({ customerUserLogin: 'anna', access: 'assigned' }, { view: 'open', filter: 'all', sort: { field: 'age', direction: 'desc' }, page: { size: 50 } });
    expect(listed.items.map((t) => t.id)).to.include(added.id);
  });

  it('moves a changed ticket between customers and tells both; nothing after abort', async () => {
    const data = source();
    const moved = (await data.listTickets({ customerId: 'ACME' }, { view: 'open', filter: 'all', sort: { field: 'age', direction: 'desc' }, page: { size: 1 } })).items[0];
    const acme = listen(data, { customerId: 'ACME' });
    const star = listen(data, { customerId: 'Star*Corp' });
    const acmeOpen = (await data.countTickets({ customerId: 'ACME' }, 'open')).all;
    const starOpen = (await data.countTickets({ customerId: 'Star*Corp' }, 'open')).all;
    data.putTicket({ ...moved, customerId: 'Star*Corp', customerUserLogin: undefined });
    await nextTask();
    expect(acme.batches.flat().map((change) => [change.action, change.id])).to.deep.equal([['updated', moved.id]]);
    expect(star.batches.flat().map((change) => [change.action, change.id])).to.deep.equal([['updated', moved.id]]);
    expect((await data.countTickets({ customerId: 'ACME' }, 'open')).all).to.equal(acmeOpen - 1);
    expect((await data.countTickets({ customerId: 'Star*Corp' }, 'open')).all).to.equal(starOpen + 1);
    acme.abort.abort();
    data.putTicket(ticket({}));
    await nextTask();
    expect(acme.batches).to.have.length(1);
  });

  it('tells its writes: customer users, notes, custom fields', async () => {
    const data = new InMemoryDataSource({ ...smallHelpdesk(), customers: smallHelpdesk().customers.map((c) => (c.id === 'ACME' ? { ...c, customFields: { Tier: 'Gold' } } : c)) }, { now: NOW });
    const acme = listen(data, { customerId: 'ACME' });
    await data.createCustomerUser!({ login: 'carl', customerId: 'ACME', firstName: 'Carl', lastName: 'Cole', email: 'carl@acme.example' });
    await data.addCustomerNote!('ACME', { text: 'Called back' });
    const customer = (await data.getCustomer('ACME'))!;
    await data.updateCustomer!('ACME', { customFields: { Tier: 'Silver' }, version: customer.version });
    await nextTask();
    expect(acme.batches.flat().map((change) => `${change.kind} ${change.action}`)).to.deep.equal([
      'customer-user created', 'history created', 'customer updated',
    ]);
  });
});

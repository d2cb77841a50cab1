import type { DataSource } from '../data/contract/data-source.js';
import { ConflictError, isAbortError, ValidationError } from '../data/contract/errors.js';
import { DUE_VIEWS, isDueView, LOCKED_LOCKS, MIN_SEARCH_LENGTH, viewCategories } from '../data/rules/rules.js';
import { createStateClassifier, DEFAULT_STATE_MAPPING } from '../data/rules/state-mapping.js';
import { ticketSortValue } from '../data/rules/ticket-sort.js';
import {
  TICKET_VIEWS,
  type CustomerUser,
  type HelpdeskData,
  type Page,
  type Ticket,
  type TicketFilter,
  type TicketScope,
  type TicketSort,
  type TicketView,
} from '../data/contract/types.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, CONFORMANCE_SPECIAL_IDS, conformanceData } from './conformance-data.js';

/** The test functions of your runner (mocha, node:test, vitest, jest: they all have these). */
export interface ConformanceRunner {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void>) => void;
}

/** Makes the source under test, seeded with `data`, its clock at `now` and `agentId` as the current agent. */
export type CreateSource = (setup: { data: HelpdeskData; now: Date; agentId: string }) => DataSource | Promise<DataSource>;

class ConformanceError extends Error {
  override name = 'ConformanceError';
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceError(message);
}

function same(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ConformanceError(`${message}\n  expected ${e}\n  actual   ${a}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

const classifier = createStateClassifier(DEFAULT_STATE_MAPPING);
/**
 * Whether a ticket belongs to a view at `now`: the contract's rules, applied to each ticket of
 * the data on its own (no index, no query), so that a source's listing is checked against them.
 */
export function inView(ticket: Ticket, view: TicketView, now = CONFORMANCE_NOW.getTime()): boolean {
  if (!viewCategories(view, classifier.isViewable).includes(classifier.categoryOf(ticket.state))) return false;
  if (!isDueView(view)) return true;
  const due = ticket[DUE_VIEWS[view].field];
  return typeof due === 'string' && Date.parse(due) <= now;
}

/** Whether a ticket passes a filter for an agent: the contract's definitions. */
export function inFilter(ticket: Ticket, filter: TicketFilter, agent: { id: string; queueIds: string[] }): boolean {
  if (filter === 'my-locked') return ticket.ownerId === agent.id && LOCKED_LOCKS.includes(ticket.lock ?? '');
  if (filter === 'my-queues') return ticket.queueId !== undefined && agent.queueIds.includes(ticket.queueId);
  return true;
}

/** Checks that `items` follow `sort` (ties in any order), by the names the source answered. */
function checkOrder(items: Ticket[], sort: TicketSort, what: string): void {
  const queues = new Map(items.map((t) => [t.queueId, t.queueName]));
  const owners = new Map(items.map((t) => [t.ownerId, t.ownerName]));
  const context = { queueName: (id: string) => queues.get(id) ?? id, agentName: (id: string) => owners.get(id) ?? id, stateName: (s: string) => s };
  const key = (ticket: Ticket) => ticketSortValue(ticket, sort.field, context);
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [key(items[i - 1]), key(items[i])];
    if (a === undefined) check(b === undefined, `${what}: a ticket without ${sort.field} comes before one with it (missing values go last)`);
    if (a === undefined || b === undefined || a === b) continue;
    check(sort.direction === 'asc' ? a < b : a > b, `${what}: ${items[i - 1].id} (${a}) and ${items[i].id} (${b}) are out of ${sort.direction} order`);
  }
}

/** Every page forwards, then back from the last page; both must give the same items. */
async function pageThrough<T>(what: string, size: number, load: (cursor?: string) => Promise<Page<T>>, idOf: (item: T) => string) {
  const pages: T[][] = [];
  const cursors: (string | undefined)[] = [];
  let cursor: string | undefined;
  let total: Page<T>['total'];
  do {
    check(pages.length < 1000, `${what}: paging does not end`);
    const page = await load(cursor);
    cursors.push(cursor);
    check(Array.isArray(page.items), `${what}: items is not an array`);
    check(page.items.length <= size, `${what}: a page of ${page.items.length} items for a page size of ${size}`);
    check(page.nextCursor === undefined || page.nextCursor !== cursor, `${what}: the next cursor repeats the one asked for`);
    pages.push(page.items);
    total = page.total ?? total;
    cursor = page.nextCursor;
  } while (cursor);
  check(pages.slice(0, -1).every((p) => p.length === size), `${what}: a page before the last is not full`);
  const items = pages.flat();
  const ids = items.map(idOf);
  same(new Set(ids).size, ids.length, `${what}: an item is visited twice`);
  if (total?.exact) same(total.value, items.length, `${what}: the exact total differs from the items visited`);
  if (pages.length > 1) {
    const back: string[][] = [];
    let previous = (await load(cursors.at(-1))).previousCursor;
    while (previous) {
      check(back.length < 1000, `${what}: paging back does not end`);
      const page = await load(previous);
      back.unshift(page.items.map(idOf));
      previous = page.previousCursor;
    }
    same(back, pages.slice(0, -1).map((p) => p.map(idOf)), `${what}: paging back gives other pages`);
  }
  return items;
}

/**
 * Runs the data-source contract against your adapter: paging, counts, views, filters,
 * sorting, search, aborts, unknown ids and writes — with the conformance data (see
 * `conformanceData()`), which `createSource` must load into your backend with the default
 * OTRS/Znuny state mapping. Works with any runner that has `describe` and `it`.
 *
 * ```ts
 * import { describe, it } from 'node:test';
 * import { runDataSourceConformance } from 'customer-information-center/testing';
 * runDataSourceConformance('my backend', ({ data, now, agentId }) => seedAndConnect(data, now, agentId), { describe, it });
 * ```
 */
export function runDataSourceConformance(name: string, createSource: CreateSource, { describe, it }: ConformanceRunner): void {
  const data = conformanceData();
  const agent = data.agents!.find((a) => a.id === CONFORMANCE_AGENT_ID)!;
  const source = () => createSource({ data: conformanceData(), now: CONFORMANCE_NOW, agentId: CONFORMANCE_AGENT_ID });
  const ticketsOf = (scope: TicketScope) =>
    data.tickets.filter((t) =>
      'customerId' in scope ? t.customerId === scope.customerId : t.customerUserLogin === scope.customerUserLogin,
    );

  describe(`data-source conformance: ${name}`, () => {
    it('declares its capabilities and knows the current agent', async () => {
      const ds = await source();
      check(Array.isArray(ds.capabilities?.ticketFilters) && ds.capabilities.ticketFilters.includes('all'), 'capabilities.ticketFilters must include "all"');
      check(Array.isArray(ds.capabilities.ticketSorts), 'capabilities.ticketSorts must be an array');
      same((await ds.getCurrentAgent())?.id, CONFORMANCE_AGENT_ID, 'the current agent');
    });

    it('pages tickets through cursors: each once, in order, forwards and back, for every sort', async () => {
      const ds = await source();
      const expected = ticketsOf({ customerId: 'BIG' }).map((t) => t.id).sort();
      for (const field of ds.capabilities.ticketSorts) {
        for (const direction of ['asc', 'desc'] as const) {
          const sort = { field, direction };
          const what = `BIG, all tickets by ${field} ${direction}`;
          const items = await pageThrough(what, 7, (cursor) =>
            ds.listTickets({ customerId: 'BIG' }, { view: 'all', filter: 'all', sort, page: { size: 7, cursor } }), (t) => t.id);
          same(items.map((t) => t.id).sort(), expected, `${what}: the tickets listed`);
          checkOrder(items, sort, what);
        }
      }
    });

    it('lists each view and filter as defined, and every filter-tab count equals its list', async () => {
      const ds = await source();
      for (const scope of [{ customerId: 'BIG' }, { customerUserLogin: 'big.user01' }] as TicketScope[]) {
        for (const view of TICKET_VIEWS) {
          const counts = await ds.countTickets(scope, view);
          for (const filter of ds.capabilities.ticketFilters) {
            const what = `${JSON.stringify(scope)} ${view}/${filter}`;
            const listed = await pageThrough(what, 10, (cursor) =>
              ds.listTickets(scope, { view, filter, sort: { field: 'age', direction: 'desc' }, page: { size: 10, cursor } }), (t) => t.id);
            const expected = ticketsOf(scope).filter((t) => inView(t, view) && inFilter(t, filter, agent)).map((t) => t.id).sort();
            same(listed.map((t) => t.id).sort(), expected, `${what}: the tickets listed`);
            same(counts[filter], expected.length, `${what}: the tab count`);
          }
        }
      }
    });

    it('answers the counts of a page with the page when asked (withCounts, withTicketCounts)', async () => {
      const ds = await source();
      const page = await ds.listTickets({ customerId: 'BIG' }, { view: 'open', filter: 'all', sort: { field: 'age', direction: 'desc' }, page: { size: 5 }, withCounts: true });
      if (page.counts) same(page.counts, await ds.countTickets({ customerId: 'BIG' }, 'open'), 'counts sent with the page');
      const users = await ds.listCustomerUsers('BIG', { page: { size: 5 }, withTicketCounts: true });
      if (users.ticketCounts) same(users.ticketCounts, await ds.countTicketsByUser(users.items.map((u) => u.login)), 'ticket counts sent with the page');
    });

    it('sums company status categories to all; open and closed too', async () => {
      const ds = await source();
      for (const customerId of ['BIG', 'SMALL', 'GHOST', ...CONFORMANCE_SPECIAL_IDS]) {
        const status = await ds.getCompanyStatus(customerId);
        const all = ticketsOf({ customerId });
        const byCategory = Object.values(status.byCategory).reduce<number>((sum, n) => sum + (n ?? 0), 0);
        same(status.all, all.length, `${customerId}: all`);
        same(byCategory, status.all, `${customerId}: categories sum to all`);
        same(status.open + status.closed, status.all, `${customerId}: open + closed`);
        same(status.escalated, all.filter((t) => inView(t, 'escalated')).length, `${customerId}: escalated`);
      }
    });

    it('answers ticket statistics that add up to the counts (when it offers them)', async () => {
      const ds = await source();
      if (!ds.getTicketStatistics) return;
      for (const customerId of ['BIG', 'SMALL', 'no such customer']) {
        const statistics = await ds.getTicketStatistics({ customerId }, { months: 6 });
        const status = await ds.getCompanyStatus(customerId);
        const sum = (key: 'open' | 'closed') => statistics.byQueue.reduce((n, q) => n + q[key], 0);
        same([sum('open'), sum('closed')], [status.open, status.closed], `${customerId}: queues sum to open and closed`);
        same(statistics.monthly.length, 6, `${customerId}: six months`);
        const keys = statistics.monthly.map((m) => m.year * 12 + m.month);
        check(keys.every((k, i) => i === 0 || k === keys[i - 1] + 1), `${customerId}: consecutive months, oldest first`);
        const created = ticketsOf({ customerId }).filter((t) => Date.parse(t.createdAt) >= Date.UTC(statistics.monthly[0].year, statistics.monthly[0].month - 1, 1));
        same(statistics.monthly.reduce((n, m) => n + m.created, 0), created.length, `${customerId}: created in the months`);
      }
    });

    it('answers a health score from 0 to 100 with its factors (when it offers one)', async () => {
      const ds = await source();
      if (!ds.getCustomerHealth) return;
      const big = await ds.getCustomerHealth('BIG');
      const small = await ds.getCustomerHealth('SMALL');
      for (const health of [big, small]) {
        check(health.score >= 0 && health.score <= 100, `a score from 0 to 100, got ${health.score}`);
        check(health.factors.length > 0 && health.factors.every((f) => Number.isFinite(f.value) && f.weight >= 0), 'factors with values and weights');
      }
      check(big.higherIsBetter || big.score > small.score, 'the customer with the most tickets is the more distressed');
    });

    it('pages a customer\'s history newest first, with its ticket events when asked (when it offers one)', async () => {
      const ds = await source();
      if (!ds.listCustomerHistory) return;
      const own = await pageThrough('BIG history', 3, (cursor) => ds.listCustomerHistory!('BIG', { page: { size: 3, cursor } }), (e) => e.id);
      same(own.map((e) => e.text.split(':')[0]), ['Note 7', 'Note 6', 'Note 5', 'Note 4', 'Note 3', 'Note 2', 'Note 1'], 'newest first');
      const mixed = await pageThrough('BIG history with tickets', 10, (cursor) =>
        ds.listCustomerHistory!('BIG', { page: { size: 10, cursor }, includeTickets: true }), (e) => e.id);
      const created = mixed.filter((e) => e.kind === 'ticket-created');
      same(created.length, ticketsOf({ customerId: 'BIG' }).length, 'one "created" event per ticket');
      const times = mixed.map((e) => Date.parse(e.at));
      check(times.every((t, i) => i === 0 || times[i - 1] >= t), 'tickets mixed in by time, newest first');
      same((await ds.listCustomerHistory('SMALL', { page: { size: 5 } })).items, [], 'a customer without history');
    });

    it('adds notes and changes custom fields, refusing bad input and stale versions (when it can)', async () => {
      const ds = await source();
      if (ds.addCustomerNote) {
        check((await rejection(ds.addCustomerNote('BIG', { text: '  ' }))) instanceof ValidationError, 'an empty note is a ValidationError');
        const note = await ds.addCustomerNote('BIG', { text: 'Quarterly review booked' });
        same([note.kind, note.text, note.customerId], ['note', 'Quarterly review booked', 'BIG'], 'the note as stored');
        if (ds.listCustomerHistory) same((await ds.listCustomerHistory('BIG', { page: { size: 1 } })).items[0]?.id, note.id, 'the new note comes first');
      }
      if (ds.updateCustomer) {
        const before = await ds.getCustomer('BIG');
        same(before?.customFields, { Tier: 'Gold' }, 'the custom fields');
        const tooLong = await rejection(ds.updateCustomer('BIG', { customFields: { Tier: 'x'.repeat(251) }, version: before?.version }));
        check(tooLong instanceof ValidationError && 'Tier' in tooLong.fieldErrors, 'a value too long is a ValidationError on its label');
        const changed = await ds.updateCustomer('BIG', { customFields: { Tier: 'Platinum' }, version: before?.version });
        same(changed.customFields, { Tier: 'Platinum' }, 'the changed fields');
        check(changed.version !== before?.version, 'a new version');
        same((await ds.getCustomer('BIG'))?.customFields, { Tier: 'Platinum' }, 'the change is kept');
        const stale = await rejection(ds.updateCustomer('BIG', { customFields: { Tier: 'Silver' }, version: before?.version }));
        check(stale instanceof ConflictError, 'a change to an older version is a ConflictError');
        const blind = await rejection(ds.updateCustomer('BIG', { customFields: { Tier: 'Silver' } }));
        check(blind instanceof ValidationError && 'version' in blind.fieldErrors, 'a change without a version is a ValidationError on "version"');
        same((await ds.getCustomer('BIG'))?.customFields, { Tier: 'Platinum' }, 'a change without a version changes nothing');
      }
    });

    it('counts per user and per customer as many tickets as are listed for them', async () => {
      const ds = await source();
      const logins = ['big.user01', 'big.user02', 'small.owner', 'ghost.user', 'nobody'];
      const byUser = await ds.countTicketsByUser(logins);
      for (const login of logins) {
        const mine = ticketsOf({ customerUserLogin: login });
        const closed = mine.filter((t) => inView(t, 'closed')).length;
        same(byUser[login], { open: mine.length - closed, closed }, `${login}: open/closed`);
      }
      const byCustomer = await ds.countTicketsByCustomer(['BIG', 'SMALL', 'nowhere']);
      for (const customerId of ['BIG', 'SMALL', 'nowhere']) {
        const theirs = ticketsOf({ customerId });
        const closed = theirs.filter((t) => inView(t, 'closed')).length;
        same(byCustomer[customerId], { open: theirs.length - closed, closed }, `${customerId}: open/closed`);
      }
    });

    it('pages customer users by name, each once, forwards and back, also filtered', async () => {
      const ds = await source();
      const users = await pageThrough('BIG users', 5, (cursor) => ds.listCustomerUsers('BIG', { page: { size: 5, cursor } }), (u) => u.login);
      same(users.length, 23, 'BIG has 23 users');
      const key = (u: CustomerUser) => `${u.lastName ?? ''} ${u.firstName ?? ''}`.toLowerCase();
      for (let i = 1; i < users.length; i++) check(key(users[i - 1]) <= key(users[i]), `users out of name order at ${users[i].login}`);
      const filtered = await pageThrough('BIG users "anna"', 2, (cursor) =>
        ds.listCustomerUsers('BIG', { page: { size: 2, cursor }, filter: 'anna' }), (u) => u.login);
      same(filtered.map((u) => u.firstName), filtered.map(() => 'Anna'), 'the filter matches first names');
      check(filtered.length === 5, `5 users are called Anna, got ${filtered.length}`);
    });

    it('searches as specified: minimum length, wildcards, literal special characters, ids without a record', async () => {
      const ds = await source();
      const ids = async (term: string, limit = 50) => (await ds.searchCustomers(term, { limit })).items.map((hit) => hit.id);
      check((await ids('B'.repeat(MIN_SEARCH_LENGTH - 1))).length === 0, `a term shorter than ${MIN_SEARCH_LENGTH} characters finds nothing`);
      same((await ids('big')).sort(), ['BIG'], '"big" (case-insensitive)');
      same((await ids('b*g')).sort(), ['BIG'], '"b*g" (wildcard)');
      const all = await ds.searchCustomers('**', { limit: 3 });
      check(all.items.length === 3 && all.hasMore, '"**" lists everything (3 shown, more exist)');
      same((await ids('star*corp')).sort(), ['Star*Corp', 'StarXCorp'], '"star*corp": "*" is a wildcard');
      for (const id of CONFORMANCE_SPECIAL_IDS.filter((x) => !x.includes('*'))) {
        check((await ids(id.toLowerCase())).includes(id), `"${id.toLowerCase()}" finds ${id} (special characters are literal)`);
      }
      same(await ids('1_0'), [], '"_" is not a wildcard');
      same(await ids('10%e'), [], '"%" is not a wildcard');
      same(await ids("o'brien; --"), ["O'Brien; --Ltd"], 'quotes, semicolons and dashes are literal');
      same(await ids('k\\s'), ['Back\\slash_Inc'], 'a backslash is literal');
      const ghost = (await ds.searchCustomers('ghost', { limit: 5 })).items;
      same(ghost.map((h) => [h.id, h.hasRecord]), [['GHOST', false]], 'a customer known only through users and tickets');
      same((await ds.searchCustomers('orphan-tickets', { limit: 5 })).items.map((h) => h.id), ['ORPHAN-TICKETS'], 'a customer known only through tickets');
      const users = (await ds.searchCustomerUsers('SMALL.EXAMPLE', { limit: 5 })).items.map((u) => u.login);
      same(users, ['small.owner'], 'customer users by email');
      const byCustomerId = (await ds.searchCustomerUsers('ghost', { limit: 5 })).items.map((u) => u.login);
      same(byCustomerId, ['ghost.user'], 'customer users by customer id');
      const limited = await ds.searchCustomerUsers('big.user', { limit: 20 });
      check(limited.items.length === 20 && limited.hasMore, 'at most `limit` results, hasMore when more exist');
    });

    it('answers unknown ids without error', async () => {
      const ds = await source();
      same(await ds.getCustomer('no such customer'), undefined, 'an unknown customer');
      same(await ds.getCustomerUser('no such user'), undefined, 'an unknown customer user');
      same((await ds.listCustomerUsers('no such customer', { page: { size: 10 } })).items, [], 'users of an unknown customer');
      const status = await ds.getCompanyStatus('no such customer');
      same([status.all, status.open, status.closed, status.escalated], [0, 0, 0, 0], 'status of an unknown customer');
      const customer = await ds.getCustomer('BIG');
      same([customer?.id, customer?.name], ['BIG', 'Big Customer Ltd'], 'a known customer');
      same((await ds.getCustomer('With Space'))?.id, 'With Space', 'an id with a space');
    });

    it('rejects an aborted call with an AbortError', async () => {
      const ds = await source();
      const controller = new AbortController();
      controller.abort();
      const calls = [
        () => ds.listTickets({ customerId: 'BIG' }, { view: 'all', filter: 'all', sort: { field: 'age', direction: 'desc' }, page: { size: 5 }, signal: controller.signal }),
        () => ds.searchCustomers('big', { limit: 5, signal: controller.signal }),
        () => ds.getCompanyStatus('BIG', { signal: controller.signal }),
      ];
      for (const call of calls) check(isAbortError(await rejection(call())), 'an aborted call must reject with a DOMException named AbortError');
    });

    it('validates writes and reports conflicts (when it can write)', async () => {
      const ds = await source();
      if (!ds.capabilities.writeCustomerUsers || !ds.createCustomerUser || !ds.updateCustomerUser) return;
      const invalid = await rejection(ds.createCustomerUser({ login: 'new.user', customerId: 'SMALL', firstName: 'N', lastName: 'U', email: 'not an address' }));
      check(invalid instanceof ValidationError && 'email' in invalid.fieldErrors, 'an invalid email is a ValidationError on "email"');
      const taken = await rejection(ds.createCustomerUser({ login: 'small.owner', customerId: 'SMALL', firstName: 'S', lastName: 'O', email: 'so@small.example' }));
      check(taken instanceof ConflictError && taken.field === 'login', 'a taken login is a ConflictError on "login"');
      const created = await ds.createCustomerUser({ login: 'new.user', customerId: 'SMALL', firstName: 'New', lastName: 'User', email: 'new@small.example' });
      same(created.login, 'new.user', 'the created user');
      same((await ds.getCustomerUser('new.user'))?.email, 'new@small.example', 'the created user is found');
      const updated = await ds.updateCustomerUser('new.user', { ...created, lastName: 'Renamed' });
      same(updated.lastName, 'Renamed', 'the updated user');
      const otherCase = await rejection(ds.createCustomerUser({ login: 'Small.Owner', customerId: 'SMALL', firstName: 'S', lastName: 'O', email: 'so@small.example' }));
      check(otherCase instanceof ConflictError && otherCase.field === 'login', 'a login taken in another case is a ConflictError on "login"');
      const renamed = await rejection(ds.updateCustomerUser('new.user', { ...updated, login: 'renamed.user' }));
      check(renamed instanceof ConflictError && renamed.field === 'login', 'a change of login is a ConflictError on "login"');
      same((await ds.getCustomerUser('renamed.user'))?.login, undefined, 'a refused change of login changes nothing');
      const padded = await ds.createCustomerUser({ login: ' padded.user ', customerId: ' SMALL ', firstName: 'P', lastName: 'U', email: 'pu@small.example' });
      same([padded.login, padded.customerId], ['padded.user', 'SMALL'], 'login and customer id are stored without surrounding spaces');
      const logins = (await ds.listCustomerUsers('SMALL', { page: { size: 10 } })).items.map((u) => u.login);
      check(logins.includes('new.user'), 'the new user is listed with its customer');
    });
  });
}


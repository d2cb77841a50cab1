import { DUE_VIEWS, isDueView, LOCKED_LOCKS, viewCategories, type DueView } from '../../rules/rules.js';
import type { createStateClassifier } from '../../rules/state-mapping.js';
import { firstInOrder, sortTickets, timeOf, walkOf, type ListsInOrder, type TicketSortContext } from '../../rules/ticket-sort.js';
import { CATEGORY_INDEX, DUE_VIEW_NAMES, fillWith, groupInOrder, NARROW_FILTERS, orderByKey, positionsByBucket, TicketBucket } from './ticket-index.js';
import { LruCache } from '../../rules/lru.js';
import { TicketTable, type RowQuery } from './ticket-table.js';
import { DUE_COLUMNS, isKept, keptColumns, keptRow, numberedIds, writeKept } from './kept-sorts.js';
import type { ItemList } from './cursors.js';
import { countBelow } from '../../rules/sorted.js';
import {
  STATE_CATEGORIES,
  type Agent,
  type CustomerUser,
  type OpenClosedCounts,
  type StateCategory,
  type Ticket,
  type TicketFilter,
  type TicketScope,
  type TicketSort,
  type TicketView,
} from '../../contract/types.js';

/** What the ticket files ask of the source around them. */
export interface TicketFilesContext {
  classify: ReturnType<typeof createStateClassifier>;
  /** The agent "my locked" and "my queues" mean. */
  currentAgent(): Agent | undefined;
  /** A customer user, for the customers a user's scope takes. */
  userOf(login: string): CustomerUser | undefined;
  /** Names a sort by queue, owner or state goes by. */
  sortContext: TicketSortContext;
}

const NO_TICKETS = new TicketBucket(() => () => false);

/** Sorted lists kept (least recently used dropped first): switching among many customers keeps the big one's. */
const SORT_CACHE_SIZE = 50;

/**
 * A list of at least this share of all tickets is taken from an order of all tickets (see
 * `TicketTable`) rather than sorted: a pass over a million positions costs a few milliseconds,
 * sorting 30,000 tickets about thirty.
 */
const BIG_LIST_SHARE = 1 / 32;

/**
 * A big list in a sort whose order of all tickets is not made yet shows its first this many
 * tickets picked in one pass over its own; only a page beyond them makes the order (see `TicketTable`).
 */
const FIRST_PICKED = 200;

/**
 * The tickets of the in-memory source filed by customer and by customer user, each grouped by
 * state category (see `TicketBucket`), and the planning of a list over them: what a scope
 * takes, what a view, filter and sort show, and the counts — so that no call scans all tickets.
 */
export class TicketFiles {
  private readonly context: TicketFilesContext;
  private readonly byCustomer = new Map<string, TicketBucket>();
  private readonly byUser = new Map<string, TicketBucket>();
  private readonly sortCache = new LruCache<string, Ticket[]>(SORT_CACHE_SIZE);
  private readonly bigLists = new LruCache<string, ItemList<Ticket>>(SORT_CACHE_SIZE);
  /** Every bucket's number in the table's bucket columns. */
  private readonly bucketIds = new Map<TicketBucket, number>();
  private table?: TicketTable;
  /** The state, queue and owner ids and the logins of the table's sort keys, numbered. */
  private ids = numberedIds();
  readonly isClosed = (ticket: Ticket) => !this.context.classify.isViewable(this.context.classify.categoryOf(ticket.state));

  constructor(context: TicketFilesContext) {
    this.context = context;
  }

  /** Files `tickets` again from nothing, after one was added or changed. */
  refile(tickets: readonly Ticket[], onCustomer: (customerId: string) => void): void {
    this.byCustomer.clear();
    this.byUser.clear();
    this.sortCache.clear();
    this.bigLists.clear();
    this.bucketIds.clear();
    this.file(tickets, onCustomer);
  }

  /**
   * Puts `ticket` in place of `old` (undefined: a new ticket): out of the buckets it was in, into
   * those it goes in now, and forgets the sorted lists of the customers and users either touches.
   */
  put(old: Ticket | undefined, ticket: Ticket): void {
    const touched = new Set<string | undefined>();
    const position = this.table?.positionOf(old) ?? -1;
    for (const [one, put] of [[old, false], [ticket, true]] as const) {
      if (!one) continue;
      const category = CATEGORY_INDEX.get(this.context.classify.categoryOf(one.state))!;
      const passed = NARROW_FILTERS.reduce((mask, filter, bit) => (this.filterTest(filter)(one) ? mask | (1 << bit) : mask), 0);
      const dueTimes = { reminder: NaN, escalated: NaN };
      for (const view of DUE_VIEW_NAMES) {
        if (this.categoriesOf(view).includes(STATE_CATEGORIES[category])) dueTimes[view] = dueTimeOf(one, view);
      }
      const buckets = [this.bucketIn(this.byCustomer, one.customerId), one.customerUserLogin ? this.bucketIn(this.byUser, one.customerUserLogin) : undefined];
      for (const bucket of buckets) bucket?.place(one, category, passed, dueTimes, createdKey, put, position);
      touched.add(one.customerId).add(one.customerUserLogin);
      const [customerBucket, userBucket] = buckets.map((bucket) => (bucket ? this.bucketId(bucket) : -1));
      if (put) this.table?.put(position, one, { categories: category, passed, customerBuckets: customerBucket, userBuckets: userBucket, ...keptRow(one, this.ids) });
    }
    for (const cache of [this.sortCache, this.bigLists]) {
      cache.deleteWhere((key) => {
        const [customerOrLogin, customers = []] = JSON.parse(JSON.parse(key)[0]) as [string, string[]?];
        return [customerOrLogin, ...customers].some((id) => touched.has(id));
      });
    }
  }

  /**
   * Files every ticket under its customer and its customer user in the default list order
   * (one sort of all tickets by creation, not one per customer), with what each passes, and
   * the reminder and escalated candidates in due-time order with their times as numbers; a
   * customer user's bucket is filled from the table when it is first used.
   * `onCustomer` hears every ticket's customer id.
   */
  file(tickets: readonly Ticket[], onCustomer: (customerId: string) => void): void {
    // Everything is read in the tickets' own order (in sequence: fast); then each bucket's
    // lists are filled in sorted order, allocated once at their size.
    const count = tickets.length;
    const buckets: TicketBucket[] = [];
    const idOf = (bucket: TicketBucket) => {
      const known = this.bucketIds.size;
      const id = this.bucketId(bucket);
      if (id === known) buckets.push(bucket);
      return id;
    };
    const tests = NARROW_FILTERS.map(this.filterTest);
    const customerBuckets = fillWith(new Int32Array(count), (index) => {
      onCustomer(tickets[index].customerId);
      return idOf(this.bucketIn(this.byCustomer, tickets[index].customerId));
    });
    const customerCount = buckets.length;
    const userBuckets = fillWith(new Int32Array(count), (index) => {
      const login = tickets[index].customerUserLogin;
      return login ? idOf(this.bucketIn(this.byUser, login)) : -1;
    });
    // The customers' buckets are filled now; a customer user's when it is first read (most never are).
    this.ids = numberedIds();
    const kept = keptColumns(count);
    const filing: Filing = {
      tickets,
      buckets: buckets.slice(0, customerCount),
      // The sort keys in the same pass: each ticket read once, while it is at hand.
      categories: fillWith(new Uint8Array(count), (index) => {
        writeKept(kept, index, tickets[index], this.ids);
        return CATEGORY_INDEX.get(this.context.classify.categoryOf(tickets[index].state))!;
      }),
      passed: fillWith(new Uint8Array(count), (index) => tests.reduce((mask, test, bit) => (test(tickets[index]) ? mask | (1 << bit) : mask), 0)),
      memberships: [customerBuckets],
    };
    fileByAge(filing);
    // A due view's times are the kept times of the tickets of its categories.
    const inView = (view: DueView) => new Set(this.categoriesOf(view).map((category) => CATEGORY_INDEX.get(category)!));
    const inViews = { reminder: inView('reminder'), escalated: inView('escalated') };
    for (const view of DUE_VIEW_NAMES) fileByDueTime(filing, view, kept[DUE_COLUMNS[view]], inViews[view]);
    const table = (this.table = new TicketTable(tickets, { categories: filing.categories, passed: filing.passed, customerBuckets, userBuckets, ...kept }, this.ids, this.context.sortContext));
    const { positions, starts } = positionsByBucket(userBuckets, buckets.length);
    for (let id = customerCount; id < buckets.length; id++) buckets[id].fillOnFirstUse((bucket) => fillFromTable(bucket, table, positions.subarray(starts[id], starts[id + 1]), inViews));
  }

  /** The buckets a scope takes: one customer's or user's, or those of every customer a user may access. */
  bucketsOf(scope: TicketScope): (TicketBucket | undefined)[] {
    if ('customerId' in scope) return [this.byCustomer.get(scope.customerId)];
    const user = this.context.userOf(scope.customerUserLogin);
    if (scope.access !== 'accessible' || !user) return [this.byUser.get(scope.customerUserLogin)];
    const ids = new Set([user.customerId, ...(user.secondaryCustomerIds ?? [])]);
    return [...ids].map((id) => this.byCustomer.get(id));
  }

  /** A customer's tickets of every category. */
  ofCustomer(customerId: string): Ticket[] {
    return this.candidates([this.byCustomer.get(customerId)], 'all');
  }

  /** Tickets open and closed of a customer, or of a customer user's own. */
  openClosed(owner: { customerId: string } | { login: string }): OpenClosedCounts {
    const bucket = 'customerId' in owner ? this.byCustomer.get(owner.customerId) : this.byUser.get(owner.login);
    const counts = { open: 0, closed: 0 };
    for (const [category, count] of bucket?.categoryCounts() ?? []) {
      counts[this.context.classify.isViewable(category) ? 'open' : 'closed'] += count;
    }
    return counts;
  }

  /** A customer's tickets per category (those with any), and how many are escalated at `now`. */
  categoryCounts(customerId: string, now: number): { byCategory: [StateCategory, number][]; escalated: number } {
    const bucket = this.byCustomer.get(customerId);
    return { byCategory: bucket?.categoryCounts() ?? [], escalated: bucket?.dueCount('escalated', 'all', now) ?? 0 };
  }

  /** The categories a view draws from, before its time condition. */
  categoriesOf(view: TicketView): readonly StateCategory[] {
    return viewCategories(view, this.context.classify.isViewable);
  }

  /** The tickets of a view's categories passing a filter, each category in the default order (its list is kept). */
  candidates(buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter = 'all'): Ticket[] {
    return ([] as Ticket[]).concat(...this.candidateLists(buckets, view, filter));
  }

  /** The same, a list per bucket and category (each in the default order: by creation). */
  private candidateLists(buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter): (readonly Ticket[])[] {
    const categories = this.categoriesOf(view);
    return buckets.flatMap((bucket) => (bucket ? categories.map((category) => bucket.inDefaultOrder(category, filter)) : []));
  }

  /** Sums and binary searches over what was counted when filed: nothing here grows with the customer. */
  filterCounts(scope: TicketScope, view: TicketView, now: number): Record<TicketFilter, number> {
    const buckets = this.bucketsOf(scope);
    const categories = this.categoriesOf(view);
    const count = (filter: TicketFilter) =>
      buckets.reduce((sum, bucket) => sum + (!bucket ? 0 : isDueView(view) ? bucket.dueCount(view, filter, now) : bucket.count(categories, filter)), 0);
    return { all: count('all'), 'my-locked': count('my-locked'), 'my-queues': count('my-queues') };
  }

  /**
   * The tickets a list shows, in order: the first `length` of `tickets`, so that a page is a
   * slice and nothing is copied or scanned per page. A default list of one customer (or user)
   * is kept in that order since filing; a due view by its due time is a prefix of its due
   * list (a binary search); a big list comes from an order of all tickets (`bigList`); any
   * other is sorted once and kept — for a due view, its tickets due, for as long as as many are
   * due (the due ones are a prefix of each due list, so the same number means the same tickets).
   */
  visible(scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort, now: number): { tickets: ItemList<Ticket>; length: number } {
    const buckets = this.bucketsOf(scope);
    const categories = this.categoriesOf(view);
    if (buckets.length === 1) {
      const bucket = buckets[0] ?? NO_TICKETS;
      if (isDueView(view) && sort.field === DUE_VIEWS[view].sort && sort.direction === 'asc') {
        const due = bucket.dueList(view, filter);
        return { tickets: due.tickets, length: countBelow(due.times, now, true) };
      }
      if (!isDueView(view) && categories.length === 1 && sort.field === 'age' && sort.direction === 'desc') {
        const tickets = bucket.inDefaultOrder(categories[0], filter);
        return { tickets, length: tickets.length };
      }
    }
    const length = buckets.reduce((sum, bucket) => sum + (!bucket ? 0 : isDueView(view) ? bucket.dueCount(view, filter, now) : bucket.count(categories, filter)), 0);
    const key = JSON.stringify([this.scopeKey(scope), view, filter, sort, isDueView(view) ? length : -1]);
    const own = () => this.shownUnsorted(buckets, view, filter, now);
    if (this.table && length >= this.table.size * BIG_LIST_SHARE) {
      const tickets = this.bigLists.get(key) ?? this.bigLists.set(key, this.bigList(buckets, view, filter, sort, now, length, own));
      return { tickets, length };
    }
    const sorted = this.sortCache.get(key) ?? this.sortCache.set(key, sortTickets(([] as Ticket[]).concat(...own().lists), sort, this.context.sortContext));
    return { tickets: sorted, length: sorted.length };
  }

  /** The tickets a list shows, each list in the order of a field: per category by creation, or due ones by due time. */
  private shownUnsorted(buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter, now: number): ListsInOrder {
    if (isDueView(view)) {
      const lists = buckets.map((bucket) => (bucket ? bucket.dueList(view, filter).tickets.slice(0, bucket.dueCount(view, filter, now)) : []));
      return { lists, ascendingBy: ascendingBy(view) };
    }
    return { lists: this.candidateLists(buckets, view, filter), ascendingBy: ascendingBy(view) };
  }

  /** A scope as a key, naming every customer whose tickets it takes (which a user's change can alter). */
  scopeKey(scope: TicketScope): string {
    if ('customerId' in scope) return JSON.stringify([scope.customerId]);
    const user = this.context.userOf(scope.customerUserLogin);
    const customers = scope.access === 'accessible' && user ? [user.customerId, ...(user.secondaryCustomerIds ?? [])] : [];
    return JSON.stringify([scope.customerUserLogin, customers]);
  }

  /**
   * A big list (`length` tickets) from the table's order of all tickets. Before that order is
   * made, its first tickets are picked from its own (`FIRST_PICKED`), and the order is made only
   * when a page beyond them is read.
   */
  private bigList(buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter, sort: TicketSort, now: number, length: number, own: () => ListsInOrder): ItemList<Ticket> {
    const table = this.table!;
    const query: RowQuery = {
      buckets: buckets.flatMap((bucket) => (bucket ? [this.bucketId(bucket)] : [])),
      categories: this.categoriesOf(view).reduce((mask, category) => mask | (1 << CATEGORY_INDEX.get(category)!), 0),
      filter: filter === 'all' ? 0 : 1 << NARROW_FILTERS.indexOf(filter),
      due: isDueView(view) ? { view, now } : undefined,
      limit: length,
    };
    const whole = () => table.list(sort, this.context.sortContext, query);
    // Once the order is made, a list takes its first page from it, unless its own lists or its
    // categories' lists are in the sort's order (a walk of a few hundred tickets) or the table
    // keeps the sort's keys (a pass over the customer's positions, not over every ticket).
    if (table.hasOrder(sort) && !walkOf(sort, ascendingBy(view)) && !walkOf(sort, 'created') && !isKept(sort.field)) return whole();
    let first: Ticket[] | undefined;
    let rest: ItemList<Ticket> | undefined;
    return {
      length,
      at: (index) => {
        if (index < 0 || index >= length) return undefined;
        if (index < FIRST_PICKED) return (first ??= this.firstPicked(buckets, view, filter, sort, now, own, query))[index];
        return (rest ??= whole()).at(index);
      },
    };
  }

  /**
   * A big list's first tickets: walked from its own lists where they are in the sort's order,
   * else in a sort the table keeps by one pass over its columns, else picked from its own lists.
   */
  private firstPicked(buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter, sort: TicketSort, now: number, own: () => ListsInOrder, query: RowQuery): Ticket[] {
    const { field } = sort;
    if (isKept(field) && !walkOf(sort, ascendingBy(view))) {
      const due = isDueView(view) ? this.duePositions(buckets, view, now) : undefined;
      return this.table!.firstInKeptSort({ ...sort, field }, this.context.sortContext, query, FIRST_PICKED, due);
    }
    return firstInOrder(this.pickedFrom(buckets, view, filter, sort, now, own), FIRST_PICKED, sort, this.context.sortContext);
  }

  /** The positions in the table of a due view's tickets due at `now` (a prefix of each bucket's due list), if its lists keep them. */
  private duePositions(buckets: (TicketBucket | undefined)[], view: DueView, now: number): Uint32Array[] | undefined {
    const lists = buckets.flatMap((bucket) => (bucket ? [{ positions: bucket.dueList(view, 'all').positions, count: bucket.dueCount(view, 'all', now) }] : []));
    if (!lists.every(({ positions }) => positions)) return undefined;
    return lists.map(({ positions, count }) => fillWith(new Uint32Array(count), (at) => positions![at]));
  }

  /**
   * What a big list's first page is picked from: its own lists, except that a due view sorted by
   * age or creation walks its categories' lists (by creation) from their best end, passing over
   * the tickets not due, instead of reading every ticket due (tens of thousands of objects).
   */
  private pickedFrom(buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter, sort: TicketSort, now: number, own: () => ListsInOrder): ListsInOrder {
    if (!isDueView(view) || !walkOf(sort, 'created')) return own();
    return { lists: this.candidateLists(buckets, view, filter), ascendingBy: 'created', keep: (ticket) => dueTimeOf(ticket, view) <= now };
  }

  private bucketId(bucket: TicketBucket): number {
    let id = this.bucketIds.get(bucket);
    if (id === undefined) this.bucketIds.set(bucket, (id = this.bucketIds.size));
    return id;
  }

  private bucketIn(index: Map<string, TicketBucket>, key: string): TicketBucket {
    let bucket = index.get(key);
    if (!bucket) index.set(key, (bucket = new TicketBucket(this.filterTest)));
    return bucket;
  }

  private readonly filterTest = (filter: TicketFilter): ((ticket: Ticket) => boolean) => {
    const agent = this.context.currentAgent();
    if (filter === 'all') return () => true;
    if (!agent) return () => false;
    if (filter === 'my-locked') return (ticket) => ticket.ownerId === agent.id && LOCKED_LOCKS.includes(ticket.lock ?? 'unlock');
    const queues = new Set(agent.queueIds);
    return (ticket) => ticket.queueId !== undefined && queues.has(ticket.queueId);
  };
}

/** A ticket's time in a due view (NaN: none, or unreadable): it is due once that time is reached. */
const dueTimeOf = (ticket: Ticket, view: DueView): number => timeOf(ticket[DUE_VIEWS[view].field]);

/** The field a view's lists ascend by: due lists by their due time, the others by creation. */
const ascendingBy = (view: TicketView): ListsInOrder['ascendingBy'] => (isDueView(view) ? DUE_VIEWS[view].sort : 'created');

/** What filing knows of every ticket (by its position), and the buckets they go in. */
interface Filing {
  tickets: readonly Ticket[];
  buckets: TicketBucket[];
  /** Each ticket's `CATEGORY_INDEX`. */
  categories: Uint8Array;
  /** Bit i set: the ticket passes `NARROW_FILTERS[i]`. */
  passed: Uint8Array;
  /** Each ticket's bucket id by customer, and by customer user (-1: none). */
  memberships: Int32Array[];
  /** Each ticket's position in the table (absent: its index here). */
  positions?: Uint32Array;
}

/** A ticket's key in the default order: its creation time, unreadable ones before all (their age sorts as the greatest). */
function createdKey(ticket: Ticket): number {
  const time = timeOf(ticket.createdAt);
  return Number.isNaN(time) ? -Infinity : time;
}

/** Each bucket's categories in the default order (oldest first), and how many of each pass each filter. */
function fileByAge({ tickets, buckets, categories, passed, memberships }: Filing): void {
  const categoryCount = STATE_CATEGORIES.length;
  const filters = NARROW_FILTERS.length;
  const slots = memberships.map((bucketOf) => fillWith(new Int32Array(tickets.length), (index) => (bucketOf[index] < 0 ? -1 : bucketOf[index] * categoryCount + categories[index])));
  const passing = new Uint32Array(buckets.length * categoryCount * filters);
  passed.forEach((mask, index) => {
    for (let bit = 0; bit < filters; bit++) {
      if (mask & (1 << bit)) for (const slot of slots) if (slot[index] >= 0) passing[slot[index] * filters + bit]++;
    }
  });
  const created = fillWith(new Float64Array(tickets.length), (index) => createdKey(tickets[index]));
  const lists = groupInOrder(orderByKey(tickets, created), buckets.length * categoryCount, slots, (index) => tickets[index]);
  buckets.forEach((bucket, id) => {
    const at = id * categoryCount;
    bucket.fill(lists.slice(at, at + categoryCount), passing.subarray(at * filters, (at + categoryCount) * filters));
  });
}

/** Each bucket's candidates of a due view (those with a readable due time) in due-time order, per filter. */
function fileByDueTime({ tickets, buckets, categories, passed, memberships, positions }: Filing, view: DueView, times: Float64Array, inView: ReadonlySet<number>): void {
  const members: number[] = [];
  times.forEach((time, index) => Number.isNaN(time) || !inView.has(categories[index]) || members.push(index));
  const byTime = orderByKey(members.map((index) => tickets[index]), fillWith(new Float64Array(members.length), (position) => times[members[position]]));
  const order = fillWith(new Uint32Array(byTime.length), (position) => members[byTime[position]]);
  for (const filter of ['all', ...NARROW_FILTERS] as const) {
    const bit = filter === 'all' ? 0 : 1 << NARROW_FILTERS.indexOf(filter);
    const chosen = bit ? order.filter((index) => (passed[index] & bit) !== 0) : order;
    const dueTickets = groupInOrder(chosen, buckets.length, memberships, (index) => tickets[index]);
    const dueTimes = groupInOrder(chosen, buckets.length, memberships, (index) => times[index]);
    const duePositions = bit ? [] : groupInOrder(chosen, buckets.length, memberships, (index) => (positions ? positions[index] : index));
    buckets.forEach((bucket, id) => bucket.fillDue(view, filter, { tickets: dueTickets[id], times: dueTimes[id], positions: duePositions[id] }));
  }
}

/**
 * Fills one bucket, whose tickets are at `positions` of the table, as the others were filed:
 * from the table's columns as they are when it is first used (a put fills the buckets it
 * touches first, so the columns of their tickets have not changed since filing).
 */
function fillFromTable(bucket: TicketBucket, table: TicketTable, positions: Uint32Array, inViews: Record<DueView, ReadonlySet<number>>): void {
  const { tickets, columns } = table.contents;
  const filing: Filing = {
    tickets: Array.from(positions, (position) => tickets[position]),
    buckets: [bucket],
    categories: Uint8Array.from(positions, (position) => columns.categories[position]),
    passed: Uint8Array.from(positions, (position) => columns.passed[position]),
    memberships: [new Int32Array(positions.length)],
    positions,
  };
  fileByAge(filing);
  for (const view of DUE_VIEW_NAMES) fileByDueTime(filing, view, Float64Array.from(positions, (position) => columns[DUE_COLUMNS[view]][position]), inViews[view]);
}

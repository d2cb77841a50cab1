import type {
  CallOptions,
  DataChange,
  DataSource,
  LiveScope,
  SubscribeOptions,
  ListCustomerHistoryOptions,
  TicketStatisticsOptions,
  DataSourceCapabilities,
  ListCustomerUsersOptions,
  ListTicketsOptions,
  PreferenceStore,
  SearchOptions,
} from './data-source.js';
import { abortableDelay, ConflictError, throwIfInvalid, ValidationError } from './errors.js';
import { compileSearchPattern, type SearchPattern } from './search-pattern.js';
import { DUE_VIEWS, isDueView, LOCKED_LOCKS, MIN_SEARCH_LENGTH, viewCategories, type DueView } from './rules.js';
import { createStateClassifier, DEFAULT_STATE_MAPPING, type StateMapping } from './state-mapping.js';
import { sortTickets, timeOf, type TicketSortContext } from './ticket-sort.js';
import { LiveChanges, userChange } from './live-changes.js';
import { CATEGORY_INDEX, fillWith, groupInOrder, NARROW_FILTERS, orderByKey, TicketBucket } from './ticket-index.js';
import { LruCache } from './lru.js';
import { loginChangeRefused, trimmedCustomerUser, validateCustomerUpdate, validateCustomerUser, validateNote } from './validation.js';
import { DistressIndex, inputsAt, type HealthFactorKey } from './customer-health.js';
import { closedAtOf, statisticsMonths, ticketStatistics } from './ticket-statistics.js';
import { countBelow, firstNotBefore } from './sorted.js';
import {
  STATE_CATEGORIES,
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  type Agent,
  type CompanyStatus,
  type Customer,
  type CustomerHealth,
  type CustomerHit,
  type CustomerUpdate,
  type HistoryEntry,
  type CustomerUser,
  type CustomerUserInput,
  type CustomerUserPage,
  type HelpdeskData,
  type OpenClosedCounts,
  type Page,
  type SearchResult,
  type StateCategory,
  type Ticket,
  type TicketFilter,
  type TicketPage,
  type TicketScope,
  type TicketSort,
  type TicketStatistics,
  type TicketView,
  type HealthBands,
} from './types.js';

export interface InMemoryDataSourceOptions {
  /** The agent for "my locked" / "my queues". Defaults to the first agent. */
  currentAgentId?: string;
  /** The clock for reminder and escalation views: a fixed date or a function. */
  now?: Date | (() => Date);
  stateMapping?: StateMapping;
  /** Artificial delay of every call, in milliseconds (for demos of loading states). */
  latencyMs?: number;
  /** Offer a per-agent preference store (default false: the container uses localStorage). */
  preferences?: boolean;
  /** Offer create/update of customer users (default true). */
  writable?: boolean;
  /** Weights of the distress index's five inputs (default 0.2 each). */
  healthWeights?: Partial<Record<HealthFactorKey, number>>;
  /** Where the distress index turns yellow and red (default 50 and 75). */
  healthBands?: HealthBands;
}

const NO_TICKETS = new TicketBucket(() => () => false);

/** Sorted lists kept (least recently used dropped first): switching among many customers keeps the big one's. */
const SORT_CACHE_SIZE = 50;
/** Answers worked out over all of a customer's tickets (statistics, history with tickets) kept per cache. */
const ANSWER_CACHE_SIZE = 20;

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Opaque cursors: the id of the item a page continues from, and where it stood, so that the
 * next page starts there at once (O(page)); when the list changed since, the id is looked up.
 */
interface CursorData {
  after?: string;
  before?: string;
  at?: number;
}
function encodeCursor(data: CursorData): string {
  return btoa(encodeURIComponent(JSON.stringify(data)));
}
function decodeCursor(cursor: string | undefined): CursorData {
  if (!cursor) return {};
  try {
    return JSON.parse(decodeURIComponent(atob(cursor))) as CursorData;
  } catch {
    throw new ValidationError({ cursor: 'Invalid cursor' }, 'Invalid page cursor');
  }
}

/**
 * Pages the first `length` items of a sorted list (a prefix, so that a caller never copies a
 * list to page it) by keyset cursors that name the id (and position) of the neighbouring item.
 */
function pageOf<T>(sorted: readonly T[], idOf: (item: T) => string, size: number, cursor?: string, length = sorted.length): Page<T> {
  const { after, before, at } = decodeCursor(cursor);
  const position = (id: string) => {
    if (typeof at === 'number' && at >= 0 && at < length && idOf(sorted[at]) === id) return at;
    for (let index = 0; index < length; index++) if (idOf(sorted[index]) === id) return index;
    return -1;
  };
  let start = 0;
  if (after !== undefined) start = position(after) + 1;
  else if (before !== undefined) start = Math.max(0, position(before) - size);
  const items = sorted.slice(start, Math.min(start + size, length));
  const page: Page<T> = { items, total: { value: length, exact: true } };
  const last = start + items.length - 1;
  if (start + size < length && items.length) page.nextCursor = encodeCursor({ after: idOf(items[items.length - 1]), at: last });
  if (start > 0 && items.length) page.previousCursor = encodeCursor({ before: idOf(items[0]), at: start });
  return page;
}

function userSortKey(user: CustomerUser): string {
  return `${user.lastName ?? ''}\u0000${user.firstName ?? ''}\u0000${user.login}`.toLocaleLowerCase();
}

/**
 * The embedded data source: holds everything in memory, indexed by customer and by
 * customer user, each grouped by state category, so that no call scans all tickets:
 * a call costs what the one customer (or user) holds, never the whole collection.
 * Answers it keeps (sorted lists, history, statistics) are handed out as they are, shared
 * between calls: treat them as read-only, as every element does.
 */
export class InMemoryDataSource implements DataSource {
  readonly capabilities: DataSourceCapabilities;
  readonly preferences?: PreferenceStore;

  private readonly options: InMemoryDataSourceOptions;
  private readonly classify: ReturnType<typeof createStateClassifier>;
  private readonly customers = new Map<string, Customer>();
  private readonly users = new Map<string, CustomerUser>();
  private readonly agents = new Map<string, Agent>();
  private readonly queueNames = new Map<string, string>();
  /** Every customer id known: from records, users and tickets. */
  private readonly customerIds = new Set<string>();
  private readonly usersByCustomer = new Map<string, CustomerUser[]>();
  private readonly sortedUsers = new Map<string, CustomerUser[]>();
  private readonly ticketsByCustomer = new Map<string, TicketBucket>();
  private readonly ticketsByUser = new Map<string, TicketBucket>();
  private readonly sortCache = new LruCache<string, Ticket[]>(SORT_CACHE_SIZE);
  /** A due view's sorted list narrowed to the tickets due, for as long as as many are due (see `visibleTickets`). */
  private readonly dueNarrowed = new WeakMap<Ticket[], { due: number; tickets: Ticket[] }>();
  /** Answers worked out over all of a scope's tickets, kept (tickets do not change here). */
  private readonly statistics = new LruCache<string, TicketStatistics>(ANSWER_CACHE_SIZE);
  private readonly historyWithTickets = new LruCache<string, HistoryEntry[]>(ANSWER_CACHE_SIZE);
  /**
   * Each user's searched fields in lower case, worked out once (a search tests, never
   * copies), also joined by NUL, which no term contains: a plain term is one `includes`.
   */
  private readonly userSearchKeys = new Map<CustomerUser, { fields: string[]; joined: string }>();
  /** Every user's searched fields end to end, for plain terms (see `findUsers`); unset after a change. */
  private userText?: { text: string; starts: number[]; users: CustomerUser[] };
  private readonly distress: DistressIndex;
  /** Each customer's notes and activities, newest first. */
  private readonly history = new Map<string, HistoryEntry[]>();
  private nextNote = 1;
  /** Every ticket, as filed by `indexTickets`. */
  private tickets: readonly Ticket[];
  private readonly live = new LiveChanges((login) => {
    const user = this.users.get(login);
    return user ? [user.customerId, ...(user.secondaryCustomerIds ?? [])] : [];
  });
  private readonly isClosed = (ticket: Ticket) => !this.classify.isViewable(this.classify.categoryOf(ticket.state));

  constructor(data: HelpdeskData, options: InMemoryDataSourceOptions = {}) {
    this.options = options;
    this.classify = createStateClassifier(options.stateMapping ?? DEFAULT_STATE_MAPPING);
    const writable = options.writable ?? true;
    this.capabilities = {
      ticketFilters: TICKET_FILTERS,
      ticketSorts: TICKET_SORT_FIELDS,
      writeCustomerUsers: writable,
      answersLocally: !options.latencyMs,
      liveUpdates: true,
    };
    if (!writable) {
      this.createCustomerUser = undefined;
      this.updateCustomerUser = undefined;
      this.addCustomerNote = undefined;
      this.updateCustomer = undefined;
    }
    if (options.preferences) this.preferences = new InMemoryPreferenceStore();
    this.distress = new DistressIndex(
      (at) => new Map([...this.customerIds].map((id) => [id, inputsAt(this.candidates([this.ticketsByCustomer.get(id)], 'all'), at, this.isClosed)])),
      { weights: options.healthWeights, bands: options.healthBands },
    );
    for (const agent of data.agents ?? []) this.agents.set(agent.id, agent);
    for (const queue of data.queues ?? []) this.queueNames.set(queue.id, queue.name);
    for (const customer of data.customers) {
      this.customers.set(customer.id, { ...customer, version: customer.version ?? '1' });
      this.customerIds.add(customer.id);
    }
    for (const user of data.customerUsers) this.indexUser(user);
    this.indexTickets((this.tickets = data.tickets));
    for (const entry of data.history ?? []) addTo(this.history, entry.customerId, entry);
    for (const [customerId, entries] of this.history) this.history.set(customerId, sortNewestFirst(entries));
  }

  /** The clock used for reminder and escalation views. */
  now(): Date {
    const { now } = this.options;
    return typeof now === 'function' ? now() : (now ?? new Date());
  }

  async getCurrentAgent(options?: CallOptions): Promise<Agent | undefined> {
    await this.latency(options);
    return this.currentAgent();
  }

  async searchCustomers(term: string, options: SearchOptions): Promise<SearchResult<CustomerHit>> {
    await this.latency(options);
    const pattern = searchPatternFor(term);
    if (!pattern) return { items: [], hasMore: false };
    return this.collect(this.customerIds, options.limit, (id) => {
      const record = this.customers.get(id);
      if (!pattern.test(id) && !pattern.test(record?.name)) return undefined;
      return { id, name: record?.name, hasRecord: record !== undefined };
    });
  }

  async searchCustomerUsers(term: string, options: SearchOptions): Promise<SearchResult<CustomerUser>> {
    await this.latency(options);
    const pattern = searchPatternFor(term);
    if (!pattern) return { items: [], hasMore: false };
    const literal = pattern.literal;
    if (literal !== undefined && !literal.includes('\u0000') && !literal.includes('\u0001')) return this.findUsers(literal, options.limit);
    return this.collect(this.userSearchKeys, options.limit, ([user, keys]) => (matchesUser(pattern, keys) ? user : undefined));
  }

  /**
   * A plain term over every user: one `indexOf` pass over the users' searched fields laid end
   * to end (fields apart by NUL, users by U+0001, neither in a term), so that a search that
   * finds little costs one scan of a string, not a test per user. Built when first needed
   * after a change of the users.
   */
  private findUsers(literal: string, limit: number): SearchResult<CustomerUser> {
    if (!this.userText) {
      const users: CustomerUser[] = [];
      const starts: number[] = [];
      const pieces: string[] = [];
      let at = 0;
      for (const [user, keys] of this.userSearchKeys) {
        users.push(user);
        starts.push(at);
        pieces.push(keys.joined, '\u0001');
        at += keys.joined.length + 1;
      }
      this.userText = { text: pieces.join(''), starts, users };
    }
    const { text, starts, users } = this.userText;
    const found: CustomerUser[] = [];
    for (let from = text.indexOf(literal); from >= 0 && found.length <= limit; ) {
      const index = countBelow(starts, from, true) - 1;
      found.push(users[index]);
      from = index + 1 < starts.length ? text.indexOf(literal, starts[index + 1]) : -1;
    }
    return { items: found.slice(0, limit), hasMore: found.length > limit };
  }

  async getCustomer(customerId: string, options?: CallOptions): Promise<Customer | undefined> {
    await this.latency(options);
    return this.customers.get(customerId);
  }

  async getCustomerUser(login: string, options?: CallOptions): Promise<CustomerUser | undefined> {
    await this.latency(options);
    return this.users.get(login);
  }

  async listCustomerUsers(customerId: string, options: ListCustomerUsersOptions): Promise<CustomerUserPage> {
    await this.latency(options);
    let users = this.sortedUsersOf(customerId);
    if (options.filter) {
      const pattern = compileSearchPattern(options.filter);
      users = users.filter((user) => matchesUser(pattern, this.userSearchKeys.get(user)!));
    }
    const page: CustomerUserPage = pageOf(users, (user) => user.login, options.page.size, options.page.cursor);
    if (options.withTicketCounts) page.ticketCounts = this.countsByUser(page.items.map((user) => user.login));
    return page;
  }

  async countTicketsByUser(logins: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>> {
    await this.latency(options);
    return this.countsByUser(logins);
  }

  private countsByUser(logins: readonly string[]): Record<string, OpenClosedCounts> {
    return Object.fromEntries(logins.map((login) => [login, this.openClosed(this.ticketsByUser.get(login))]));
  }

  async countTicketsByCustomer(
    customerIds: readonly string[],
    options?: CallOptions,
  ): Promise<Record<string, OpenClosedCounts>> {
    await this.latency(options);
    return Object.fromEntries(customerIds.map((id) => [id, this.openClosed(this.ticketsByCustomer.get(id))]));
  }

  async getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus> {
    await this.latency(options);
    const bucket = this.ticketsByCustomer.get(customerId);
    const { open, closed } = this.openClosed(bucket);
    const byCategory: CompanyStatus['byCategory'] = {};
    for (const [category, count] of bucket?.categoryCounts() ?? []) byCategory[category] = count;
    const escalated = bucket?.dueCount('escalated', 'all', this.now().getTime()) ?? 0;
    return { escalated, open, closed, all: open + closed, byCategory };
  }

  async countTickets(scope: TicketScope, view: TicketView, options?: CallOptions): Promise<Record<TicketFilter, number>> {
    await this.latency(options);
    return this.filterCounts(scope, view);
  }

  /** Sums and binary searches over what was counted when indexed: nothing here grows with the customer. */
  private filterCounts(scope: TicketScope, view: TicketView): Record<TicketFilter, number> {
    const buckets = this.bucketsOf(scope);
    const now = this.now().getTime();
    const categories = this.categoriesOf(view);
    const count = (filter: TicketFilter) =>
      buckets.reduce((sum, bucket) => sum + (!bucket ? 0 : isDueView(view) ? bucket.dueCount(view, filter, now) : bucket.count(categories, filter)), 0);
    return { all: count('all'), 'my-locked': count('my-locked'), 'my-queues': count('my-queues') };
  }

  async listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage> {
    await this.latency(options);
    const { tickets, length } = this.visibleTickets(scope, options.view, options.filter, options.sort);
    const page: TicketPage = pageOf(tickets, (ticket) => ticket.id, options.page.size, options.page.cursor, length);
    page.items = page.items.map((ticket) => this.withNames(ticket));
    if (options.withCounts) page.counts = this.filterCounts(scope, options.view);
    return page;
  }

  /** Worked out over all of the tickets once a day per scope and months, then kept (tickets do not change here). */
  async getTicketStatistics(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics> {
    await this.latency(options);
    const now = this.now();
    const months = statisticsMonths(options?.months);
    const key = JSON.stringify([this.scopeKey(scope), months, now.toISOString().slice(0, 10)]);
    return this.statistics.get(key) ?? this.statistics.set(key, ticketStatistics(
      this.candidates(this.bucketsOf(scope), 'all'),
      { now, months, isClosed: this.isClosed, queueName: (id) => this.queueNames.get(id) },
    ));
  }

  async getCustomerHealth(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    await this.latency(options);
    return this.distress.of(customerId, this.now());
  }

  async listCustomerHistory(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    await this.latency(options);
    const own = this.history.get(customerId) ?? [];
    const entries = !options.includeTickets
      ? own
      : (this.historyWithTickets.get(customerId) ?? this.historyWithTickets.set(customerId, sortNewestFirst([...own, ...this.ticketEvents(customerId)])));
    return pageOf(entries, (entry) => entry.id, options.page.size, options.page.cursor);
  }

  /** A customer's tickets as history: each one's creation, and its closing. */
  private ticketEvents(customerId: string): HistoryEntry[] {
    return this.candidates([this.ticketsByCustomer.get(customerId)], 'all').flatMap((ticket) => {
      const event = (kind: 'ticket-created' | 'ticket-closed', at: string): HistoryEntry => ({
        id: `${kind}:${ticket.id}`, customerId, at, kind, text: ticket.title, ticketId: ticket.id, ticketNumber: ticket.number,
      });
      const closedAt = closedAtOf(ticket, this.isClosed(ticket));
      return closedAt ? [event('ticket-created', ticket.createdAt), event('ticket-closed', closedAt)] : [event('ticket-created', ticket.createdAt)];
    });
  }

  async addCustomerNote?(customerId: string, note: { text: string }, options?: CallOptions): Promise<HistoryEntry> {
    await this.latency(options);
    throwIfInvalid(validateNote(note));
    const entry: HistoryEntry = {
      id: `note-${this.nextNote++}`, customerId, at: this.now().toISOString(), kind: 'note', text: note.text.trim(), author: this.currentAgent()?.name,
    };
    const entries = this.history.get(customerId) ?? [];
    entries.splice(positionNewestFirst(entries, entry), 0, entry);
    this.history.set(customerId, entries);
    this.historyWithTickets.delete(customerId);
    this.live.emit({ kind: 'history', action: 'created', id: entry.id, customerId });
    return entry;
  }

  async updateCustomer?(customerId: string, update: CustomerUpdate, options?: CallOptions): Promise<Customer> {
    await this.latency(options);
    const customer = this.customers.get(customerId);
    if (!customer) throw new ValidationError({ customerId: 'Unknown customer' }, 'This customer has no record to change');
    throwIfInvalid(validateCustomerUpdate(update));
    const version = customer.version!;
    if (update.version !== version) {
      throw new ConflictError('This customer was changed by someone else since you opened it', 'version');
    }
    const changed: Customer = { ...customer, customFields: { ...update.customFields }, version: String(Number(version) + 1 || 2) };
    this.customers.set(customerId, changed);
    this.live.emit({ kind: 'customer', action: 'updated', id: customerId, customerId });
    return changed;
  }

  async createCustomerUser?(written: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    await this.latency(options);
    const input = trimmedCustomerUser(written);
    throwIfInvalid(validateCustomerUser(input));
    // Znuny compares customer-user logins without regard to case.
    const lower = input.login.toLowerCase();
    if ([...this.users.keys()].some((login) => login.toLowerCase() === lower)) throw new ConflictError('This login is already taken', 'login');
    const user = structuredClone(input);
    this.indexUser(user);
    this.live.emit(userChange('created', user));
    return user;
  }

  async updateCustomerUser?(login: string, written: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    await this.latency(options);
    const existing = this.users.get(login);
    if (!existing) throw new ValidationError({ login: 'Unknown customer user' });
    const input = trimmedCustomerUser(written);
    throwIfInvalid(validateCustomerUser(input));
    if (input.login !== login) throw loginChangeRefused();
    this.unindexUser(existing);
    const user = structuredClone(input);
    this.indexUser(user);
    // A user moved to another customer is told to both.
    this.live.emit(userChange('updated', user), ...(existing.customerId !== user.customerId ? [userChange('updated', existing)] : []));
    return user;
  }

  /**
   * Tells the changes of `scope` (a customer's, or a customer user's and its customers')
   * made through this source: its writes, and the tickets put with `putTicket`.
   */
  subscribe(scope: LiveScope, listener: (changes: readonly DataChange[]) => void, options: SubscribeOptions): void {
    this.live.subscribe(scope, listener, options);
  }

  /**
   * Adds a ticket, or replaces the one with its id (a new state, queue, owner, customer…),
   * and tells the subscribers of its customer and customer user (before and after a move).
   * Every ticket is filed again: meant for demos and tests, not for a stream of changes to
   * a million tickets.
   */
  putTicket(ticket: Ticket): void {
    const at = this.tickets.findIndex(({ id }) => id === ticket.id);
    const old = this.tickets[at];
    this.tickets = at < 0 ? [...this.tickets, ticket] : this.tickets.with(at, ticket);
    this.ticketsByCustomer.clear();
    this.ticketsByUser.clear();
    this.sortCache.clear();
    this.statistics.clear();
    this.historyWithTickets.clear();
    this.distress.invalidate();
    this.indexTickets(this.tickets);
    const moved = old && (old.customerId !== ticket.customerId || old.customerUserLogin !== ticket.customerUserLogin);
    this.live.emit(...(moved ? [old, ticket] : [ticket]).map(({ customerId, customerUserLogin }): DataChange => ({
      kind: 'ticket', action: old ? 'updated' : 'created', id: ticket.id, customerId, customerUserLogin,
    })));
  }

  private withNames(ticket: Ticket): Ticket {
    return {
      ...ticket,
      queueName: ticket.queueId ? this.queueNames.get(ticket.queueId) : undefined,
      ownerName: ticket.ownerId ? this.agents.get(ticket.ownerId)?.name : undefined,
    };
  }

  /** The artificial delay of every call; an aborted call rejects here. */
  private latency(options?: CallOptions): Promise<void> {
    return abortableDelay(this.options.latencyMs ?? 0, options?.signal);
  }

  private currentAgent(): Agent | undefined {
    const id = this.options.currentAgentId;
    return id !== undefined ? this.agents.get(id) : this.agents.values().next().value;
  }

  /** Maps items until `limit` results are found; one more tells whether there are more. */
  private collect<I, R>(items: Iterable<I>, limit: number, map: (item: I) => R | undefined): SearchResult<R> {
    const found: R[] = [];
    for (const item of items) {
      const result = map(item);
      if (result === undefined) continue;
      if (found.length === limit) return { items: found, hasMore: true };
      found.push(result);
    }
    return { items: found, hasMore: false };
  }

  private indexUser(user: CustomerUser): void {
    this.users.set(user.login, user);
    const fields = [user.login, user.firstName, user.lastName, user.email, user.customerId].map((field) => (field ?? '').toLowerCase());
    this.userSearchKeys.set(user, { fields, joined: fields.join('\u0000') });
    this.userText = undefined;
    addTo(this.usersByCustomer, user.customerId, user);
    const known = this.customerIds.size;
    this.customerIds.add(user.customerId);
    for (const id of user.secondaryCustomerIds ?? []) this.customerIds.add(id);
    this.sortedUsers.delete(user.customerId);
    // A new customer changes every customer's rank.
    if (this.customerIds.size !== known) this.distress.invalidate();
  }

  private unindexUser(user: CustomerUser): void {
    this.users.delete(user.login);
    this.userSearchKeys.delete(user);
    this.userText = undefined;
    const list = this.usersByCustomer.get(user.customerId) ?? [];
    list.splice(list.indexOf(user), 1);
    this.sortedUsers.delete(user.customerId);
  }

  private sortedUsersOf(customerId: string): CustomerUser[] {
    let sorted = this.sortedUsers.get(customerId);
    if (!sorted) {
      const keyed = (this.usersByCustomer.get(customerId) ?? []).map((user) => ({ user, key: userSortKey(user) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      sorted = keyed.map(({ user }) => user);
      this.sortedUsers.set(customerId, sorted);
    }
    return sorted;
  }

  /**
   * Files every ticket under its customer and its customer user in the default list order
   * (one sort of all tickets by creation, not one per customer), with what each passes, and
   * the reminder and escalated candidates in due-time order with their times as numbers.
   */
  private indexTickets(tickets: readonly Ticket[]): void {
    // Everything is read in the tickets' own order (in sequence: fast); then each bucket's
    // lists are filled in sorted order, allocated once at their size.
    const count = tickets.length;
    const buckets: TicketBucket[] = [];
    const bucketIds = new Map<TicketBucket, number>();
    const idOf = (bucket: TicketBucket) => {
      let id = bucketIds.get(bucket);
      if (id === undefined) bucketIds.set(bucket, (id = buckets.push(bucket) - 1));
      return id;
    };
    const tests = NARROW_FILTERS.map(this.filterTest);
    const filing: Filing = {
      tickets,
      buckets,
      categories: fillWith(new Uint8Array(count), (index) => CATEGORY_INDEX.get(this.classify.categoryOf(tickets[index].state))!),
      passed: fillWith(new Uint8Array(count), (index) => tests.reduce((mask, test, bit) => (test(tickets[index]) ? mask | (1 << bit) : mask), 0)),
      memberships: [
        fillWith(new Int32Array(count), (index) => {
          this.customerIds.add(tickets[index].customerId);
          return idOf(this.bucketIn(this.ticketsByCustomer, tickets[index].customerId));
        }),
        fillWith(new Int32Array(count), (index) => {
          const login = tickets[index].customerUserLogin;
          return login ? idOf(this.bucketIn(this.ticketsByUser, login)) : -1;
        }),
      ],
    };
    fileByAge(filing);
    for (const view of ['reminder', 'escalated'] as const) {
      const inView = new Set(this.categoriesOf(view).map((category) => CATEGORY_INDEX.get(category)));
      fileByDueTime(filing, view, (index) => (inView.has(filing.categories[index]) ? timeOf(tickets[index][DUE_VIEWS[view].field]) : NaN));
    }
  }

  private bucketIn(index: Map<string, TicketBucket>, key: string): TicketBucket {
    let bucket = index.get(key);
    if (!bucket) index.set(key, (bucket = new TicketBucket(this.filterTest)));
    return bucket;
  }

  private openClosed(bucket: TicketBucket | undefined): OpenClosedCounts {
    const counts = { open: 0, closed: 0 };
    for (const [category, count] of bucket?.categoryCounts() ?? []) {
      counts[this.classify.isViewable(category) ? 'open' : 'closed'] += count;
    }
    return counts;
  }

  private bucketsOf(scope: TicketScope): (TicketBucket | undefined)[] {
    if ('customerId' in scope) return [this.ticketsByCustomer.get(scope.customerId)];
    const user = this.users.get(scope.customerUserLogin);
    if (scope.access !== 'accessible' || !user) return [this.ticketsByUser.get(scope.customerUserLogin)];
    const ids = new Set([user.customerId, ...(user.secondaryCustomerIds ?? [])]);
    return [...ids].map((id) => this.ticketsByCustomer.get(id));
  }

  /** The categories a view draws from, before its time condition. */
  private categoriesOf(view: TicketView): readonly StateCategory[] {
    return viewCategories(view, this.classify.isViewable);
  }

  private candidates(buckets: (TicketBucket | undefined)[], view: TicketView): Ticket[] {
    const categories = this.categoriesOf(view);
    return buckets.flatMap((bucket) => categories.flatMap((category) => bucket?.ticketsIn(category) ?? []));
  }

  private readonly filterTest = (filter: TicketFilter): ((ticket: Ticket) => boolean) => {
    const agent = this.currentAgent();
    if (filter === 'all') return () => true;
    if (!agent) return () => false;
    if (filter === 'my-locked') return (ticket) => ticket.ownerId === agent.id && LOCKED_LOCKS.includes(ticket.lock ?? 'unlock');
    const queues = new Set(agent.queueIds);
    return (ticket) => ticket.queueId !== undefined && queues.has(ticket.queueId);
  };

  /**
   * The tickets a list shows, in order: the first `length` of `tickets`, so that a page is a
   * slice and nothing is copied or scanned per page. A default list of one customer (or user)
   * is kept in that order since indexing; a due view by its due time is a prefix of its due
   * list (a binary search); any other is sorted once and kept, and for a due view narrowed to
   * the tickets due for as long as as many are due (the due ones are a prefix of the due list,
   * so the same number means the same tickets).
   */
  private visibleTickets(scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort): { tickets: readonly Ticket[]; length: number } {
    const buckets = this.bucketsOf(scope);
    const now = this.now().getTime();
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
    const sorted = this.sortedCandidates(scope, buckets, view, filter, sort);
    if (!isDueView(view)) return { tickets: sorted, length: sorted.length };
    const due = buckets.reduce((sum, bucket) => sum + (bucket?.dueCount(view, 'all', now) ?? 0), 0);
    let narrowed = this.dueNarrowed.get(sorted);
    if (narrowed?.due !== due) {
      narrowed = { due, tickets: sorted.filter((ticket) => timeOf(ticket[DUE_VIEWS[view].field]) <= now) };
      this.dueNarrowed.set(sorted, narrowed);
    }
    return { tickets: narrowed.tickets, length: narrowed.tickets.length };
  }

  /** Candidates of a view, filtered and sorted; kept (least recently used dropped first). */
  private sortedCandidates(scope: TicketScope, buckets: (TicketBucket | undefined)[], view: TicketView, filter: TicketFilter, sort: TicketSort): Ticket[] {
    const key = JSON.stringify([this.scopeKey(scope), view, filter, sort]);
    const cached = this.sortCache.get(key);
    if (cached) return cached;
    const context: TicketSortContext = {
      queueName: (id) => this.queueNames.get(id) ?? id,
      agentName: (id) => this.agents.get(id)?.name ?? id,
      stateName: (state) => state,
    };
    return this.sortCache.set(key, sortTickets(this.candidates(buckets, view).filter(this.filterTest(filter)), sort, context));
  }

  /** A scope as a key, naming every customer whose tickets it takes (which a user's change can alter). */
  private scopeKey(scope: TicketScope): string {
    if ('customerId' in scope) return JSON.stringify([scope.customerId]);
    const user = this.users.get(scope.customerUserLogin);
    const customers = scope.access === 'accessible' && user ? [user.customerId, ...(user.secondaryCustomerIds ?? [])] : [];
    return JSON.stringify([scope.customerUserLogin, customers]);
  }
}

/** What indexing knows of every ticket (by its position), and the buckets they go in. */
interface Filing {
  tickets: readonly Ticket[];
  buckets: TicketBucket[];
  /** Each ticket's `CATEGORY_INDEX`. */
  categories: Uint8Array;
  /** Bit i set: the ticket passes `NARROW_FILTERS[i]`. */
  passed: Uint8Array;
  /** Each ticket's bucket id by customer, and by customer user (-1: none). */
  memberships: Int32Array[];
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
  // Unreadable creation times before all (their age sorts as the greatest).
  const created = fillWith(new Float64Array(tickets.length), (index) => {
    const time = timeOf(tickets[index].createdAt);
    return Number.isNaN(time) ? -Infinity : time;
  });
  const lists = groupInOrder(orderByKey(tickets, created), buckets.length * categoryCount, slots, (index) => tickets[index]);
  buckets.forEach((bucket, id) => {
    const at = id * categoryCount;
    bucket.fill(lists.slice(at, at + categoryCount), passing.subarray(at * filters, (at + categoryCount) * filters));
  });
}

/** Each bucket's candidates of a due view (those with a readable due time) in due-time order, per filter. */
function fileByDueTime({ tickets, buckets, passed, memberships }: Filing, view: DueView, dueTime: (index: number) => number): void {
  const times = fillWith(new Float64Array(tickets.length), dueTime);
  const members: number[] = [];
  times.forEach((time, index) => Number.isNaN(time) || members.push(index));
  const byTime = orderByKey(members.map((index) => tickets[index]), fillWith(new Float64Array(members.length), (position) => times[members[position]]));
  const order = fillWith(new Uint32Array(byTime.length), (position) => members[byTime[position]]);
  for (const filter of ['all', ...NARROW_FILTERS] as const) {
    const bit = filter === 'all' ? 0 : 1 << NARROW_FILTERS.indexOf(filter);
    const chosen = bit ? order.filter((index) => (passed[index] & bit) !== 0) : order;
    const dueTickets = groupInOrder(chosen, buckets.length, memberships, (index) => tickets[index]);
    const dueTimes = groupInOrder(chosen, buckets.length, memberships, (index) => times[index]);
    buckets.forEach((bucket, id) => bucket.fillDue(view, filter, { tickets: dueTickets[id], times: dueTimes[id] }));
  }
}

/** Newest first, then by id; each entry's time read once. */
function sortNewestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const decorated = entries.map((entry) => ({ entry, time: timeOf(entry.at) }));
  decorated.sort((a, b) => compareNewestFirst(a.entry, a.time, b.entry, b.time));
  return decorated.map(({ entry }) => entry);
}

function compareNewestFirst(a: HistoryEntry, aTime: number, b: HistoryEntry, bTime: number): number {
  return bTime - aTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where an entry goes in a list sorted newest first. */
function positionNewestFirst(entries: readonly HistoryEntry[], entry: HistoryEntry): number {
  const time = timeOf(entry.at);
  return firstNotBefore(entries.length, (at) => compareNewestFirst(entries[at], timeOf(entries[at].at), entry, time) < 0);
}

/** The pattern of a search term, or undefined for a term too short to search (`*` alone lists all). */
function searchPatternFor(term: string): SearchPattern | undefined {
  const pattern = compileSearchPattern(term.trim());
  return pattern.all || term.trim().length >= MIN_SEARCH_LENGTH ? pattern : undefined;
}

/** Whether the login, a name, the email or the customer id matches (their lower case worked out once). */
function matchesUser(pattern: SearchPattern, keys: { fields: string[]; joined: string }): boolean {
  if (pattern.all) return true;
  if (pattern.literal !== undefined && !pattern.literal.includes('\u0000')) return keys.joined.includes(pattern.literal);
  return keys.fields.some((field) => pattern.testLowerCase(field));
}

/** Preferences kept in memory, copied in and out so callers cannot alias them. */
class InMemoryPreferenceStore implements PreferenceStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<unknown> {
    const value = this.values.get(key);
    return value === undefined ? undefined : JSON.parse(value);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}

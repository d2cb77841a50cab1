import type {
  CallOptions,
  DataSource,
  ListCustomerHistoryOptions,
  TicketStatisticsOptions,
  DataSourceCapabilities,
  ListCustomerUsersOptions,
  ListTicketsOptions,
  PreferenceStore,
  SearchOptions,
} from './data-source.js';
import { abortableDelay, ConflictError, ValidationError } from './errors.js';
import { compileSearchPattern, MIN_SEARCH_LENGTH, type SearchPattern } from './search-pattern.js';
import { createStateClassifier, DEFAULT_STATE_MAPPING, type StateMapping } from './state-mapping.js';
import { compareTickets, type TicketSortContext } from './ticket-sort.js';
import { validateCustomerUser } from './validation.js';
import { DistressIndex, inputsAt, type HealthFactorKey } from './customer-health.js';
import { closedAtOf, statisticsMonths, ticketStatistics } from './ticket-statistics.js';
import { countBelow } from './sorted.js';
import { validateCustomerUpdate, validateNote } from './validation.js';
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

/** Tickets of one customer or customer user, grouped by state category. */
type Bucket = Map<StateCategory, Ticket[]>;

const TERMINAL: ReadonlySet<StateCategory> = new Set(['closed', 'merged', 'removed']);
/** Sorted lists kept (least recently used dropped first): switching among many customers keeps the big one's. */
const SORT_CACHE_SIZE = 50;
const LOCKED = new Set(['lock', 'tmp_lock']);

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

/** Pages a sorted list by keyset cursors that name the id (and position) of the neighbouring item. */
function pageOf<T>(sorted: readonly T[], idOf: (item: T) => string, size: number, cursor?: string): Page<T> {
  const { after, before, at } = decodeCursor(cursor);
  const position = (id: string) =>
    typeof at === 'number' && at >= 0 && at < sorted.length && idOf(sorted[at]) === id ? at : sorted.findIndex((item) => idOf(item) === id);
  let start = 0;
  if (after !== undefined) start = position(after) + 1;
  else if (before !== undefined) start = Math.max(0, position(before) - size);
  const items = sorted.slice(start, start + size);
  const page: Page<T> = { items, total: { value: sorted.length, exact: true } };
  const last = start + items.length - 1;
  if (start + size < sorted.length && items.length) page.nextCursor = encodeCursor({ after: idOf(items[items.length - 1]), at: last });
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
  private readonly ticketsByCustomer = new Map<string, Bucket>();
  private readonly ticketsByUser = new Map<string, Bucket>();
  private readonly sortCache = new Map<string, Ticket[]>();
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
    for (const ticket of data.tickets) this.indexTicket(ticket);
    for (const entry of data.history ?? []) addTo(this.history, entry.customerId, entry);
    for (const entries of this.history.values()) entries.sort(newestFirst);
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
    for (const [category, tickets] of bucket ?? []) byCategory[category] = tickets.length;
    const escalated = this.candidates([bucket], 'escalated').filter(this.timeCondition('escalated')).length;
    return { escalated, open, closed, all: open + closed, byCategory };
  }

  async countTickets(scope: TicketScope, view: TicketView, options?: CallOptions): Promise<Record<TicketFilter, number>> {
    await this.latency(options);
    return this.filterCounts(scope, view);
  }

  private filterCounts(scope: TicketScope, view: TicketView): Record<TicketFilter, number> {
    const inView = this.candidates(this.bucketsOf(scope), view).filter(this.timeCondition(view));
    const counts = { 'my-locked': 0, 'my-queues': 0, all: inView.length };
    const mine = this.filterTest('my-locked');
    const myQueues = this.filterTest('my-queues');
    for (const ticket of inView) {
      if (mine(ticket)) counts['my-locked']++;
      if (myQueues(ticket)) counts['my-queues']++;
    }
    return counts;
  }

  async listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage> {
    await this.latency(options);
    const sorted = this.sortedCandidates(scope, options.view, options.filter, options.sort);
    const visible = sorted.filter(this.timeCondition(options.view));
    const page: TicketPage = pageOf(visible, (ticket) => ticket.id, options.page.size, options.page.cursor);
    page.items = page.items.map((ticket) => this.withNames(ticket));
    if (options.withCounts) page.counts = this.filterCounts(scope, options.view);
    return page;
  }

  async getTicketStatistics(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics> {
    await this.latency(options);
    return ticketStatistics(this.candidates(this.bucketsOf(scope), 'all'), {
      now: this.now(),
      months: statisticsMonths(options?.months),
      isClosed: this.isClosed,
      queueName: (id) => this.queueNames.get(id),
    });
  }

  async getCustomerHealth(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    await this.latency(options);
    return this.distress.of(customerId, this.now());
  }

  async listCustomerHistory(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    await this.latency(options);
    let entries = this.history.get(customerId) ?? [];
    if (options.includeTickets) entries = [...entries, ...this.ticketEvents(customerId)].sort(newestFirst);
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
    const problems = validateNote(note);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const entry: HistoryEntry = {
      id: `note-${this.nextNote++}`, customerId, at: this.now().toISOString(), kind: 'note', text: note.text.trim(), author: this.currentAgent()?.name,
    };
    addTo(this.history, customerId, entry);
    this.history.get(customerId)!.sort(newestFirst);
    return entry;
  }

  async updateCustomer?(customerId: string, update: CustomerUpdate, options?: CallOptions): Promise<Customer> {
    await this.latency(options);
    const customer = this.customers.get(customerId);
    if (!customer) throw new ValidationError({ customerId: 'Unknown customer' }, 'This customer has no record to change');
    const problems = validateCustomerUpdate(update);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const version = customer.version!;
    if (update.version !== undefined && update.version !== version) {
      throw new ConflictError('This customer was changed by someone else since you opened it', 'version');
    }
    const changed: Customer = { ...customer, customFields: { ...update.customFields }, version: String(Number(version) + 1 || 2) };
    this.customers.set(customerId, changed);
    return changed;
  }

  async createCustomerUser?(input: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    await this.latency(options);
    this.validate(input);
    if (this.users.has(input.login)) throw new ConflictError('This login is already taken', 'login');
    const user = structuredClone(input);
    this.indexUser(user);
    return user;
  }

  async updateCustomerUser?(login: string, input: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    await this.latency(options);
    const existing = this.users.get(login);
    if (!existing) throw new ValidationError({ login: 'Unknown customer user' });
    this.validate(input);
    if (input.login !== login && this.users.has(input.login)) {
      throw new ConflictError('This login is already taken', 'login');
    }
    this.unindexUser(existing);
    const user = structuredClone(input);
    this.indexUser(user);
    return user;
  }

  private withNames(ticket: Ticket): Ticket {
    return {
      ...ticket,
      queueName: ticket.queueId ? this.queueNames.get(ticket.queueId) : undefined,
      ownerName: ticket.ownerId ? this.agents.get(ticket.ownerId)?.name : undefined,
    };
  }

  private validate(input: CustomerUserInput): void {
    const fieldErrors = validateCustomerUser(input);
    if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
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

  private indexTicket(ticket: Ticket): void {
    const category = this.classify.categoryOf(ticket.state);
    const add = (index: Map<string, Bucket>, key: string) => {
      let bucket = index.get(key);
      if (!bucket) index.set(key, (bucket = new Map()));
      addTo(bucket, category, ticket);
    };
    add(this.ticketsByCustomer, ticket.customerId);
    if (ticket.customerUserLogin) add(this.ticketsByUser, ticket.customerUserLogin);
    this.customerIds.add(ticket.customerId);
  }

  private openClosed(bucket: Bucket | undefined): OpenClosedCounts {
    const counts = { open: 0, closed: 0 };
    for (const [category, tickets] of bucket ?? []) {
      counts[this.classify.isViewable(category) ? 'open' : 'closed'] += tickets.length;
    }
    return counts;
  }

  private bucketsOf(scope: TicketScope): (Bucket | undefined)[] {
    if ('customerId' in scope) return [this.ticketsByCustomer.get(scope.customerId)];
    const user = this.users.get(scope.customerUserLogin);
    if (scope.access !== 'accessible' || !user) return [this.ticketsByUser.get(scope.customerUserLogin)];
    const ids = new Set([user.customerId, ...(user.secondaryCustomerIds ?? [])]);
    return [...ids].map((id) => this.ticketsByCustomer.get(id));
  }

  /** The categories a view draws from, before its time condition. */
  private categoriesOf(view: TicketView): StateCategory[] {
    switch (view) {
      case 'reminder':
        return ['pending-reminder'];
      case 'escalated':
        return STATE_CATEGORIES.filter((category) => !TERMINAL.has(category));
      case 'new':
        return ['new'];
      case 'open':
        return ['open'];
      case 'closed':
        return STATE_CATEGORIES.filter((category) => !this.classify.isViewable(category));
      case 'all':
        return [...STATE_CATEGORIES];
    }
  }

  private candidates(buckets: (Bucket | undefined)[], view: TicketView): Ticket[] {
    const categories = this.categoriesOf(view);
    return buckets.flatMap((bucket) => categories.flatMap((category) => bucket?.get(category) ?? []));
  }

  private timeCondition(view: TicketView): (ticket: Ticket) => boolean {
    const now = this.now().getTime();
    const reached = (iso?: string) => typeof iso === 'string' && Date.parse(iso) <= now;
    if (view === 'reminder') return (ticket) => reached(ticket.pendingUntil);
    if (view === 'escalated') return (ticket) => reached(ticket.escalationAt);
    return () => true;
  }

  private filterTest(filter: TicketFilter): (ticket: Ticket) => boolean {
    const agent = this.currentAgent();
    if (filter === 'all') return () => true;
    if (!agent) return () => false;
    if (filter === 'my-locked') return (ticket) => ticket.ownerId === agent.id && LOCKED.has(ticket.lock ?? 'unlock');
    const queues = new Set(agent.queueIds);
    return (ticket) => ticket.queueId !== undefined && queues.has(ticket.queueId);
  }

  /** Candidates of a view, filtered and sorted; cached until the data changes. */
  private sortedCandidates(scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort): Ticket[] {
    const key = JSON.stringify([scope, view, filter, sort, this.options.currentAgentId]);
    let sorted = this.sortCache.get(key);
    if (sorted) {
      // Least recently used last out: a hit moves to the end of the map's order.
      this.sortCache.delete(key);
      this.sortCache.set(key, sorted);
    } else {
      const context: TicketSortContext = {
        queueName: (id) => this.queueNames.get(id) ?? id,
        agentName: (id) => this.agents.get(id)?.name ?? id,
        stateName: (state) => state,
      };
      sorted = this.candidates(this.bucketsOf(scope), view).filter(this.filterTest(filter));
      sorted.sort((a, b) => compareTickets(a, b, sort, context));
      if (this.sortCache.size >= SORT_CACHE_SIZE) this.sortCache.delete(this.sortCache.keys().next().value!);
      this.sortCache.set(key, sorted);
    }
    return sorted;
  }
}

const newestFirst = (a: HistoryEntry, b: HistoryEntry) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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

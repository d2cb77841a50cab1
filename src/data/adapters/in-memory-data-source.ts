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
} from '../contract/data-source.js';
import { abortableDelay, ConflictError, throwIfInvalid, ValidationError } from '../contract/errors.js';
import { createStateClassifier, DEFAULT_STATE_MAPPING, type StateMapping } from '../rules/state-mapping.js';
import { LruCache } from '../rules/lru.js';
import { loginChangeRefused, trimmedCustomerUser, validateCustomerUpdate, validateCustomerUser, validateNote } from '../contract/validation.js';
import { DistressIndex, inputsAt, type HealthFactorKey } from '../rules/customer-health.js';
import { statisticsMonths, ticketStatistics } from '../rules/ticket-statistics.js';
import { pageOf } from './in-memory/cursors.js';
import { UserDirectory } from './in-memory/user-directory.js';
import { TicketFiles } from './in-memory/ticket-filing.js';
import { HistoryStore } from './in-memory/history-store.js';
import { LiveChanges, userChange } from './in-memory/live-changes.js';
import {
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
  type Ticket,
  type TicketFilter,
  type TicketPage,
  type TicketScope,
  type TicketStatistics,
  type TicketView,
  type HealthBands,
} from '../contract/types.js';

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

/** Statistics (worked out over all of a scope's tickets) kept. */
const ANSWER_CACHE_SIZE = 20;

/**
 * The embedded data source: holds everything in memory, indexed by customer and by
 * customer user, each grouped by state category, so that no call scans all tickets:
 * a call costs what the one customer (or user) holds, never the whole collection.
 * Answers it keeps (sorted lists, history, statistics) are handed out as they are, shared
 * between calls: treat them as read-only, as every element does.
 *
 * A thin front over its parts: the user directory and its search (`UserDirectory`), the
 * ticket files and list planning (`TicketFiles`), the history (`HistoryStore`) and the
 * cursors (`pageOf`).
 */
export class InMemoryDataSource implements DataSource {
  readonly capabilities: DataSourceCapabilities;
  readonly preferences?: PreferenceStore;

  private readonly options: InMemoryDataSourceOptions;
  private readonly classify: ReturnType<typeof createStateClassifier>;
  private readonly directory = new UserDirectory();
  private readonly customers = this.directory.customers;
  private readonly users = this.directory.users;
  private readonly agents = new Map<string, Agent>();
  private readonly queueNames = new Map<string, string>();
  private readonly tickets: TicketFiles;
  /** Answers worked out over all of a scope's tickets, kept (tickets do not change here). */
  private readonly statistics = new LruCache<string, TicketStatistics>(ANSWER_CACHE_SIZE);
  private readonly distress: DistressIndex;
  /** Each customer's notes and activities, newest first. */
  private readonly history: HistoryStore;
  /** Every ticket, as filed at first. */
  private readonly allTickets: readonly Ticket[];
  /** Every ticket by id, made on the first `putTicket` (a source never put to does not pay for it). */
  private ticketsById?: Map<string, Ticket>;
  private readonly live = new LiveChanges((login) => {
    const user = this.users.get(login);
    return user ? [user.customerId, ...(user.secondaryCustomerIds ?? [])] : [];
  });

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
    this.tickets = new TicketFiles({
      classify: this.classify,
      currentAgent: () => this.currentAgent(),
      userOf: (login) => this.users.get(login),
      sortContext: {
        queueName: (id) => this.queueNames.get(id) ?? id,
        agentName: (id) => this.agents.get(id)?.name ?? id,
        stateName: (state) => state,
      },
    });
    const customerIds = this.directory.customerIds;
    this.distress = new DistressIndex(
      (at) => new Map([...customerIds].map((id) => [id, inputsAt(this.tickets.ofCustomer(id), at, this.tickets.isClosed)])),
      { weights: options.healthWeights, bands: options.healthBands },
    );
    for (const agent of data.agents ?? []) this.agents.set(agent.id, agent);
    for (const queue of data.queues ?? []) this.queueNames.set(queue.id, queue.name);
    for (const customer of data.customers) this.directory.addCustomer(customer);
    for (const user of data.customerUsers) this.indexUser(user);
    this.tickets.file((this.allTickets = data.tickets), (customerId) => customerIds.add(customerId));
    this.history = new HistoryStore(data.history ?? []);
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
    return this.directory.searchCustomers(term, options.limit);
  }

  async searchCustomerUsers(term: string, options: SearchOptions): Promise<SearchResult<CustomerUser>> {
    await this.latency(options);
    return this.directory.searchUsers(term, options.limit);
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
    const users = this.directory.usersOf(customerId, options.filter);
    const page: CustomerUserPage = pageOf(users, (user) => user.login, options.page.size, options.page.cursor);
    if (options.withTicketCounts) page.ticketCounts = this.countsByUser(page.items.map((user) => user.login));
    return page;
  }

  async countTicketsByUser(logins: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>> {
    await this.latency(options);
    return this.countsByUser(logins);
  }

  private countsByUser(logins: readonly string[]): Record<string, OpenClosedCounts> {
    return Object.fromEntries(logins.map((login) => [login, this.tickets.openClosed({ login })]));
  }

  async countTicketsByCustomer(
    customerIds: readonly string[],
    options?: CallOptions,
  ): Promise<Record<string, OpenClosedCounts>> {
    await this.latency(options);
    return Object.fromEntries(customerIds.map((customerId) => [customerId, this.tickets.openClosed({ customerId })]));
  }

  async getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus> {
    await this.latency(options);
    const { open, closed } = this.tickets.openClosed({ customerId });
    const counts = this.tickets.categoryCounts(customerId, this.now().getTime());
    const byCategory: CompanyStatus['byCategory'] = {};
    for (const [category, count] of counts.byCategory) byCategory[category] = count;
    return { escalated: counts.escalated, open, closed, all: open + closed, byCategory };
  }

  async countTickets(scope: TicketScope, view: TicketView, options?: CallOptions): Promise<Record<TicketFilter, number>> {
    await this.latency(options);
    return this.tickets.filterCounts(scope, view, this.now().getTime());
  }

  async listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage> {
    await this.latency(options);
    const now = this.now().getTime();
    const { tickets, length } = this.tickets.visible(scope, options.view, options.filter, options.sort, now);
    const page: TicketPage = pageOf(tickets, (ticket) => ticket.id, options.page.size, options.page.cursor, length);
    page.items = page.items.map((ticket) => this.withNames(ticket));
    if (options.withCounts) page.counts = this.tickets.filterCounts(scope, options.view, now);
    return page;
  }

  /** Worked out over all of the tickets once a day per scope and months, then kept (tickets do not change here). */
  async getTicketStatistics(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics> {
    await this.latency(options);
    const now = this.now();
    const months = statisticsMonths(options?.months);
    const key = JSON.stringify([this.tickets.scopeKey(scope), months, now.toISOString().slice(0, 10)]);
    return this.statistics.get(key) ?? this.statistics.set(key, ticketStatistics(
      this.tickets.candidates(this.tickets.bucketsOf(scope), 'all'),
      { now, months, isClosed: this.tickets.isClosed, queueName: (id) => this.queueNames.get(id) },
    ));
  }

  async getCustomerHealth(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    await this.latency(options);
    return this.distress.of(customerId, this.now());
  }

  async listCustomerHistory(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    await this.latency(options);
    const tickets = options.includeTickets ? { list: () => this.tickets.ofCustomer(customerId), isClosed: this.tickets.isClosed } : undefined;
    return pageOf(this.history.of(customerId, tickets), (entry) => entry.id, options.page.size, options.page.cursor);
  }

  async addCustomerNote?(customerId: string, note: { text: string }, options?: CallOptions): Promise<HistoryEntry> {
    await this.latency(options);
    throwIfInvalid(validateNote(note));
    const entry = this.history.addNote(customerId, note.text.trim(), this.now(), this.currentAgent()?.name);
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
    if (this.directory.loginTaken(input.login)) throw new ConflictError('This login is already taken', 'login');
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
   * Only that ticket is filed again (out of its old buckets, into its new ones), and only the
   * sorted lists of the customers and users it touches are dropped; pass a new object, not the
   * one put before changed in place (that files every ticket again).
   */
  putTicket(ticket: Ticket): void {
    this.ticketsById ??= new Map(this.allTickets.map((one) => [one.id, one]));
    const old = this.ticketsById.get(ticket.id);
    this.ticketsById.set(ticket.id, ticket);
    const customerIds = this.directory.customerIds;
    // A ticket changed in place is no longer found by what it was filed under: everything is filed again.
    if (old === ticket) this.tickets.refile([...this.ticketsById.values()], (customerId) => customerIds.add(customerId));
    else this.tickets.put(old, ticket);
    customerIds.add(ticket.customerId);
    this.statistics.clear();
    this.history.forgetTicketEvents();
    this.distress.invalidate();
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

  private indexUser(user: CustomerUser): void {
    // A new customer changes every customer's rank.
    if (this.directory.addUser(user)) this.distress.invalidate();
  }

  private unindexUser(user: CustomerUser): void {
    this.directory.removeUser(user);
  }
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

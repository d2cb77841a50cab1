import type {
  CallOptions,
  DataSource,
  DataSourceCapabilities,
  ListCustomerHistoryOptions,
  ListCustomerUsersOptions,
  ListTicketsOptions,
  PreferenceStore,
  SearchOptions,
  TicketStatisticsOptions,
} from '../../src/data/contract/data-source.js';
import {
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  type Agent,
  type CompanyStatus,
  type Customer,
  type CustomerHealth,
  type CustomerHit,
  type CustomerUpdate,
  type CustomerUser,
  type CustomerUserInput,
  type CustomerUserPage,
  type HistoryEntry,
  type OpenClosedCounts,
  type Page,
  type SearchResult,
  type TicketFilter,
  type TicketPage,
  type TicketScope,
  type TicketStatistics,
  type TicketView,
} from '../../src/data/contract/types.js';
import type { Catalog } from './catalog.js';
import type { Db } from './db.js';
import { SqlHistory } from './history.js';
import { SqlPeople } from './people.js';
import { sqlPreferenceStore } from './preferences.js';
import { SqlSession, type SqlDataSourceOptions } from './session.js';
import { SqlStatistics } from './statistics.js';
import { SqlTickets } from './tickets.js';

export { AgentContextCache } from './agent-context.js';
export { loadCatalog, ZNUNY_STATE_TYPE_MAPPING, type ArchivedTickets, type Catalog } from './catalog.js';
export type { SqlDataSourceOptions } from './session.js';
export { likePattern } from './sql-text.js';

/**
 * The data-source contract answered with SQL on the Znuny schema, for one agent: every list
 * is a keyset-paged index range (no OFFSET), every batch of counts one query
 * (`COUNT(*) FILTER` / `GROUP BY`), and every ticket the agent may not read (queue group
 * without `ro`/`rw`) is left out of lists and counts alike. Parameterized SQL only.
 * A front: tickets, statistics, people and history each answer in a module of their own.
 */
export class SqlDataSource implements DataSource {
  readonly capabilities: DataSourceCapabilities;
  readonly preferences?: PreferenceStore;
  private readonly session: SqlSession;
  private readonly tickets: SqlTickets;
  private readonly statistics: SqlStatistics;
  private readonly people: SqlPeople;
  private readonly history: SqlHistory;

  constructor(db: Db, catalog: Catalog, options: SqlDataSourceOptions) {
    this.session = new SqlSession(db, catalog, options);
    this.tickets = new SqlTickets(this.session);
    this.statistics = new SqlStatistics(this.session, this.tickets);
    this.people = new SqlPeople(this.session, this.tickets);
    this.history = new SqlHistory(this.session, this.people);
    this.capabilities = { ticketFilters: TICKET_FILTERS, ticketSorts: TICKET_SORT_FIELDS, writeCustomerUsers: !options.readOnly };
    if (options.readOnly || !catalog.cicTables) {
      this.addCustomerNote = undefined;
      this.updateCustomer = undefined;
    }
    if (!catalog.cicTables) this.listCustomerHistory = undefined;
    if (options.readOnly) {
      this.createCustomerUser = undefined;
      this.updateCustomerUser = undefined;
    }
    // Read only, nothing is written, preferences neither: `/capabilities` says `preferences: false`
    // and the elements keep them in the browser.
    this.preferences = options.readOnly ? undefined : sqlPreferenceStore(this.session);
  }

  now(): Date {
    return this.session.now();
  }

  async getCurrentAgent(options?: CallOptions): Promise<Agent | undefined> {
    return (await this.session.agentContext(options))?.agent;
  }

  searchCustomers(term: string, options: SearchOptions): Promise<SearchResult<CustomerHit>> {
    return this.people.searchCustomers(term, options);
  }

  searchCustomerUsers(term: string, options: SearchOptions): Promise<SearchResult<CustomerUser>> {
    return this.people.searchCustomerUsers(term, options);
  }

  getCustomer(customerId: string, options?: CallOptions): Promise<Customer | undefined> {
    return this.people.getCustomer(customerId, options);
  }

  getCustomerUser(login: string, options?: CallOptions): Promise<CustomerUser | undefined> {
    return this.people.getCustomerUser(login, options);
  }

  listCustomerUsers(customerId: string, options: ListCustomerUsersOptions): Promise<CustomerUserPage> {
    return this.people.listCustomerUsers(customerId, options);
  }

  createCustomerUser?(input: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    return this.people.createCustomerUser(input, options);
  }

  updateCustomerUser?(login: string, input: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    return this.people.updateCustomerUser(login, input, options);
  }

  countTicketsByUser(logins: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>> {
    return this.tickets.countTicketsByUser(logins, options);
  }

  countTicketsByCustomer(customerIds: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>> {
    return this.tickets.countTicketsByCustomer(customerIds, options);
  }

  getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus> {
    return this.tickets.getCompanyStatus(customerId, options);
  }

  countTickets(scope: TicketScope, view: TicketView, options?: CallOptions): Promise<Record<TicketFilter, number>> {
    return this.tickets.countTickets(scope, view, options);
  }

  listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage> {
    return this.tickets.listTickets(scope, options);
  }

  getTicketStatistics(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics> {
    return this.statistics.getTicketStatistics(scope, options);
  }

  getCustomerHealth(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    return this.statistics.getCustomerHealth(customerId, options);
  }

  listCustomerHistory?(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    return this.history.listCustomerHistory(customerId, options);
  }

  addCustomerNote?(customerId: string, note: { text: string }, options?: CallOptions): Promise<HistoryEntry> {
    return this.history.addCustomerNote(customerId, note, options);
  }

  updateCustomer?(customerId: string, update: CustomerUpdate, options?: CallOptions): Promise<Customer> {
    return this.history.updateCustomer(customerId, update, options);
  }
}

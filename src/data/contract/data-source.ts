import type {
  Agent,
  CompanyStatus,
  Customer,
  CustomerHealth,
  CustomerUpdate,
  HistoryEntry,
  Page,
  CustomerHit,
  CustomerUser,
  CustomerUserInput,
  CustomerUserPage,
  OpenClosedCounts,
  PageRequest,
  SearchResult,
  TicketFilter,
  TicketPage,
  TicketScope,
  TicketSort,
  TicketSortField,
  TicketStatistics,
  TicketView,
} from './types.js';

/** Every call takes a signal; an aborted call rejects with an `AbortError` `DOMException`. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The options of a write. */
export interface WriteOptions extends CallOptions {
  /**
   * Names this write, so that a server that receives it twice (a retry after a lost answer)
   * writes once: the same key for the same submission sent again, a new one otherwise. An
   * `HttpDataSource` sends it as the `Idempotency-Key` header (a new key when none is given).
   */
  idempotencyKey?: string;
}

export interface SearchOptions extends CallOptions {
  /** At most this many items (the dialog asks for 20). */
  limit: number;
}

export interface ListCustomerUsersOptions extends CallOptions {
  page: PageRequest;
  /** Narrows the list like the search: case-insensitive substring of login, names or email; `*` is a wildcard. */
  filter?: string;
  /**
   * Also answer the open/closed ticket counts of the users on the page (as
   * `countTicketsByUser` would), so that the list needs one call. A source that ignores
   * this is asked with `countTicketsByUser` instead.
   */
  withTicketCounts?: boolean;
}

export interface ListTicketsOptions extends CallOptions {
  view: TicketView;
  filter: TicketFilter;
  sort: TicketSort;
  page: PageRequest;
  /**
   * Also answer the count behind every filter tab (as `countTickets` would), so that a list
   * needs one call. A source that ignores this is asked with `countTickets` instead.
   */
  withCounts?: boolean;
}

export interface ListCustomerHistoryOptions extends CallOptions {
  page: PageRequest;
  /** Also the customer's ticket events (created, closed), mixed in by time. */
  includeTickets?: boolean;
}

export interface TicketStatisticsOptions extends CallOptions {
  /** How many calendar months the monthly series covers, the current one last (default 12, at most 36). */
  months?: number;
}

/**
 * What a data source can do; widgets hide what it cannot: filter tabs and sortable columns
 * it does not list, and the add/edit of customer users when it cannot write. (Whether it
 * stores preferences is told by the presence of `preferences`.)
 */
export interface DataSourceCapabilities {
  ticketFilters: readonly TicketFilter[];
  ticketSorts: readonly TicketSortField[];
  /** `createCustomerUser` and `updateCustomerUser` are available. */
  writeCustomerUsers: boolean;
  /**
   * Calls are answered in this page, without a network round trip (an in-memory source):
   * the search then runs on every keystroke, without waiting for the typing to pause.
   */
  answersLocally?: boolean;
  /** `subscribe` is available: the elements reload what changed instead of polling. */
  liveUpdates?: boolean;
}

/** Whose changes a live subscription hears. */
export type LiveScope = { customerId: string } | { customerUserLogin: string };

/**
 * One change a subscriber hears: enough to know which widgets are affected, no more.
 * - `ticket`: a ticket was created or changed (state, queue, lock, owner, times, customer);
 * - `customer-user`: a customer user's record; `customer`: the customer's record or custom fields;
 * - `history`: a note or activity was added to the customer's history;
 * - `all`: changes may have been missed (the stream broke and could not be resumed): reload
 *   everything shown.
 */
export interface DataChange {
  kind: 'ticket' | 'customer-user' | 'customer' | 'history' | 'all';
  action: 'created' | 'updated' | 'deleted';
  /** The record's id (ticket id, login, customer id, history entry id); empty for `all`. */
  id: string;
  /** The customer the record belongs to (a ticket moved between customers is told to both). */
  customerId?: string;
  /** The customer user the record belongs to (a ticket's customer user), when there is one. */
  customerUserLogin?: string;
}

/** Whether a subscription delivers changes now: `down` means it is trying to reconnect. */
export type LiveStatus = 'connecting' | 'live' | 'down';

export interface SubscribeOptions {
  /** Ends the subscription (required: a subscription that cannot be ended would leak). */
  signal: AbortSignal;
  /** Told each change of status, so that the elements can show whether they are live. */
  onStatus?: (status: LiveStatus) => void;
}

/** Per-agent storage for layout, filters, columns and page sizes. Values are JSON-safe. */
export interface PreferenceStore {
  get(key: string, options?: CallOptions): Promise<unknown>;
  set(key: string, value: unknown, options?: CallOptions): Promise<void>;
}

/**
 * The contract between the elements and a backend. Lists are paged here,
 * counts come in batches, and every call can be aborted. Errors are `DataSourceError`s.
 */
export interface DataSource {
  readonly capabilities: DataSourceCapabilities;

  /** The clock behind reminder and escalation views (default: the browser's). */
  now?(): Date;

  /** The agent for whom "my locked" and "my queues" are meant. */
  getCurrentAgent(options?: CallOptions): Promise<Agent | undefined>;

  /** Customers whose id or name matches; includes customers known only by their id. */
  searchCustomers(term: string, options: SearchOptions): Promise<SearchResult<CustomerHit>>;
  /** Customer users whose login, first or last name, email or customer id matches. */
  searchCustomerUsers(term: string, options: SearchOptions): Promise<SearchResult<CustomerUser>>;

  /** The customer's record, or `undefined` when it is known only by its id. */
  getCustomer(customerId: string, options?: CallOptions): Promise<Customer | undefined>;
  getCustomerUser(login: string, options?: CallOptions): Promise<CustomerUser | undefined>;
  /** Customer users whose primary customer is `customerId`, sorted by name. */
  listCustomerUsers(customerId: string, options: ListCustomerUsersOptions): Promise<CustomerUserPage>;

  /** Open/closed ticket counts of many customer users in one call, keyed by login. */
  countTicketsByUser(logins: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>>;
  /** Open/closed ticket counts of many customers in one call, keyed by customer id. */
  countTicketsByCustomer(
    customerIds: readonly string[],
    options?: CallOptions,
  ): Promise<Record<string, OpenClosedCounts>>;
  /** All the counts of the company status widget in one call. */
  getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus>;
  /** The count behind every filter tab of one ticket list, in one call. */
  countTickets(
    scope: TicketScope,
    view: TicketView,
    options?: CallOptions,
  ): Promise<Record<TicketFilter, number>>;
  listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage>;

  /**
   * Optional: open and closed tickets by queue and created vs closed per month, in one call
   * (the ticket statistics widget is offered only when the source has it).
   */
  getTicketStatistics?(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics>;
  /** Optional: the customer's health or distress score (the customer health widget needs it). */
  getCustomerHealth?(customerId: string, options?: CallOptions): Promise<CustomerHealth>;

  /** Optional: the customer's notes and activities, newest first, paged (the history widget needs it). */
  listCustomerHistory?(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>>;
  /** Optional: adds a note to the customer's history (a `ValidationError` on `text` for an empty or too long note). */
  addCustomerNote?(customerId: string, note: { text: string }, options?: WriteOptions): Promise<HistoryEntry>;
  /**
   * Optional: changes the customer's custom fields. A `ValidationError` names the fields in
   * the wrong; a `ConflictError` says the record changed since `update.version`.
   */
  updateCustomer?(customerId: string, update: CustomerUpdate, options?: WriteOptions): Promise<Customer>;

  createCustomerUser?(input: CustomerUserInput, options?: WriteOptions): Promise<CustomerUser>;
  updateCustomerUser?(login: string, input: CustomerUserInput, options?: WriteOptions): Promise<CustomerUser>;

  /**
   * Optional (capability `liveUpdates`): calls `listener` with the scope's changes, in batches,
   * as they happen — only those the agent may see — until `options.signal` aborts. It never
   * throws: a broken connection is told through `onStatus` and retried; when changes could
   * not be resumed, the next batch holds a change of kind `all`.
   */
  subscribe?(scope: LiveScope, listener: (changes: readonly DataChange[]) => void, options: SubscribeOptions): void;

  preferences?: PreferenceStore;
}

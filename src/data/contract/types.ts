/**
 * The data model. Field names are the contract for `InMemoryDataSource`
 * input; adapters map their backend to them.
 */

export interface Address {
  street?: string;
  zip?: string;
  city?: string;
  country?: string;
}

export interface Customer extends Address {
  /** Any characters: spaces, `*`, `%`, `(`, `&` included. */
  id: string;
  /** Missing when the customer exists only through its users and tickets. */
  name?: string;
  valid?: boolean;
  url?: string;
  comment?: string;
  /** Label → value. */
  customFields?: Record<string, string>;
  /** Changes whenever the record does; `updateCustomer` refuses a change made to an older version. */
  version?: string;
}

/** What `updateCustomer` changes: the custom fields, for the version the agent edited. */
export interface CustomerUpdate {
  customFields: Record<string, string>;
  /** The `version` of the record the agent edited (a conflict when it has changed since). */
  version?: string;
}

/** Notes, activities and (when asked) ticket events of a customer's history. */
export type HistoryKind = 'note' | 'activity' | 'ticket-created' | 'ticket-closed';

export interface HistoryEntry {
  id: string;
  customerId: string;
  /** ISO 8601. */
  at: string;
  kind: HistoryKind;
  /** The note or activity; the ticket's title for ticket events. */
  text: string;
  /** Who wrote or did it (a display name). */
  author?: string;
  ticketId?: string;
  ticketNumber?: string;
}

export interface CustomerUser extends Address {
  login: string;
  /** The primary customer. */
  customerId: string;
  secondaryCustomerIds?: string[];
  title?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  comment?: string;
  valid?: boolean;
}

export type TicketLock = 'lock' | 'unlock' | 'tmp_lock';

export interface Ticket {
  id: string;
  number: string;
  title: string;
  customerId: string;
  customerUserLogin?: string;
  /** A backend state name, mapped to a category by the state mapping. */
  state: string;
  queueId?: string;
  /** 1–5, 3 is normal. */
  priority?: number;
  ownerId?: string;
  responsibleId?: string;
  lock?: TicketLock;
  /** ISO 8601. */
  createdAt: string;
  changedAt?: string;
  pendingUntil?: string;
  escalationAt?: string;
  /** When it was closed; a source without it uses the last change of a closed ticket. */
  closedAt?: string;
  type?: string;
  service?: string;
  /** Display names a data source may add to the tickets it lists. */
  queueName?: string;
  ownerName?: string;
}

export interface Agent {
  id: string;
  name: string;
  /** "My queues". */
  queueIds: string[];
}

export interface Queue {
  id: string;
  name: string;
}

/** Everything an `InMemoryDataSource` is built from. */
export interface HelpdeskData {
  customers: Customer[];
  customerUsers: CustomerUser[];
  tickets: Ticket[];
  agents?: Agent[];
  queues?: Queue[];
  /** Notes and activities of customers (newest or oldest first: sources sort them). */
  history?: HistoryEntry[];
}

export const STATE_CATEGORIES = [
  'new',
  'open',
  'pending-reminder',
  'pending-auto',
  'closed',
  'merged',
  'removed',
] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];

/**
 * The situations a ticket list shows: `reminder` (pending reminder whose time has come),
 * `escalated` (escalation time reached, not closed, merged or removed), `new` and `open`
 * (that state category only), `closed` (closed, merged, removed) and `all`.
 */
export const TICKET_VIEWS = ['reminder', 'escalated', 'new', 'open', 'closed', 'all'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

/** The filter tabs of a ticket list. */
export const TICKET_FILTERS = ['my-locked', 'my-queues', 'all'] as const;
export type TicketFilter = (typeof TICKET_FILTERS)[number];

export const TICKET_SORT_FIELDS = [
  'number',
  'age',
  'title',
  'state',
  'queue',
  'priority',
  'owner',
  'customerUser',
  'created',
  'changed',
  'pendingUntil',
  'escalation',
] as const;
export type TicketSortField = (typeof TICKET_SORT_FIELDS)[number];

export type SortDirection = 'asc' | 'desc';

export interface TicketSort {
  field: TicketSortField;
  direction: SortDirection;
}

/**
 * Whose tickets: one customer (exact id, never a pattern), or one customer user —
 * either the tickets assigned to the user, or every ticket of the user's customers.
 */
export type TicketScope =
  | { customerId: string }
  | { customerUserLogin: string; access?: 'assigned' | 'accessible' };

/** A page request: how many, and where to start (an opaque cursor from a previous page). */
export interface PageRequest {
  size: number;
  cursor?: string;
}

/** How many items there are in all, when the data source knows. */
export interface Total {
  value: number;
  /** `false` when the value is an estimate or capped (result windows of real APIs). */
  exact: boolean;
}

export interface Page<T> {
  items: T[];
  /** Present when a next page exists. */
  nextCursor?: string;
  /** Present when a previous page exists. */
  previousCursor?: string;
  total?: Total;
}

/** A page of tickets; with `withCounts` asked, also the count behind every filter tab. */
export interface TicketPage extends Page<Ticket> {
  counts?: Record<TicketFilter, number>;
}

/** A page of customer users; with `withTicketCounts` asked, also their open/closed counts by login. */
export interface CustomerUserPage extends Page<CustomerUser> {
  ticketCounts?: Record<string, OpenClosedCounts>;
}

export interface SearchResult<T> {
  items: T[];
  /** More matches exist than were returned. */
  hasMore: boolean;
  total?: Total;
}

/** A customer as found by the search; `hasRecord` is false for a customer known only by its id. */
export interface CustomerHit {
  id: string;
  name?: string;
  hasRecord: boolean;
}

export interface OpenClosedCounts {
  open: number;
  closed: number;
}

/** Counts of a customer's tickets. */
export interface CompanyStatus {
  escalated: number;
  open: number;
  closed: number;
  all: number;
  /** One count per state category present in the mapping. */
  byCategory: Partial<Record<StateCategory, number>>;
}

/** Open and closed tickets of one queue. */
export interface QueueTicketCounts extends OpenClosedCounts {
  queueId: string;
  queueName?: string;
}

/** Tickets created and closed in one calendar month (UTC; `month` 1–12). */
export interface MonthlyTicketCounts {
  year: number;
  month: number;
  created: number;
  closed: number;
}

/** A customer's (or customer user's) tickets by queue, and created vs closed per month, oldest month first. */
export interface TicketStatistics {
  byQueue: QueueTicketCounts[];
  monthly: MonthlyTicketCounts[];
}

/**
 * Where a health score turns yellow (`warning`) and red (`critical`): scores at or beyond
 * them, upwards when higher is worse, downwards when higher is better.
 */
export interface HealthBands {
  warning: number;
  critical: number;
}

/** One input of a health score: its value, its weight, and where it ranks among all customers (0–100). */
export interface HealthFactor {
  key: string;
  label: string;
  value: number;
  weight: number;
  percentile?: number;
}

/** A customer's health or distress score, 0–100. */
export interface CustomerHealth {
  score: number;
  /** False for a distress index (higher is worse). */
  higherIsBetter: boolean;
  bands: HealthBands;
  /** The score at an earlier time (e.g. 7 days before). */
  trend?: { score: number; at: string };
  /** ISO 8601. */
  computedAt: string;
  factors: HealthFactor[];
}

/** The search criteria a count stands for, as carried by `ticket-search-requested`. */
export interface TicketSearchCriteria {
  customerId?: string;
  customerUserLogin?: string;
  /** `open` / `closed` in the viewable sense, a view, or a category. */
  status?: 'open' | 'closed' | 'escalated' | 'all';
  view?: TicketView;
  category?: StateCategory;
  filter?: TicketFilter;
  /** One queue's tickets (a segment of the ticket statistics). */
  queueId?: string;
}

/** Fields an agent can write when creating or editing a customer user. */
export type CustomerUserInput = Omit<CustomerUser, 'secondaryCustomerIds'> & {
  secondaryCustomerIds?: string[];
};

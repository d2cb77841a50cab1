import type { TicketSearchCriteria } from './data/types.js';
import type { Layout } from './internal/layout.js';

/** `customer-selected`: a customer (or a customer user, whose primary customer is meant) was picked. */
export interface CustomerSelectedDetail {
  customerId: string;
  /** Set when a customer user was picked. */
  customerUserLogin?: string;
}

/** `customer-user-selected`: the agent asked for a customer user's center. */
export interface CustomerUserSelectedDetail {
  customerUserLogin: string;
  customerId: string;
}

/** `ticket-selected`: the agent opened a ticket. */
export interface TicketSelectedDetail {
  ticketId: string;
}

/** `ticket-search-requested`: the agent asked for the tickets behind a count. */
export type TicketSearchRequestedDetail = TicketSearchCriteria;

/** `ticket-create-requested`: the agent asked to create a ticket for a customer user. */
export interface TicketCreateRequestedDetail {
  channel: 'phone' | 'email';
  customerUserLogin: string;
  customerId: string;
}

/** `layout-changed`: the agent moved, hid or showed a widget. */
export interface LayoutChangedDetail {
  layout: Layout;
}

declare global {
  interface HTMLElementEventMap {
    'customer-selected': CustomEvent<CustomerSelectedDetail>;
    'customer-user-selected': CustomEvent<CustomerUserSelectedDetail>;
    'ticket-selected': CustomEvent<TicketSelectedDetail>;
    'ticket-search-requested': CustomEvent<TicketSearchRequestedDetail>;
    'ticket-create-requested': CustomEvent<TicketCreateRequestedDetail>;
    'layout-changed': CustomEvent<LayoutChangedDetail>;
  }
}

// Every event of the library: its name, its detail, and its entry in the DOM's event maps.
// All bubble and are composed (they cross shadow roots).
import type { CustomerUser, TicketSearchCriteria } from './data/contract/types.js';
import type { Layout } from './internal/layout-types.js';

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

/** `settings-saved`: the agent saved the settings widget; every other non-mandatory widget is hidden. */
export interface SettingsSavedDetail {
  /** Ids of the widgets to show. */
  visible: string[];
}

/** `customer-user-saved`: the customer-user form saved. */
export interface CustomerUserSavedDetail {
  user: CustomerUser;
  /** The agent is done with the form (Add's Save, or Save and finish). */
  finished: boolean;
}

/**
 * `cic-auth-required`: a call was refused because the session is missing or expired (HTTP
 * 401). The host renews its credentials (e.g. the token its `HttpDataSource` headers
 * function sends); the agent's Retry then works. Every element whose call was refused fires it.
 */
export interface AuthRequiredDetail {
  /** The server's message. */
  message: string;
}

/** Every event the library fires, with its detail (`undefined`: an event without detail). */
export interface CicEventMap {
  'customer-selected': CustomerSelectedDetail;
  'customer-user-selected': CustomerUserSelectedDetail;
  'ticket-selected': TicketSelectedDetail;
  'ticket-search-requested': TicketSearchRequestedDetail;
  'ticket-create-requested': TicketCreateRequestedDetail;
  'layout-changed': LayoutChangedDetail;
  'settings-saved': SettingsSavedDetail;
  'customer-user-saved': CustomerUserSavedDetail;
  'customer-user-form-cancelled': undefined;
  'customer-search-closed': undefined;
  'cic-auth-required': AuthRequiredDetail;
}

/** The names of every event the library fires. */
export const CIC_EVENTS: readonly (keyof CicEventMap)[] = [
  'customer-selected',
  'customer-user-selected',
  'ticket-selected',
  'ticket-search-requested',
  'ticket-create-requested',
  'layout-changed',
  'settings-saved',
  'customer-user-saved',
  'customer-user-form-cancelled',
  'customer-search-closed',
  'cic-auth-required',
];

declare global {
  // Also what HTMLElementEventMap, DocumentEventMap and WindowEventMap extend: typed everywhere.
  interface GlobalEventHandlersEventMap {
    'settings-saved': CustomEvent<SettingsSavedDetail>;
    'customer-user-saved': CustomEvent<CustomerUserSavedDetail>;
    'customer-user-form-cancelled': CustomEvent<undefined>;
    'customer-search-closed': CustomEvent<undefined>;
    'customer-selected': CustomEvent<CustomerSelectedDetail>;
    'customer-user-selected': CustomEvent<CustomerUserSelectedDetail>;
    'ticket-selected': CustomEvent<TicketSelectedDetail>;
    'ticket-search-requested': CustomEvent<TicketSearchRequestedDetail>;
    'ticket-create-requested': CustomEvent<TicketCreateRequestedDetail>;
    'layout-changed': CustomEvent<LayoutChangedDetail>;
    'cic-auth-required': CustomEvent<AuthRequiredDetail>;
  }
}

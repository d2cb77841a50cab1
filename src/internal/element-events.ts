// Generated from custom-elements.json by scripts/framework-types.mjs (npm run analyze); do not edit.
// test/node/react-entries.test.ts fails when it no longer matches the elements' @fires.

/** The events that can reach each element's host. */
export interface ElementEvents {
  'company-status-widget': 'ticket-search-requested';
  'customer-health-widget': never;
  'customer-history-widget': never;
  'customer-ids-widget': 'customer-selected' | 'ticket-search-requested';
  'customer-information-center': 'customer-search-closed' | 'customer-selected' | 'customer-user-form-cancelled' | 'customer-user-saved' | 'customer-user-selected' | 'layout-changed' | 'settings-saved' | 'ticket-create-requested' | 'ticket-search-requested' | 'ticket-selected';
  'customer-information-widget': never;
  'customer-search-dialog': 'customer-search-closed' | 'customer-selected';
  'customer-user-form': 'customer-user-form-cancelled' | 'customer-user-saved';
  'customer-user-information-center': 'customer-search-closed' | 'customer-selected' | 'layout-changed' | 'settings-saved' | 'ticket-search-requested' | 'ticket-selected';
  'customer-user-information-widget': never;
  'customer-users-widget': 'customer-user-form-cancelled' | 'customer-user-saved' | 'customer-user-selected' | 'ticket-create-requested' | 'ticket-search-requested';
  'recent-tickets-widget': 'ticket-selected';
  'settings-widget': 'settings-saved';
  'ticket-list-widget': 'ticket-selected';
  'ticket-statistics-widget': 'ticket-search-requested';
}

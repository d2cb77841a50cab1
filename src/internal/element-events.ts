// Generated from custom-elements.json by scripts/framework-types.mjs (npm run analyze); do not edit.
// test/node/react-entries.test.ts fails when it no longer matches the elements' @fires.

/** The events that can reach each element's host. */
export interface ElementEvents {
  'company-status-widget': 'cic-auth-required' | 'ticket-search-requested';
  'customer-health-widget': 'cic-auth-required';
  'customer-history-widget': 'cic-auth-required';
  'customer-ids-widget': 'cic-auth-required' | 'customer-selected' | 'ticket-search-requested';
  'customer-information-center': 'cic-auth-required' | 'customer-search-closed' | 'customer-selected' | 'customer-user-form-cancelled' | 'customer-user-saved' | 'customer-user-selected' | 'layout-changed' | 'settings-saved' | 'ticket-create-requested' | 'ticket-search-requested' | 'ticket-selected';
  'customer-information-widget': 'cic-auth-required';
  'customer-search-dialog': 'cic-auth-required' | 'customer-search-closed' | 'customer-selected';
  'customer-user-form': 'cic-auth-required' | 'customer-user-form-cancelled' | 'customer-user-saved';
  'customer-user-information-center': 'cic-auth-required' | 'customer-search-closed' | 'customer-selected' | 'layout-changed' | 'settings-saved' | 'ticket-search-requested' | 'ticket-selected';
  'customer-user-information-widget': 'cic-auth-required';
  'customer-users-widget': 'cic-auth-required' | 'customer-user-form-cancelled' | 'customer-user-saved' | 'customer-user-selected' | 'ticket-create-requested' | 'ticket-search-requested';
  'recent-tickets-widget': 'cic-auth-required' | 'ticket-selected';
  'settings-widget': 'settings-saved';
  'ticket-list-widget': 'cic-auth-required' | 'ticket-selected';
  'ticket-statistics-widget': 'cic-auth-required' | 'ticket-search-requested';
}

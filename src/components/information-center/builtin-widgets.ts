import type { TicketView } from '../../data/contract/types.js';
import { viewLabel } from '../../internal/labels.js';
import { msg } from '../../internal/localize.js';
import { ticketListKey } from '../ticket-list-widget/settings-key.js';
import type { WidgetDefinition } from './widget-registry.js';

/** Widget definitions the two centers share. */
export const builtInWidget = {
  /** A list of tickets in one situation: a customer's, or (`forUser`) a customer user's. */
  tickets: (view: TicketView, forUser = false): WidgetDefinition => ({
    id: `${view}-tickets`, tag: 'ticket-list-widget', title: () => viewLabel(view), region: 'main', attributes: { view }, changes: ['ticket'],
    preferences: [ticketListKey(view, forUser)],
  }),
  settings: (): WidgetDefinition => ({
    id: 'settings', tag: 'settings-widget', title: () => msg('Settings'), region: 'sidebar', mandatory: true, changes: [],
  }),
  customerInformation: (): WidgetDefinition => ({
    id: 'customer-information', tag: 'customer-information-widget', title: () => msg('Customer Information'), region: 'sidebar', changes: ['customer'],
  }),
  recentTickets: (): WidgetDefinition => ({
    id: 'recent-tickets', tag: 'recent-tickets-widget', title: () => msg('Recent Tickets'), region: 'sidebar', hiddenByDefault: true, changes: ['ticket'],
  }),
  ticketStatistics: (): WidgetDefinition => ({
    id: 'ticket-statistics', tag: 'ticket-statistics-widget', title: () => msg('Ticket Statistics'), region: 'main',
    hiddenByDefault: true, requires: ['getTicketStatistics'], changes: ['ticket'],
  }),
  customerHistory: (): WidgetDefinition => ({
    id: 'customer-history', tag: 'customer-history-widget', title: () => msg('History and Notes'), region: 'main',
    hiddenByDefault: true, requires: ['listCustomerHistory'], changes: ['history', 'ticket'],
  }),
  customerHealth: (): WidgetDefinition => ({
    id: 'customer-health', tag: 'customer-health-widget', title: () => msg('Customer Health'), region: 'sidebar',
    hiddenByDefault: true, requires: ['getCustomerHealth'], changes: ['ticket'],
  }),
};

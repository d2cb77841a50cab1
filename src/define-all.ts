import { CompanyStatusWidget } from './components/company-status-widget/company-status-widget.js';
import { CustomerInformationCenter } from './components/customer-information-center/customer-information-center.js';
import { CustomerIdsWidget } from './components/customer-ids-widget/customer-ids-widget.js';
import { CustomerUserInformationCenter } from './components/customer-user-information-center/customer-user-information-center.js';
import { CustomerUserInformationWidget } from './components/customer-user-information-widget/customer-user-information-widget.js';
import { CustomerInformationWidget } from './components/customer-information-widget/customer-information-widget.js';
import { CustomerSearchDialog } from './components/customer-search-dialog/customer-search-dialog.js';
import { CustomerUserForm } from './components/customer-user-form/customer-user-form.js';
import { CustomerUsersWidget } from './components/customer-users-widget/customer-users-widget.js';
import { SettingsWidget } from './components/settings-widget/settings-widget.js';
import { TicketListWidget } from './components/ticket-list-widget/ticket-list-widget.js';
import { CustomerHealthWidget } from './components/customer-health-widget/customer-health-widget.js';
import { CustomerHistoryWidget } from './components/customer-history-widget/customer-history-widget.js';
import { RecentTicketsWidget } from './components/recent-tickets-widget/recent-tickets-widget.js';
import { TicketStatisticsWidget } from './components/ticket-statistics-widget/ticket-statistics-widget.js';
import { defineElement, type DefineOptions } from './internal/define-element.js';

// The one list of the elements: what each renders is its class's `dependencies` (under the
// same tags), the DOM's tag map is made from it, and the entry tests check the per-element
// entry points (`components/<tag>/define.ts`, `react/<tag>.ts`) and the React entry against it.
// Its type is inferred, never annotated or `satisfies`-checked: the tag map is made from that
// type, and the elements' own types use the tag map, so a check of the classes here is circular.
/** Every element of the library under its default tag. */
export const ELEMENTS = {
  'customer-information-center': CustomerInformationCenter,
  'customer-search-dialog': CustomerSearchDialog,
  'customer-users-widget': CustomerUsersWidget,
  'customer-user-form': CustomerUserForm,
  'ticket-list-widget': TicketListWidget,
  'company-status-widget': CompanyStatusWidget,
  'customer-information-widget': CustomerInformationWidget,
  'settings-widget': SettingsWidget,
  'customer-user-information-center': CustomerUserInformationCenter,
  'customer-ids-widget': CustomerIdsWidget,
  'customer-user-information-widget': CustomerUserInformationWidget,
  'recent-tickets-widget': RecentTicketsWidget,
  'ticket-statistics-widget': TicketStatisticsWidget,
  'customer-health-widget': CustomerHealthWidget,
  'customer-history-widget': CustomerHistoryWidget,
};

/**
 * Registers every element under its default tag, or with `prefix` before it (`acme-` →
 * `<acme-customer-information-center>`); tags already taken are left alone, with a warning.
 */
export function defineAll(options: DefineOptions = {}): void {
  const prefix = options.prefix ?? '';
  for (const [tag, constructor] of Object.entries(ELEMENTS)) defineElement(prefix + tag, constructor, { prefix });
}

type ElementsByTag = { [Tag in keyof typeof ELEMENTS]: InstanceType<(typeof ELEMENTS)[Tag]> };

declare global {
  // Merged into the DOM's tag map (so an interface, empty): its members come from the list above.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementTagNameMap extends ElementsByTag {}
}

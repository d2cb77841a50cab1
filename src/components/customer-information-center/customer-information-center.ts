import { property } from 'lit/decorators.js';
import type { Customer } from '../../data/contract/types.js';
import type { CustomerSelectedDetail } from '../../events.js';
import { builtInWidget } from '../information-center/builtin-widgets.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomer } from '../../internal/shared-request.js';
import { InformationCenter } from '../information-center/information-center.js';
import type { SubjectIds } from '../../internal/context.js';
import { msg } from '../../internal/localize.js';
import type { WidgetDefinition } from '../information-center/widget-registry.js';
import { CompanyStatusWidget } from '../company-status-widget/company-status-widget.js';
import { CustomerInformationWidget } from '../customer-information-widget/customer-information-widget.js';
import { CUSTOMER_USERS_PAGE_SIZE_KEY, CustomerUsersWidget } from '../customer-users-widget/customer-users-widget.js';
import { SettingsWidget } from '../settings-widget/settings-widget.js';
import { TicketListWidget } from '../ticket-list-widget/ticket-list-widget.js';
import { CustomerHealthWidget } from '../customer-health-widget/customer-health-widget.js';
import { CustomerHistoryWidget } from '../customer-history-widget/customer-history-widget.js';
import { RecentTicketsWidget } from '../recent-tickets-widget/recent-tickets-widget.js';
import { TicketStatisticsWidget } from '../ticket-statistics-widget/ticket-statistics-widget.js';

/** The built-in widgets of the customer center, in their default order. */
export function customerCenterWidgets(): WidgetDefinition[] {
  return [
    {
      id: 'customer-users', tag: 'customer-users-widget', title: () => msg('Customer Users'), region: 'main', changes: ['customer-user', 'ticket'],
      preferences: [CUSTOMER_USERS_PAGE_SIZE_KEY],
    },
    ...(['reminder', 'escalated', 'new', 'open'] as const).map((view) => builtInWidget.tickets(view)),
    builtInWidget.settings(),
    { id: 'company-status', tag: 'company-status-widget', title: () => msg('Company Status'), region: 'sidebar', changes: ['ticket'] },
    builtInWidget.customerInformation(),
    builtInWidget.ticketStatistics(),
    builtInWidget.customerHistory(),
    builtInWidget.recentTickets(),
    builtInWidget.customerHealth(),
  ];
}

/**
 * Everything about one customer: its users, its tickets by situation, counts and details,
 * as widgets the agent arranges. Without a customer id it shows an empty
 * state and opens the search.
 *
 * @summary The Customer Information Center: a dashboard of widgets for one customer.
 * @tag customer-information-center
 *
 * @fires customer-selected - Bubbles from the search dialog; cancel it to keep this center from opening that customer.
 */
export class CustomerInformationCenter extends InformationCenter<Customer> {
  static override dependencies = {
    ...InformationCenter.dependencies,
    'customer-users-widget': CustomerUsersWidget,
    'ticket-list-widget': TicketListWidget,
    'settings-widget': SettingsWidget,
    'company-status-widget': CompanyStatusWidget,
    'customer-information-widget': CustomerInformationWidget,
    'recent-tickets-widget': RecentTicketsWidget,
    'ticket-statistics-widget': TicketStatisticsWidget,
    'customer-health-widget': CustomerHealthWidget,
    'customer-history-widget': CustomerHistoryWidget,
  };

  /** The customer to show (exact id). Without one, the center shows an empty state and opens the search. */
  @property({ attribute: 'customer-id' }) customerId = '';

  protected readonly centerKind = 'customer';
  protected readonly layoutKey = 'layout:customer-information-center';

  protected readonly subject = new DataController<Customer | undefined, [string]>(this, {
    args: () => [this.customerId],
    ready: ([id]) => id !== '',
    load: (source, [id], signal) => loadCustomer(source, id, signal),
  });

  protected get subjectId(): string {
    return this.customerId;
  }

  protected subjectName(customer: Customer): string | undefined {
    return customer.name;
  }

  protected builtInWidgets(): WidgetDefinition[] {
    return customerCenterWidgets();
  }

  protected subjectIds(): SubjectIds {
    return { customerId: this.customerId };
  }

  protected openSelection(detail: CustomerSelectedDetail): void {
    this.customerId = detail.customerId;
  }

  protected emptyText(): string {
    return msg('No customer selected.');
  }
}

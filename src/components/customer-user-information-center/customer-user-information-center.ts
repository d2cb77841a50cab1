import { property } from 'lit/decorators.js';
import type { CustomerUser } from '../../data/contract/types.js';
import type { CustomerSelectedDetail } from '../../events.js';
import { builtInWidget } from '../information-center/builtin-widgets.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomerUser } from '../../internal/shared-request.js';
import { fullName } from '../../internal/format.js';
import { InformationCenter } from '../information-center/information-center.js';
import type { SubjectIds } from '../../internal/context.js';
import { msg } from '../../internal/localize.js';
import type { WidgetDefinition } from '../information-center/widget-registry.js';
import { CustomerIdsWidget } from '../customer-ids-widget/customer-ids-widget.js';
import { CustomerInformationWidget } from '../customer-information-widget/customer-information-widget.js';
import { CustomerUserInformationWidget } from '../customer-user-information-widget/customer-user-information-widget.js';
import { SettingsWidget } from '../settings-widget/settings-widget.js';
import { TicketListWidget } from '../ticket-list-widget/ticket-list-widget.js';
import { RecentTicketsWidget } from '../recent-tickets-widget/recent-tickets-widget.js';
import { TicketStatisticsWidget } from '../ticket-statistics-widget/ticket-statistics-widget.js';

/** The built-in widgets of the customer-user center, in their default order. */
export function customerUserCenterWidgets(): WidgetDefinition[] {
  return [
    ...(['reminder', 'escalated', 'new', 'open', 'closed'] as const).map((view) => builtInWidget.tickets(view, true)),
    builtInWidget.settings(),
    { id: 'customer-ids', tag: 'customer-ids-widget', title: () => msg('Customer IDs'), region: 'sidebar', changes: ['customer-user', 'ticket'] },
    {
      id: 'customer-user-information', tag: 'customer-user-information-widget',
      title: () => msg('Customer User Information'), region: 'sidebar', changes: ['customer-user'],
    },
    builtInWidget.customerInformation(),
    builtInWidget.recentTickets(),
    builtInWidget.ticketStatistics(),
  ];
}

/**
 * The same dashboard for one customer user: the user's customer ids with
 * counts, the ticket lists (with Closed Tickets and the choice of the user's own tickets or
 * all tickets of the user's customers), the user's details and the primary customer's.
 *
 * @summary The Customer User Information Center: a dashboard of widgets for one customer user.
 * @tag customer-user-information-center
 *
 * @fires customer-selected - A customer was picked (search or customer ids); cancel it to keep this center as it is.
 */
export class CustomerUserInformationCenter extends InformationCenter<CustomerUser> {
  static override dependencies = {
    ...InformationCenter.dependencies,
    'ticket-list-widget': TicketListWidget,
    'settings-widget': SettingsWidget,
    'customer-ids-widget': CustomerIdsWidget,
    'customer-user-information-widget': CustomerUserInformationWidget,
    'customer-information-widget': CustomerInformationWidget,
    'recent-tickets-widget': RecentTicketsWidget,
    'ticket-statistics-widget': TicketStatisticsWidget,
  };

  /** The customer user to show. Without one, the center shows an empty state and opens the search. */
  @property({ attribute: 'customer-user-login' }) customerUserLogin = '';

  protected readonly centerKind = 'customer-user';
  protected readonly layoutKey = 'layout:customer-user-information-center';

  protected readonly subject = new DataController<CustomerUser | undefined, [string]>(this, {
    args: () => [this.customerUserLogin],
    ready: ([login]) => login !== '',
    load: (source, [login], signal) => loadCustomerUser(source, login, signal),
  });

  protected get subjectId(): string {
    return this.customerUserLogin;
  }

  protected subjectName(user: CustomerUser): string {
    return fullName(user);
  }

  protected builtInWidgets(): WidgetDefinition[] {
    return customerUserCenterWidgets();
  }

  /** The login, and the user's primary customer once the user has loaded (never the previous user's). */
  protected subjectIds(): SubjectIds {
    return { customerUserLogin: this.customerUserLogin, customerId: this.subject.currentValue?.customerId ?? '' };
  }

  protected openSelection(detail: CustomerSelectedDetail): void {
    if (detail.customerUserLogin) this.customerUserLogin = detail.customerUserLogin;
  }

  protected emptyText(): string {
    return msg('No customer user selected.');
  }
}

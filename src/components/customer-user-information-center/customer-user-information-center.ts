import { property } from 'lit/decorators.js';
import type { CustomerUser } from '../../data/types.js';
import type { CustomerSelectedDetail } from '../../events.js';
import { builtInWidget } from '../../internal/builtin-widgets.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomerUser } from '../../internal/shared-request.js';
import { fullName } from '../../internal/format.js';
import { InformationCenter } from '../../internal/information-center.js';
import { msg } from '../../internal/localize.js';
import type { WidgetDefinition } from '../../internal/widget-registry.js';

/** The built-in widgets of the customer-user center, in their default order. */
export function customerUserCenterWidgets(): WidgetDefinition[] {
  return [
    ...(['reminder', 'escalated', 'new', 'open', 'closed'] as const).map(builtInWidget.tickets),
    builtInWidget.settings(),
    { id: 'customer-ids', tag: 'customer-ids-widget', title: () => msg('Customer IDs'), region: 'sidebar' },
    {
      id: 'customer-user-information', tag: 'customer-user-information-widget',
      title: () => msg('Customer User Information'), region: 'sidebar',
    },
    builtInWidget.customerInformation(),
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

  /** Every widget gets the login; those about a customer get the user's primary customer. */
  protected configureWidget(element: HTMLElement): void {
    const widget = element as HTMLElement & { customerUserLogin?: string; customerId?: string };
    if (widget.customerUserLogin !== this.customerUserLogin) widget.customerUserLogin = this.customerUserLogin;
    const customerId = this.subject.currentValue?.customerId ?? '';
    if (widget.localName === 'customer-information-widget' && widget.customerId !== customerId) {
      widget.customerId = customerId;
    }
  }

  protected openSelection(detail: CustomerSelectedDetail): void {
    if (detail.customerUserLogin) this.customerUserLogin = detail.customerUserLogin;
  }

  protected emptyText(): string {
    return msg('No customer user selected.');
  }
}

import { property } from 'lit/decorators.js';
import type { Customer } from '../../data/types.js';
import type { CustomerSelectedDetail } from '../../events.js';
import { builtInWidget } from '../../internal/builtin-widgets.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomer } from '../../internal/shared-request.js';
import { InformationCenter } from '../../internal/information-center.js';
import { msg } from '../../internal/localize.js';
import type { WidgetDefinition } from '../../internal/widget-registry.js';

/** The built-in widgets of the customer center, in their default order. */
export function customerCenterWidgets(): WidgetDefinition[] {
  return [
    { id: 'customer-users', tag: 'customer-users-widget', title: () => msg('Customer Users'), region: 'main' },
    ...(['reminder', 'escalated', 'new', 'open'] as const).map(builtInWidget.tickets),
    builtInWidget.settings(),
    { id: 'company-status', tag: 'company-status-widget', title: () => msg('Company Status'), region: 'sidebar' },
    builtInWidget.customerInformation(),
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

  protected configureWidget(element: HTMLElement): void {
    const widget = element as HTMLElement & { customerId?: string };
    if (widget.customerId !== this.customerId) widget.customerId = this.customerId;
  }

  protected openSelection(detail: CustomerSelectedDetail): void {
    this.customerId = detail.customerId;
  }

  protected emptyText(): string {
    return msg('No customer selected.');
  }
}

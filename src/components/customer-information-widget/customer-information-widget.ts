import { TaskStatus } from '@lit/task';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Customer } from '../../data/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomer } from '../../internal/shared-request.js';
import { msg } from '../../internal/localize.js';
import { customFields, field, formatAddress, invalidBadge, webLink } from '../../internal/record-fields.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { recordStyles } from '../../internal/record.styles.js';

/**
 * The customer's record: name, address, URL, comment and custom fields; an
 * invalid customer is marked. The widget hides itself (the `hidden` attribute, which the
 * container honours for the whole card) when the customer has no record.
 *
 * @summary The details of a customer.
 * @tag customer-information-widget
 *
 * @csspart invalid - The mark of an invalid customer.
 * @csspart url - The customer's web address (a link that opens a new tab, http and https only).
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 */
export class CustomerInformationWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, recordStyles];

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';

  private readonly customer = new DataController<Customer | undefined, [string]>(this, {
    args: () => [this.subjectValue('customerId', this.customerId)],
    ready: ([id]) => id !== '',
    load: (source, [id], signal) => loadCustomer(source, id, signal),
  });

  protected override updated(): void {
    this.toggleAttribute('hidden', this.customer.status === TaskStatus.COMPLETE && this.customer.value === undefined);
  }

  override render() {
    return this.customer.render({ complete: (customer) => (customer ? this.renderCustomer(customer) : '') });
  }

  private renderCustomer(customer: Customer) {
    return html`${invalidBadge(customer.valid)}
      <dl>
        ${field(msg('Name'), customer.name)} ${field(msg('Customer ID'), customer.id)}
        ${field(msg('Address'), formatAddress(customer))} ${field(msg('URL'), webLink(customer.url))}
        ${field(msg('Comment'), customer.comment)} ${customFields(customer.customFields)}
      </dl>`;
  }
}

import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { CustomerUser } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomerUser } from '../../internal/shared-request.js';
import { fullName } from '../../internal/format.js';
import { msg } from '../../internal/localize.js';
import { contactFields, field, formatAddress, invalidBadge } from '../../internal/record-fields.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { recordStyles } from '../../internal/record.styles.js';

/**
 * A customer user's own fields: name, login, email, phone, address, customer
 * ids, comment; an invalid user is marked.
 *
 * @summary The details of a customer user.
 * @tag customer-user-information-widget
 *
 * @csspart fields - The record's fields (a `<dl>`: each label a `<dt>`, its value a `<dd>`).
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart invalid - The mark of an invalid customer user.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @csspart empty - Shown for an unknown login.
 */
export class CustomerUserInformationWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, recordStyles];

  /** The customer user to show. */
  @property({ attribute: 'customer-user-login' }) customerUserLogin = '';

  private readonly user = new DataController<CustomerUser | undefined, [string]>(this, {
    args: () => [this.subjectValue('customerUserLogin', this.customerUserLogin)],
    ready: ([login]) => login !== '',
    isEmpty: (user) => user === undefined,
    load: (source, [login], signal) => loadCustomerUser(source, login, signal),
  });

  override render() {
    return this.user.render({ complete: (user) => (user ? this.renderUser(user) : '') });
  }

  private renderUser(user: CustomerUser) {
    return html`${invalidBadge(user.valid)}
      <dl part="fields">
        ${field(msg('Name'), [user.title, fullName(user)].filter(Boolean).join(' '))} ${field(msg('Login'), user.login)}
        ${contactFields(user)} ${field(msg('Address'), formatAddress(user))}
        ${field(msg('Customer ID'), user.customerId)}
        ${field(msg('Secondary customer IDs'), user.secondaryCustomerIds?.join(', '))} ${field(msg('Comment'), user.comment)}
      </dl>`;
  }
}

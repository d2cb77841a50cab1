import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { CustomerUser, OpenClosedCounts } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { renderCount } from '../../internal/count-link.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomerUser } from '../../internal/shared-request.js';
import { emit } from '../../internal/events.js';
import { listStyles } from '../../internal/list.styles.js';
import { msg } from '../../internal/localize.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { fillUrlTemplate } from '../../internal/url.js';
import { styles } from './customer-ids-widget.styles.js';

interface CustomerIds {
  ids: { id: string; primary: boolean }[];
  counts: Record<string, OpenClosedCounts>;
}

/**
 * The customers of a customer user: the primary and any secondary ones, each
 * with its open and closed ticket counts (one batched call) and a way to its center.
 *
 * @summary The customer ids of a customer user, with ticket counts.
 * @tag customer-ids-widget
 *
 * @fires customer-selected - A customer id was activated (when no URL template is set): `{customerId}`.
 * @fires ticket-search-requested - A count was activated: `{customerId, status}`.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart table - The table of customer ids.
 * @csspart count - Each count.
 * @csspart loading - The loading state.
 * @csspart error - The error state.
 * @csspart retry-button - Retry, in the error state.
 */
export class CustomerIdsWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, styles];

  /** The customer user whose customers to show. */
  @property({ attribute: 'customer-user-login' }) customerUserLogin = '';
  /** Makes customer ids links: `{customerId}` is replaced (URL-encoded). */
  @property({ attribute: 'customer-url-template' }) customerUrlTemplate = '';
  /** Makes counts links: `{customerId}` and `{status}` are replaced. */
  @property({ attribute: 'ticket-search-url-template' }) ticketSearchUrlTemplate = '';

  private readonly data = new DataController<CustomerIds, [string]>(this, {
    args: () => [this.subjectValue('customerUserLogin', this.customerUserLogin)],
    ready: ([login]) => login !== '',
    isEmpty: (value) => value.ids.length === 0,
    load: async (source, [login], signal) => {
      const user: CustomerUser | undefined = await loadCustomerUser(source, login, signal);
      if (!user) return { ids: [], counts: {} };
      const ids = [user.customerId, ...(user.secondaryCustomerIds ?? []).filter((id) => id !== user.customerId)];
      const counts = await source.countTicketsByCustomer(ids, { signal });
      return { ids: ids.map((id, index) => ({ id, primary: index === 0 })), counts };
    },
  });

  override render() {
    return this.data.render({
      complete: ({ ids, counts }) => html`<table part="table">
        <thead>
          <tr>
            <th scope="col">${msg('Customer ID')}</th>
            <th scope="col" class="number">${msg('Open')}</th>
            <th scope="col" class="number">${msg('Closed')}</th>
          </tr>
        </thead>
        <tbody>
          ${ids.map(({ id, primary }) => html`<tr>
            <td>${this.renderId(id)} <span class="kind">${primary ? msg('primary') : msg('secondary')}</span></td>
            ${(['open', 'closed'] as const).map((status) => html`<td class="number">
              ${renderCount(this, counts[id]?.[status] ?? 0, { customerId: id, status }, this.ticketSearchUrlTemplate,
                `${status === 'open' ? msg('Open tickets') : msg('Closed tickets')} – ${id}`)}
            </td>`)}
          </tr>`)}
        </tbody>
      </table>`,
    });
  }

  private renderId(customerId: string) {
    const href = fillUrlTemplate(this.customerUrlTemplate, { customerId });
    return href
      ? html`<a href=${href}>${customerId}</a>`
      : html`<button class="link" type="button" @click=${() => emit(this, 'customer-selected', { customerId })}>
          ${customerId}
        </button>`;
  }
}

import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { STATE_CATEGORIES, type CompanyStatus, type TicketSearchCriteria } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { renderCount } from '../../internal/count-link.js';
import { categoryLabel } from '../../internal/labels.js';
import { msg } from '../../internal/localize.js';
import { recordStyles } from '../../internal/record.styles.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { styles } from './company-status-widget.styles.js';

/**
 * The customer's ticket counts: escalated, open, closed and all, then one count per state
 * category, all from one data-source call.
 *
 * @summary Ticket counts of a customer by status.
 * @tag company-status-widget
 *
 * @fires ticket-search-requested - A count was activated: the criteria of its tickets (`{customerId, status | category}`).
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart count - Each count (a link or a button).
 * @csspart empty - The "none" state: the customer has no tickets.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 */
export class CompanyStatusWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, recordStyles, styles];

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /**
   * Makes counts links: `{customerId}`, `{status}` and `{category}` are replaced (URL-encoded).
   */
  @property({ attribute: 'ticket-search-url-template' }) ticketSearchUrlTemplate = '';

  private readonly status = new DataController<CompanyStatus, [string]>(this, {
    args: () => [this.subjectValue('customerId', this.customerId)],
    ready: ([id]) => id !== '',
    isEmpty: (status) => status.all === 0,
    load: (source, [id], signal) => source.getCompanyStatus(id, { signal }),
  });

  override render() {
    return this.status.render({ complete: (status) => this.renderStatus(status) });
  }

  private renderStatus(status: CompanyStatus) {
    const customerId = this.subjectValue('customerId', this.customerId);
    const rows: [string, number, TicketSearchCriteria][] = [
      [msg('Escalated tickets'), status.escalated, { customerId, status: 'escalated' }],
      [msg('Open tickets'), status.open, { customerId, status: 'open' }],
      [msg('Closed tickets'), status.closed, { customerId, status: 'closed' }],
      [msg('All tickets'), status.all, { customerId, status: 'all' }],
    ];
    const categories = STATE_CATEGORIES.filter((category) => status.byCategory[category] !== undefined);
    return html`<dl>
        ${rows.map(([label, count, criteria]) => this.renderRow(label, count, criteria))}
      </dl>
      ${categories.length
        ? html`<dl class="categories" aria-label=${msg('By state')}>
            ${categories.map((category) =>
              this.renderRow(categoryLabel(category), status.byCategory[category]!, { customerId, category }),
            )}
          </dl>`
        : ''}`;
  }

  private renderRow(label: string, count: number, criteria: TicketSearchCriteria) {
    return html`<dt>${label}</dt>
      <dd>${renderCount(this, count, criteria, this.ticketSearchUrlTemplate, label)}</dd>`;
  }
}

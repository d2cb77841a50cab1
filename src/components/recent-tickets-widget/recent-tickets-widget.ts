import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Ticket, TicketScope, TicketSort } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { emit } from '../../internal/events.js';
import { formatDateTime, formatRelative } from '../../internal/format.js';
import { msg } from '../../internal/localize.js';
import { listStyles } from '../../internal/list.styles.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { fillUrlTemplate } from '../../internal/url.js';
import { styles } from './recent-tickets-widget.styles.js';

/**
 * The most recently changed tickets of a customer (or of a customer user, in the customer
 * user center): number, title, state and when each changed, from one data-source call.
 * Activating a ticket fires `ticket-selected`; with a URL template the ticket is also a
 * link, so that ctrl- or middle-click opens it in a new tab (cancel the event to stay).
 *
 * @summary The five most recently changed tickets.
 * @tag recent-tickets-widget
 *
 * @fires ticket-selected - A ticket was activated: `{ticketId}`. Cancelable: cancelling keeps a link from being followed.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart list - The list of tickets.
 * @csspart ticket - Each ticket.
 * @csspart ticket-link - The ticket's number and title (a link or a button).
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @csspart empty - The "none" state.
 */
export class RecentTicketsWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, styles];

  /** The customer whose tickets to show (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** Shows this customer user's tickets instead of a customer's. */
  @property({ attribute: 'customer-user-login' }) customerUserLogin = '';
  /** How many tickets (1–20, default 5). */
  @property({ type: Number }) limit = 5;
  /** Makes tickets links: `{id}` and `{number}` are replaced (URL-encoded). */
  @property({ attribute: 'ticket-url-template' }) ticketUrlTemplate = '';

  private get scope(): TicketScope | undefined {
    return this.ticketScope(this);
  }

  private get size(): number {
    return Math.min(20, Math.max(1, Math.floor(Number(this.limit)) || 5));
  }

  /** By last change; by creation when the source cannot sort by change. */
  private get sort(): TicketSort {
    const sorts = this.effectiveDataSource?.capabilities.ticketSorts ?? [];
    return { field: sorts.includes('changed') ? 'changed' : 'created', direction: 'desc' };
  }

  private readonly tickets = new DataController<Ticket[], [TicketScope | undefined, number, TicketSort['field']]>(this, {
    args: () => [this.scope, this.size, this.sort.field],
    ready: ([scope]) => scope !== undefined,
    isEmpty: (tickets) => tickets.length === 0,
    load: async (source, [scope, size, field], signal) =>
      (await source.listTickets(scope!, { view: 'all', filter: 'all', sort: { field, direction: 'desc' }, page: { size }, signal })).items,
  });

  override render() {
    return this.tickets.render({ complete: (tickets) => this.renderList(tickets) });
  }

  private renderList(tickets: Ticket[]) {
    const now = this.effectiveDataSource?.now?.() ?? new Date();
    return html`<ol part="list">
      ${tickets.map((ticket) => {
        const when = ticket.changedAt ?? ticket.createdAt;
        return html`<li part="ticket">
          ${this.renderLink(ticket)}
          <span class="meta">
            <span class="ticket-state">${ticket.state}</span>
            <time datetime=${when} title=${formatDateTime(when)}>${formatRelative(when, now)}</time>
          </span>
        </li>`;
      })}
    </ol>`;
  }

  private renderLink(ticket: Ticket) {
    const label = html`<span class="number">${ticket.number}</span> <span class="title">${ticket.title || msg('(no title)')}</span>`;
    const href = fillUrlTemplate(this.ticketUrlTemplate, { id: ticket.id, number: ticket.number });
    const select = (event: Event) => {
      if (!emit(this, 'ticket-selected', { ticketId: ticket.id }, { cancelable: true })) event.preventDefault();
    };
    return href
      ? html`<a part="ticket-link" href=${href} @click=${select}>${label}</a>`
      : html`<button class="link" part="ticket-link" type="button" @click=${select}>${label}</button>`;
  }
}

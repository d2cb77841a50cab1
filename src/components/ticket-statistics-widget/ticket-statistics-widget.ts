import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { QueueTicketCounts, TicketScope, TicketSearchCriteria, TicketStatistics } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { renderCount } from '../../internal/count-link.js';
import { DataController } from '../../internal/data-controller.js';
import { statisticsMonths } from '../../data/rules/ticket-statistics.js';
import { emit } from '../../internal/events.js';
import { formatMonth, formatNumber, formatPercent } from '../../internal/format.js';
import { msg, str } from '../../internal/localize.js';
import { listStyles } from '../../internal/list.styles.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { fillUrlTemplate } from '../../internal/url.js';
import { styles } from './ticket-statistics-widget.styles.js';

type Status = 'open' | 'closed';

const RADIUS = 15.9155; // a circumference of 100: dash lengths are percentages
const COLOURS = 6;

/**
 * A customer's tickets by queue, open and closed, as two donut charts, and created vs closed
 * per month as bars — from one data-source call. Every segment can be focused (queue, count
 * and share are then shown) and activated (`ticket-search-requested` with the queue's
 * criteria); every chart has a table alternative and a text summary.
 *
 * @summary Open and closed tickets by queue, and created vs closed per month.
 * @tag ticket-statistics-widget
 *
 * @fires ticket-search-requested - A segment was activated: `{customerId | customerUserLogin, status, queueId}`.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart summary - The text summary.
 * @csspart chart - Each chart (the two donuts and the bars).
 * @csspart segment - Each donut segment (focusable; inside a link when `ticket-search-url-template` is set).
 * @csspart bar - Each bar (`bar created`, `bar closed`).
 * @csspart table - The tables shown instead of the charts.
 * @csspart count - Each count in the table by queue (a link or a button).
 * @csspart toggle - The button that switches between charts and tables.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @csspart empty - The "none" state.
 * @cssprop --cic-color-chart-1 - The first of six chart colours (`--cic-color-chart-1` … `-6`).
 */
export class TicketStatisticsWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, styles];

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** Shows this customer user's tickets instead. */
  @property({ attribute: 'customer-user-login' }) customerUserLogin = '';
  /** Months of the created vs closed bars, the current one last (1–36, else 12). */
  @property({ type: Number }) months = 12;
  /** Makes segments links: `{customerId}`, `{customerUserLogin}`, `{status}` and `{queueId}` are replaced. */
  @property({ attribute: 'ticket-search-url-template' }) ticketSearchUrlTemplate = '';
  /** Shows tables instead of charts. */
  @property({ type: Boolean, reflect: true, attribute: 'show-tables' }) showTables = false;

  /** The segment under the pointer or the focus: its description. */
  @state() private active = '';

  private get scope(): TicketScope | undefined {
    return this.ticketScope(this);
  }

  private get monthCount(): number {
    return statisticsMonths(this.months);
  }

  private readonly statistics = new DataController<TicketStatistics, [TicketScope | undefined, number]>(this, {
    args: () => [this.scope, this.monthCount],
    ready: ([scope]) => scope !== undefined,
    isEmpty: ({ byQueue, monthly }) => byQueue.length === 0 && monthly.every((m) => m.created === 0 && m.closed === 0),
    load: (source, [scope, months], signal) => {
      if (!source.getTicketStatistics) throw new Error(msg('This data source has no ticket statistics.'));
      return source.getTicketStatistics(scope!, { months, signal });
    },
  });

  override render() {
    return this.statistics.render({ complete: (statistics) => this.renderStatistics(statistics) });
  }

  private renderStatistics(statistics: TicketStatistics) {
    const open = sum(statistics.byQueue, 'open');
    const closed = sum(statistics.byQueue, 'closed');
    const created = statistics.monthly.reduce((n, m) => n + m.created, 0);
    const closedInMonths = statistics.monthly.reduce((n, m) => n + m.closed, 0);
    const months = statistics.monthly.length;
    return html`<p part="summary" class="summary">
        ${msg(str`${formatNumber(open)} open and ${formatNumber(closed)} closed tickets in ${formatNumber(statistics.byQueue.length)} queues.`)}
        ${msg(str`In the last ${formatNumber(months)} months: ${formatNumber(created)} created, ${formatNumber(closedInMonths)} closed.`)}
      </p>
      <button class="button" part="toggle" type="button" aria-pressed=${String(this.showTables)}
        @click=${() => (this.showTables = !this.showTables)}>${msg('Show as table')}</button>
      ${this.showTables ? this.renderTables(statistics) : this.renderCharts(statistics, open, closed)}`;
  }

  private renderCharts(statistics: TicketStatistics, open: number, closed: number) {
    return html`<div class="donuts">
        ${this.renderDonut(statistics.byQueue, 'open', open, msg('Open tickets by queue'))}
        ${this.renderDonut(statistics.byQueue, 'closed', closed, msg('Closed tickets by queue'))}
      </div>
      <p class="active" aria-live="polite">${this.active}</p>
      <ul class="legend">
        ${statistics.byQueue.map(
          (queue, index) => html`<li><span class="swatch" style="background: var(--_chart-${(index % COLOURS) + 1})"></span>${queueLabel(queue)}</li>`,
        )}
      </ul>
      ${this.renderBars(statistics)}`;
  }

  private renderDonut(queues: QueueTicketCounts[], status: Status, total: number, title: string) {
    let start = 0;
    const segments = queues.map((queue, index) => {
      const count = queue[status];
      if (!count) return nothing;
      const share = count / total;
      const description = msg(str`${queueLabel(queue)}: ${formatNumber(count)} (${formatPercent(share)})`);
      const offset = start;
      start += share * 100;
      const criteria = this.criteria(status, queue.queueId);
      const href = fillUrlTemplate(this.ticketSearchUrlTemplate, criteria as Record<string, string | undefined>);
      const show = () => (this.active = description);
      const ring = (interactive: boolean) => svg`<circle part="segment" class="segment" r=${RADIUS} cx="21" cy="21"
        style="stroke: var(--_chart-${(index % COLOURS) + 1})" stroke-dasharray="${share * 100} ${100 - share * 100}" stroke-dashoffset=${25 - offset}
        tabindex=${interactive ? '0' : nothing} role=${interactive ? 'button' : nothing} aria-label=${interactive ? description : nothing}
        @pointerenter=${show} @focus=${show} @click=${interactive ? () => this.search(criteria) : nothing}
        @keydown=${interactive ? (event: KeyboardEvent) => this.onSegmentKey(event, criteria) : nothing}></circle>`;
      // With a URL template a segment is a real link (new tab, middle click, the address in the status bar).
      return href ? svg`<a class="segment-link" href=${href} aria-label=${description} @focus=${show}>${ring(false)}</a>` : ring(true);
    });
    return html`<figure part="chart" class="donut">
      <svg viewBox="0 0 42 42" role="group" aria-label=${title}>
        <circle class="track" r=${RADIUS} cx="21" cy="21"></circle>
        ${segments}
        <text x="21" y="23" text-anchor="middle" class="total" aria-hidden="true">${formatNumber(total)}</text>
      </svg>
      <figcaption>${title}</figcaption>
    </figure>`;
  }

  private renderBars(statistics: TicketStatistics) {
    const months = statistics.monthly;
    // A source may send the queues without a monthly series: no chart then, the rest still shows.
    if (!months.length) return nothing;
    const highest = Math.max(1, ...months.map((m) => Math.max(m.created, m.closed)));
    const width = 100 / months.length;
    const height = (count: number) => (count / highest) * 40;
    return html`<figure part="chart" class="bars">
      <svg viewBox="0 0 100 50" preserveAspectRatio="none" role="img"
        aria-label=${msg(str`Created and closed tickets per month, the last ${formatNumber(months.length)} months`)}>
        ${months.map((m, index) => {
          const x = index * width;
          const tip = msg(str`${formatMonth(m.year, m.month, 'long')}: ${formatNumber(m.created)} created, ${formatNumber(m.closed)} closed`);
          return svg`<g><title>${tip}</title>
            <rect part="bar created" class="created" x=${x + width * 0.1} y=${45 - height(m.created)} width=${width * 0.4} height=${height(m.created)}></rect>
            <rect part="bar closed" class="closed" x=${x + width * 0.5} y=${45 - height(m.closed)} width=${width * 0.4} height=${height(m.closed)}></rect>
          </g>`;
        })}
      </svg>
      <figcaption>
        <span class="key"><span class="swatch created"></span>${msg('Created')}</span>
        <span class="key"><span class="swatch closed"></span>${msg('Closed')}</span>
        <span class="range">${formatMonth(months[0].year, months[0].month)} – ${formatMonth(months.at(-1)!.year, months.at(-1)!.month)}</span>
      </figcaption>
    </figure>`;
  }

  private renderTables(statistics: TicketStatistics) {
    return html`<div class="table-wrap">
        <table part="table">
          <caption>${msg('Tickets by queue')}</caption>
          <thead><tr><th scope="col">${msg('Queue')}</th><th scope="col" class="number">${msg('Open')}</th><th scope="col" class="number">${msg('Closed')}</th></tr></thead>
          <tbody>
            ${statistics.byQueue.map(
              (queue) => html`<tr><th scope="row">${queueLabel(queue)}</th>
                <td class="number">${this.renderCount(queue, 'open')}</td>
                <td class="number">${this.renderCount(queue, 'closed')}</td></tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table part="table">
          <caption>${msg('Created and closed per month')}</caption>
          <thead><tr><th scope="col">${msg('Month')}</th><th scope="col" class="number">${msg('Created')}</th><th scope="col" class="number">${msg('Closed')}</th></tr></thead>
          <tbody>
            ${statistics.monthly.map(
              (m) => html`<tr><th scope="row">${formatMonth(m.year, m.month, 'long')}</th>
                <td class="number">${formatNumber(m.created)}</td><td class="number">${formatNumber(m.closed)}</td></tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderCount(queue: QueueTicketCounts, status: Status) {
    const label = `${queueLabel(queue)} – ${status === 'open' ? msg('Open') : msg('Closed')}`;
    return renderCount(this, queue[status], this.criteria(status, queue.queueId), this.ticketSearchUrlTemplate, label);
  }

  private criteria(status: Status, queueId: string): TicketSearchCriteria {
    const scope = this.scope!;
    const whose = 'customerId' in scope ? { customerId: scope.customerId } : { customerUserLogin: scope.customerUserLogin };
    return { ...whose, status, queueId };
  }

  private search(criteria: TicketSearchCriteria): void {
    emit(this, 'ticket-search-requested', criteria);
  }

  private onSegmentKey(event: KeyboardEvent, criteria: TicketSearchCriteria): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    this.search(criteria);
  }
}

const sum = (queues: QueueTicketCounts[], status: Status) => queues.reduce((n, q) => n + q[status], 0);
const queueLabel = (queue: QueueTicketCounts) => queue.queueName || queue.queueId || msg('(no queue)');

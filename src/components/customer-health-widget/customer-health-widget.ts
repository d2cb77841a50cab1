import { html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import type { CustomerHealth, HealthBands, HealthFactor } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { formatDateTime, formatNumber, formatPercent } from '../../internal/format.js';
import { msg, str } from '../../internal/localize.js';
import { listStyles } from '../../internal/list.styles.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { styles } from './customer-health-widget.styles.js';

export type HealthBand = 'good' | 'warning' | 'critical';

/** Which band a score is in: at or beyond a bound, in the direction that is worse. */
export function bandOf(score: number, bands: HealthBands, higherIsBetter: boolean): HealthBand {
  const beyond = (bound: number) => (higherIsBetter ? score <= bound : score >= bound);
  return beyond(bands.critical) ? 'critical' : beyond(bands.warning) ? 'warning' : 'good';
}

const RADIUS = 15.9155; // a circumference of 100: half of it, 50, is the gauge's 0–100

/**
 * A customer's health or distress score as a gauge from 0 to 100 with green, yellow and red
 * bands, the direction stated (a distress index is higher-is-worse), the trend against an
 * earlier score, and the factors with their values and weights — from one data-source call.
 *
 * @summary A customer's health (or distress) score with its factors and trend.
 * @tag customer-health-widget
 *
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart gauge - The gauge (`role="meter"`).
 * @csspart score - The score and its band.
 * @csspart trend - The change against the earlier score.
 * @csspart table - The factors.
 * @csspart empty - The "none" state: nothing to rate (no factors, or every one 0: no tickets).
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @cssprop --cic-color-success - The good band.
 * @cssprop --cic-color-warning - The band that needs watching.
 * @cssprop --cic-color-danger - The critical band.
 */
export class CustomerHealthWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, styles];

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** Overrides where the yellow band starts (0–100). */
  @property({ type: Number, attribute: 'warning-at' }) warningAt?: number;
  /** Overrides where the red band starts (0–100). */
  @property({ type: Number, attribute: 'critical-at' }) criticalAt?: number;

  private readonly health = new DataController<CustomerHealth, [string]>(this, {
    args: () => [this.subjectValue('customerId', this.customerId)],
    ready: ([id]) => id !== '',
    isEmpty: ({ factors }) => factors.every((factor) => factor.value === 0),
    load: (source, [id], signal) => {
      if (!source.getCustomerHealth) throw new Error(msg('This data source has no customer health.'));
      return source.getCustomerHealth(id, { signal });
    },
  });

  override render() {
    return this.health.render({ complete: (health) => this.renderHealth(health) });
  }

  private bands(health: CustomerHealth): HealthBands {
    const valid = (value: number | undefined) => (typeof value === 'number' && value >= 0 && value <= 100 ? value : undefined);
    return { warning: valid(this.warningAt) ?? health.bands.warning, critical: valid(this.criticalAt) ?? health.bands.critical };
  }

  private renderHealth(health: CustomerHealth) {
    const bands = this.bands(health);
    const band = bandOf(health.score, bands, health.higherIsBetter);
    const bandText = { good: msg('Good'), warning: msg('Needs attention'), critical: msg('Critical') }[band];
    const score = formatNumber(Math.round(health.score));
    return html`<div class="overview">
        ${this.renderGauge(health, bands, `${score} – ${bandText}`)}
        <div>
          <p part="score" class="score band-${band}"><strong>${score}</strong> <span>${bandText}</span></p>
          <p class="direction">${health.higherIsBetter ? msg('Higher is better.') : msg('A distress index: higher is worse.')}</p>
          ${this.renderTrend(health)}
        </div>
      </div>
      ${this.renderFactors(health.factors)}
      <p class="computed">${msg(str`Computed ${formatDateTime(health.computedAt)}`)}</p>`;
  }

  private renderGauge(health: CustomerHealth, bands: HealthBands, valueText: string) {
    // The half circle from the left (0) over the top to the right (100); bands in order.
    const [low, high] = [Math.min(bands.warning, bands.critical), Math.max(bands.warning, bands.critical)];
    const colours = health.higherIsBetter ? ['critical', 'warning', 'good'] : ['good', 'warning', 'critical'];
    const arcs: [number, number, string][] = [[0, low, colours[0]], [low, high, colours[1]], [high, 100, colours[2]]];
    const angle = (Math.min(100, Math.max(0, health.score)) / 100) * 180;
    return html`<div part="gauge" class="gauge" role="meter" aria-valuemin="0" aria-valuemax="100"
      aria-valuenow=${health.score} aria-valuetext=${valueText} aria-label=${health.higherIsBetter ? msg('Health score') : msg('Distress index')}>
      <svg viewBox="0 0 42 24" aria-hidden="true">
        ${arcs.map(([from, to, colour]) =>
          to > from
            ? svg`<circle class="arc band-${colour}" r=${RADIUS} cx="21" cy="21"
                stroke-dasharray="${(to - from) / 2} ${100 - (to - from) / 2}" stroke-dashoffset=${50 - from / 2}></circle>`
            : nothing,
        )}
        <line class="needle" x1="21" y1="21" x2="7" y2="21" transform="rotate(${angle} 21 21)"></line>
        <circle class="hub" r="1.5" cx="21" cy="21"></circle>
      </svg>
    </div>`;
  }

  private renderTrend(health: CustomerHealth) {
    if (!health.trend) return nothing;
    const change = Math.round((health.score - health.trend.score) * 10) / 10;
    const since = formatDateTime(health.trend.at);
    if (change === 0) return html`<p part="trend" class="trend">${msg(str`Unchanged since ${since}`)}</p>`;
    const better = change > 0 === health.higherIsBetter;
    const amount = formatNumber(Math.abs(change));
    return html`<p part="trend" class="trend ${better ? 'better' : 'worse'}">
      <span aria-hidden="true">${change > 0 ? '▲' : '▼'}</span>
      ${better ? msg(str`Better by ${amount} since ${since}`) : msg(str`Worse by ${amount} since ${since}`)}
    </p>`;
  }

  private renderFactors(factors: HealthFactor[]) {
    if (!factors.length) return nothing;
    const totalWeight = factors.reduce((sum, f) => sum + f.weight, 0) || 1;
    return html`<div class="table-wrap">
      <table part="table">
        <caption>${msg('Factors')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Factor')}</th>
            <th scope="col" class="number">${msg('Value')}</th>
            <th scope="col" class="number">${msg('Weight')}</th>
            <th scope="col" class="number">${msg('Rank among customers')}</th>
          </tr>
        </thead>
        <tbody>
          ${factors.map(
            (factor) => html`<tr>
              <th scope="row">${factorLabel(factor)}</th>
              <td class="number">${formatNumber(factor.value)}</td>
              <td class="number">${formatPercent(factor.weight / totalWeight)}</td>
              <td class="number">${factor.percentile !== undefined ? formatNumber(factor.percentile) : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

/** The factors this library knows by key, in the agent's language; others as the source names them. */
function factorLabel(factor: HealthFactor): string {
  switch (factor.key) {
    case 'tickets':
      return msg('Tickets in all');
    case 'recentTickets':
      return msg('Tickets in the last 30 days');
    case 'openTickets':
      return msg('Open tickets');
    case 'openAge':
      return msg('Average age of open tickets (days)');
    case 'timeToClose':
      return msg('Average time to close (days)');
    default:
      return factor.label || factor.key;
  }
}

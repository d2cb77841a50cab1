import { html } from 'lit';
import type { TicketSearchCriteria } from '../data/contract/types.js';
import { emit } from './events.js';
import { formatNumber } from './format.js';
import { fillUrlTemplate } from './url.js';

/**
 * A count that leads to the tickets behind it: a link when the host gave a URL template
 * (criteria fill its `{placeholders}`), else a button that fires `ticket-search-requested`.
 */
export function renderCount(
  host: HTMLElement,
  count: number,
  criteria: TicketSearchCriteria,
  urlTemplate: string,
  label: string,
) {
  const href = fillUrlTemplate(urlTemplate, criteria as Record<string, string | undefined>);
  const text = formatNumber(count);
  return href
    ? html`<a part="count" href=${href} aria-label="${label}: ${text}">${text}</a>`
    : html`<button class="link" part="count" type="button" aria-label="${label}: ${text}"
        @click=${() => emit(host, 'ticket-search-requested', criteria)}>${text}</button>`;
}


import type { TicketSearchCriteria } from '../data/contract/types.js';
import { emit } from './events.js';
import { formatNumber } from './format.js';
import { fillUrlTemplate } from './url.js';
import { joined, markup } from './joined-template.js';

/**
 * A count that leads to the tickets behind it: a link when the host gave a URL template
 * (criteria fill its `{placeholders}`), else a button that fires `ticket-search-requested`.
 */
export function countMarkup(
  host: HTMLElement,
  count: number,
  criteria: TicketSearchCriteria,
  urlTemplate: string,
  label: string,
) {
  const href = fillUrlTemplate(urlTemplate, criteria as Record<string, string | undefined>);
  const text = formatNumber(count);
  return href
    ? markup`<a part="count" href=${href} aria-label="${label}: ${text}">${text}</a>`
    : markup`<button class="link" part="count" type="button" aria-label="${label}: ${text}"
        @click=${() => emit(host, 'ticket-search-requested', criteria)}>${text}</button>`;
}

/** `countMarkup` as a template of its own. */
export const renderCount = (...args: Parameters<typeof countMarkup>) => joined(countMarkup(...args));

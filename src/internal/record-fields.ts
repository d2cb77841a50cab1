import { html, nothing } from 'lit';
import type { Address } from '../data/types.js';
import { msg } from './localize.js';
import { safeHref, WEB_SCHEMES } from './url.js';

/** One row of a record's details; nothing when the value is empty. */
export function field(label: string, value: unknown) {
  if (value === undefined || value === null || value === '') return nothing;
  return html`<dt>${label}</dt>
    <dd>${value}</dd>`;
}

export function formatAddress(address: Address): string {
  const cityLine = [address.zip, address.city].filter(Boolean).join(' ');
  return [address.street, cityLine, address.country].filter(Boolean).join('\n');
}

/** A web address as a link that opens a new tab — only for http(s); anything else stays text. */
export function webLink(url: string | undefined) {
  if (!url) return undefined;
  const href = safeHref(url, WEB_SCHEMES);
  return href ? html`<a part="url" href=${href} target="_blank" rel="noopener noreferrer">${url}</a>` : url;
}

/** The label → value pairs a host keeps on a record. */
export function customFields(fields: Record<string, string> | undefined) {
  return Object.entries(fields ?? {}).map(([label, value]) => field(label, value));
}

export function invalidBadge(valid: boolean | undefined) {
  return valid === false ? html`<p class="invalid" part="invalid">${msg('Invalid')}</p>` : nothing;
}

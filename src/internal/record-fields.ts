import { html, nothing } from 'lit';
import type { Address, CustomerUser } from '../data/contract/types.js';
import { msg } from './localize.js';
import { mailtoHref, safeHref, telHref, WEB_SCHEMES } from './url.js';

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

const link = (href: string | undefined, value: string | undefined) => (href ? html`<a href=${href}>${value}</a>` : value);

/** A customer user's email, phone and mobile as rows, each a link when it is a plain address or number. */
export function contactFields(user: Pick<CustomerUser, 'email' | 'phone' | 'mobile'>) {
  return html`${field(msg('Email'), link(mailtoHref(user.email), user.email))}
    ${field(msg('Phone'), link(telHref(user.phone), user.phone))} ${field(msg('Mobile'), link(telHref(user.mobile), user.mobile))}`;
}

import type { CustomerUser } from '../data/contract/types.js';
import { getLocale } from './localize.js';

/** "First Last" (the login when both are missing). */
export function fullName(user: Pick<CustomerUser, 'firstName' | 'lastName' | 'login'>): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return name || user.login;
}

const PERCENT = { style: 'percent', maximumFractionDigits: 0 } as const;
const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;
const RELATIVE = { numeric: 'auto' } as const;

/** Intl formatters are costly to make: one per locale and kind (a kind names its options), reused. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, make: (locale: string) => T): T {
  const locale = getLocale();
  const key = `${kind}|${locale}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make(locale)));
  return formatter;
}

export function formatNumber(value: number): string {
  // + 0: a -0 (JSON can carry one) reads "0", not "-0".
  return cached('number', (locale) => new Intl.NumberFormat(locale)).format(value + 0);
}

/** A share (0–1) as a percentage in the agent's locale: "42 %". */
export function formatPercent(share: number): string {
  return cached('percent', (locale) => new Intl.NumberFormat(locale, PERCENT)).format(share);
}

/** A calendar month (1–12, UTC) in the agent's locale: "Mar 2026"; `long` for "March 2026". */
export function formatMonth(year: number, month: number, width: 'short' | 'long' = 'short'): string {
  return cached(`month-${width}`, (locale) => new Intl.DateTimeFormat(locale, { month: width, year: 'numeric', timeZone: 'UTC' })).format(Date.UTC(year, month - 1, 1));
}

/** A date and time in the agent's locale; empty for a missing or invalid value. */
export function formatDateTime(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  return cached('date-time', (locale) => new Intl.DateTimeFormat(locale, DATE_TIME)).format(time);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** How long ago (or how far ahead) `iso` is from `now`, in the agent's locale: "3 days ago". */
export function formatRelative(iso: string | undefined, now: Date): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  const difference = time - now.getTime();
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(difference) >= ms) ?? UNITS[UNITS.length - 1];
  return cached('relative', (locale) => new Intl.RelativeTimeFormat(locale, RELATIVE)).format(Math.round(difference / size), unit);
}

import type { CustomerUser } from '../data/types.js';
import { getLocale } from './localize.js';

/** "First Last" (the login when both are missing). */
export function fullName(user: Pick<CustomerUser, 'firstName' | 'lastName' | 'login'>): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return name || user.login;
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(getLocale()).format(value);
}

/** A date and time in the agent's locale; empty for a missing or invalid value. */
export function formatDateTime(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(time);
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
  return new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' }).format(Math.round(difference / size), unit);
}

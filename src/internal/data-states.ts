import { html, nothing } from 'lit';
import { DataSourceError, RateLimitedError, rateLimitWait, UnauthorizedError } from '../data/contract/errors.js';
import { emit } from './events.js';
import { msg, str } from './localize.js';

/** What the agent reads for a failed call, by error kind; `waitMs` is the wait after a rate limit. */
export function errorMessage(error: unknown, waitMs?: number): string {
  if (error instanceof RateLimitedError) {
    const seconds = Math.ceil((waitMs ?? rateLimitWait(error.retryAfterMs)) / 1000);
    return msg(str`Too many requests. Try again in ${seconds} s.`);
  }
  if (!(error instanceof DataSourceError)) return msg('Something went wrong.');
  switch (error.kind) {
    case 'unavailable':
      return msg('The data source is unavailable.');
    case 'timeout':
      return msg('The request timed out.');
    case 'unauthorized':
      return msg('Your session has expired. Sign in again, then retry.');
    case 'forbidden':
      return msg('You are not allowed to see this.');
    case 'not-found':
      return msg('Not found.');
    case 'malformed':
      return msg('The data source answered something that cannot be shown.');
    default:
      return msg('Something went wrong.');
  }
}

/** Tells the host that a call failed for want of a valid session (`cic-auth-required`), so that it renews it. */
export function reportAuthRequired(element: HTMLElement, error: unknown): void {
  if (error instanceof UnauthorizedError) emit(element, 'cic-auth-required', { message: error.message });
}

export function renderLoading() {
  return html`<div class="state" role="status" part="loading">
    <span class="spinner" aria-hidden="true"></span>${msg('Loading')}
  </div>`;
}

/** Whether trying again may help: not for errors that say it will not (forbidden, not found…). */
export const isRetryable = (error: unknown) => !(error instanceof DataSourceError) || error.retryable;

/**
 * An error in words, with a retry button when retrying may help (disabled while a rate
 * limit asks us to wait `waitMs`).
 */
export function renderError(error: unknown, retry: () => void, waitMs?: number) {
  return html`<div class="state state--error" role="alert" part="error">
    <span>${errorMessage(error, waitMs)}</span>
    ${isRetryable(error)
      ? html`<button class="button" type="button" part="retry-button" ?disabled=${waitMs !== undefined} @click=${retry}>
          ${msg('Retry')}
        </button>`
      : nothing}
  </div>`;
}

export function renderEmpty(text: string = msg('None')) {
  return html`<div class="state" part="empty">${text}</div>`;
}

import { html } from 'lit';
import { DataSourceError, RateLimitedError } from '../data/errors.js';
import { msg, str } from './localize.js';

/** What the agent reads for a failed call, by error kind. */
export function errorMessage(error: unknown): string {
  if (error instanceof RateLimitedError) {
    const seconds = Math.ceil(error.retryAfterMs / 1000);
    return msg(str`Too many requests. Try again in ${seconds} s.`);
  }
  if (!(error instanceof DataSourceError)) return msg('Something went wrong.');
  switch (error.kind) {
    case 'unavailable':
      return msg('The data source is unavailable.');
    case 'timeout':
      return msg('The request timed out.');
    case 'forbidden':
      return msg('You are not allowed to see this.');
    case 'not-found':
      return msg('Not found.');
    default:
      return msg('Something went wrong.');
  }
}

export function renderLoading() {
  return html`<div class="state" role="status" part="loading">
    <span class="spinner" aria-hidden="true"></span>${msg('Loading')}
  </div>`;
}

/** An error in words, with a retry button (disabled while a rate limit asks us to wait). */
export function renderError(error: unknown, retry: () => void, waiting = false) {
  return html`<div class="state state--error" role="alert" part="error">
    <span>${errorMessage(error)}</span>
    <button class="button" type="button" part="retry-button" ?disabled=${waiting} @click=${retry}>${msg('Retry')}</button>
  </div>`;
}

export function renderEmpty(text: string = msg('None')) {
  return html`<div class="state" part="empty">${text}</div>`;
}

import { html, type ReactiveElement } from 'lit';
import type { Page } from '../data/contract/types.js';
import { focusAfterUpdate } from './focus.js';
import { formatNumber } from './format.js';
import { msg, str } from './localize.js';

export const PAGE_SIZES = [5, 10, 15, 20, 25, 50] as const;

/**
 * Where a paged list stands: the cursor of the current page (opaque, from the data
 * source) and its number, with the previous / next / page-size controls.
 */
export class Paging {
  cursor: string | undefined;
  number = 1;
  private readonly host: ReactiveElement;
  private readonly loaded?: () => Promise<unknown>;

  /** `loaded` settles when the page asked for has loaded (the pager is rendered again with it). */
  constructor(host: ReactiveElement, loaded?: () => Promise<unknown>) {
    this.host = host;
    this.loaded = loaded;
  }

  /** Back to the first page (new filter, sort, size or scope). */
  reset(): void {
    if (this.cursor === undefined && this.number === 1) return;
    this.cursor = undefined;
    this.number = 1;
    this.host.requestUpdate();
  }

  private go(cursor: string | undefined, step: 1 | -1): void {
    if (!cursor) return;
    this.cursor = cursor;
    this.number += step;
    this.host.requestUpdate();
    const [pressed, other] = step > 0 ? ['next', 'previous'] : ['previous', 'next'];
    void focusAfterUpdate(this.host, [`[data-go=${pressed}]`, `[data-go=${other}]`], { loaded: this.loaded });
  }

  private range(page: Page<unknown>, size: number): string {
    const first = formatNumber((this.number - 1) * size + 1);
    const last = formatNumber((this.number - 1) * size + page.items.length);
    // A total smaller than what was already shown is wrong: leave it out rather than say "41–50 of 12".
    if (!page.total || page.total.value < (this.number - 1) * size + page.items.length) return msg(str`${first}–${last}`);
    const total = formatNumber(page.total.value);
    return page.total.exact ? msg(str`${first}–${last} of ${total}`) : msg(str`${first}–${last} of about ${total}`);
  }

  /** `label` names the list, so that several pagers on a page can be told apart. */
  render(page: Page<unknown>, size: number, label: string, onSizeChange: (size: number) => void) {
    return html`<nav class="pager" part="pager" aria-label=${msg(str`Pages of ${label}`)}>
      <button class="button" type="button" data-go="previous" ?disabled=${!page.previousCursor}
        @click=${() => this.go(page.previousCursor, -1)}>${msg('Previous page')}</button>
      <span aria-live="polite">${this.range(page, size)}</span>
      <button class="button" type="button" data-go="next" ?disabled=${!page.nextCursor}
        @click=${() => this.go(page.nextCursor, 1)}>${msg('Next page')}</button>
      <label class="page-size">${msg('Per page')}
        <select @change=${(e: Event) => onSizeChange(Number((e.target as HTMLSelectElement).value))}>
          ${PAGE_SIZES.map((option) => html`<option value=${option} ?selected=${option === size}>${option}</option>`)}
        </select>
      </label>
    </nav>`;
  }
}

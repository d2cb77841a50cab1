import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { DataSource } from '../../data/contract/data-source.js';
import { MIN_SEARCH_LENGTH } from '../../data/rules/search-pattern.js';
import type { CustomerHit, CustomerUser, SearchResult } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { deepActiveElement } from '../../internal/deep-active-element.js';
import { emit } from '../../internal/events.js';
import { renderHighlighted } from '../../internal/highlight.js';
import { msg, str } from '../../internal/localize.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { fullName } from '../../internal/format.js';
import { styles } from './customer-search-dialog.styles.js';
import { LruCache } from '../../data/rules/lru.js';

/** At most this many results are shown per search. */
export const SEARCH_RESULT_LIMIT = 20;
/** Typing pauses this long (ms) before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 200;

type Kind = 'customer' | 'user';

interface SearchBox<T> {
  kind: Kind;
  label: string;
  term: string;
  results: DataController<SearchResult<T>, [string]>;
  renderOption: (item: T, term: string) => unknown;
  pick: (item: T) => void;
}

/** Recent answers of a source that is not local, by kind and term (a few, least recent dropped). */
const recentAnswers = new WeakMap<DataSource, LruCache<string, SearchResult<unknown>>>();
const RECENT_ANSWERS = 20;

function remembered(source: DataSource, key: string): SearchResult<unknown> | undefined {
  return recentAnswers.get(source)?.get(key);
}

function remember(source: DataSource, key: string, answer: SearchResult<unknown>): void {
  let answers = recentAnswers.get(source);
  if (!answers) recentAnswers.set(source, (answers = new LruCache(RECENT_ANSWERS)));
  answers.set(key, answer);
}

/**
 * The results of one search box: at once on every keystroke for a source that answers
 * locally; else after the typing pauses, from a small cache of recent terms when it can.
 * A newer term aborts the search under way (the data controller's).
 */
function searchController<T>(
  host: CicElement,
  kind: Kind,
  term: () => string,
  search: (source: DataSource, term: string, signal: AbortSignal) => Promise<SearchResult<T>>,
): DataController<SearchResult<T>, [string]> {
  const local = () => host.effectiveDataSource?.capabilities.answersLocally === true;
  const key = (value: string) => `${kind}\u0000${value.trim()}`;
  return new DataController<SearchResult<T>, [string]>(host, {
    args: () => [term()],
    ready: ([value]) => value.trim().length >= MIN_SEARCH_LENGTH || value.trim() === '*',
    debounceMs: ([value]) => {
      const source = host.effectiveDataSource;
      return local() || (source && remembered(source, key(value))) ? 0 : SEARCH_DEBOUNCE_MS;
    },
    isEmpty: (result) => result.items.length === 0,
    load: async (source, [value], signal) => {
      if (local()) return search(source, value.trim(), signal);
      const known = remembered(source, key(value)) as SearchResult<T> | undefined;
      if (known) return known;
      const answer = await search(source, value.trim(), signal);
      remember(source, key(value), answer);
      return answer;
    },
  });
}

/**
 * A modal dialog to find a customer, or a customer user, by typing.
 *
 * @summary Search a customer or a customer user and pick one.
 * @tag customer-search-dialog
 *
 * @fires customer-selected - A result was picked: `{customerId, customerUserLogin?}`. The dialog closes. Cancelable: a container that hears it cancelled does not open the customer.
 * @fires customer-search-closed - The dialog closed (picked, Escape, or the close button).
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart input - Each search field.
 * @csspart listbox - Each list of results.
 * @csspart option - One result.
 * @csspart match - The emphasised part of a result that matches the term.
 * @csspart loading - The spinner while a search runs.
 * @csspart error - The message of a failed search.
 * @csspart retry-button - Its retry button.
 * @csspart empty - The "no results" message.
 *
 * @cssprop --cic-color-backdrop - The backdrop behind the dialog.
 */
export class CustomerSearchDialog extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, styles];

  /** Whether the dialog is shown. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private customerTerm = '';
  @state() private userTerm = '';
  @state() private active: { kind: Kind; index: number } | undefined;

  @query('dialog') private dialog!: HTMLDialogElement;

  private opener: HTMLElement | null = null;

  private readonly customers = searchController<CustomerHit>(this, 'customer', () => this.customerTerm, (source, term, signal) =>
    source.searchCustomers(term, { limit: SEARCH_RESULT_LIMIT, signal }),
  );
  private readonly users = searchController<CustomerUser>(this, 'user', () => this.userTerm, (source, term, signal) =>
    source.searchCustomerUsers(term, { limit: SEARCH_RESULT_LIMIT, signal }),
  );

  /** Opens the dialog and moves focus into it; answers remembered from an earlier opening are dropped. */
  show(): void {
    const source = this.effectiveDataSource;
    if (source) recentAnswers.delete(source);
    this.open = true;
  }

  /** Closes the dialog; focus returns to where it was before it opened. */
  close(): void {
    this.open = false;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('active') && this.active) {
      this.renderRoot.querySelector(`#${this.active.kind}-option-${this.active.index}`)?.scrollIntoView({ block: 'nearest' });
    }
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.opener = deepActiveElement();
      this.dialog.showModal();
      this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  private onDialogClose = () => {
    this.open = false;
    this.active = undefined;
    this.opener?.focus();
    this.opener = null;
    emit(this, 'customer-search-closed', undefined);
  };

  override render() {
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>
      <header>
        <h2 id="title">${msg('Search customer')}</h2>
        <button class="icon-button" type="button" aria-label=${msg('Close')} @click=${this.close}>×</button>
      </header>
      <div class="body">
        ${this.renderSearch<CustomerHit>({
          kind: 'customer',
          label: msg('Customer'),
          term: this.customerTerm,
          results: this.customers,
          renderOption: (hit, term) => html`<span>${renderHighlighted(hit.name ?? hit.id, term)}</span>
            ${hit.name !== undefined ? html`<span class="secondary">${renderHighlighted(hit.id, term)}</span>` : nothing}`,
          pick: (hit) => this.pick({ customerId: hit.id }),
        })}
        ${this.renderSearch<CustomerUser>({
          kind: 'user',
          label: msg('Customer user'),
          term: this.userTerm,
          results: this.users,
          // Each name in <bdi>: a direction override in one (U+202E) must not turn the address around.
          renderOption: (user, term) => html`<span
              >"<bdi>${renderHighlighted(fullName(user), term)}</bdi>" &lt;<bdi>${renderHighlighted(user.email ?? user.login, term)}</bdi>&gt;</span
            >
            <span class="secondary">${renderHighlighted(user.customerId, term)}</span>`,
          pick: (user) => this.pick({ customerId: user.customerId, customerUserLogin: user.login }),
        })}
      </div>
    </dialog>`;
  }

  private renderSearch<T>(box: SearchBox<T>) {
    const listId = `${box.kind}-results`;
    // Only results on screen for the term as typed now can be picked (not those of a term still debouncing).
    const shown = box.results.status === TaskStatus.COMPLETE ? box.results.currentValue : undefined;
    const items = shown?.items ?? [];
    const expanded = items.length > 0;
    const activeIndex = this.active?.kind === box.kind ? this.active.index : -1;
    const short = box.term.trim().length > 0 && box.term.trim().length < MIN_SEARCH_LENGTH && box.term.trim() !== '*';
    return html`<div class="field">
      <label for="${box.kind}-input">${box.label}</label>
      <input
        id="${box.kind}-input"
        part="input"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-controls=${listId}
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-describedby="${box.kind}-hint"
        aria-activedescendant=${activeIndex >= 0 ? `${box.kind}-option-${activeIndex}` : nothing}
        .value=${box.term}
        @input=${(event: InputEvent) => this.onInput(box.kind, (event.target as HTMLInputElement).value)}
        @keydown=${(event: KeyboardEvent) => this.onKeyDown(event, box, items)}
      />
      <p class="hint" id="${box.kind}-hint" aria-live="polite">
        ${short ? msg(str`Type at least ${MIN_SEARCH_LENGTH} characters.`) : nothing}
        ${expanded && shown?.hasMore ? msg('More results exist — refine your search.') : nothing}
      </p>
      ${box.results.render({
        initial: () => nothing,
        empty: () => html`<p class="state" part="empty" role="status">${msg('No results.')}</p>`,
        complete: () => html`<ul role="listbox" id=${listId} part="listbox" aria-label=${box.label}>
          ${items.map(
            (item, index) => html`<li
              role="option"
              part="option"
              id="${box.kind}-option-${index}"
              aria-selected=${index === activeIndex ? 'true' : 'false'}
              @click=${() => box.pick(item)}
            >
              ${box.renderOption(item, box.term.trim())}
            </li>`,
          )}
        </ul>`,
      })}
    </div>`;
  }

  private onInput(kind: Kind, value: string) {
    if (kind === 'customer') this.customerTerm = value;
    else this.userTerm = value;
    this.active = undefined;
  }

  private onKeyDown<T>(event: KeyboardEvent, box: SearchBox<T>, items: T[]) {
    const current = this.active?.kind === box.kind ? this.active.index : -1;
    const move = (index: number) => {
      event.preventDefault();
      if (items.length) this.active = { kind: box.kind, index };
    };
    switch (event.key) {
      case 'ArrowDown':
        return move((current + 1) % items.length);
      case 'ArrowUp':
        return move(current <= 0 ? items.length - 1 : current - 1);
      case 'Home':
        return event.ctrlKey ? move(0) : undefined;
      case 'End':
        return event.ctrlKey ? move(items.length - 1) : undefined;
      case 'Enter':
        if (current >= 0 && items[current]) {
          event.preventDefault();
          box.pick(items[current]);
        }
        return;
    }
  }

  private pick(detail: { customerId: string; customerUserLogin?: string }) {
    emit(this, 'customer-selected', detail, { cancelable: true });
    this.close();
  }
}

import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  TICKET_VIEWS,
  type Page,
  type Ticket,
  type TicketPage,
  type TicketFilter,
  type TicketScope,
  type TicketSort,
  type TicketSortField,
  type TicketView,
} from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { renderLoading } from '../../internal/data-states.js';
import { emit } from '../../internal/events.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { formatNumber } from '../../internal/format.js';
import { PAGE_SIZES, Paging } from '../../internal/paging.js';
import { filterLabel, viewLabel } from '../../internal/labels.js';
import { msg, str } from '../../internal/localize.js';
import { oneOf, PreferenceController } from '../../internal/preference-controller.js';
import { listStyles } from '../../internal/list.styles.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { fillUrlTemplate } from '../../internal/url.js';
import { keepWhileSameKey } from '../../internal/memo.js';
import { joined, markup, row } from '../../internal/joined-template.js';
import { TaskStatus } from '@lit/task';
import { COLUMNS, DEFAULT_COLUMNS, OPTIONAL_COLUMNS, type ColumnId, type ColumnContext } from './columns.js';
import { styles } from './ticket-list-widget.styles.js';
import { ticketListKey } from './settings-key.js';

/** Everything one page of the list is loaded for. */
interface TicketRequest {
  scope: TicketScope;
  view: TicketView;
  filter: TicketFilter;
  sort: TicketSort;
  pageSize: number;
  cursor?: string;
}

/** A page, with the counts of the filter tabs and the scope, view and refresh they were counted for. */
interface LoadedTickets {
  page: TicketPage;
  counts: Record<TicketFilter, number>;
  countedFor: string;
  countedAtRefresh: string;
}

/** One key for a scope and a view: pages and tab counts belong to it. */
const listKey = (scope: TicketScope | undefined, view: TicketView) => `${JSON.stringify(scope ?? null)}|${view}`;

interface TicketListSettings {
  filter: TicketFilter;
  columns: ColumnId[];
  pageSize: number;
  sort: TicketSort;
}

function defaultSort(view: TicketView): TicketSort {
  if (view === 'reminder') return { field: 'pendingUntil', direction: 'asc' };
  if (view === 'escalated') return { field: 'escalation', direction: 'asc' };
  return { field: 'age', direction: 'desc' };
}

/** Number, age and title; reminder and escalated lists also show the time that matters to them. */
function defaultColumns(view: TicketView): ColumnId[] {
  const columns = DEFAULT_COLUMNS.slice(1);
  if (view === 'reminder') columns.push('pendingUntil');
  if (view === 'escalated') columns.push('escalation');
  return columns;
}

function sanitizeSettings(view: TicketView, stored: unknown): TicketListSettings {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<TicketListSettings>;
  const columns = Array.isArray(value.columns)
    ? value.columns.filter((c): c is ColumnId => typeof c === 'string' && Object.hasOwn(COLUMNS, c) && c !== 'number')
    : defaultColumns(view);
  const sort = value.sort;
  const validSort =
    typeof sort === 'object' && sort !== null && TICKET_SORT_FIELDS.includes(sort.field) && ['asc', 'desc'].includes(sort.direction);
  return {
    filter: oneOf(value.filter, TICKET_FILTERS, view === 'reminder' ? 'my-locked' : 'all'),
    columns: ['number', ...new Set(columns)],
    pageSize: oneOf(value.pageSize, PAGE_SIZES, 10),
    sort: validSort ? { field: sort.field, direction: sort.direction } : defaultSort(view),
  };
}

/**
 * The tickets of one customer (exact id) or one customer user in one situation
 *, with filter tabs and their counts, sortable and configurable columns,
 * and paging done by the data source.
 *
 * @summary A paged list of a customer's tickets in one situation (reminder, escalated, new, open…).
 * @tag ticket-list-widget
 *
 * @fires ticket-selected - A ticket number was activated (when no URL template is set): `{ticketId}`.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart tabs - The filter tabs.
 * @csspart tab - One filter tab, with its count.
 * @csspart count - The count in a filter tab.
 * @csspart access - The choice of the user's own tickets or all of the user's customers (customer-user lists).
 * @csspart column-chooser - The column chooser.
 * @csspart table - The table of tickets.
 * @csspart ticket-link - The ticket number (a link or a button).
 * @csspart overdue - A pending or escalation time that has passed.
 * @csspart pager - The paging controls.
 * @csspart columns-button - Opens the column chooser.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @csspart empty - The "none" state.
 */
export class TicketListWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, styles];

  /** The customer whose tickets to list (exact id, never a pattern). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** Lists this customer user's tickets instead of a customer's. */
  @property({ attribute: 'customer-user-login' }) customerUserLogin = '';
  /** For a customer user: the tickets assigned to the user, or all tickets of the user's customers. */
  @property() access: 'assigned' | 'accessible' = 'assigned';
  /** Which situation: reminder, escalated, new, open, closed or all. */
  @property() view: TicketView = 'open';
  /** Makes ticket numbers links: `{id}` and `{number}` are replaced (URL-encoded). */
  @property({ attribute: 'ticket-url-template' }) ticketUrlTemplate = '';
  /** The preference key under which filter, columns, sort and page size are remembered. */
  @property({ attribute: 'settings-key' }) settingsKey = '';

  @state() private choosingColumns = false;

  private readonly paging: Paging = new Paging(this, () => this.tickets.complete);

  private readonly settings = new PreferenceController<TicketListSettings>(
    this,
    () => this.settingsKey || ticketListKey(this.view, !!this.login),
    (stored) => sanitizeSettings(this.validView, stored),
    () => this.paging.number === 1,
  );

  private get validView(): TicketView {
    return oneOf(this.view, TICKET_VIEWS, 'open');
  }

  private get scope(): TicketScope | undefined {
    return this.ticketScope(this, this.access);
  }

  /** The customer user whose tickets are listed, if any: this element's own, else the container's. */
  private get login(): string {
    return this.subjectValue('customerUserLogin', this.customerUserLogin);
  }

  private readonly sameRequest = keepWhileSameKey<TicketRequest | undefined>((request) => JSON.stringify(request ?? null));

  /** What to load now: `undefined` until there is a scope and the stored settings are read (or waited for long enough). */
  private get request(): TicketRequest | undefined {
    const scope = this.scope;
    if (!scope || !this.settings.loaded) return this.sameRequest(undefined);
    const { filter, sort, pageSize } = this.settings.value;
    return this.sameRequest({ scope, view: this.validView, filter: this.supportedFilter(filter), sort, pageSize, cursor: this.paging.cursor });
  }

  private readonly tickets: DataController<LoadedTickets, [TicketRequest | undefined]> = new DataController(this, {
    args: () => [this.request],
    ready: ([request]) => request !== undefined,
    isEmpty: ({ page }) => page.items.length === 0,
    load: async (source, [request], signal): Promise<LoadedTickets> => {
      const { scope, view, filter, sort, pageSize, cursor } = request!;
      // The counts come with the first page of a scope and view (or after a refresh): one call.
      const countedFor = listKey(scope, view);
      const countedAtRefresh = `${this.refreshToken} ${this.liveToken}`;
      const previous: LoadedTickets | undefined = this.tickets.value;
      const known = previous?.countedFor === countedFor && previous.countedAtRefresh === countedAtRefresh ? previous.counts : undefined;
      const page = await source.listTickets(scope, { view, filter, sort, page: { size: pageSize, cursor }, withCounts: !known, signal });
      const counts = known ?? page.counts ?? (await source.countTickets(scope, view, { signal }));
      return { page, counts, countedFor, countedAtRefresh };
    },
  });

  /** The scope and view the pages were last reset for. */
  private pagedFor = '';

  protected override willUpdate(): void {
    const current = listKey(this.scope, this.validView);
    if (current !== this.pagedFor) {
      this.pagedFor = current;
      this.paging.reset();
    }
  }

  private changeSettings(patch: Partial<TicketListSettings>): void {
    this.settings.set({ ...this.settings.value, ...patch });
    this.paging.reset();
  }

  override render() {
    return html`${this.login ? this.renderAccessChoice() : nothing} ${this.renderTabs()}
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.supportedFilter(this.settings.value.filter)}">
        ${this.choosingColumns ? this.renderColumnChooser() : nothing}
        ${this.tickets.render({ initial: () => this.scope && renderLoading(), complete: ({ page }) => this.renderTable(page) })}
      </div>`;
  }

  private renderAccessChoice() {
    const option = (value: 'assigned' | 'accessible', label: string) =>
      html`<label><input type="radio" name="access" .checked=${this.access === value}
        @change=${() => (this.access = value)} />${label}</label>`;
    return html`<fieldset class="access" part="access">
      <legend class="visually-hidden">${msg('Which tickets')}</legend>
      ${option('assigned', msg('Assigned to this user'))} ${option('accessible', msg('Accessible to this user'))}
    </fieldset>`;
  }

  /** The filters the data source can apply, in tab order. */
  private get filters(): readonly TicketFilter[] {
    const supported = this.effectiveDataSource?.capabilities.ticketFilters ?? TICKET_FILTERS;
    const filters = TICKET_FILTERS.filter((filter) => supported.includes(filter));
    return filters.length ? filters : ['all'];
  }

  /** `filter` if the data source can apply it, else its first filter. */
  private supportedFilter(filter: TicketFilter): TicketFilter {
    return this.filters.includes(filter) ? filter : this.filters[0];
  }

  /**
   * The tab counts to show: the loaded ones for this scope and view (kept while the next
   * page loads); `undefined` while they load; `null` after an error (no count is shown).
   */
  private get tabCounts(): Record<TicketFilter, number> | undefined | null {
    if (this.tickets.status === TaskStatus.ERROR) return null;
    const loaded = this.tickets.value;
    return loaded?.countedFor === listKey(this.scope, this.validView) ? loaded.counts : undefined;
  }

  private renderTabs() {
    const counts = this.tabCounts;
    const current = this.supportedFilter(this.settings.value.filter);
    return html`<div class="toolbar">
      <div role="tablist" part="tabs" aria-label=${msg('Filter')} @keydown=${this.onTabKeyDown}>
        ${this.filters.map(
          (filter) => html`<button role="tab" part="tab" type="button" id="tab-${filter}" aria-controls="panel"
            aria-selected=${filter === current ? 'true' : 'false'} tabindex=${filter === current ? '0' : '-1'}
            @click=${() => this.changeSettings({ filter })}>
            ${filterLabel(filter)}
            <span class="count" part="count">${counts === null ? '' : `(${counts ? formatNumber(counts[filter]) : '…'})`}</span>
          </button>`,
        )}
      </div>
      <button class="button" part="columns-button" type="button" aria-expanded=${this.choosingColumns ? 'true' : 'false'}
        @click=${() => (this.choosingColumns = !this.choosingColumns)}>${msg('Columns')}</button>
    </div>`;
  }

  private onTabKeyDown = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const rtl = getComputedStyle(this).direction === 'rtl' && Math.abs(step) === 1 ? -1 : 1;
    const filters = this.filters;
    const index = filters.indexOf(this.supportedFilter(this.settings.value.filter));
    const next = filters[Math.max(0, Math.min(filters.length - 1, index + step * rtl))];
    this.changeSettings({ filter: next });
    void focusAfterUpdate(this, [`#tab-${next}`], { always: true });
  };

  private chosenColumns(): ColumnId[] {
    return this.settings.value.columns.filter((c): c is ColumnId => c !== 'number');
  }

  private setColumns(columns: ColumnId[]): void {
    this.settings.set({ ...this.settings.value, columns: ['number', ...columns] });
  }

  private moveColumn(column: ColumnId, by: number): void {
    const next = this.chosenColumns();
    const at = next.indexOf(column);
    next.splice(at, 1);
    next.splice(Math.max(0, Math.min(next.length, at + by)), 0, column);
    this.setColumns(next);
    // The same button of the column moved, or its other one at the end of the list.
    const [pressed, other] = by < 0 ? ['up', 'down'] : ['down', 'up'];
    void focusAfterUpdate(this, [`#${pressed}-${column}`, `#${other}-${column}`], { always: true });
  }

  private toggleColumn(column: ColumnId, on: boolean): void {
    const chosen = this.chosenColumns().filter((c) => c !== column);
    this.setColumns(on ? [...chosen, column] : chosen);
    void focusAfterUpdate(this, [`#column-${column}`], { always: true });
  }

  private renderColumnChooser() {
    const chosen = this.chosenColumns();
    const unchosen = OPTIONAL_COLUMNS.filter((c) => !chosen.includes(c));
    return html`<fieldset class="columns" part="column-chooser">
      <legend>${msg('Columns')}</legend>
      <ul>
        ${repeat([...chosen, ...unchosen], (column) => column, (column, index) => {
          const label = COLUMNS[column].label();
          const on = chosen.includes(column);
          return html`<li>
            <label><input type="checkbox" id=${`column-${column}`} .checked=${on}
              @change=${(e: Event) => this.toggleColumn(column, (e.target as HTMLInputElement).checked)} />${label}</label>
            ${on
              ? html`<button class="icon" type="button" id=${`up-${column}`} aria-label=${msg(str`Move ${label} up`)} ?disabled=${index === 0}
                    @click=${() => this.moveColumn(column, -1)}>↑</button>
                  <button class="icon" type="button" id=${`down-${column}`} aria-label=${msg(str`Move ${label} down`)}
                    ?disabled=${index === chosen.length - 1} @click=${() => this.moveColumn(column, 1)}>↓</button>`
              : nothing}
          </li>`;
        })}
      </ul>
    </fieldset>`;
  }

  private columnContext(): ColumnContext {
    return {
      now: this.effectiveDataSource?.now?.() ?? new Date(),
      ticketHref: (ticket) => fillUrlTemplate(this.ticketUrlTemplate, { id: ticket.id, number: ticket.number }),
      onSelect: (ticket) => emit(this, 'ticket-selected', { ticketId: ticket.id }),
    };
  }

  private renderTable(page: Page<Ticket>) {
    const { columns, sort } = this.settings.value;
    // The sorts the data source can do: only those headers sort.
    const sortable = this.effectiveDataSource?.capabilities.ticketSorts ?? TICKET_SORT_FIELDS;
    const context = this.columnContext();
    return joined(markup`<div class="table-wrap">
        <table part="table">
          <thead>
            <tr>
              ${columns.map((id) => this.renderHeader(id, sort, sortable))}
            </tr>
          </thead>
          <tbody>
            ${page.items.map((ticket) => row(columns.map((id) => COLUMNS[id].render(ticket, context))))}
          </tbody>
        </table>
      </div>
      ${this.paging.render(page, this.settings.value.pageSize, viewLabel(this.validView), (pageSize) => this.changeSettings({ pageSize }))}`);
  }

  private renderHeader(id: ColumnId, sort: TicketSort, sortable: readonly TicketSortField[]) {
    const column = COLUMNS[id];
    const field = column.sortField && sortable.includes(column.sortField) ? column.sortField : undefined;
    if (!field) return markup`<th scope="col">${column.label()}</th>`;
    const active = sort.field === field;
    const direction = active ? sort.direction : undefined;
    const ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
    const next: TicketSort = { field, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' };
    const sortBy = () => {
      this.changeSettings({ sort: next });
      void focusAfterUpdate(this, [`#sort-${id}`], { loaded: () => this.tickets.complete });
    };
    return markup`<th scope="col" aria-sort=${ariaSort}>
      <button class="sort" id=${`sort-${id}`} type="button" @click=${sortBy}>
        ${column.label()}<span aria-hidden="true">${direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}</span>
      </button>
    </th>`;
  }
}

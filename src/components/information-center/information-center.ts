import { provide } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, queryAll, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { DataChange, DataSource, LiveScope } from '../../data/contract/data-source.js';
import type { CustomerSelectedDetail, SettingsSavedDetail } from '../../events.js';
import { CicElement } from '../../internal/cic-element.js';
import { memoizeLast } from '../../internal/memo.js';
import {
  dataSourceContext,
  refreshContext,
  requestTimeoutContext,
  settingsContext,
  subjectContext,
  type SettingsEntry,
  type SubjectIds,
} from '../../internal/context.js';
import type { DataController } from '../../internal/data-controller.js';
import { renderLoading } from '../../internal/data-states.js';
import { emit } from '../../internal/events.js';
import { msg, setLocale, str } from '../../internal/localize.js';
import { preferenceTimeout } from '../../internal/preferences.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { CustomerSearchDialog } from '../customer-search-dialog/customer-search-dialog.js';
import { informationCenterStyles } from './information-center.styles.js';
import type { Region } from '../../internal/layout-types.js';
import { REGIONS } from './layout.js';
import { LayoutController } from './layout-controller.js';
import { LiveController } from './live-controller.js';
import { CHANGE_KINDS } from '../../data/adapters/guarded-data-source.js';
import { ReorderController } from './reorder-controller.js';
import { isSupported, onWidgetsChanged, registeredWidgets, widgetTitle, type WidgetDefinition } from './widget-registry.js';

/** Whether `tag` is defined as an element built on the library's base (it reads whom to show through context). */
const isBuiltOnBase = (tag: string) => customElements.get(tag)?.prototype instanceof CicElement;

/**
 * The dashboard shared by the customer and the customer-user information centers:
 * widgets as cards in a main and a sidebar region, moved by drag-and-drop or keyboard,
 * hidden by their ×, shown again through the settings widget, with the layout kept per
 * agent. It provides to every widget inside, through context: its data source, whom it
 * shows (customer id, customer user login), the settings entries, the request timeout and
 * a refresh signal. Elements that are not built on the library's base element get the
 * customer id and login set as properties instead.
 *
 * With a data source that has `liveUpdates`, the center subscribes for whom it shows and,
 * when something changes, reloads in place only the widgets the change can affect (each
 * widget definition names them in `changes`), once per burst of changes (at most once a second),
 * keeping the agent's page, sort, filter, focus and any form being edited; a header
 * indicator tells whether it is live. `refresh-interval` is then not needed (it still works).
 *
 * @fires layout-changed - The agent moved, hid or showed a widget: `{layout}`.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart header - The header with the name, id and actions.
 * @csspart search-button - Opens the customer search.
 * @csspart refresh-button - Reloads every widget.
 * @csspart live-indicator - "Live" (or "Connecting…", "Not live") with a data source that tells changes.
 * @csspart region - Each region of widgets.
 * @csspart region-main - The main region.
 * @csspart region-sidebar - The sidebar.
 * @csspart card - The card around each widget.
 * @csspart card-header - A card's header: handle, title, close button.
 * @csspart card-title - A card's title.
 * @csspart card-body - A card's body, holding the widget.
 * @csspart table - Every part of the widgets inside is exported twice: as itself (`table`,
 *   `pager`, `count`… of every widget) and prefixed with the widget's id (`open-tickets-table`,
 *   `company-status-count`), so that `customer-information-center::part(open-tickets-table)`
 *   styles one widget.
 * @csspart drag-handle - The handle that moves a card (drag, or arrow keys).
 * @csspart close-button - Hides a card.
 * @csspart empty - The state shown before anyone is selected.
 * @csspart error - A failure to load whom the center shows.
 * @csspart retry-button - Retry, in the error state.
 * @cssprop --cic-space-4 - The gap between cards.
 */
export abstract class InformationCenter<SubjectRecord extends object = object> extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, informationCenterStyles];
  static override dependencies: Record<string, CustomElementConstructor> = {
    'customer-search-dialog': CustomerSearchDialog,
  };

  /** Reload every widget this often (seconds); 0 (the default) turns it off. Paused while the page is hidden. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = 0;

  /**
   * The widgets to offer. Defaults to the built-in widgets of this center followed by those
   * added with `registerWidget()`.
   */
  @property({ attribute: false }) widgets?: WidgetDefinition[];

  /**
   * Switches the language of every element (`en`, `de`, `ja`; others fall back to their
   * language, else English). The same as calling `setLocale()`: localization is page-wide.
   */
  @property() locale?: string;

  @provide({ context: dataSourceContext }) @state() protected providedSource?: DataSource;
  @provide({ context: refreshContext }) @state() protected refreshGeneration = 0;
  @provide({ context: requestTimeoutContext }) @state() protected providedTimeout?: number;
  @provide({ context: subjectContext }) @state() protected widgetSubjectIds?: SubjectIds;
  @provide({ context: settingsContext }) @state() protected providedSettings: SettingsEntry[] = [];

  @queryAll('[data-region]') private regionElements!: NodeListOf<HTMLElement>;
  @query('.search-dialog') private searchDialog?: CustomerSearchDialog;
  /** The subject of the last update, to tell when the host changes it. */
  private subjectShown = '';

  protected readonly layouts = new LayoutController(this, {
    key: () => this.layoutKey,
    widgets: () => this.widgetDefinitions,
    readTimeoutMs: () => preferenceTimeout(this),
    onChange: (layout) => emit(this, 'layout-changed', { layout }),
  });

  private readonly reorder = new ReorderController(this, {
    regions: () => [...this.regionElements],
    visibleIn: (region) => this.layouts.visibleIn(region),
    move: (id, region, index) => this.layouts.move(id, region, index),
    title: (id) => widgetTitle(this.layouts.definition(id)!),
  });

  private readonly live = new LiveController(this, {
    source: () => this.effectiveDataSource,
    scope: () => this.liveScope(),
    onChanges: (kinds) => this.reloadAffected(kinds),
  });

  private readonly widgetElements = new Map<string, HTMLElement>();
  private refreshTimer?: ReturnType<typeof setInterval>;
  private stopWatchingRegistry?: () => void;

  /** The widgets this center shows by default. */
  protected abstract builtInWidgets(): WidgetDefinition[];
  /** The preference key of the layout (per agent, not per customer). */
  protected abstract readonly layoutKey: string;
  /** Which registered widgets belong here. */
  protected abstract readonly centerKind: 'customer' | 'customer-user';
  /** Whom the widgets show: the customer id, and the login in a customer-user center. */
  protected abstract subjectIds(): SubjectIds;
  /** Whom the center shows: a customer id or a login; empty for nobody yet. */
  protected abstract get subjectId(): string;
  /** Loads the record of whom the center shows (undefined when there is none). */
  protected abstract readonly subject: DataController<SubjectRecord | undefined, [string]>;
  /** The name for the heading; the id is shown when there is none. */
  protected abstract subjectName(record: SubjectRecord): string | undefined;
  /** Opens what the agent picked in the search, unless the host cancelled the event. */
  protected abstract openSelection(detail: CustomerSelectedDetail): void;
  /** Says that nobody is selected yet. */
  protected abstract emptyText(): string;

  /** The widgets in effect, built-in first; those whose data-source methods are missing left out. */
  get widgetDefinitions(): WidgetDefinition[] {
    return this.definitionsFor(this.widgets, registeredWidgets(), this.effectiveDataSource);
  }

  /** Asked for many times per render (each card, the settings): built again only when an input changes. */
  private readonly definitionsFor = memoizeLast(
    (widgets: WidgetDefinition[] | undefined, registered: readonly WidgetDefinition[], source: DataSource | undefined) => {
      const extra = registered.filter((w) => (w.centers ?? ['customer']).includes(this.centerKind));
      return (widgets ?? [...this.builtInWidgets(), ...extra]).filter((widget) => isSupported(widget, source));
    },
  );

  /** Reloads every widget. */
  refresh(): void {
    this.refreshGeneration++;
    this.subject.reload();
  }

  /** Whose live changes to hear: the customer user's in a customer-user center, else the customer's. */
  private liveScope(): LiveScope | undefined {
    const { customerId, customerUserLogin } = this.subjectIds();
    return customerUserLogin ? { customerUserLogin } : customerId ? { customerId } : undefined;
  }

  /** Reloads in place the widgets (and the heading) that changes of these kinds can affect. */
  private reloadAffected(kinds: ReadonlySet<DataChange['kind']>): void {
    const affects = (changes: readonly string[]) => kinds.has('all') || changes.some((kind) => kinds.has(kind as DataChange['kind']));
    for (const widget of this.widgetDefinitions) {
      if (affects(widget.changes ?? CHANGE_KINDS)) (this.widgetElements.get(widget.id) as Partial<CicElement> | undefined)?.liveReload?.();
    }
    if (affects([this.centerKind])) this.subject.reload();
  }

  /** Opens the customer search. */
  openSearch(): void {
    this.searchDialog?.show();
  }

  private get hasSubject(): boolean {
    return this.subjectId !== '';
  }

  protected override firstUpdated(): void {
    if (!this.hasSubject) this.openSearch();
  }

  private onCustomerSelected = (event: CustomEvent<CustomerSelectedDetail>) => {
    // Wait until the event has reached the host page, which may cancel it.
    queueMicrotask(() => {
      if (!event.defaultPrevented) this.openSelection(event.detail);
    });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatchingRegistry = onWidgetsChanged(() => this.layouts.reconcile());
    this.startAutoRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingRegistry?.();
    clearInterval(this.refreshTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.providedSource = this.effectiveDataSource;
    this.providedTimeout = this.effectiveRequestTimeout;
    this.provideSubjectIds(this.subjectIds());
    if (changed.has('refreshInterval')) this.startAutoRefresh();
    if (changed.has('locale') && this.locale) void setLocale(this.locale);
    if (this.providedSource) void this.layouts.load(this.providedSource);
    if (changed.has('widgets') || changed.has('dataSource')) this.layouts.reconcile();
    this.provideSettings(this.layouts.settingsEntries());
  }

  /** Changes the provided ids only when they change, so that widgets are not told in vain. */
  private provideSubjectIds(ids: SubjectIds): void {
    const current = this.widgetSubjectIds;
    if (current?.customerId !== ids.customerId || current.customerUserLogin !== ids.customerUserLogin) {
      this.widgetSubjectIds = ids;
    }
  }

  private provideSettings(entries: SettingsEntry[]): void {
    if (JSON.stringify(entries) !== JSON.stringify(this.providedSettings)) this.providedSettings = entries;
  }

  protected override updated(): void {
    for (const element of this.widgetElements.values()) this.configureForeignWidget(element);
    // Whom to show, set by the host while the search was open (e.g. opened for want of anyone): the search is answered.
    if (this.hasSubject && this.subjectId !== this.subjectShown) this.searchDialog?.close();
    this.subjectShown = this.subjectId;
  }

  /** An element not built on the library's base reads no context: it gets the ids as properties. */
  private configureForeignWidget(element: HTMLElement): void {
    if (element instanceof CicElement || !customElements.get(element.localName)) return;
    const widget = element as HTMLElement & Partial<SubjectIds>;
    const ids = this.subjectIds();
    if (widget.customerId !== ids.customerId) widget.customerId = ids.customerId;
    if (ids.customerUserLogin !== undefined && widget.customerUserLogin !== ids.customerUserLogin) {
      widget.customerUserLogin = ids.customerUserLogin;
    }
  }

  private startAutoRefresh(): void {
    clearInterval(this.refreshTimer);
    if (this.refreshInterval > 0 && this.isConnected) {
      this.refreshTimer = setInterval(() => {
        if (!document.hidden) this.refresh();
      }, this.refreshInterval * 1000);
    }
  }

  private elementFor(widget: WidgetDefinition): HTMLElement {
    let element = this.widgetElements.get(widget.id);
    const tag = this.tagOf(widget.tag);
    if (!element || element.localName !== tag) {
      element = document.createElement(tag);
      for (const [name, value] of Object.entries(widget.attributes ?? {})) element.setAttribute(name, value);
      if (element instanceof CicElement) element.exportedParts.prefix = widget.id;
      element.classList.add('widget');
      this.widgetElements.set(widget.id, element);
    }
    return element;
  }

  private onSettingsSaved = (event: CustomEvent<SettingsSavedDetail>) => {
    this.layouts.showOnly(event.detail.visible);
  };

  private hide(widget: WidgetDefinition, region: Region): void {
    const cards = this.layouts.visibleIn(region);
    const at = cards.indexOf(widget.id);
    if (!this.layouts.hide(widget.id)) return;
    this.reorder.announce(msg(str`${widgetTitle(widget)} hidden. Show it again in the settings.`));
    // The button pressed is gone with its card: the next card's (or the one before) takes the focus.
    const neighbours = [cards[at + 1], cards[at - 1]].filter(Boolean).map((id) => `[data-widget="${CSS.escape(id!)}"] .close-button`);
    void focusAfterUpdate(this, [...neighbours, '[part=search-button]']);
  }

  private renderHeader() {
    return html`<div class="header" part="header">
        ${this.hasSubject ? this.renderHeading() : nothing}
        ${this.renderLiveIndicator()}
        <div class="actions">
          <button class="button" part="search-button" type="button" @click=${this.openSearch}>
            ${msg('Search customer')}
          </button>
          ${this.hasSubject
            ? html`<button class="button" part="refresh-button" type="button" @click=${this.refresh}>
                ${msg('Refresh')}
              </button>`
            : nothing}
        </div>
      </div>
      ${this.renderSearchDialog()}`;
  }

  private renderLiveIndicator() {
    const status = this.live.status;
    if (!status || !this.hasSubject) return nothing;
    const label = { connecting: msg('Connecting…'), live: msg('Live'), down: msg('Not live') }[status];
    return html`<span class="live live--${status}" part="live-indicator" role="status">${label}</span>`;
  }

  private renderSearchDialog() {
    const tag = unsafeStatic(this.tagOf('customer-search-dialog'));
    return staticHtml`<${tag} class="search-dialog" @customer-selected=${this.onCustomerSelected}></${tag}>`;
  }

  /** The name of whom the center shows, then the id; just the id while there is no name. */
  private renderHeading() {
    const heading = (record: SubjectRecord | undefined) => {
      const name = record ? this.subjectName(record) : undefined;
      return html`<h1>${name ?? this.subjectId}</h1>
        ${name !== undefined ? html`<span class="id">${this.subjectId}</span>` : nothing}`;
    };
    // While the next subject loads, nothing of the previous one may show (refresh keeps the name).
    return this.subject.render({ pending: () => heading(this.subject.currentValue), complete: heading });
  }

  /**
   * Before anyone is shown: the empty state, with the cards already made but hidden, so that
   * picking someone only loads and shows their data (making the cards and widgets is about a
   * third of an open's script). Elements not built on the library's base are made on the open.
   */
  private renderBody(): unknown {
    const empty = !this.hasSubject;
    const regions = this.layouts.layout
      ? html`<div class="regions" ?hidden=${empty} @settings-saved=${this.onSettingsSaved}>
          ${REGIONS.map((region) => this.renderRegion(region))}
        </div>`
      : empty
        ? nothing
        : renderLoading();
    // One template either way: the regions (and the widgets in them) stay when someone is picked.
    return html`${empty
        ? html`<div class="empty" part="empty">
            <p>${this.emptyText()}</p>
            <button class="button" type="button" @click=${this.openSearch}>${msg('Search customer')}</button>
          </div>`
        : nothing}
      ${regions}`;
  }

  override render() {
    return html`${this.renderHeader()} ${this.renderBody()}
      <p id="move-help" class="visually-hidden">
        ${msg('Use the arrow keys to move this widget: up and down within its area, left and right between areas.')}
      </p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.reorder.announcement}</div>`;
  }

  private renderRegion(region: Region) {
    const label = region === 'main' ? msg('Main widgets') : msg('Sidebar widgets');
    return html`<section class="region region--${region}" part="region region-${region}" data-region=${region}
      aria-label=${label}>
      ${repeat(
        this.layouts.visibleIn(region),
        (id) => id,
        (id) => this.renderCard(this.layouts.definition(id)!, region),
      )}
    </section>`;
  }

  private renderCard(widget: WidgetDefinition, region: Region) {
    const title = widgetTitle(widget);
    return html`<article class="card" part="card" data-widget=${widget.id} aria-label=${title}>
      <header class="card-header" part="card-header">
        <button class="drag-handle" part="drag-handle" type="button"
          aria-label=${msg(str`Move ${title}`)}
          aria-describedby="move-help"
          @keydown=${(event: KeyboardEvent) => this.reorder.onHandleKeyDown(event, widget.id, region)}>
          <span aria-hidden="true">⠿</span>
        </button>
        <h2 class="card-title" part="card-title">${title}</h2>
        ${widget.mandatory
          ? nothing
          : html`<button class="close-button" part="close-button" type="button"
              aria-label=${msg(str`Hide ${title}`)} @click=${() => this.hide(widget, region)}>×</button>`}
      </header>
      <div class="card-body" part="card-body">${this.hasSubject || isBuiltOnBase(this.tagOf(widget.tag)) ? this.elementFor(widget) : nothing}</div>
    </article>`;
  }
}

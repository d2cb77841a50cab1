import { provide } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, queryAll, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import Sortable from 'sortablejs';
import type { DataSource } from '../data/data-source.js';
import type { CustomerSearchDialog } from '../components/customer-search-dialog/customer-search-dialog.js';
import type { CustomerSelectedDetail } from '../events.js';
import { CicElement } from './cic-element.js';
import type { DataController } from './data-controller.js';
import { dataSourceContext, refreshContext, requestTimeoutContext } from './context.js';
import { emit } from './events.js';
import {
  moveWidget,
  normalizeLayout,
  preferenceTimeout,
  readPreference,
  REGIONS,
  writePreference,
  type Layout,
  type Region,
} from './layout.js';
import { msg, setLocale, str } from './localize.js';
import { informationCenterStyles } from './information-center.styles.js';
import { dataStateStyles } from './theme.styles.js';
import { renderLoading } from './data-states.js';
import { onWidgetsChanged, registeredWidgets, widgetTitle, type WidgetDefinition } from './widget-registry.js';

/** What the settings widget is given, and what it answers with. */
export interface SettingsEntry {
  id: string;
  title: string;
  mandatory: boolean;
  visible: boolean;
}

/**
 * The dashboard shared by the customer and the customer-user information centers:
 * widgets as cards in a main and a sidebar region, moved by drag-and-drop or keyboard,
 * hidden by their ×, shown again through the settings widget, with the layout kept per
 * agent. It provides its data source and a refresh signal to every widget inside.
 *
 * @fires layout-changed - The agent moved, hid or showed a widget: `{layout}`.
 *
 * @csspart header - The header with the name, id and actions.
 * @csspart search-button - Opens the customer search.
 * @csspart refresh-button - Reloads every widget.
 * @csspart region - Each region of widgets; also `region-main` and `region-sidebar`.
 * @csspart card - The card around each widget; `card-header`, `card-title`, `card-body` inside.
 * @csspart drag-handle - The handle that moves a card (drag, or arrow keys).
 * @csspart close-button - Hides a card.
 * @csspart empty - The state shown before anyone is selected.
 * @cssprop --cic-space-4 - The gap between cards.
 */
export abstract class InformationCenter<Subject extends object = object> extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, informationCenterStyles];

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

  @state() protected layout?: Layout;
  @state() private announcement = '';

  @queryAll('[data-region]') private regionElements!: NodeListOf<HTMLElement>;
  @query('customer-search-dialog') private searchDialog?: CustomerSearchDialog;

  private readonly widgetElements = new Map<string, HTMLElement>();
  private sortables: Sortable[] = [];
  private refreshTimer?: ReturnType<typeof setInterval>;
  private stopWatchingRegistry?: () => void;
  /** The data source whose preference store the layout was read from. */
  private layoutSource?: DataSource;
  private settingsSignature = '';

  /** The widgets this center shows by default. */
  protected abstract builtInWidgets(): WidgetDefinition[];
  /** Which registered widgets belong here. */
  protected abstract readonly centerKind: 'customer' | 'customer-user';
  /** Gives a widget element what it shows (customer id, login…). */
  protected abstract configureWidget(element: HTMLElement): void;
  /** The preference key of the layout (per agent, not per customer). */
  protected abstract readonly layoutKey: string;
  /** Whom the center shows: a customer id or a login; empty for nobody yet. */
  protected abstract get subjectId(): string;
  /** Loads the record of whom the center shows (undefined when there is none). */
  protected abstract readonly subject: DataController<Subject | undefined, [string]>;
  /** The name for the heading; the id is shown when there is none. */
  protected abstract subjectName(record: Subject): string | undefined;
  /** Opens what the agent picked in the search, unless the host cancelled the event. */
  protected abstract openSelection(detail: CustomerSelectedDetail): void;
  /** Says that nobody is selected yet. */
  protected abstract emptyText(): string;

  /** The widgets in effect, built-in first. */
  get widgetDefinitions(): WidgetDefinition[] {
    if (this.widgets) return this.widgets;
    const extra = registeredWidgets().filter((w) => (w.centers ?? ['customer']).includes(this.centerKind));
    return [...this.builtInWidgets(), ...extra];
  }

  /** Reloads every widget. */
  refresh(): void {
    this.refreshGeneration++;
    this.subject.reload();
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
    this.stopWatchingRegistry = onWidgetsChanged(() => this.reconcileLayout());
    this.startAutoRefresh();
    if (this.hasUpdated) this.createSortables();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingRegistry?.();
    clearInterval(this.refreshTimer);
    this.destroySortables();
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.providedSource = this.effectiveDataSource;
    this.providedTimeout = this.effectiveRequestTimeout;
    if (changed.has('refreshInterval')) this.startAutoRefresh();
    if (changed.has('locale') && this.locale) void setLocale(this.locale);
    if (this.providedSource !== undefined && this.providedSource !== this.layoutSource) void this.loadLayout(this.providedSource);
    if (changed.has('widgets')) this.reconcileLayout();
  }

  protected override updated(): void {
    for (const element of [...this.widgetElements.values(), this.searchDialog]) {
      if (element) this.passTheme(element);
    }
    for (const element of this.widgetElements.values()) this.configureWidget(element);
    this.configureSettings();
    // An update may run while removed (an aborted load settles): Sortable only while connected.
    if (this.isConnected && this.sortables.length === 0 && this.regionElements.length) this.createSortables();
  }

  private passTheme(element: Element): void {
    if (element.getAttribute('theme') === (this.theme ?? null)) return;
    if (this.theme) element.setAttribute('theme', this.theme);
    else element.removeAttribute('theme');
  }

  /** Reads the agent's layout from a data source's preference store (or localStorage). */
  private async loadLayout(source: DataSource): Promise<void> {
    this.layoutSource = source;
    const stored = await readPreference(source, this.layoutKey, preferenceTimeout(this));
    if (this.layoutSource === source) this.layout = normalizeLayout(stored, this.widgetDefinitions);
  }

  private reconcileLayout(): void {
    if (this.layout) this.layout = normalizeLayout(this.layout, this.widgetDefinitions);
  }

  private applyLayout(layout: Layout): void {
    this.layout = layout;
    void writePreference(this.providedSource, this.layoutKey, layout);
    emit(this, 'layout-changed', { layout });
  }

  private startAutoRefresh(): void {
    clearInterval(this.refreshTimer);
    if (this.refreshInterval > 0 && this.isConnected) {
      this.refreshTimer = setInterval(() => {
        if (!document.hidden) this.refresh();
      }, this.refreshInterval * 1000);
    }
  }

  private definition(id: string): WidgetDefinition | undefined {
    return this.widgetDefinitions.find((w) => w.id === id);
  }

  private elementFor(widget: WidgetDefinition): HTMLElement {
    let element = this.widgetElements.get(widget.id);
    if (!element || element.localName !== widget.tag) {
      element = document.createElement(widget.tag);
      for (const [name, value] of Object.entries(widget.attributes ?? {})) element.setAttribute(name, value);
      element.classList.add('widget');
      this.widgetElements.set(widget.id, element);
    }
    return element;
  }

  /** The settings widget lists every widget in layout order and answers with `settings-saved`. */
  private configureSettings(): void {
    const entries = this.settingsEntries();
    const signature = JSON.stringify(entries);
    if (signature === this.settingsSignature) return;
    this.settingsSignature = signature;
    for (const element of this.widgetElements.values()) {
      if ('entries' in element) (element as HTMLElement & { entries: SettingsEntry[] }).entries = entries;
    }
  }

  private settingsEntries(): SettingsEntry[] {
    if (!this.layout) return [];
    const hidden = new Set(this.layout.hidden);
    return [...this.layout.main, ...this.layout.sidebar].flatMap((id) => {
      const widget = this.definition(id);
      return widget
        ? [{ id, title: widgetTitle(widget), mandatory: !!widget.mandatory, visible: !hidden.has(id) }]
        : [];
    });
  }

  private onSettingsSaved = (event: CustomEvent<{ visible: string[] }>) => {
    if (!this.layout) return;
    const visible = new Set(event.detail.visible);
    const hidden = this.widgetDefinitions.filter((w) => !w.mandatory && !visible.has(w.id)).map((w) => w.id);
    this.applyLayout({ ...this.layout, hidden });
  };

  private hide(widget: WidgetDefinition): void {
    if (!this.layout || widget.mandatory) return;
    this.applyLayout({ ...this.layout, hidden: [...this.layout.hidden, widget.id] });
    this.announce(msg(str`${widgetTitle(widget)} hidden. Show it again in the settings.`));
  }

  private visibleIn(region: Region, layout = this.layout): string[] {
    if (!layout) return [];
    const hidden = new Set(layout.hidden);
    return layout[region].filter((id) => !hidden.has(id) && this.definition(id));
  }

  /** Moves a widget to `visibleIndex` among the visible widgets of `region`. */
  private place(id: string, region: Region, visibleIndex: number): void {
    if (!this.layout) return;
    const visible = this.visibleIn(region).filter((x) => x !== id);
    const anchor = visible[visibleIndex];
    const without = this.layout[region].filter((x) => x !== id);
    const index = anchor === undefined ? without.length : without.indexOf(anchor);
    this.applyLayout(moveWidget(this.layout, id, region, index));
  }

  private announce(text: string): void {
    // Clear first so that the same words twice are announced twice.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private onHandleKeyDown(event: KeyboardEvent, widget: WidgetDefinition, region: Region): void {
    const visible = this.visibleIn(region);
    const index = visible.indexOf(widget.id);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const other: Region = region === 'main' ? 'sidebar' : 'main';
    let target: { region: Region; index: number } | undefined;
    switch (event.key) {
      case 'ArrowUp':
        if (index > 0) target = { region, index: index - 1 };
        break;
      case 'ArrowDown':
        if (index < visible.length - 1) target = { region, index: index + 1 };
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const towardsSidebar = (event.key === 'ArrowRight') !== rtl;
        if ((towardsSidebar && region === 'main') || (!towardsSidebar && region === 'sidebar')) {
          target = { region: other, index: Math.min(index, this.visibleIn(other).length) };
        }
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    if (!target) return;
    this.place(widget.id, target.region, target.index);
    const [title, position, count] = [widgetTitle(widget), target.index + 1, this.visibleIn(target.region).length];
    this.announce(
      target.region === 'main'
        ? msg(str`${title} moved to position ${position} of ${count} in the main area.`)
        : msg(str`${title} moved to position ${position} of ${count} in the sidebar.`),
    );
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-widget="${CSS.escape(widget.id)}"] .drag-handle`)?.focus(),
    );
  }

  private createSortables(): void {
    this.destroySortables();
    let origin: { parent: Node; next: Node | null } | undefined;
    this.sortables = [...this.regionElements].map((element) =>
      Sortable.create(element, {
        group: `cic-widgets-${this.localName}`,
        handle: '.drag-handle',
        draggable: '.card',
        animation: 150,
        // Pointer events rather than native drag: the same on touch, mouse and in tests.
        forceFallback: true,
        onStart: (event) => {
          origin = { parent: event.item.parentNode!, next: event.item.nextSibling };
        },
        onEnd: (event) => {
          // Sortable moved the node; put it back and let Lit render the new order.
          if (origin) origin.parent.insertBefore(event.item, origin.next);
          const region = event.to.dataset.region as Region;
          const id = event.item.dataset.widget!;
          if (event.from !== event.to || event.oldIndex !== event.newIndex) {
            this.place(id, region, event.newIndex ?? 0);
          }
          origin = undefined;
        },
      }),
    );
  }

  private destroySortables(): void {
    for (const sortable of this.sortables) sortable.destroy();
    this.sortables = [];
  }

  private renderHeader() {
    return html`<div class="header" part="header">
        ${this.hasSubject ? this.renderHeading() : nothing}
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
      <customer-search-dialog @customer-selected=${this.onCustomerSelected}></customer-search-dialog>`;
  }

  /** The name of whom the center shows, then the id; just the id while there is no name. */
  private renderHeading() {
    const heading = (record: Subject | undefined) => {
      const name = record ? this.subjectName(record) : undefined;
      return html`<h1>${name ?? this.subjectId}</h1>
        ${name !== undefined ? html`<span class="id">${this.subjectId}</span>` : nothing}`;
    };
    // While the next subject loads, nothing of the previous one may show (refresh keeps the name).
    return this.subject.render({ pending: () => heading(this.subject.currentValue), complete: heading });
  }

  private renderBody(): unknown {
    if (!this.hasSubject) {
      return html`<div class="empty" part="empty">
        <p>${this.emptyText()}</p>
        <button class="button" type="button" @click=${this.openSearch}>${msg('Search customer')}</button>
      </div>`;
    }
    if (!this.layout) return renderLoading();
    return html`<div class="regions" @settings-saved=${this.onSettingsSaved}>
      ${REGIONS.map((region) => this.renderRegion(region))}
    </div>`;
  }

  override render() {
    return html`${this.renderHeader()} ${this.renderBody()}
      <p id="move-help" class="visually-hidden">
        ${msg('Use the arrow keys to move this widget: up and down within its area, left and right between areas.')}
      </p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  private renderRegion(region: Region) {
    const label = region === 'main' ? msg('Main widgets') : msg('Sidebar widgets');
    return html`<section class="region region--${region}" part="region region-${region}" data-region=${region}
      aria-label=${label}>
      ${repeat(
        this.visibleIn(region),
        (id) => id,
        (id) => this.renderCard(this.definition(id)!, region),
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
          @keydown=${(event: KeyboardEvent) => this.onHandleKeyDown(event, widget, region)}>
          <span aria-hidden="true">⠿</span>
        </button>
        <h2 class="card-title" part="card-title">${title}</h2>
        ${widget.mandatory
          ? nothing
          : html`<button class="close-button" part="close-button" type="button"
              aria-label=${msg(str`Hide ${title}`)} @click=${() => this.hide(widget)}>×</button>`}
      </header>
      <div class="card-body" part="card-body">${this.elementFor(widget)}</div>
    </article>`;
  }

}

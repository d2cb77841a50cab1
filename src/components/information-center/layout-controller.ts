import type { ReactiveControllerHost } from 'lit';
import type { DataSource } from '../../data/contract/data-source.js';
import type { SettingsEntry } from '../../internal/context.js';
import { readAhead, usePreference, writePreference } from '../../internal/preferences.js';
import type { Layout, Region } from '../../internal/layout-types.js';
import { moveWidget, normalizeLayout } from './layout.js';
import { widgetTitle, type WidgetDefinition } from './widget-registry.js';

export interface LayoutControllerOptions {
  /** The preference key of the layout (per agent, not per customer). */
  key: () => string;
  /** The widgets offered now. */
  widgets: () => readonly WidgetDefinition[];
  /** How long a read of the stored layout may take (ms). */
  readTimeoutMs: () => number;
  /** Called after every change the agent made (move, hide, show), once it is applied. */
  onChange?: (layout: Layout) => void;
}

/**
 * Where a dashboard's widgets stand: read from the agent's preferences (the data source's
 * store, else localStorage) and reconciled with the widgets that exist, changed by moves,
 * hides and the settings, and written back. No DOM and no lifecycle: it asks its host to
 * update when the layout changes, and the host renders `visibleIn()`.
 */
export class LayoutController {
  /** Undefined until there is a data source; the default layout until the stored one has been read. */
  layout?: Layout;

  private readonly host: ReactiveControllerHost;
  private readonly options: LayoutControllerOptions;
  /** The data source whose preference store the layout was read from. */
  private source?: DataSource;
  /** Whether the agent has changed the layout since it was read. */
  private changed = false;

  constructor(host: ReactiveControllerHost, options: LayoutControllerOptions) {
    this.host = host;
    this.options = options;
  }

  /**
   * Reads the agent's layout from `source`, unless it was read from it already: from
   * localStorage at once; from a preference store when it answers, showing the default
   * layout meanwhile (replaced only if the agent has moved, hidden or shown nothing yet).
   * The preferences the widgets declare are read from a store along with it, so that they
   * are known when someone is opened.
   */
  async load(source: DataSource): Promise<void> {
    if (source === this.source) return;
    this.source = source;
    this.changed = false;
    const widgets = this.options.widgets();
    const timeoutMs = this.options.readTimeoutMs();
    this.layout = normalizeLayout(undefined, widgets);
    for (const widget of widgets) widget.preferences?.forEach((key) => readAhead(source, key, timeoutMs));
    await usePreference(source, this.options.key(), timeoutMs, (stored) => {
      if (this.source !== source || this.changed) return;
      this.layout = normalizeLayout(stored, this.options.widgets());
      // Within the host's update under way (read at once) this asks for nothing more.
      this.host.requestUpdate();
    });
  }

  /** Takes in widgets added or removed since (registered plugins, a new `widgets` list). */
  reconcile(): void {
    if (!this.layout) return;
    this.layout = normalizeLayout(this.layout, this.options.widgets());
    this.host.requestUpdate();
  }

  definition(id: string): WidgetDefinition | undefined {
    return this.options.widgets().find((w) => w.id === id);
  }

  /** The ids of the shown widgets of `region`, in order. */
  visibleIn(region: Region): string[] {
    if (!this.layout) return [];
    const hidden = new Set(this.layout.hidden);
    return this.layout[region].filter((id) => !hidden.has(id) && this.definition(id));
  }

  /** Every widget in layout order, as the settings widget lists them. */
  settingsEntries(): SettingsEntry[] {
    if (!this.layout) return [];
    const hidden = new Set(this.layout.hidden);
    return [...this.layout.main, ...this.layout.sidebar].flatMap((id) => {
      const widget = this.definition(id);
      return widget ? [{ id, title: widgetTitle(widget), mandatory: !!widget.mandatory, visible: !hidden.has(id) }] : [];
    });
  }

  /** Hides a widget (never a mandatory one); returns whether it did. */
  hide(id: string): boolean {
    const widget = this.definition(id);
    if (!this.layout || !widget || widget.mandatory || this.layout.hidden.includes(id)) return false;
    this.apply({ ...this.layout, hidden: [...this.layout.hidden, id] });
    return true;
  }

  /** Shows exactly the widgets of `visible` (and every mandatory one); hides the rest. */
  showOnly(visible: readonly string[]): void {
    if (!this.layout) return;
    const shown = new Set(visible);
    const hidden = this.options.widgets().filter((w) => !w.mandatory && !shown.has(w.id)).map((w) => w.id);
    this.apply({ ...this.layout, hidden });
  }

  /** Moves a widget to `visibleIndex` among the shown widgets of `region`. */
  move(id: string, region: Region, visibleIndex: number): void {
    if (!this.layout) return;
    const visible = this.visibleIn(region).filter((x) => x !== id);
    const anchor = visible[visibleIndex];
    const without = this.layout[region].filter((x) => x !== id);
    const index = anchor === undefined ? without.length : without.indexOf(anchor);
    this.apply(moveWidget(this.layout, id, region, index));
  }

  private apply(layout: Layout): void {
    this.layout = layout;
    this.changed = true;
    this.host.requestUpdate();
    void writePreference(this.source, this.options.key(), layout);
    this.options.onChange?.(layout);
  }
}

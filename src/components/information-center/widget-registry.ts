import type { DataChange, DataSource } from '../../data/contract/data-source.js';
import type { PlacedWidget } from './layout.js';

/**
 * A widget a container can show: a built-in one or any element of a host or plugin.
 * The container creates `tag`, sets `customerId` (and the `customer-id` attribute) or
 * `customerUserLogin` on it, provides its data source, and treats it like every other
 * widget for settings, order and persistence.
 */
export interface WidgetDefinition extends PlacedWidget {
  /** The element to create (must be a valid custom element name). */
  tag: string;
  /** The title of its card; a function for a title that follows the locale. */
  title: string | (() => string);
  /** Attributes set on the element when it is created (e.g. `{view: 'reminder'}`). */
  attributes?: Record<string, string>;
  /** Which containers show it (default: the customer center only). */
  centers?: ('customer' | 'customer-user')[];
  /**
   * Optional data-source methods it needs (e.g. `['getTicketStatistics']`): with a source
   * that lacks one, the widget is neither shown nor offered in the settings.
   */
  requires?: readonly (keyof DataSource)[];
  /**
   * The kinds of live change that can alter what it shows (e.g. `['ticket']`): with a data
   * source that has `liveUpdates`, the container reloads it in place when one of them
   * happens (through `liveReload()`, which elements built on the library's base have).
   * Default: every kind; `[]` for a widget no change affects.
   */
  changes?: readonly DataChange['kind'][];
  /**
   * The preference keys its element reads before it asks for its data (e.g. its page size):
   * the container reads them with its layout, before anyone is shown, so that opening someone
   * asks for every widget's data at once.
   */
  preferences?: readonly string[];
}

/** Whether `source` has every method `widget` needs. */
export function isSupported(widget: Pick<WidgetDefinition, 'requires'>, source: DataSource | undefined): boolean {
  return (widget.requires ?? []).every((method) => typeof source?.[method] === 'function');
}

const VALID_TAG = /^[a-z][a-z0-9._-]*-[a-z0-9._-]*$/;

const extraWidgets = new Map<string, WidgetDefinition>();
/** The registered widgets as a list, a new one only when they change. */
let registered: readonly WidgetDefinition[] = [];
const listeners = new Set<() => void>();
const changed = () => {
  registered = [...extraWidgets.values()];
  listeners.forEach((listener) => listener());
};

export function widgetTitle(widget: Pick<WidgetDefinition, 'title'>): string {
  return typeof widget.title === 'function' ? widget.title() : widget.title;
}

/**
 * Adds a widget to every container (plugins call this once). A widget with the same id
 * replaces the earlier one. Returns a function that removes it again.
 */
export function registerWidget(widget: WidgetDefinition): () => void {
  if (!VALID_TAG.test(widget.tag)) {
    console.warn(`[cic] widget "${widget.id}" has an invalid tag "${widget.tag}"; ignored.`);
    return () => {};
  }
  extraWidgets.set(widget.id, widget);
  changed();
  return () => {
    if (extraWidgets.get(widget.id) === widget) extraWidgets.delete(widget.id);
    changed();
  };
}

/** Widgets registered by hosts and plugins, in order of registration (the same list until that changes). */
export function registeredWidgets(): readonly WidgetDefinition[] {
  return registered;
}

/** Calls `listener` whenever a widget is registered or removed; returns the unsubscribe. */
export function onWidgetsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

import type { Layout, Region } from '../../internal/layout-types.js';

export const REGIONS: readonly Region[] = ['main', 'sidebar'];

/** What a container needs to know of a widget to place it (see `WidgetDefinition`). */
export interface PlacedWidget {
  id: string;
  region: Region;
  mandatory?: boolean;
  /** Not shown until the agent enables it in the settings. */
  hiddenByDefault?: boolean;
}

export function defaultLayout(widgets: readonly PlacedWidget[]): Layout {
  return {
    main: widgets.filter((w) => w.region === 'main').map((w) => w.id),
    sidebar: widgets.filter((w) => w.region === 'sidebar').map((w) => w.id),
    hidden: widgets.filter((w) => w.hiddenByDefault && !w.mandatory).map((w) => w.id),
  };
}

/** The strings of `value` when it is an array, else undefined. */
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/**
 * Reconciles a stored layout with the widgets that exist now: unknown ids and malformed
 * entries are dropped, widgets added since are appended to their default region,
 * mandatory widgets are never hidden, and anything unreadable falls back to the default
 * (with a warning, never a throw).
 */
export function normalizeLayout(stored: unknown, widgets: readonly PlacedWidget[]): Layout {
  const fallback = defaultLayout(widgets);
  if (stored === undefined || stored === null) return fallback;
  const candidate = (typeof stored === 'object' ? stored : {}) as Record<keyof Layout, unknown>;
  const main = strings(candidate.main);
  const sidebar = strings(candidate.sidebar);
  if (!main && !sidebar) {
    console.warn('[cic] stored layout is unreadable; using the default layout.', stored);
    return fallback;
  }
  const known = new Map(widgets.map((w) => [w.id, w]));
  const placed = new Set<string>();
  const keep = (ids: string[] = []) =>
    ids.filter((id) => {
      if (!known.has(id) || placed.has(id)) return false;
      placed.add(id);
      return true;
    });
  const layout: Layout = { main: keep(main), sidebar: keep(sidebar), hidden: [] };
  for (const widget of widgets) {
    if (!placed.has(widget.id)) layout[widget.region].push(widget.id);
  }
  const storedHidden = new Set(strings(candidate.hidden) ?? []);
  layout.hidden = widgets
    .filter((w) => !w.mandatory && (storedHidden.has(w.id) || (!placed.has(w.id) && fallback.hidden.includes(w.id))))
    .map((w) => w.id);
  return layout;
}

/** Moves `id` to `index` of `region`, taking it out of wherever it was. */
export function moveWidget(layout: Layout, id: string, region: Region, index: number): Layout {
  const next: Layout = {
    main: layout.main.filter((x) => x !== id),
    sidebar: layout.sidebar.filter((x) => x !== id),
    hidden: layout.hidden,
  };
  next[region].splice(Math.max(0, Math.min(index, next[region].length)), 0, id);
  return next;
}

import type { StateCategory } from '../contract/types.js';

/**
 * How backend state names map to state categories, and which categories count as
 * "open" (viewable). Configuration, not code: pass your own to the data source.
 */
export interface StateMapping {
  /** Backend state name → category. Names are matched case-insensitively. */
  states: Record<string, StateCategory>;
  /** Categories counted as open; every other category counts as closed. */
  viewable: StateCategory[];
  /** Category of a state name the mapping does not know. */
  fallback: StateCategory;
}

/** Categories counted as open by default. */
export const DEFAULT_VIEWABLE: StateCategory[] = ['new', 'open', 'pending-reminder', 'pending-auto'];

/** The state names of OTRS / Znuny / OTOBO. */
export const DEFAULT_STATE_MAPPING: StateMapping = {
  states: {
    new: 'new',
    open: 'open',
    'pending reminder': 'pending-reminder',
    'pending auto close+': 'pending-auto',
    'pending auto close-': 'pending-auto',
    'closed successful': 'closed',
    'closed unsuccessful': 'closed',
    merged: 'merged',
    removed: 'removed',
  },
  viewable: DEFAULT_VIEWABLE,
  fallback: 'open',
};

/**
 * Example: the vocabulary of a change-management product ("Ops I"), for a host whose
 * tickets use it. Pass it as `stateMapping` (or merge it with the default).
 */
export const OPS_I_STATE_MAPPING: StateMapping = {
  states: {
    awaiting_approval: 'open',
    planning: 'open',
    in_progress: 'open',
    open: 'open',
    awaiting_implementation: 'open',
    declined: 'open',
    awaiting_backout: 'open',
    implementing: 'open',
    pending: 'pending-reminder',
    closed: 'closed',
    completed: 'closed',
    cancelled: 'closed',
    closed_with_backout: 'closed',
  },
  viewable: DEFAULT_VIEWABLE,
  fallback: 'open',
};

/** Combines mappings; later ones win for the same state name. */
export function mergeStateMappings(...mappings: StateMapping[]): StateMapping {
  const last = mappings[mappings.length - 1] ?? DEFAULT_STATE_MAPPING;
  return {
    states: Object.assign({}, ...mappings.map((m) => m.states)),
    viewable: last.viewable,
    fallback: last.fallback,
  };
}

/** Returns a fast lookup for one mapping. */
export function createStateClassifier(mapping: StateMapping) {
  const byName = new Map(Object.entries(mapping.states).map(([name, cat]) => [name.toLowerCase(), cat]));
  const viewable = new Set(mapping.viewable);
  return {
    categoryOf: (state: unknown): StateCategory =>
      (typeof state === 'string' ? byName.get(state.toLowerCase()) : undefined) ?? mapping.fallback,
    isViewable: (category: StateCategory) => viewable.has(category),
  };
}

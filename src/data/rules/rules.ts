/**
 * The domain rules every data source answers by (in memory, in SQL, and the conformance
 * suite that checks them): which categories each view takes, which states are final,
 * when a view depends on the time, what counts as locked, how long a search term must be.
 */
import { STATE_CATEGORIES, type StateCategory, type TicketView } from '../contract/types.js';

/** Categories a ticket does not leave: a ticket in one is never escalated. */
export const TERMINAL_CATEGORIES: ReadonlySet<StateCategory> = new Set(['closed', 'merged', 'removed']);

/** The lock names that make a ticket its owner's locked ticket. */
export const LOCKED_LOCKS: readonly string[] = ['lock', 'tmp_lock'];

/**
 * The views shown once a time is reached: the ticket field that holds the time, and the sort
 * by it (in which a view's list is its due list).
 */
export const DUE_VIEWS = {
  reminder: { field: 'pendingUntil', sort: 'pendingUntil' },
  escalated: { field: 'escalationAt', sort: 'escalation' },
} as const;

/** The views whose tickets show once a time is reached: the pending time, the escalation time. */
export type DueView = keyof typeof DUE_VIEWS;

export const isDueView = (view: TicketView): view is DueView => view in DUE_VIEWS;

/**
 * The categories a view draws from, before a due view's time condition; `isViewable` tells
 * the categories counted as open (the state mapping's).
 */
export function viewCategories(view: TicketView, isViewable: (category: StateCategory) => boolean): readonly StateCategory[] {
  switch (view) {
    case 'reminder':
      return ['pending-reminder'];
    case 'escalated':
      return STATE_CATEGORIES.filter((category) => !TERMINAL_CATEGORIES.has(category));
    case 'new':
    case 'open':
      return [view];
    case 'closed':
      return STATE_CATEGORIES.filter((category) => !isViewable(category));
    case 'all':
      return STATE_CATEGORIES;
  }
}

/** The minimum length of a term before a search is sent. */
export const MIN_SEARCH_LENGTH = 2;

/** Whether a term is searched: `*` alone (or `**`) lists everything; else it needs `MIN_SEARCH_LENGTH` characters. */
export function isSearchable(term: string): boolean {
  const trimmed = term.trim();
  return trimmed.length >= MIN_SEARCH_LENGTH || /^\*+$/.test(trimmed);
}

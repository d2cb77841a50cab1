import type { DataSource, PreferenceStore } from '../data/contract/data-source.js';
import { withTimeout } from '../data/contract/errors.js';

/** The prefix of every key the library writes to `localStorage`. */
export const STORAGE_PREFIX = 'cic:';

/** A preference read waits at most this long (ms) before the defaults are used. */
export const PREFERENCE_TIMEOUT_MS = 5_000;

/**
 * Per-agent preferences: the data source's store when it has one, else `localStorage`
 * under `cic:<key>`. Reads never throw: unreadable, failed or slower than `timeoutMs`
 * (the store's call is then aborted through its signal) → undefined, with a warning.
 * A failed write warns.
 *
 * `usePreference` hands the stored value to `use`: at once, within this call, from
 * `localStorage` (so that an element renders with its settings in the update under way), else
 * when the store answers. Resolves once `use` has run.
 */
export function usePreference(source: DataSource | undefined, key: string, timeoutMs: number, use: (stored: unknown) => void): Promise<void> {
  const store = source?.preferences;
  if (store) return fromStore(store, key, timeoutMs).then(use);
  use(fromLocalStorage(key));
  return Promise.resolve();
}

async function fromStore(store: PreferenceStore, key: string, timeoutMs: number): Promise<unknown> {
  try {
    return await withTimeout(timeoutMs, undefined, (signal) => store.get(key, { signal }));
  } catch (error) {
    return unreadable(key, error);
  }
}

function fromLocalStorage(key: string): unknown {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key);
    return raw === null ? undefined : JSON.parse(raw);
  } catch (error) {
    return unreadable(key, error);
  }
}

function unreadable(key: string, error: unknown): undefined {
  console.warn(`[cic] could not read preference "${key}"; using defaults.`, error);
  return undefined;
}

/** How long an element waits for its preferences: its request timeout, at most `PREFERENCE_TIMEOUT_MS`. */
export function preferenceTimeout(element: { effectiveRequestTimeout: number }): number {
  const timeout = element.effectiveRequestTimeout > 0 ? element.effectiveRequestTimeout : Infinity;
  return Math.min(timeout, PREFERENCE_TIMEOUT_MS);
}

export async function writePreference(source: DataSource | undefined, key: string, value: unknown): Promise<void> {
  try {
    if (source?.preferences) await withTimeout(PREFERENCE_TIMEOUT_MS, undefined, (signal) => source.preferences!.set(key, value, { signal }));
    else localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
  } catch (error) {
    console.warn(`[cic] could not save preference "${key}".`, error);
  }
}

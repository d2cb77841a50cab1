import type { DataSource, PreferenceStore } from '../data/contract/data-source.js';
import { withTimeout } from '../data/contract/errors.js';

/** The prefix of every key the library writes to `localStorage`. */
export const STORAGE_PREFIX = 'cic:';

/** A preference read waits at most this long (ms) before the defaults are used. */
export const PREFERENCE_TIMEOUT_MS = 5_000;

/**
 * An element waits at most this long (ms) for its stored settings before it loads with the
 * defaults; settings that come later are applied if the agent changed nothing meanwhile.
 */
export const PREFERENCE_WAIT_MS = 300;

/** The reads of this page, per store and key: everyone who asks for a key shares one read. */
const reads = new WeakMap<PreferenceStore, Map<string, Promise<unknown>>>();

function readsOf(store: PreferenceStore): Map<string, Promise<unknown>> {
  let byKey = reads.get(store);
  if (!byKey) reads.set(store, (byKey = new Map()));
  return byKey;
}

/**
 * Per-agent preferences: the data source's store when it has one, else `localStorage`
 * under `cic:<key>`. Reads never throw: unreadable, failed or slower than `timeoutMs`
 * (the store's call is then aborted through its signal) → undefined, with a warning.
 * A store is asked once per key and page: concurrent and later readers share the read (a
 * failed one is asked again), and a write replaces it. A failed write warns.
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

/** Starts the shared read of `key` from the source's store, if it has one, for readers to come. */
export function readAhead(source: DataSource, key: string, timeoutMs: number): void {
  if (source.preferences) void fromStore(source.preferences, key, timeoutMs);
}

function fromStore(store: PreferenceStore, key: string, timeoutMs: number): Promise<unknown> {
  const byKey = readsOf(store);
  let read = byKey.get(key);
  if (!read) {
    // Taken as JSON (the contract's kind of value): a cycle, a BigInt or a getter that throws is unreadable.
    const ours: Promise<unknown> = withTimeout(timeoutMs, undefined, async (signal) => {
      const value = await store.get(key, { signal });
      return value === undefined ? value : JSON.parse(JSON.stringify(value));
    }).catch((error: unknown) => {
      if (byKey.get(key) === ours) byKey.delete(key);
      return unreadable(key, error);
    });
    byKey.set(key, (read = ours));
  }
  return read;
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
  const store = source?.preferences;
  try {
    if (!store) return localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    readsOf(store).set(key, Promise.resolve(value));
    await withTimeout(PREFERENCE_TIMEOUT_MS, undefined, (signal) => store.set(key, value, { signal }));
  } catch (error) {
    console.warn(`[cic] could not save preference "${key}".`, error);
  }
}

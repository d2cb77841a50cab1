import type { DataSource } from '../data/data-source.js';
import { withTimeout } from '../data/errors.js';

/** The prefix of every key the library writes to `localStorage`. */
export const STORAGE_PREFIX = 'cic:';

/** A preference read waits at most this long (ms) before the defaults are used. */
export const PREFERENCE_TIMEOUT_MS = 5_000;

/**
 * Per-agent preferences: the data source's store when it has one, else `localStorage`
 * under `cic:<key>`. Reads never throw: unreadable, failed or slower than `timeoutMs`
 * (the store's call is then aborted through its signal) → undefined, with a warning.
 * A failed write warns.
 */
export async function readPreference(
  source: DataSource | undefined,
  key: string,
  timeoutMs = PREFERENCE_TIMEOUT_MS,
): Promise<unknown> {
  const now = readPreferenceNow(source, key);
  if (now) return now.value;
  try {
    return await withTimeout(timeoutMs, undefined, (signal) => source!.preferences!.get(key, { signal }));
  } catch (error) {
    console.warn(`[cic] could not read preference "${key}"; using defaults.`, error);
    return undefined;
  }
}

/**
 * The stored value at once when no call is needed (no preference store: `localStorage`), so
 * that an element renders with its settings in its first update; `undefined` when it must ask
 * the store (then `readPreference`). Unreadable → `{ value: undefined }`, with a warning.
 */
export function readPreferenceNow(source: DataSource | undefined, key: string): { value: unknown } | undefined {
  if (source?.preferences) return undefined;
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key);
    return { value: raw === null ? undefined : JSON.parse(raw) };
  } catch (error) {
    console.warn(`[cic] could not read preference "${key}"; using defaults.`, error);
    return { value: undefined };
  }
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

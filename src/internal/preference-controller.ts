import type { ReactiveController } from 'lit';
import type { DataSource } from '../data/contract/data-source.js';
import type { CicElement } from './cic-element.js';
import { PREFERENCE_WAIT_MS, preferenceTimeout, usePreference, writePreference } from './preferences.js';

/**
 * A per-agent setting of one element (filter, columns, page size…): read once the data
 * source is known, from its preference store or `localStorage`; written on change.
 * `sanitize` turns whatever was stored into a valid value, falling back to defaults.
 * A store slower than `PREFERENCE_WAIT_MS` is not waited for: the defaults are used, and the
 * stored value replaces them when it comes only if the agent changed nothing meanwhile (`set`,
 * or `untouched` turned false, e.g. by paging).
 */
export class PreferenceController<T> implements ReactiveController {
  /** The value in effect: the defaults until the stored value has been read. */
  value: T;
  /** Whether `value` may be used: the stored value was read (or found missing), the wait for it ended, or the agent set one. */
  loaded = false;

  private readonly host: CicElement;
  private readonly key: () => string;
  private readonly sanitize: (stored: unknown) => T;
  private readonly untouched: () => boolean;
  private loadedFor?: [DataSource, string];
  /** Whether the agent has set a value since the read began. */
  private changed = false;

  constructor(host: CicElement, key: () => string, sanitize: (stored: unknown) => T, untouched = () => true) {
    this.host = host;
    this.key = key;
    this.sanitize = sanitize;
    this.untouched = untouched;
    this.value = sanitize(undefined);
    host.addController(this);
  }

  hostUpdate(): void {
    const source = this.host.effectiveDataSource;
    const key = this.key();
    if (!source || this.host.isDragImage || (this.loadedFor?.[0] === source && this.loadedFor[1] === key)) return;
    const read: [DataSource, string] = (this.loadedFor = [source, key]);
    this.loaded = this.changed = false;
    this.value = this.sanitize(undefined);
    void usePreference(source, key, preferenceTimeout(this.host), (stored) => {
      if (this.loadedFor !== read || this.changed || (this.loaded && !this.untouched())) return;
      this.value = this.sanitize(stored);
      if (stored !== undefined && JSON.stringify(this.value) !== JSON.stringify(stored)) {
        console.warn(`[cic] stored preference "${key}" was partly unusable; defaults fill the gaps.`, stored);
        // Repair it, so that the next load does not meet it again.
        void writePreference(source, key, this.value);
      }
      this.loaded = true;
      // Within this update (read at once) this asks for nothing more.
      this.host.requestUpdate();
    });
    if (!this.loaded) {
      setTimeout(() => {
        if (this.loadedFor !== read || this.loaded) return;
        this.loaded = true;
        this.host.requestUpdate();
      }, PREFERENCE_WAIT_MS);
    }
  }

  set(value: T): void {
    this.value = value;
    this.loaded = this.changed = true;
    this.host.requestUpdate();
    void writePreference(this.host.effectiveDataSource, this.key(), value);
  }
}

/** `value` if it is one of `allowed`, else `fallback` (for sanitizing stored settings). */
export function oneOf<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

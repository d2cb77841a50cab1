import type { ReactiveController } from 'lit';
import type { DataSource } from '../data/contract/data-source.js';
import type { CicElement } from './cic-element.js';
import { preferenceTimeout, usePreference, writePreference } from './preferences.js';

/**
 * A per-agent setting of one element (filter, columns, page size…): read once the data
 * source is known, from its preference store or `localStorage`; written on change.
 * `sanitize` turns whatever was stored into a valid value, falling back to defaults.
 */
export class PreferenceController<T> implements ReactiveController {
  /** The value in effect: the defaults until the stored value has been read. */
  value: T;
  /** Whether the stored value has been read (or found missing). */
  loaded = false;

  private readonly host: CicElement;
  private readonly key: () => string;
  private readonly sanitize: (stored: unknown) => T;
  private loadedFor?: [DataSource, string];

  constructor(host: CicElement, key: () => string, sanitize: (stored: unknown) => T) {
    this.host = host;
    this.key = key;
    this.sanitize = sanitize;
    this.value = sanitize(undefined);
    host.addController(this);
  }

  hostUpdate(): void {
    const source = this.host.effectiveDataSource;
    const key = this.key();
    if (!source || this.host.isDragImage || (this.loadedFor?.[0] === source && this.loadedFor[1] === key)) return;
    this.loadedFor = [source, key];
    this.loaded = false;
    void usePreference(source, key, preferenceTimeout(this.host), (stored) => {
      if (this.loadedFor?.[0] !== source || this.loadedFor[1] !== key) return;
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
  }

  set(value: T): void {
    this.value = value;
    this.host.requestUpdate();
    void writePreference(this.host.effectiveDataSource, this.key(), value);
  }
}

/** `value` if it is one of `allowed`, else `fallback` (for sanitizing stored settings). */
export function oneOf<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

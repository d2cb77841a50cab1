import type { DataSource } from '../../src/data/data-source.js';

/**
 * Wraps a data source: counts calls per method, and can make a method fail or hang
 * until the test lets it go.
 */
export function spySource<T extends DataSource>(inner: T) {
  const calls: Record<string, unknown[][]> = {};
  const failures = new Map<string, () => unknown>();
  const gates = new Map<string, Promise<void>>();
  const proxy = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      // The clock is synchronous and not a data call.
      if (key === 'now') return value.bind(target);
      return async (...args: unknown[]) => {
        (calls[key] ??= []).push(args);
        await gates.get(key);
        const failure = failures.get(key);
        if (failure) throw failure();
        return value.apply(target, args);
      };
    },
  });
  return {
    source: proxy as T,
    calls,
    count: (method: string) => calls[method]?.length ?? 0,
    total: () => Object.values(calls).reduce((sum, list) => sum + list.length, 0),
    reset: () => Object.keys(calls).forEach((key) => delete calls[key]),
    /** Every call of `method` rejects with `error()` until `heal(method)`. */
    fail: (method: string, error: () => unknown) => failures.set(method, error),
    heal: (method: string) => failures.delete(method),
    /** Calls of `method` wait until the returned function is called. */
    hold(method: string) {
      let release!: () => void;
      gates.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        gates.delete(method);
        release();
      };
    },
  };
}

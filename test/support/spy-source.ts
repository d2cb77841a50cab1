import type { DataSource } from '../../src/data/contract/data-source.js';
import { wrapCalls } from './wrap-calls.js';

/**
 * Wraps a data source: counts calls per method, and can make a method fail or hang
 * until the test lets it go.
 */
export function spySource<T extends DataSource>(inner: T) {
  const calls: Record<string, unknown[][]> = {};
  const failures = new Map<string, () => unknown>();
  const gates = new Map<string, Promise<void>>();
  const proxy = wrapCalls(inner, async ({ method, args, proceed }) => {
    (calls[method] ??= []).push(args);
    await gates.get(method);
    const failure = failures.get(method);
    if (failure) throw failure();
    return proceed();
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

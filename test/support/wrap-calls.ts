import type { DataSource } from '../../src/data/contract/data-source.js';

/** One data-source call as a wrapper sees it. */
export interface WrappedCall {
  method: string;
  args: unknown[];
  /** The call's AbortSignal, when it was given one. */
  signal?: AbortSignal;
  /** Makes the real call. */
  proceed: () => Promise<unknown>;
}

/**
 * A data source whose asynchronous calls all go through `around` (counting, failing,
 * delaying…). The clock `now()` and plain properties pass through untouched.
 */
export function wrapCalls<T extends DataSource>(inner: T, around: (call: WrappedCall) => Promise<unknown>): T {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function' || key === 'now') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        const signal = (args.at(-1) as { signal?: AbortSignal } | undefined)?.signal;
        return around({ method: key, args, signal, proceed: () => Promise.resolve(value.apply(target, args)) });
      };
    },
  });
}

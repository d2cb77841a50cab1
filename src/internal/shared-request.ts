import type { DataSource } from '../data/contract/data-source.js';

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiting: number;
}

const inFlight = new WeakMap<DataSource, Map<string, InFlight>>();

/**
 * Lets elements that ask the same data source the same question while a center opens (the
 * header and the information widget both want the customer) share one call: while it is in
 * flight, and — for a source that answers at once — until the task that rendered them ends
 * (a failure only while in flight).
 * The shared call is aborted only when every asker has aborted.
 */
export function sharedRequest<T>(
  source: DataSource,
  key: string,
  signal: AbortSignal,
  request: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  let calls = inFlight.get(source);
  if (!calls) inFlight.set(source, (calls = new Map()));
  let entry = calls.get(key);
  if (!entry) {
    const controller = new AbortController();
    const forget = () => {
      if (calls.get(key) === entry) calls.delete(key);
    };
    // An answer is kept until the current task ends, so that elements rendered in it get it
    // too; a failure is forgotten at once, so that a retry asks again.
    const promise = request(controller.signal).then(
      (value) => {
        setTimeout(forget, 0);
        return value;
      },
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    entry = { promise, controller, waiting: 0 };
    calls.set(key, entry);
  }
  const shared = entry;
  shared.waiting++;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      if (--shared.waiting === 0) {
        calls.delete(key);
        shared.controller.abort(signal.reason);
      }
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    (shared.promise as Promise<T>).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        shared.waiting--;
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        shared.waiting--;
        reject(error);
      },
    );
  });
}

/** The customer's record; askers at the same moment share one call. */
export const loadCustomer = (source: DataSource, customerId: string, signal: AbortSignal) =>
  sharedRequest(source, `customer\u0000${customerId}`, signal, (shared) => source.getCustomer(customerId, { signal: shared }));

/** The customer user's record; askers at the same moment share one call. */
export const loadCustomerUser = (source: DataSource, login: string, signal: AbortSignal) =>
  sharedRequest(source, `customer-user\u0000${login}`, signal, (shared) => source.getCustomerUser(login, { signal: shared }));

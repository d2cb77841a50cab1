/**
 * Returns `compute`, remembering its last answer: worked out again only when an argument
 * changes (by identity), so that a getter asked many times per render builds its answer once.
 */
export function memoizeLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args) => {
    if (!last || last.args.length !== args.length || last.args.some((arg, index) => arg !== args[index])) last = { args, result: compute(...args) };
    return last.result;
  };
}

/**
 * Returns a function that gives back the value it was last given while the value's key
 * stays the same, so that a request object rebuilt on every render keeps its identity
 * (and a controller comparing inputs by identity does not reload).
 */
export function keepWhileSameKey<T>(key: (value: T) => string): (value: T) => T {
  let last: { key: string; value: T } | undefined;
  return (value) => {
    const next = key(value);
    if (last?.key !== next) last = { key: next, value };
    return last.value;
  };
}

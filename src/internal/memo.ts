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

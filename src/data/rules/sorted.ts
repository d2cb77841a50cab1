/**
 * The first of `count` positions where `before` no longer holds, for a `before` that holds for a
 * leading run of positions and then never again (a sorted list): a binary search.
 */
export function firstNotBefore(count: number, before: (position: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the ascending `sorted` are below `value` (with `inclusive`, at most `value`). */
export function countBelow(sorted: readonly number[], value: number, inclusive = false): number {
  return firstNotBefore(sorted.length, (at) => sorted[at] < value || (inclusive && sorted[at] === value));
}

import { ValidationError } from '../../contract/errors.js';
import type { Page } from '../../contract/types.js';

/**
 * Opaque cursors: the id of the item a page continues from, and where it stood, so that the
 * next page starts there at once (O(page)); when the list changed since, the id is looked up.
 */
interface CursorData {
  after?: string;
  before?: string;
  at?: number;
}

function encodeCursor(data: CursorData): string {
  return btoa(encodeURIComponent(JSON.stringify(data)));
}

function decodeCursor(cursor: string | undefined): CursorData {
  if (!cursor) return {};
  try {
    return JSON.parse(decodeURIComponent(atob(cursor))) as CursorData;
  } catch {
    throw new ValidationError({ cursor: 'Invalid cursor' }, 'Invalid page cursor');
  }
}

/** A list read by position: an array, or a list that makes its items as they are read. */
export interface ItemList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/**
 * Pages the first `length` items of a sorted list (a prefix, so that a caller never copies a
 * list to page it) by keyset cursors that name the id (and position) of the neighbouring item.
 */
export function pageOf<T>(sorted: ItemList<T>, idOf: (item: T) => string, size: number, cursor?: string, length = sorted.length): Page<T> {
  const { after, before, at } = decodeCursor(cursor);
  const position = (id: string) => {
    if (typeof at === 'number' && at >= 0 && at < length && idOf(sorted.at(at)!) === id) return at;
    for (let index = 0; index < length; index++) if (idOf(sorted.at(index)!) === id) return index;
    return -1;
  };
  let start = 0;
  if (after !== undefined) start = position(after) + 1;
  else if (before !== undefined) start = Math.max(0, position(before) - size);
  const items = Array.from({ length: Math.max(0, Math.min(start + size, length) - start) }, (_, index) => sorted.at(start + index)!);
  const page: Page<T> = { items, total: { value: length, exact: true } };
  const last = start + items.length - 1;
  if (start + size < length && items.length) page.nextCursor = encodeCursor({ after: idOf(items[items.length - 1]), at: last });
  if (start > 0 && items.length) page.previousCursor = encodeCursor({ before: idOf(items[0]), at: start });
  return page;
}

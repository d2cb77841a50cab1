import type { DueView } from '../../rules/rules.js';
import { countBelow, firstNotBefore } from '../../rules/sorted.js';
import { STATE_CATEGORIES, type StateCategory, type Ticket, type TicketFilter } from '../../contract/types.js';

export type { DueView };

/** The views whose tickets are due at a time (their lists kept in due-time order). */
export const DUE_VIEW_NAMES: readonly DueView[] = ['reminder', 'escalated'];

/**
 * Tickets in the order of their due time (earliest first, then by id), and those times; in the
 * lists of every ticket (filter `all`), their positions in the source's table too, so that a sort
 * kept by position reads only the tickets due.
 */
export interface DueList {
  readonly tickets: Ticket[];
  readonly times: number[];
  readonly positions?: number[];
}

const emptyDueList = (): DueList => ({ tickets: [], times: [], positions: [] });

/** The filters a ticket may or may not pass, as bits of a mask (`all` passes every ticket). */
export const NARROW_FILTERS = ['my-locked', 'my-queues'] as const satisfies readonly TicketFilter[];
/** A category's position in `STATE_CATEGORIES`: buckets keep their lists and counts by it. */
export const CATEGORY_INDEX: ReadonlyMap<StateCategory, number> = new Map(STATE_CATEGORIES.map((category, index) => [category, index]));

/**
 * The tickets of one customer or one customer user, grouped by state category, each group in
 * the order of the default list sort (oldest first, then by id: "age, descending"), with how
 * many of each pass each filter, and for the reminder and escalated views the candidates in
 * due-time order (per filter) with their times as numbers — so that a count is a sum or a binary
 * search, and a default page is a slice. A category narrowed by a filter is worked out the first
 * time it is asked for, then kept: tickets do not change once indexed.
 */
export class TicketBucket {
  /** Per category (by `CATEGORY_INDEX`), its tickets. */
  private lists: readonly Ticket[][] = STATE_CATEGORIES.map(() => []);
  /** Whether a ticket passes a filter (the same for every bucket of a source: its agent's). */
  private readonly passes: (filter: TicketFilter) => (ticket: Ticket) => boolean;
  private readonly due = new Map<string, DueList>();
  private readonly narrowed = new Map<string, Ticket[]>();
  /** Per category, how many tickets pass each narrow filter (category × filter). */
  private passing: Uint32Array<ArrayBufferLike> = new Uint32Array(STATE_CATEGORIES.length * NARROW_FILTERS.length);

  /** Set while the bucket waits to be filled on its first read (a customer user's: see `fillOnFirstUse`). */
  private unfilled?: (bucket: TicketBucket) => void;

  constructor(passes: (filter: TicketFilter) => (ticket: Ticket) => boolean) {
    this.passes = passes;
  }

  /** Has `fill` (which calls `fill` and `fillDue`) run the first time the bucket is read or changed, not before. */
  fillOnFirstUse(fill: (bucket: TicketBucket) => void): void {
    this.unfilled = fill;
  }

  /** The bucket, filled if it was waiting to be. */
  private filled(): this {
    const fill = this.unfilled;
    this.unfilled = undefined;
    fill?.(this);
    return this;
  }

  /**
   * Takes the tickets of every category (by `CATEGORY_INDEX`), each list in the default order,
   * and per category how many pass each narrow filter (category × `NARROW_FILTERS`).
   */
  fill(lists: readonly Ticket[][], passing: Uint32Array<ArrayBufferLike>): void {
    this.lists = lists;
    this.passing = passing;
  }

  /** The tickets of a category, in the default order. */
  ticketsIn(category: StateCategory): readonly Ticket[] {
    return this.filled().lists[CATEGORY_INDEX.get(category)!];
  }

  /** How many tickets each category holds (those with any). */
  categoryCounts(): [StateCategory, number][] {
    this.filled();
    return STATE_CATEGORIES.flatMap((category, index) => (this.lists[index].length ? [[category, this.lists[index].length] as [StateCategory, number]] : []));
  }

  /** Takes the candidates of a due view passing a filter in due-time order, with their times. */
  fillDue(view: DueView, filter: TicketFilter, list: DueList): void {
    this.due.set(`${view}|${filter}`, list);
  }

  /** How many tickets of these categories pass the filter. */
  count(categories: readonly StateCategory[], filter: TicketFilter): number {
    this.filled();
    const bit = filter === 'all' ? -1 : NARROW_FILTERS.indexOf(filter);
    let total = 0;
    for (const category of categories) {
      const index = CATEGORY_INDEX.get(category)!;
      total += bit < 0 ? this.lists[index].length : this.passing[index * NARROW_FILTERS.length + bit];
    }
    return total;
  }

  /** The tickets of a due view passing the filter, in due-time order. */
  dueList(view: DueView, filter: TicketFilter): DueList {
    return this.filled().due.get(`${view}|${filter}`) ?? emptyDueList();
  }

  /** How many tickets of a due view passing the filter are due at `now` (a binary search). */
  dueCount(view: DueView, filter: TicketFilter, now: number): number {
    return countBelow(this.dueList(view, filter).times, now, true);
  }

  /**
   * Takes one ticket in (`put`) or out, wherever it goes by its category, the filters it passes
   * (bits of `NARROW_FILTERS`) and its due time per due view (NaN: in no due list): every list
   * stays in order (new lists, so that lists handed out do not change) and every count right.
   * `created` is a ticket's key in the default order; `position`, its position in the table.
   */
  place(ticket: Ticket, category: number, passed: number, dueTimes: Record<DueView, number>, created: (ticket: Ticket) => number, put: boolean, position: number): void {
    const lists = [...this.filled().lists];
    lists[category] = changed(lists[category], ticket, put, (one) => created(one) < created(ticket) || (created(one) === created(ticket) && one.id < ticket.id));
    this.lists = lists;
    this.passing = this.passing.slice();
    NARROW_FILTERS.forEach((_, bit) => {
      if (passed & (1 << bit)) this.passing[category * NARROW_FILTERS.length + bit] += put ? 1 : -1;
    });
    for (const view of DUE_VIEW_NAMES) {
      const time = dueTimes[view];
      if (Number.isNaN(time)) continue;
      for (const filter of ['all', ...NARROW_FILTERS] as const) {
        if (filter !== 'all' && !(passed & (1 << NARROW_FILTERS.indexOf(filter)))) continue;
        const { tickets, times, positions } = this.dueList(view, filter);
        const at = put
          ? firstNotBefore(times.length, (at) => times[at] < time || (times[at] === time && tickets[at].id < ticket.id))
          : tickets.indexOf(ticket);
        if (at < 0) continue;
        this.fillDue(view, filter, { tickets: spliced(tickets, at, put, ticket), times: spliced(times, at, put, time), positions: positions && spliced(positions, at, put, position) });
      }
    }
    this.narrowed.clear();
  }

  /** A category's tickets passing the filter, in the default order. */
  inDefaultOrder(category: StateCategory, filter: TicketFilter): readonly Ticket[] {
    const all = this.ticketsIn(category);
    if (filter === 'all') return all;
    const key = `${category}|${filter}`;
    let narrowed = this.narrowed.get(key);
    if (!narrowed) this.narrowed.set(key, (narrowed = all.filter(this.passes(filter))));
    return narrowed;
  }
}

/**
 * `list` with `ticket` put in at the first place where `before` no longer holds, or taken out:
 * found there too, unless tickets that tie were filed in another order (then looked for).
 */
function changed(list: readonly Ticket[], ticket: Ticket, put: boolean, before: (one: Ticket) => boolean): Ticket[] {
  let at = firstNotBefore(list.length, (index) => before(list[index]));
  if (!put && list[at] !== ticket) at = list.indexOf(ticket);
  return spliced(list, at, put, ticket);
}

/** A copy of `list` with `item` put in at `at`, or the item at `at` taken out (none where `at` is -1). */
function spliced<T>(list: readonly T[], at: number, put: boolean, item: T): T[] {
  // A copy changed in place: `toSpliced` took about twice as long on a list of 300,000.
  const copy = list.slice();
  if (put) copy.splice(at, 0, item);
  else if (at >= 0) copy.splice(at, 1);
  return copy;
}

type NumberArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/**
 * Fills `target` with `value(i)` for every index: a plain loop, where `TypedArray.from(list, fn)`
 * and a typed array's `map` cost about eight times as much per item (it matters for a million).
 */
export function fillWith<A extends NumberArray>(target: A, value: (index: number) => number): A {
  for (let index = 0; index < target.length; index++) target[index] = value(index);
  return target;
}

/**
 * Groups the items of `order` (positions, possibly of only some items) by slot, each group in
 * that order: `memberships[k][i]` is the slot of item i in the k-th grouping (-1 for none).
 * Groups are counted first and allocated once at their size, then filled.
 */
export function groupInOrder<T>(order: Uint32Array, slotCount: number, memberships: readonly Int32Array[], valueOf: (index: number) => T): T[][] {
  const sizes = new Uint32Array(slotCount);
  for (const index of order) {
    for (const slots of memberships) if (slots[index] >= 0) sizes[slots[index]]++;
  }
  const groups = Array.from(sizes, (size) => new Array<T>(size));
  const filled = new Uint32Array(slotCount);
  for (const index of order) {
    for (const slots of memberships) {
      const slot = slots[index];
      if (slot >= 0) groups[slot][filled[slot]++] = valueOf(index);
    }
  }
  return groups;
}

/**
 * Every position grouped by its bucket (`bucketOf[position]`, -1 for none), in one array: the
 * positions of bucket k, ascending, are `positions.subarray(starts[k], starts[k + 1])`.
 */
export function positionsByBucket(bucketOf: Int32Array, bucketCount: number): { positions: Uint32Array; starts: Uint32Array } {
  const starts = new Uint32Array(bucketCount + 1);
  for (const bucket of bucketOf) if (bucket >= 0) starts[bucket + 1]++;
  for (let bucket = 0; bucket < bucketCount; bucket++) starts[bucket + 1] += starts[bucket];
  const positions = new Uint32Array(starts[bucketCount]);
  const next = starts.slice(0, bucketCount);
  bucketOf.forEach((bucket, position) => bucket >= 0 && (positions[next[bucket]++] = position));
  return { positions, starts };
}

const byId = (tickets: readonly Ticket[]) => (a: number, b: number) => {
  const x = tickets[a].id;
  const y = tickets[b].id;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The positions of `tickets` in the order of `keys` (ascending; -Infinity first, +Infinity and NaN last),
 * equal keys by ticket id. Whole-number keys (times in milliseconds, ranks) sort in a native sort
 * of numbers (key above, slot below: a double where that fits in 53 bits, else a 64-bit integer)
 * rather than with a comparator called twenty million times for a million tickets; other keys
 * take the comparator. With `idOrder` (every position, in the order of its ticket's id) the keys
 * are sorted in that order, so that equal keys come out by id with nothing left to fix.
 */
export function orderByKey(tickets: readonly Ticket[], keys: Float64Array, idOrder?: Uint32Array): Uint32Array {
  const count = keys.length;
  const order = new Uint32Array(count);
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (const key of keys) {
    if (!Number.isFinite(key)) continue;
    if (key < min) min = key;
    if (key > max) max = key;
    if (!Number.isInteger(key)) whole = false;
  }
  if (min > max) min = max = 0;
  const slotBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const span = max - min + 2;
  const tie = byId(tickets);
  // Keys spanning 2^53 or more would not keep their offsets exact as doubles (the span itself may
  // have been rounded down to 2^53): the comparator then.
  if (!whole || span >= 2 ** 53 || span * 2 ** slotBits >= 2 ** 63) {
    for (let i = 0; i < count; i++) order[i] = i;
    const keyOf = (index: number) => (Number.isNaN(keys[index]) ? Infinity : keys[index]);
    return order.sort((a, b) => keyOf(a) - keyOf(b) || tie(a, b));
  }
  const offset = (slot: number) => {
    const key = keys[idOrder ? idOrder[slot] : slot];
    return key === -Infinity ? 0 : Number.isFinite(key) ? key - min + 1 : span;
  };
  if (span * 2 ** slotBits <= 2 ** 53) {
    const scale = 2 ** slotBits;
    const packed = fillWith(new Float64Array(count), (slot) => offset(slot) * scale + slot).sort();
    for (let i = 0; i < count; i++) order[i] = packed[i] % scale;
  } else {
    const shift = BigInt(slotBits);
    const mask = (1n << shift) - 1n;
    const packed = new BigUint64Array(count);
    for (let slot = 0; slot < count; slot++) packed[slot] = (BigInt(offset(slot)) << shift) | BigInt(slot);
    packed.sort();
    for (let i = 0; i < count; i++) order[i] = Number(packed[i] & mask);
  }
  if (idOrder) return fillWith(order, (i) => idOrder[order[i]]);
  sortTiesById(order, keys, tickets);
  return order;
}

/** Equal keys came out by position: put each run of them in id order. */
function sortTiesById(order: Uint32Array, keys: Float64Array, tickets: readonly Ticket[]): void {
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && keys[order[end]] === keys[order[start]]) end++;
    if (end - start > 1) sortById(order.subarray(start, end), tickets);
    start = end;
  }
}

/**
 * Puts positions in the order of their tickets' ids (as `<` orders strings). A long run (a title
 * that thousands of tickets share) of ids made of digits — every helpdesk's ticket ids — sorts
 * as numbers that order as the strings do, natively; anything else takes the comparator.
 */
function sortById(run: Uint32Array, tickets: readonly Ticket[]): void {
  if (run.length >= 64 && sortByDigitKeys(run, tickets)) return;
  run.sort(byId(tickets));
}

function sortByDigitKeys(run: Uint32Array, tickets: readonly Ticket[]): boolean {
  const keys = new Float64Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const key = digitKey(tickets[run[i]].id);
    if (key === undefined) return false;
    keys[i] = key;
  }
  const sorted = keys.slice().sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  // The keys are distinct: a key's place among the sorted keys is its member's.
  const members = run.slice();
  for (let i = 0; i < run.length; i++) run[firstNotBefore(sorted.length, (place) => sorted[place] < keys[i])] = members[i];
  return true;
}

/**
 * A number that orders as the id string does, for ids of 1 to 15 decimal digits (else
 * undefined): the digits in base 11 ('0' → 1 … '9' → 10), padded on the right with 0, so that
 * a prefix comes first ("1" < "10" < "9"); 11¹⁵ is below 2⁵³, so every key is exact.
 */
export function digitKey(id: string): number | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > 15) return undefined;
  let key = 0;
  for (let i = 0; i < 15; i++) {
    const digit = i < id.length ? id.charCodeAt(i) - 47 : 0;
    if (i < id.length && (digit < 1 || digit > 10)) return undefined;
    key = key * 11 + digit;
  }
  return key;
}

import { countBelow } from './sorted.js';
import type { StateCategory, Ticket, TicketFilter } from './types.js';

/** The views whose tickets show once a time is reached: the pending time, the escalation time. */
export type DueView = 'reminder' | 'escalated';
/** The filters other than `all`, which a ticket either passes or not. */
export type NarrowFilter = Exclude<TicketFilter, 'all'>;

/** Tickets in the order of their due time (earliest first, then by id), and those times. */
export interface DueList {
  readonly tickets: Ticket[];
  readonly times: number[];
}

const emptyDueList = (): DueList => ({ tickets: [], times: [] });

/**
 * The tickets of one customer or one customer user, grouped by state category, each group in
 * the order of the default list sort (oldest first, then by id: "age, descending"), with what
 * every call needs worked out once when indexed: per category how many pass each filter, and
 * for the reminder and escalated views the tickets in due-time order with their times as
 * numbers — so that a count is a sum or a binary search, and a default page is a slice.
 */
export class TicketBucket {
  readonly byCategory = new Map<StateCategory, Ticket[]>();
  private readonly passing = new Map<NarrowFilter, Map<StateCategory, number>>();
  private readonly due = new Map<string, DueList>();
  private readonly narrowed = new Map<string, Ticket[]>();

  /** Adds a ticket at the end of its category: tickets must come in the default order. */
  add(ticket: Ticket, category: StateCategory, passes: readonly NarrowFilter[]): void {
    const list = this.byCategory.get(category);
    if (list) list.push(ticket);
    else this.byCategory.set(category, [ticket]);
    for (const filter of passes) {
      let counts = this.passing.get(filter);
      if (!counts) this.passing.set(filter, (counts = new Map()));
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
  }

  /** Adds a ticket to a due view: tickets must come in due-time order. */
  addDue(view: DueView, ticket: Ticket, time: number, passes: readonly NarrowFilter[]): void {
    for (const filter of ['all', ...passes] as TicketFilter[]) {
      const key = `${view}|${filter}`;
      let list = this.due.get(key);
      if (!list) this.due.set(key, (list = emptyDueList()));
      list.tickets.push(ticket);
      list.times.push(time);
    }
  }

  /** How many tickets of these categories pass the filter. */
  count(categories: readonly StateCategory[], filter: TicketFilter): number {
    const counts = filter === 'all' ? undefined : this.passing.get(filter);
    let total = 0;
    for (const category of categories) total += filter === 'all' ? (this.byCategory.get(category)?.length ?? 0) : (counts?.get(category) ?? 0);
    return total;
  }

  /** The tickets of a due view passing the filter, in due-time order. */
  dueList(view: DueView, filter: TicketFilter): DueList {
    return this.due.get(`${view}|${filter}`) ?? emptyDueList();
  }

  /** How many tickets of a due view passing the filter are due at `now` (a binary search). */
  dueCount(view: DueView, filter: TicketFilter, now: number): number {
    return countBelow(this.dueList(view, filter).times, now, true);
  }

  /** A category's tickets passing the filter, in the default order (narrowed once, then kept). */
  inDefaultOrder(category: StateCategory, filter: TicketFilter, passes: (ticket: Ticket) => boolean): Ticket[] {
    const all = this.byCategory.get(category) ?? [];
    if (filter === 'all') return all;
    const key = `${category}|${filter}`;
    let narrowed = this.narrowed.get(key);
    if (!narrowed) this.narrowed.set(key, (narrowed = all.filter(passes)));
    return narrowed;
  }
}

const byId = (tickets: readonly Ticket[]) => (a: number, b: number) => {
  const x = tickets[a].id;
  const y = tickets[b].id;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The positions of `tickets` in the order of `times` (ascending, whole milliseconds; -Infinity
 * first, +Infinity last), equal times by ticket id. A million tickets sort in a native sort of
 * 64-bit keys (time above, position below) rather than with a comparator called twenty million
 * times: index build stays well under a second. Times the keys cannot hold take the comparator.
 */
export function orderByTime(tickets: readonly Ticket[], times: Float64Array): Uint32Array {
  const count = times.length;
  const order = new Uint32Array(count);
  let min = Infinity;
  let max = -Infinity;
  for (const time of times) {
    if (!Number.isFinite(time)) continue;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  if (min > max) min = max = 0;
  const positionBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const span = max - min + 2;
  const tie = byId(tickets);
  if (!times.every((time) => Number.isInteger(time) || !Number.isFinite(time)) || span * 2 ** positionBits >= 2 ** 63) {
    for (let i = 0; i < count; i++) order[i] = i;
    return order.sort((a, b) => (times[a] < times[b] ? -1 : times[a] > times[b] ? 1 : tie(a, b)));
  }
  const shift = BigInt(positionBits);
  const mask = (1n << shift) - 1n;
  const keys = new BigUint64Array(count);
  for (let i = 0; i < count; i++) {
    const time = times[i];
    const offset = time === -Infinity ? 0 : time === Infinity ? span : time - min + 1;
    keys[i] = (BigInt(offset) << shift) | BigInt(i);
  }
  keys.sort();
  for (let i = 0; i < count; i++) order[i] = Number(keys[i] & mask);
  sortTiesById(order, times, tie);
  return order;
}

/** Equal times came out by position: put each run of them in id order. */
function sortTiesById(order: Uint32Array, times: Float64Array, tie: (a: number, b: number) => number): void {
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && times[order[end]] === times[order[start]]) end++;
    if (end - start > 1) order.subarray(start, end).sort(tie);
    start = end;
  }
}

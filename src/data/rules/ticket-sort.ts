import { digitKey, orderByKey } from '../adapters/in-memory/ticket-index.js';
import { isoTime } from './iso-time.js';
import type { Ticket, TicketSort, TicketSortField } from '../contract/types.js';

/** Names for ids, so that queue, owner and state sort by what the agent reads. */
export interface TicketSortContext {
  queueName(id: string): string;
  agentName(id: string): string;
  stateName(state: string): string;
}

type SortValue = string | number | undefined;

/** Lower-case text for sorting, the same on every machine whatever its locale; anything that is not text (missing, null, hostile shapes) sorts last. */
const lower = (value: unknown): string | undefined => (typeof value === 'string' ? value.toLowerCase() : undefined);
/** A date's time, or NaN for a missing or unreadable one. */
export const timeOf = (iso: unknown): number => (typeof iso === 'string' ? isoTime(iso) : NaN);

/** A date's time, or undefined (sorting last) for a missing or unreadable one. */
const time = (iso: unknown): number | undefined => {
  const value = timeOf(iso);
  return Number.isNaN(value) ? undefined : value;
};

/** Sort fields whose value is a ticket's own text, lower-cased: its text (a function each, so that the property read stays monomorphic). */
const TEXT_FIELDS = new Map<TicketSortField, (ticket: Ticket) => unknown>([['number', (t) => t.number], ['title', (t) => t.title], ['customerUser', (t) => t.customerUserLogin]]);

/** The value a ticket is sorted by: lower-case text, a number or a time; undefined sorts last. */
export function ticketSortValue(ticket: Ticket, field: TicketSortField, context: TicketSortContext): SortValue {
  switch (field) {
    case 'number':
    case 'title':
    case 'customerUser':
      return lower(TEXT_FIELDS.get(field)!(ticket));
    case 'age':
      // Older tickets have a greater age.
      return -(time(ticket.createdAt) ?? -Infinity);
    case 'created':
      return time(ticket.createdAt);
    case 'changed':
      return time(ticket.changedAt);
    case 'pendingUntil':
      return time(ticket.pendingUntil);
    case 'escalation':
      return time(ticket.escalationAt);
    case 'state':
      return lower(context.stateName(ticket.state));
    case 'queue':
      return ticket.queueId ? lower(context.queueName(ticket.queueId)) : undefined;
    case 'priority':
      // ±Infinity is unreadable too: it could not tell apart from a missing value in every sort.
      return Number.isFinite(ticket.priority) ? ticket.priority : undefined;
    case 'owner':
      return ticket.ownerId ? lower(context.agentName(ticket.ownerId)) : undefined;
  }
}

/**
 * Sorts tickets in the contract's total order — the sort field in the asked direction, missing
 * values last either way, then the ticket id, so that paging is stable — fast for a large
 * customer: each ticket's sort value is worked out once and turned into a number (`sortKeys`),
 * and the numbers sort natively (`orderByKey`, which breaks ties by id).
 */
export function sortTickets(tickets: readonly Ticket[], sort: TicketSort, context: TicketSortContext): Ticket[] {
  return Array.from(orderByKey(tickets, sortKeys(tickets, sort, context)), (index) => tickets[index]);
}

/**
 * Each ticket's sort value as a number that sorts ascending in the asked order: text by its rank
 * among the distinct texts, the direction by the sign, missing values last (+Infinity).
 */
export function sortKeys(tickets: readonly Ticket[], sort: TicketSort, context: TicketSortContext): Float64Array {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const values = tickets.map((ticket) => ticketSortValue(ticket, sort.field, context));
  // Texts of digits only (ticket numbers) order as their digit keys do: no ranking of distinct texts.
  const digits = Float64Array.from(values, (value) => (typeof value === 'string' ? (digitKey(value) ?? NaN) : value === undefined ? 0 : NaN));
  if (!digits.includes(NaN)) return digits.map((key, index) => (values[index] === undefined ? Infinity : sign * key));
  const texts = [...new Set(values.filter((value): value is string => typeof value === 'string'))].sort();
  const rank = new Map(texts.map((text, index) => [text, index]));
  const keys = new Float64Array(values.length);
  values.forEach((value, index) => {
    const key = value === undefined ? NaN : sign * (typeof value === 'string' ? rank.get(value)! : value);
    // Missing (and unreadable) values last, either way.
    keys[index] = Number.isNaN(key) ? Infinity : key;
  });
  return keys;
}

/** Lists whose tickets ascend by one field (readable values ascending, then by id; unreadable ones may lead). */
export interface ListsInOrder {
  lists: readonly (readonly Ticket[])[];
  /** The field, if any: `created` serves a sort by age too. */
  ascendingBy?: 'created' | 'pendingUntil' | 'escalation';
  /** Which of their tickets count (all if absent). */
  keep?: (ticket: Ticket) => boolean;
}

/**
 * The first `count` tickets of `lists` taken together, in the order `sortTickets` gives, picked in
 * one pass that keeps the best `count` so far (a heap): the first page of a big customer's list in
 * a sort never asked for before reads each ticket's value once and sorts nothing else. A ticket no
 * better than the worst kept is passed over at once (a text compared to it as it is, without
 * lower-casing it where it is ASCII). Lists already in the order of the sort field are walked
 * from their best end and left at the first ticket worse than all those kept.
 */
export function firstInOrder({ lists, ascendingBy, keep }: ListsInOrder, count: number, sort: TicketSort, context: TicketSortContext): Ticket[] {
  const valueOf = comparableValue(sort.field, context);
  const textOf = TEXT_FIELDS.get(sort.field);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = (a: SortValue, b: SortValue) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -sign : sign);
  const kept = bestOf<Ticket, SortValue>(count, (a, valueA, b, valueB) => {
    const order = compare(valueA, valueB);
    return order > 0 || (order === 0 && a.id > b.id);
  });
  const walk = walkOf(sort, ascendingBy);
  for (const list of lists) {
    const [first, step] = walk === 'backward' ? [list.length - 1, -1] : [0, 1];
    for (let at = first; at >= 0 && at < list.length; at += step) {
      const ticket = list[at];
      if (keep && !keep(ticket)) continue;
      const text = textOf?.(ticket);
      const worst = kept.values[0];
      if (kept.full() && typeof text === 'string' && typeof worst === 'string' && sign * compareLowered(text, worst) > 0) continue;
      const value = valueOf(ticket);
      // In order, every ticket after one worse than the worst kept is no better; an unreadable
      // value (the worst) may lead a list walked forward, so it never ends the walk.
      if (!kept.offer(ticket, value) && walk && value !== undefined && compare(value, worst) > 0) break;
    }
  }
  return kept.inOrder();
}

/**
 * How `text.toLowerCase()` compares with `lowered` (-1, 0, 1), read from `text` as it is while it
 * is ASCII; NaN where a character beyond ASCII comes first (lower-casing it may change the length).
 */
export function compareLowered(text: string, lowered: string): number {
  for (let at = 0; at < text.length && at < lowered.length; at++) {
    let code = text.charCodeAt(at);
    if (code > 127) return NaN;
    if (code > 64 && code < 91) code += 32;
    const other = lowered.charCodeAt(at);
    if (code !== other) return code < other ? -1 : 1;
  }
  // A longer text stays longer lower-cased: every character becomes one or more.
  return Math.sign(text.length - lowered.length);
}

/** How `text.toLowerCase()` compares with `lowered` (-1, 0, 1): `compareLowered`, lowering `text` only where that cannot tell. */
export function orderLowered(text: string, lowered: string): number {
  const quick = compareLowered(text, lowered);
  if (quick === quick) return quick;
  const low = text.toLowerCase();
  return low === lowered ? 0 : low < lowered ? -1 : 1;
}

/**
 * How to walk lists ascending by `ascendingBy` so that a sort's value only gets worse (a lead of
 * unreadable values is the worst and never stops a walk), or undefined when they are not in its order.
 */
export function walkOf(sort: TicketSort, ascendingBy: ListsInOrder['ascendingBy']): 'forward' | 'backward' | undefined {
  if (!ascendingBy) return undefined;
  const ascending = sort.direction === 'asc';
  if (sort.field === ascendingBy) return ascending ? 'forward' : 'backward';
  // Older tickets have a greater age: ascending by creation is descending by age.
  if (sort.field === 'age' && ascendingBy === 'created') return ascending ? 'backward' : 'forward';
  return undefined;
}

/** Sort fields whose value is a name looked up by an id of the ticket (a Map: a field such as `constructor` finds nothing). */
const NAMED_FIELDS = new Map<TicketSortField, 'state' | 'queueId' | 'ownerId'>([['state', 'state'], ['queue', 'queueId'], ['owner', 'ownerId']]);

/** A ticket's sort value (missing and unreadable ones undefined); names looked up once per id. */
function comparableValue(field: TicketSortField, context: TicketSortContext): (ticket: Ticket) => SortValue {
  const byName = NAMED_FIELDS.get(field);
  const value = (ticket: Ticket) => ticketSortValue(ticket, field, context);
  if (!byName) return value;
  const known = new Map<unknown, SortValue>();
  return (ticket) => {
    const id = ticket[byName];
    let found = known.get(id);
    if (found === undefined && !known.has(id)) known.set(id, (found = value(ticket)));
    return found;
  };
}

/**
 * The best `size` items offered, each with its value, in a max-heap: the worst kept is at the top
 * (`items[0]`, `values[0]`). `after(a, valueA, b, valueB)` says whether `a` comes after `b`. `offer` takes an
 * item in if there is room or it comes before the worst kept (which then goes), and says whether
 * it did.
 */
export function bestOf<T, V>(size: number, after: (a: T, valueA: V, b: T, valueB: V) => boolean) {
  const items: T[] = [];
  const values: V[] = [];
  /** Whether the item kept at `at` comes after the one kept at `other`. */
  const keptAfter = (at: number, other: number) => after(items[at], values[at], items[other], values[other]);
  const move = (from: number, to: number) => {
    items[to] = items[from];
    values[to] = values[from];
  };
  return {
    items,
    values,
    full: () => items.length >= size,
    offer(item: T, value: V): boolean {
      let at = items.length;
      if (at < size) {
        // Up from the end while it comes after its parent.
        for (let parent = (at - 1) >> 1; at > 0 && after(item, value, items[parent], values[parent]); at = parent, parent = (at - 1) >> 1) move(parent, at);
      } else if (at > 0 && after(items[0], values[0], item, value)) {
        // Down from the top while a child comes after it.
        for (at = 0; 2 * at + 1 < items.length; ) {
          let child = 2 * at + 1;
          if (child + 1 < items.length && keptAfter(child + 1, child)) child++;
          if (!after(items[child], values[child], item, value)) break;
          move(child, at);
          at = child;
        }
      } else return false;
      items[at] = item;
      values[at] = value;
      return true;
    },
    /** The items kept, best first. */
    inOrder: (): T[] => items.map((_, at) => at).sort((a, b) => (keptAfter(a, b) ? 1 : -1)).map((at) => items[at]),
  };
}

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

/** The value a ticket is sorted by: lower-case text, a number or a time; undefined sorts last. */
export function ticketSortValue(ticket: Ticket, field: TicketSortField, context: TicketSortContext): SortValue {
  switch (field) {
    case 'number':
      return lower(ticket.number);
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
    case 'title':
      return lower(ticket.title);
    case 'state':
      return lower(context.stateName(ticket.state));
    case 'queue':
      return ticket.queueId ? lower(context.queueName(ticket.queueId)) : undefined;
    case 'priority':
      return typeof ticket.priority === 'number' ? ticket.priority : undefined;
    case 'owner':
      return ticket.ownerId ? lower(context.agentName(ticket.ownerId)) : undefined;
    case 'customerUser':
      return lower(ticket.customerUserLogin);
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
}

/**
 * The first `count` tickets of `lists` taken together, in the order `sortTickets` gives, picked in
 * one pass that keeps the best `count` so far (a heap): the first page of a big customer's list in
 * a sort never asked for before reads each ticket's value once and sorts nothing else. Lists
 * already in the order of the sort field are walked from their best end and left at the first
 * ticket worse than all those kept.
 */
export function firstInOrder({ lists, ascendingBy }: ListsInOrder, count: number, sort: TicketSort, context: TicketSortContext): Ticket[] {
  const valueOf = comparableValue(sort.field, context);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = (a: SortValue, b: SortValue): number => {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return a < b ? -sign : sign;
  };
  const heap = new BestOf<Ticket, SortValue>(count, (a, aValue, b, bValue) => compare(aValue, bValue) < 0 || (compare(aValue, bValue) === 0 && a.id < b.id));
  const walk = walkOf(sort, ascendingBy);
  for (const list of lists) {
    const [first, step] = walk === 'backward' ? [list.length - 1, -1] : [0, 1];
    for (let at = first; at >= 0 && at < list.length; at += step) {
      const value = valueOf(list[at]);
      // In order, every ticket after one worse than the worst kept is no better; an unreadable
      // value (the worst) may lead a list walked forward, so it never ends the walk.
      if (walk && value !== undefined && heap.full && compare(value, heap.worstValue) > 0) break;
      heap.offer(list[at], value);
    }
  }
  return heap.inOrder();
}

/**
 * How to walk lists ascending by `ascendingBy` so that a sort's value only gets worse (a lead of
 * unreadable values is the worst and never stops a walk), or undefined when they are not in its order.
 */
function walkOf(sort: TicketSort, ascendingBy: ListsInOrder['ascendingBy']): 'forward' | 'backward' | undefined {
  if (!ascendingBy) return undefined;
  const ascending = sort.direction === 'asc';
  if (sort.field === ascendingBy) return ascending ? 'forward' : 'backward';
  // Older tickets have a greater age: ascending by creation is descending by age.
  if (sort.field === 'age' && ascendingBy === 'created') return ascending ? 'backward' : 'forward';
  return undefined;
}

/** A ticket's sort value where missing and unreadable ones are undefined; names looked up once per id. */
function comparableValue(field: TicketSortField, context: TicketSortContext): (ticket: Ticket) => SortValue {
  const named = { state: 'state', queue: 'queueId', owner: 'ownerId' } as const;
  const byName = named[field as keyof typeof named];
  const value = (ticket: Ticket) => {
    const found = ticketSortValue(ticket, field, context);
    return typeof found === 'number' && Number.isNaN(found) ? undefined : found;
  };
  if (!byName) return value;
  const known = new Map<unknown, SortValue>();
  return (ticket) => {
    const id = ticket[byName];
    if (!known.has(id)) known.set(id, value(ticket));
    return known.get(id);
  };
}

/** The best `size` items offered, by `before` (a max-heap: the worst kept is at the top). */
class BestOf<T, V> {
  private readonly items: T[] = [];
  private readonly values: V[] = [];

  constructor(
    private readonly size: number,
    private readonly before: (a: T, aValue: V, b: T, bValue: V) => boolean,
  ) {}

  /** Whether `size` items are kept. */
  get full(): boolean {
    return this.items.length >= this.size;
  }

  /** The value of the worst item kept. */
  get worstValue(): V | undefined {
    return this.values[0];
  }

  offer(item: T, value: V): void {
    const { items, values } = this;
    if (items.length < this.size) {
      items.push(item);
      values.push(value);
      this.siftUp(items.length - 1);
    } else if (this.size > 0 && this.before(item, value, items[0], values[0])) {
      items[0] = item;
      values[0] = value;
      this.siftDown(0);
    }
  }

  /** What was kept, best first. */
  inOrder(): T[] {
    const kept = this.items.map((item, at) => ({ item, value: this.values[at] }));
    kept.sort((a, b) => (this.before(a.item, a.value, b.item, b.value) ? -1 : 1));
    return kept.map(({ item }) => item);
  }

  /** Whether the item at `a` should sit above the one at `b` (it is worse). */
  private above(a: number, b: number): boolean {
    return this.before(this.items[b], this.values[b], this.items[a], this.values[a]);
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
    [this.values[a], this.values[b]] = [this.values[b], this.values[a]];
  }

  private siftUp(at: number): void {
    for (let parent = (at - 1) >> 1; at > 0 && this.above(at, parent); at = parent, parent = (at - 1) >> 1) this.swap(at, parent);
  }

  private siftDown(at: number): void {
    for (;;) {
      let worst = at;
      for (const child of [2 * at + 1, 2 * at + 2]) if (child < this.items.length && this.above(child, worst)) worst = child;
      if (worst === at) return;
      this.swap(at, worst);
      at = worst;
    }
  }
}

import type { DueView } from '../../rules/rules.js';
import { sortKeys, type TicketSortContext } from '../../rules/ticket-sort.js';
import { STATE_CATEGORIES, type Ticket, type TicketSort } from '../../contract/types.js';
import type { ItemList } from './cursors.js';
import { LruCache } from '../../rules/lru.js';
import { fillWith, orderByKey, positionsByBucket } from './ticket-index.js';
import { DUE_COLUMNS, firstInKept, KeptBlocks, type KeptColumns, type KeptSort, type NumberedIds } from './kept-sorts.js';

/**
 * What a list asks of every ticket, by position: its category, the filters it passes (bits), its
 * buckets by customer and by customer user (-1: none), and its sort keys (`KeptColumns`), whose
 * times are also the due times of the due views (`DUE_COLUMNS`), for the tickets of their categories.
 */
export interface TicketColumns extends KeptColumns {
  categories: Uint8Array;
  passed: Uint8Array;
  customerBuckets: Int32Array;
  userBuckets: Int32Array;
}

/** One ticket's row of the columns. */
export type TicketRow = { [Name in keyof TicketColumns]: TicketColumns[Name][number] };

/** Which tickets a list takes: those of these buckets, categories (bits) and filter (a bit, 0 for all), due at `now` in a due view. */
export interface RowQuery {
  buckets: readonly number[];
  categories: number;
  filter: number;
  due?: { view: DueView; now: number };
  /** At least as many as it takes. */
  limit: number;
}

/** Orders kept (least recently used dropped first): about 9 MB each at a million tickets. */
const ORDERS_KEPT = 8;

/** A ticket's flags: its category in the low bits, the filters it passes above. */
const CATEGORY_BITS = 0b1111;
const FILTER_SHIFT = 4;

/** All tickets in one sort: their positions, and each one's customer bucket and flags in that order. */
interface Order {
  positions: Uint32Array;
  customers: Int32Array;
  flags: Uint8Array;
}

type Groups = ReturnType<typeof positionsByBucket> & { customers: Uint8Array; blocks: KeptBlocks };

/** 1 at each of `buckets` (bucket numbers), 0 elsewhere: a list's test of a ticket's buckets. */
function wantedBuckets(buckets: readonly number[]): Uint8Array {
  const wanted = new Uint8Array(buckets.reduce((most, bucket) => Math.max(most, bucket + 1), 1));
  for (const bucket of buckets) wanted[bucket] = 1;
  return wanted;
}

const orderKey = (sort: TicketSort) => `${sort.field}|${sort.direction}`;

/** `column` copied into a longer one. */
function grown<C extends TicketColumns[keyof TicketColumns]>(column: C, length: number): C {
  if (Array.isArray(column)) return Array.from({ length }, (_, at) => column[at]) as C;
  const longer = new (column.constructor as new (length: number) => Exclude<C, unknown[]>)(length);
  longer.set(column as Exclude<C, unknown[]>);
  return longer;
}

/**
 * Every filed ticket by its position, with what a list asks of it, and per sort one order of all
 * tickets, worked out the first time a big list is sorted that way: a big list in any sort is
 * then one pass over that order, where sorting a 600,000-ticket customer each time takes a second.
 */
export class TicketTable {
  private tickets: Ticket[];
  private shared = true;
  private columns: TicketColumns;
  private readonly orders = new LruCache<string, Order>(ORDERS_KEPT);
  /** Every position, in the order of its ticket's id (worked out with the first order). */
  private idOrder?: Uint32Array;
  private allPositions?: Uint32Array;

  private readonly ids: NumberedIds;
  /** Every position grouped by customer bucket and category (slot: bucket × categories + category); dropped by a put that moves one. */
  private groups?: Groups;

  /**
   * `tickets` is not changed: the table copies it on its first `put`. `ids` numbered the named
   * sorts' columns; `context` names them as sorts will (as far as it is known now).
   */
  constructor(tickets: readonly Ticket[], columns: TicketColumns, ids: NumberedIds, context: TicketSortContext) {
    this.tickets = tickets as Ticket[];
    this.columns = columns;
    this.ids = ids;
    // Made with the table, not by the first sort that needs it: that one would wait for a pass over every ticket.
    this.groups = this.grouped();
    this.groups.blocks.makeAll(ids, context);
  }

  get size(): number {
    return this.tickets.length;
  }

  /** Its tickets and their columns as they are now, by position. */
  get contents(): { tickets: readonly Ticket[]; columns: Readonly<TicketColumns> } {
    return { tickets: this.tickets, columns: this.columns };
  }

  /**
   * The tickets `query` takes (at most `query.limit`), in the order of `sort`: their positions,
   * each ticket read only when the list is (a page of a long list reads ten).
   */
  list(sort: TicketSort, context: TicketSortContext, query: RowQuery): ItemList<Ticket> {
    const { positions, customers, flags } = this.orderOf(sort, context);
    const wanted = wantedBuckets(query.buckets);
    const { tickets, columns } = this;
    // Which tickets are due, by position: one pass in sequence, then a byte read per ticket taken.
    const times = query.due && columns[DUE_COLUMNS[query.due.view]];
    const now = query.due?.now ?? 0;
    const due = times && fillWith(new Uint8Array(tickets.length), (position) => +(times[position] <= now));
    const taken = new Uint32Array(query.limit);
    let count = 0;
    for (let at = 0; at < positions.length && count < taken.length; at++) {
      const flag = flags[at];
      if (!((query.categories >> (flag & CATEGORY_BITS)) & 1) || (query.filter && !((flag >> FILTER_SHIFT) & query.filter))) continue;
      const position = positions[at];
      if (wanted[customers[at]] !== 1) {
        const user = columns.userBuckets[position];
        if (user < 0 || wanted[user] !== 1) continue;
      }
      if (!due || due[position]) taken[count++] = position;
    }
    const kept = count < taken.length ? taken.slice(0, count) : taken;
    return { length: count, at: (index) => (index >= 0 && index < count ? tickets[kept[index]] : undefined) };
  }

  /**
   * The first `count` tickets `query` takes in `sort`, a kept sort, in the contract's order: one
   * pass over the positions of the query's customers and categories (`firstInKept`), reading
   * their columns, not their tickets; in a due view, over `due`, the positions of its tickets due
   * if the caller knows them.
   */
  firstInKeptSort(sort: TicketSort & { field: KeptSort }, context: TicketSortContext, query: RowQuery, count: number, due?: Uint32Array[]): Ticket[] {
    const { tickets, columns } = this;
    const wanted = wantedBuckets(query.buckets);
    const dueTimes = !due && query.due ? columns[DUE_COLUMNS[query.due.view]] : undefined;
    const now = query.due?.now ?? 0;
    const ranges = due ?? this.customerRanges(query);
    const inQuery = (position: number) =>
      ((query.categories >> columns.categories[position]) & 1) === 1 && (wanted[columns.customerBuckets[position]] === 1 || wanted[columns.userBuckets[position]] === 1);
    // Most selective first: of a customer's tickets, a due view takes one in six. The ranges of
    // the query's customers hold only their tickets of its categories (and `due`, only those due).
    const takes = (position: number) =>
      (!dueTimes || dueTimes[position] <= now) && (!query.filter || (columns.passed[position] & query.filter) !== 0) && (ranges !== undefined || inQuery(position));
    return firstInKept({ tickets, columns, ids: this.ids, positions: ranges ?? [this.everyPosition()], takes, blocks: this.groups?.blocks }, sort, context, count);
  }

  /** Every position in order (a customer user's list passes over them all), kept while no ticket is added. */
  private everyPosition(): Uint32Array {
    if (this.allPositions?.length !== this.tickets.length) this.allPositions = fillWith(new Uint32Array(this.tickets.length), (position) => position);
    return this.allPositions;
  }

  /** The positions of a query's customers' tickets of its categories, in ranges; undefined where it names a customer user. */
  private customerRanges(query: RowQuery): Uint32Array[] | undefined {
    const groups = (this.groups ??= this.grouped());
    const slots = STATE_CATEGORIES.length;
    // Customers and users share one numbering (a customer first seen in a put comes after the users): known by their tickets.
    if (!query.buckets.every((bucket) => groups.customers[bucket] === 1)) return undefined;
    return query.buckets.flatMap((bucket) =>
      STATE_CATEGORIES.flatMap((_, category) =>
        (query.categories >> category) & 1 ? [groups.positions.subarray(groups.starts[bucket * slots + category], groups.starts[bucket * slots + category + 1])] : [],
      ),
    );
  }

  /** Every position by customer bucket and category, and which bucket numbers are customers' (1). */
  private grouped(): Groups {
    const { customerBuckets, categories } = this.columns;
    const slots = STATE_CATEGORIES.length;
    const slotOf = fillWith(new Int32Array(this.tickets.length), (position) => customerBuckets[position] * slots + categories[position]);
    const customers = new Uint8Array(customerBuckets.reduce((most, bucket) => Math.max(most, bucket + 1), 0));
    for (const bucket of customerBuckets) customers[bucket] = 1;
    const { positions, starts } = positionsByBucket(slotOf, customers.length * slots);
    return { positions, starts, customers, blocks: new KeptBlocks(positions, () => this.columns) };
  }

  /** Whether the order of `sort` is made (a list in it is one pass). */
  hasOrder(sort: TicketSort): boolean {
    return this.orders.has(orderKey(sort));
  }

  /** The position `put` gives a ticket put in place of `old`: its own, or (a ticket added) the next. */
  positionOf(old: Ticket | undefined): number {
    const position = old ? this.tickets.indexOf(old) : -1;
    return position < 0 ? this.tickets.length : position;
  }

  /** Puts `ticket` at `position` (`positionOf` the ticket it replaces); every order is worked out again on its next use. */
  put(position: number, ticket: Ticket, row: TicketRow): void {
    if (this.shared) [this.tickets, this.shared] = [[...this.tickets], false];
    const added = position >= this.tickets.length;
    // The groups hold while every position keeps its customer and category (most changes).
    const { customerBuckets, categories } = this.columns;
    if (added || customerBuckets[position] !== row.customerBuckets || categories[position] !== row.categories) this.groups = undefined;
    else this.groups?.blocks.noteChange(position, row);
    if (added) {
      position = this.tickets.push(ticket) - 1;
      this.idOrder = undefined;
    } else this.tickets[position] = ticket;
    const columns = Object.entries(this.columns) as [keyof TicketColumns, TicketColumns[keyof TicketColumns]][];
    for (const [name, column] of columns) {
      const target = position < column.length ? column : (this.columns[name] = grown(column, position * 2 + 16) as never);
      target[position] = row[name];
    }
    this.orders.clear();
  }

  /**
   * All tickets in the order of `sort`, worked out on first use, with each one's customer bucket
   * and its category and filters (one byte) beside it, so that a pass reads them in sequence.
   */
  private orderOf(sort: TicketSort, context: TicketSortContext): Order {
    const key = orderKey(sort);
    let order = this.orders.get(key);
    if (!order) {
      const { categories, passed, customerBuckets } = this.columns;
      this.idOrder ??= orderByKey(this.tickets, new Float64Array(this.tickets.length));
      const positions = orderByKey(this.tickets, sortKeys(this.tickets, sort, context), this.idOrder);
      order = {
        positions,
        customers: fillWith(new Int32Array(positions.length), (at) => customerBuckets[positions[at]]),
        flags: fillWith(new Uint8Array(positions.length), (at) => categories[positions[at]] | (passed[positions[at]] << FILTER_SHIFT)),
      };
    }
    return this.orders.set(key, order);
  }
}

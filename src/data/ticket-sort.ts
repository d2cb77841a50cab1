import { orderByKey } from './ticket-index.js';
import type { Ticket, TicketSort, TicketSortField } from './types.js';

/** Names for ids, so that queue, owner and state sort by what the agent reads. */
export interface TicketSortContext {
  queueName(id: string): string;
  agentName(id: string): string;
  stateName(state: string): string;
}

type SortValue = string | number | undefined;

/** Lower-case text for sorting, the same on every machine whatever its locale; anything that is not text (missing, null, hostile shapes) sorts last. */
const lower = (value: unknown): string | undefined => (typeof value === 'string' ? value.toLowerCase() : undefined);
/** A timestamp, or undefined for a missing or unreadable date. */
const time = (iso: unknown): number | undefined => {
  const value = typeof iso === 'string' ? Date.parse(iso) : NaN;
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

/** Values in the direction `sign` (1 ascending, -1 descending), missing values last either way. */
function compareValues(va: SortValue, vb: SortValue, sign: 1 | -1): number {
  if (va === vb) return 0;
  if (va === undefined) return 1;
  if (vb === undefined) return -1;
  return va < vb ? -sign : sign;
}

const compareIds = (a: Ticket, b: Ticket) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const signOf = (sort: TicketSort) => (sort.direction === 'asc' ? 1 : -1);

/**
 * A total order: the sort field in the asked direction, missing values last either way,
 * then the ticket id, so that paging is stable.
 */
export function compareTickets(a: Ticket, b: Ticket, sort: TicketSort, context: TicketSortContext): number {
  return compareValues(ticketSortValue(a, sort.field, context), ticketSortValue(b, sort.field, context), signOf(sort)) || compareIds(a, b);
}

/**
 * Sorts in the order of `compareTickets`, fast for a large customer: each ticket's sort value is
 * worked out once and turned into a number (text by its rank among the distinct texts, the
 * direction by the sign, missing values last), and the numbers sort natively (`orderByKey`).
 */
export function sortTickets(tickets: readonly Ticket[], sort: TicketSort, context: TicketSortContext): Ticket[] {
  const sign = signOf(sort);
  const values = tickets.map((ticket) => ticketSortValue(ticket, sort.field, context));
  const texts = [...new Set(values.filter((value): value is string => typeof value === 'string'))].sort();
  const rank = new Map(texts.map((text, index) => [text, index]));
  const keys = new Float64Array(values.length);
  values.forEach((value, index) => {
    const key = value === undefined ? NaN : sign * (typeof value === 'string' ? rank.get(value)! : value);
    // Missing (and unreadable) values last, either way.
    keys[index] = Number.isNaN(key) ? Infinity : key;
  });
  return Array.from(orderByKey(tickets, keys), (index) => tickets[index]);
}

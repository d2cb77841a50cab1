import { digitKey, orderByKey } from '../adapters/in-memory/ticket-index.js';
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
export const timeOf = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) : NaN);

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

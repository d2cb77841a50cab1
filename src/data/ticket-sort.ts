import type { Ticket, TicketSort, TicketSortField } from './types.js';

/** Names for ids, so that queue, owner and state sort by what the agent reads. */
export interface TicketSortContext {
  queueName(id: string): string;
  agentName(id: string): string;
  stateName(state: string): string;
}

type SortValue = string | number | undefined;

/** Lower-case text for sorting; anything that is not text (missing, null, hostile shapes) sorts last. */
const lower = (value: unknown): string | undefined => (typeof value === 'string' ? value.toLocaleLowerCase() : undefined);
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

/**
 * A total order: the sort field in the asked direction, missing values last either way,
 * then the ticket id, so that paging is stable.
 */
export function compareTickets(a: Ticket, b: Ticket, sort: TicketSort, context: TicketSortContext): number {
  const va = ticketSortValue(a, sort.field, context);
  const vb = ticketSortValue(b, sort.field, context);
  if (va !== vb) {
    if (va === undefined) return 1;
    if (vb === undefined) return -1;
    const ascending = va < vb ? -1 : 1;
    return sort.direction === 'asc' ? ascending : -ascending;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

import type { Ticket, TicketSort, TicketSortField } from './types.js';

/** Names for ids, so that queue, owner and state sort by what the agent reads. */
export interface TicketSortContext {
  queueName(id: string): string;
  agentName(id: string): string;
  stateName(state: string): string;
}

type SortValue = string | number | undefined;

function sortValue(ticket: Ticket, field: TicketSortField, context: TicketSortContext): SortValue {
  switch (field) {
    case 'number':
      return ticket.number;
    case 'age':
      // Older tickets have a greater age.
      return -Date.parse(ticket.createdAt);
    case 'created':
      return Date.parse(ticket.createdAt);
    case 'changed':
      return ticket.changedAt ? Date.parse(ticket.changedAt) : undefined;
    case 'pendingUntil':
      return ticket.pendingUntil ? Date.parse(ticket.pendingUntil) : undefined;
    case 'escalation':
      return ticket.escalationAt ? Date.parse(ticket.escalationAt) : undefined;
    case 'title':
      return ticket.title.toLocaleLowerCase();
    case 'state':
      return context.stateName(ticket.state).toLocaleLowerCase();
    case 'queue':
      return ticket.queueId ? context.queueName(ticket.queueId).toLocaleLowerCase() : undefined;
    case 'priority':
      return ticket.priority;
    case 'owner':
      return ticket.ownerId ? context.agentName(ticket.ownerId).toLocaleLowerCase() : undefined;
    case 'customerUser':
      return ticket.customerUserLogin?.toLocaleLowerCase();
  }
}

/**
 * A total order: the sort field in the asked direction, missing values last either way,
 * then the ticket id, so that paging is stable.
 */
export function compareTickets(a: Ticket, b: Ticket, sort: TicketSort, context: TicketSortContext): number {
  const va = sortValue(a, sort.field, context);
  const vb = sortValue(b, sort.field, context);
  if (va !== vb) {
    if (va === undefined) return 1;
    if (vb === undefined) return -1;
    const ascending = va < vb ? -1 : 1;
    return sort.direction === 'asc' ? ascending : -ascending;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

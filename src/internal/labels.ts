import type { StateCategory, TicketFilter, TicketView } from '../data/contract/types.js';
import { msg } from './localize.js';

export function filterLabel(filter: TicketFilter): string {
  switch (filter) {
    case 'my-locked':
      return msg('My locked tickets');
    case 'my-queues':
      return msg('Tickets in my queues');
    case 'all':
      return msg('All tickets');
  }
}

export function categoryLabel(category: StateCategory): string {
  switch (category) {
    case 'new':
      return msg('New');
    case 'open':
      return msg('Open');
    case 'pending-reminder':
      return msg('Pending reminder');
    case 'pending-auto':
      return msg('Pending auto close');
    case 'closed':
      return msg('Closed');
    case 'merged':
      return msg('Merged');
    case 'removed':
      return msg('Removed');
  }
}

export function viewLabel(view: TicketView): string {
  switch (view) {
    case 'reminder':
      return msg('Reminder Tickets');
    case 'escalated':
      return msg('Escalated Tickets');
    case 'new':
      return msg('New Tickets');
    case 'open':
      return msg('Open Tickets');
    case 'closed':
      return msg('Closed Tickets');
    case 'all':
      return msg('All Tickets');
  }
}

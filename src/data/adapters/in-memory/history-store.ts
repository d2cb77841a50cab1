import { LruCache } from '../../rules/lru.js';
import { firstNotBefore } from '../../rules/sorted.js';
import { closedAtOf } from '../../rules/ticket-statistics.js';
import { timeOf } from '../../rules/ticket-sort.js';
import type { HistoryEntry, Ticket } from '../../contract/types.js';

/** Histories with tickets (worked out over all of a customer's tickets) kept. */
const ANSWER_CACHE_SIZE = 20;

/**
 * Each customer's notes and activities, newest first; with its tickets' creation and closing
 * merged in on demand, kept until the customer's history changes (tickets do not change here).
 */
export class HistoryStore {
  private readonly entries = new Map<string, HistoryEntry[]>();
  private readonly withTickets = new LruCache<string, HistoryEntry[]>(ANSWER_CACHE_SIZE);
  private nextNote = 1;

  /** Forgets the ticket events mixed in, after a ticket was added or changed. */
  forgetTicketEvents(): void {
    this.withTickets.clear();
  }

  constructor(entries: readonly HistoryEntry[]) {
    for (const entry of entries) {
      const list = this.entries.get(entry.customerId);
      if (list) list.push(entry);
      else this.entries.set(entry.customerId, [entry]);
    }
    for (const [customerId, list] of this.entries) this.entries.set(customerId, sortNewestFirst(list));
  }

  /** A customer's history, newest first; with `tickets` (the customer's), their events merged in. */
  of(customerId: string, tickets?: { list: () => readonly Ticket[]; isClosed: (ticket: Ticket) => boolean }): readonly HistoryEntry[] {
    const own = this.entries.get(customerId) ?? [];
    if (!tickets) return own;
    return this.withTickets.get(customerId) ?? this.withTickets.set(customerId, sortNewestFirst([...own, ...ticketEvents(customerId, tickets.list(), tickets.isClosed)]));
  }

  /** Adds a note, in its place by time. */
  addNote(customerId: string, text: string, at: Date, author: string | undefined): HistoryEntry {
    const entry: HistoryEntry = { id: `note-${this.nextNote++}`, customerId, at: at.toISOString(), kind: 'note', text, author };
    const list = this.entries.get(customerId) ?? [];
    list.splice(positionNewestFirst(list, entry), 0, entry);
    this.entries.set(customerId, list);
    this.withTickets.delete(customerId);
    return entry;
  }
}

/** A customer's tickets as history: each one's creation, and its closing. */
function ticketEvents(customerId: string, tickets: readonly Ticket[], isClosed: (ticket: Ticket) => boolean): HistoryEntry[] {
  return tickets.flatMap((ticket) => {
    const event = (kind: 'ticket-created' | 'ticket-closed', at: string): HistoryEntry => ({
      id: `${kind}:${ticket.id}`, customerId, at, kind, text: ticket.title, ticketId: ticket.id, ticketNumber: ticket.number,
    });
    const closedAt = closedAtOf(ticket, isClosed(ticket));
    return closedAt ? [event('ticket-created', ticket.createdAt), event('ticket-closed', closedAt)] : [event('ticket-created', ticket.createdAt)];
  });
}

/** Newest first, then by id; each entry's time read once. */
function sortNewestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const decorated = entries.map((entry) => ({ entry, time: timeOf(entry.at) }));
  decorated.sort((a, b) => compareNewestFirst(a.entry, a.time, b.entry, b.time));
  return decorated.map(({ entry }) => entry);
}

function compareNewestFirst(a: HistoryEntry, aTime: number, b: HistoryEntry, bTime: number): number {
  return bTime - aTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where an entry goes in a list sorted newest first. */
function positionNewestFirst(entries: readonly HistoryEntry[], entry: HistoryEntry): number {
  const time = timeOf(entry.at);
  return firstNotBefore(entries.length, (at) => compareNewestFirst(entries[at], timeOf(entries[at].at), entry, time) < 0);
}

import type { MonthlyTicketCounts, QueueTicketCounts, Ticket, TicketStatistics } from '../contract/types.js';

/** Months of the monthly series when the caller names none, and the most a source answers. */
export const DEFAULT_STATISTICS_MONTHS = 12;
export const MAX_STATISTICS_MONTHS = 36;

/** The months asked for, as a whole number from 1 to `MAX_STATISTICS_MONTHS` (else the default). */
export function statisticsMonths(asked: unknown): number {
  const months = Math.floor(Number(asked ?? DEFAULT_STATISTICS_MONTHS));
  return Number.isFinite(months) && months >= 1 ? Math.min(MAX_STATISTICS_MONTHS, months) : DEFAULT_STATISTICS_MONTHS;
}

/** The `months` calendar months (UTC) up to and including the one of `now`, oldest first, all zero. */
export function monthSeries(now: Date, months: number): MonthlyTicketCounts[] {
  const series: MonthlyTicketCounts[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    series.push({ year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, created: 0, closed: 0 });
  }
  return series;
}

/** When a ticket was closed: its `closedAt`, else, for a ticket in a closed state, its last change. */
export function closedAtOf(ticket: Ticket, closed: boolean): string | undefined {
  return ticket.closedAt ?? (closed ? (ticket.changedAt ?? ticket.createdAt) : undefined);
}

export interface StatisticsContext {
  now: Date;
  months: number;
  /** Whether a ticket counts as closed (its state is not viewable). */
  isClosed: (ticket: Ticket) => boolean;
  queueName: (queueId: string) => string | undefined;
}

/** Open and closed tickets by queue (most tickets first) and created vs closed per month. */
export function ticketStatistics(tickets: Iterable<Ticket>, context: StatisticsContext): TicketStatistics {
  const monthly = monthSeries(context.now, context.months);
  const monthIndex = new Map(monthly.map((m, index) => [`${m.year}-${m.month}`, index]));
  const indexOf = (iso: string | undefined) => {
    const time = iso ? new Date(iso) : undefined;
    return time && !Number.isNaN(time.getTime()) ? monthIndex.get(`${time.getUTCFullYear()}-${time.getUTCMonth() + 1}`) : undefined;
  };
  const queues = new Map<string, QueueTicketCounts>();
  for (const ticket of tickets) {
    const closed = context.isClosed(ticket);
    const queueId = ticket.queueId ?? '';
    let queue = queues.get(queueId);
    if (!queue) queues.set(queueId, (queue = { queueId, queueName: context.queueName(queueId) ?? ticket.queueName, open: 0, closed: 0 }));
    queue[closed ? 'closed' : 'open']++;
    const created = indexOf(ticket.createdAt);
    if (created !== undefined) monthly[created].created++;
    const closedIn = indexOf(closedAtOf(ticket, closed));
    if (closedIn !== undefined) monthly[closedIn].closed++;
  }
  const byQueue = [...queues.values()].sort(
    (a, b) => b.open + b.closed - (a.open + a.closed) || (a.queueName ?? a.queueId).localeCompare(b.queueName ?? b.queueId),
  );
  return { byQueue, monthly };
}

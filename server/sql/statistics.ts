import type { CallOptions, TicketStatisticsOptions } from '../../src/data/contract/data-source.js';
import { DistressIndex, type HealthInputs } from '../../src/data/rules/customer-health.js';
import { monthSeries, statisticsMonths } from '../../src/data/rules/ticket-statistics.js';
import type { CustomerHealth, QueueTicketCounts, TicketScope, TicketStatistics } from '../../src/data/contract/types.js';
import { optionalText } from './rows.js';
import type { SqlSession } from './session.js';
import { Params } from './sql-text.js';
import type { SqlTickets } from './tickets.js';

/** Ticket statistics of a scope and the customers' health: counted over the tickets the agent may read. */
export class SqlStatistics {
  constructor(private readonly session: SqlSession, private readonly tickets: SqlTickets) {}

  async getTicketStatistics(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics> {
    const monthly = monthSeries(this.session.now(), statisticsMonths(options?.months));
    const params = new Params();
    const { where, ctx } = await this.tickets.viewConditions(scope, 'all', params, options);
    const scoped = where.join(' AND ');
    const closedStates = params.add(this.session.closedStates(), '::int[]');
    const since = params.add(`${monthly[0].year}-${String(monthly[0].month).padStart(2, '0')}-01`, '::timestamp');
    // By queue from the count summary for a customer (a few rows), else counted; created and
    // closed per month each one index range from the first month on. A closed ticket's last
    // change stands for its close time (Znuny keeps the exact one in ticket_history).
    const byQueueSql = this.session.countSummary && 'customerId' in scope
      ? `SELECT c.queue_id, sum(c.n) FILTER (WHERE NOT c.ticket_state_id = ANY(${closedStates})) AS open,
           sum(c.n) FILTER (WHERE c.ticket_state_id = ANY(${closedStates})) AS closed FROM cic_ticket_counts c
         WHERE c.customer_id = ${params.add(scope.customerId)} AND c.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')})
         GROUP BY c.queue_id HAVING sum(c.n) > 0`
      : `SELECT t.queue_id, count(*) FILTER (WHERE NOT t.ticket_state_id = ANY(${closedStates})) AS open,
           count(*) FILTER (WHERE t.ticket_state_id = ANY(${closedStates})) AS closed FROM ticket t WHERE ${scoped} GROUP BY t.queue_id`;
    const { rows } = await this.session.reader.query<{ kind: string; key: string; name: string | null; open: string | null; closed: string | null; in_month: string | null }>(
      `SELECT 'queue' AS kind, by_queue.queue_id::text AS key, q.name, by_queue.open, by_queue.closed, NULL::bigint AS in_month
         FROM (${byQueueSql}) by_queue JOIN queue q ON q.id = by_queue.queue_id
       UNION ALL SELECT 'created', to_char(t.create_time, 'YYYY-FMMM'), NULL, NULL, NULL, count(*) FROM ticket t WHERE ${scoped} AND t.create_time >= ${since} GROUP BY 2
       UNION ALL SELECT 'closed', to_char(t.change_time, 'YYYY-FMMM'), NULL, NULL, NULL, count(*) FROM ticket t
         WHERE ${scoped} AND t.ticket_state_id = ANY(${closedStates}) AND t.change_time >= ${since} GROUP BY 2`,
      params.values,
    );
    const byMonth = new Map(monthly.map((m) => [`${m.year}-${m.month}`, m]));
    const byQueue: QueueTicketCounts[] = [];
    for (const row of rows) {
      if (row.kind === 'queue') byQueue.push({ queueId: row.key, queueName: optionalText(row.name), open: Number(row.open ?? 0), closed: Number(row.closed ?? 0) });
      else {
        const month = byMonth.get(row.key);
        if (month) month[row.kind as 'created' | 'closed'] = Number(row.in_month);
      }
    }
    byQueue.sort((a, b) => b.open + b.closed - (a.open + a.closed) || (a.queueName ?? '').localeCompare(b.queueName ?? ''));
    return { byQueue, monthly };
  }

  async getCustomerHealth(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    const ctx = await this.session.agentContext(options);
    const readable = [...(ctx?.readableQueues ?? [])].sort((a, b) => a - b);
    // Ranks among all customers count only the tickets this agent may read.
    const indexes = this.session.options.healthIndexes ?? new Map<string, DistressIndex>();
    const key = readable.join(',');
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = new DistressIndex((at) => this.healthInputs(readable, at))));
    return index.of(customerId, this.session.now());
  }

  /** Every customer's distress inputs at `at` (ms): one pass over the tickets the queues hold. */
  private async healthInputs(readable: number[], at: number): Promise<Map<string, HealthInputs>> {
    const params = new Params();
    const time = params.add(new Date(at).toISOString(), '::timestamptz');
    const closed = `t.ticket_state_id = ANY(${params.add(this.session.closedStates(), '::int[]')}) AND t.change_time <= (${time} AT TIME ZONE 'UTC')`;
    const created = `t.create_time <= (${time} AT TIME ZONE 'UTC')`;
    const days = (from: string, to: string) => `extract(epoch FROM (${to} - ${from})) / 86400`;
    const { rows } = await this.session.reader.query<{ id: string; tickets: string; recent: string; open: string; open_age: string | null; to_close: string | null }>(
      `SELECT t.customer_id AS id, count(*) FILTER (WHERE ${created}) AS tickets,
         count(*) FILTER (WHERE ${created} AND t.create_time > (${time} AT TIME ZONE 'UTC') - interval '30 days') AS recent,
         count(*) FILTER (WHERE ${created} AND NOT (${closed})) AS open,
         avg(${days('t.create_time', `(${time} AT TIME ZONE 'UTC')`)}) FILTER (WHERE ${created} AND NOT (${closed})) AS open_age,
         avg(greatest(0, ${days('t.create_time', 't.change_time')})) FILTER (WHERE ${created} AND ${closed}) AS to_close
       FROM ticket t WHERE t.queue_id = ANY(${params.add(readable, '::int[]')})${this.session.notArchived()} AND t.customer_id IS NOT NULL GROUP BY t.customer_id`,
      params.values,
    );
    const inputs = new Map<string, HealthInputs>();
    const companies = await this.session.reader.query<{ id: string }>('SELECT customer_id AS id FROM customer_company');
    for (const { id } of companies.rows) inputs.set(id, { tickets: 0, recentTickets: 0, openTickets: 0, openAge: 0, timeToClose: 0 });
    for (const row of rows) {
      inputs.set(row.id, {
        tickets: Number(row.tickets), recentTickets: Number(row.recent), openTickets: Number(row.open),
        openAge: Number(row.open_age ?? 0), timeToClose: Number(row.to_close ?? 0),
      });
    }
    return inputs;
  }
}

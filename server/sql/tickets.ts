import type { CallOptions, ListTicketsOptions } from '../../src/data/contract/data-source.js';
import { ValidationError } from '../../src/data/contract/errors.js';
import { isDueView, TERMINAL_CATEGORIES, viewCategories, type DueView } from '../../src/data/rules/rules.js';
import {
  STATE_CATEGORIES,
  type CompanyStatus,
  type OpenClosedCounts,
  type StateCategory,
  type TicketFilter,
  type TicketPage,
  type TicketScope,
  type TicketSortField,
  type TicketView,
} from '../../src/data/contract/types.js';
import type { AgentContext } from './agent-context.js';
import { ticketPosition, type Cursor } from './cursors.js';
import { TICKET_COLUMNS, toTicket } from './rows.js';
import type { SqlSession } from './session.js';
import { Params } from './sql-text.js';

/**
 * Sort field → SQL expression (text compared byte-wise, as the contract's order), its type,
 * whether ascending means descending time, and the table it is read from when not the ticket's.
 */
const SORTS: Record<TicketSortField, { sql: string; type: 'text' | 'bigint' | 'timestamp'; invert?: boolean; join?: string }> = {
  number: { sql: 'lower(t.tn) COLLATE "C"', type: 'text' },
  age: { sql: 't.create_time', type: 'timestamp', invert: true },
  title: { sql: 'lower(t.title) COLLATE "C"', type: 'text' },
  state: { sql: 'lower(s.name) COLLATE "C"', type: 'text', join: 'LEFT JOIN ticket_state s ON s.id = t.ticket_state_id' },
  queue: { sql: 'lower(q.name) COLLATE "C"', type: 'text', join: 'LEFT JOIN queue q ON q.id = t.queue_id' },
  priority: { sql: 't.ticket_priority_id::bigint', type: 'bigint' },
  owner: { sql: "lower(NULLIF(trim(u.first_name || ' ' || u.last_name), '')) COLLATE \"C\"", type: 'text', join: 'LEFT JOIN users u ON u.id = t.user_id' },
  customerUser: { sql: 'lower(t.customer_user_id) COLLATE "C"', type: 'text' },
  created: { sql: 't.create_time', type: 'timestamp' },
  changed: { sql: 't.change_time', type: 'timestamp' },
  pendingUntil: { sql: 'NULLIF(t.until_time, 0)::bigint', type: 'bigint' },
  escalation: { sql: 'NULLIF(t.escalation_time, 0)::bigint', type: 'bigint' },
};

/** The column of a due view's time (`DUE_VIEWS`' field): Unix seconds, 0 for none. */
const DUE_COLUMNS = { reminder: 'until_time', escalated: 'escalation_time' } as const satisfies Record<DueView, string>;

/**
 * A pending or escalation time (Unix seconds, 0 for none) that is due by `now`: written as
 * the sort key of the `…_due` indexes (and their predicate), so that one index range gives
 * the rows, their count and their order.
 */
const dueBy = (column: (typeof DUE_COLUMNS)[DueView], now: string) => `t.${column} > 0 AND NULLIF(t.${column}, 0)::bigint <= ${now}`;

/** The columns of a ticket that name whom it is for. */
type TicketOwnerColumn = 'customer_user_id' | 'customer_id';

/** A `ticket_counts` column's `[all, closed]` as open and closed counts. */
export const openClosed = ([all, closed]: [number, number]): OpenClosedCounts => ({ open: all - closed, closed });

/** Ticket lists, their counts, and the open and closed counts of customers and users: each one query or two at once. */
export class SqlTickets {
  constructor(private readonly session: SqlSession) {}

  private async openClosedBy(column: TicketOwnerColumn, keys: readonly string[], options?: CallOptions) {
    const ctx = await this.session.agentContext(options);
    const params = new Params();
    const { rows } = await this.session.reader.query<{ key: string; ticket_counts: [number, number] }>(
      `SELECT k.key, ${this.openClosedColumn(column, 'k.key', ctx, params)} FROM unnest(${params.add(keys, '::text[]')}) AS k(key)`,
      params.values,
    );
    return Object.fromEntries(rows.map(({ key, ticket_counts }) => [key, openClosed(ticket_counts)]));
  }

  /**
   * A column `ticket_counts`: `[all, closed]` of the tickets the agent may read whose `column`
   * is `key` (an SQL expression of the row). In a page's query it is worked out for the page's
   * rows only (a subquery runs after the sort and limit).
   */
  openClosedColumn(column: TicketOwnerColumn, key: string, ctx: AgentContext | undefined, params: Params): string {
    return `(SELECT ARRAY[count(*)::int, (count(*) FILTER (WHERE t.ticket_state_id = ANY(${params.add(this.session.closedStates(), '::int[]')})))::int]
      FROM ticket t WHERE t.${column} = ${key} AND ${this.session.visible(ctx, params)}) AS ticket_counts`;
  }

  countTicketsByUser(logins: readonly string[], options?: CallOptions) {
    return this.openClosedBy('customer_user_id', logins, options);
  }

  countTicketsByCustomer(customerIds: readonly string[], options?: CallOptions) {
    return this.openClosedBy('customer_id', customerIds, options);
  }

  async getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus> {
    const ctx = await this.session.agentContext(options);
    const params = new Params();
    const now = params.add(this.session.nowSeconds());
    const customer = params.add(customerId);
    const visible = this.session.visible(ctx, params);
    // One statement: counts by state (from the count summary when there is one, else an
    // index-only scan), and the escalated ones (a partial index: they depend on the time).
    const byState = this.session.countSummary
      ? `SELECT c.ticket_state_id AS state, sum(c.n) AS n, 0 AS escalated FROM cic_ticket_counts c
         WHERE c.customer_id = ${customer} AND c.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')}) GROUP BY c.ticket_state_id`
      : `SELECT t.ticket_state_id AS state, count(*) AS n, 0 AS escalated
         FROM ticket t WHERE t.customer_id = ${customer} AND ${visible} GROUP BY t.ticket_state_id`;
    const { rows } = await this.session.reader.query<{ state: number; n: string; escalated: string }>(
      `${byState}
       UNION ALL
       SELECT t.ticket_state_id, 0, count(*) FROM ticket t
       WHERE t.customer_id = ${customer} AND ${dueBy(DUE_COLUMNS.escalated, now)} AND ${visible}
       GROUP BY t.ticket_state_id`,
      params.values,
    );
    const categoryOf = new Map([...this.session.catalog.statesByCategory].flatMap(([category, ids]) => ids.map((id) => [id, category])));
    const status: CompanyStatus = { escalated: 0, open: 0, closed: 0, all: 0, byCategory: {} };
    for (const row of rows) {
      const category = categoryOf.get(row.state) ?? 'open';
      const n = Number(row.n);
      if (!TERMINAL_CATEGORIES.has(category)) status.escalated += Number(row.escalated);
      if (!n) continue;
      status.byCategory[category] = (status.byCategory[category] ?? 0) + n;
      status[this.session.catalog.viewable.has(category) ? 'open' : 'closed'] += n;
      status.all += n;
    }
    return status;
  }

  /** The rows of one view in one scope (without the filter), as conditions on `t`. */
  async viewConditions(scope: TicketScope, view: TicketView, params: Params, options?: CallOptions): Promise<{ where: string[]; ctx?: AgentContext }> {
    const ctx = await this.session.agentContext(options);
    const where: string[] = [];
    if ('customerId' in scope) where.push(`t.customer_id = ${params.add(scope.customerId)}`);
    else if (scope.access === 'accessible') {
      const login = params.add(scope.customerUserLogin);
      where.push(`t.customer_id IN (SELECT customer_id FROM customer_user WHERE login = ${login}
        UNION SELECT customer_id FROM customer_user_customer WHERE user_id = ${login})`);
    } else where.push(`t.customer_user_id = ${params.add(scope.customerUserLogin)}`);
    if (this.categoriesOf(view).length < STATE_CATEGORIES.length) {
      const states = this.stateIdsOf(view);
      // One state as an equality, so that the (customer, state, created) index gives the age order.
      where.push(states.length === 1 ? `t.ticket_state_id = ${params.add(states[0])}` : `t.ticket_state_id = ANY(${params.add(states, '::int[]')})`);
    }
    if (isDueView(view)) where.push(dueBy(DUE_COLUMNS[view], params.add(this.session.nowSeconds())));
    where.push(this.session.visible(ctx, params));
    return { where, ctx };
  }

  private stateIdsOf(view: TicketView): number[] {
    return this.categoriesOf(view).flatMap((c) => this.session.catalog.statesByCategory.get(c)!);
  }

  private categoriesOf(view: TicketView): readonly StateCategory[] {
    return viewCategories(view, (category) => this.session.catalog.viewable.has(category));
  }

  private filterCondition(filter: TicketFilter, ctx: AgentContext | undefined, params: Params): string | undefined {
    if (filter === 'all') return undefined;
    if (!ctx) return 'false';
    if (filter === 'my-locked') return `(t.user_id = ${params.add(ctx.userId)} AND t.ticket_lock_id = ANY(${params.add(this.session.catalog.lockedIds, '::int[]')}))`;
    return `t.queue_id = ANY(${params.add(ctx.agent.queueIds.map(Number), '::int[]')})`;
  }

  /** Whether a view's counts come from the count summary: a customer's views that do not depend on the time. */
  private countsFromSummary(scope: TicketScope, view: TicketView): boolean {
    return this.session.countSummary && 'customerId' in scope && !isDueView(view);
  }

  async countTickets(scope: TicketScope, view: TicketView, options?: CallOptions): Promise<Record<TicketFilter, number>> {
    const params = new Params();
    const { where, ctx } = await this.viewConditions(scope, view, params, options);
    const mine = this.filterCondition('my-locked', ctx, params);
    const myQueues = ctx?.agent.queueIds.map(Number) ?? [];
    // A customer's views that do not depend on the time: "all" and "my queues" from the count
    // summary (a few rows per state and queue); only "my locked" reads tickets, by owner.
    const fromSummary = this.countsFromSummary(scope, view);
    // Every state named, so that "my locked" is an index range by state and owner for "all" too.
    const allStates = fromSummary && view === 'all' ? ` AND t.ticket_state_id = ANY(${params.add(this.stateIdsOf(view), '::int[]')})` : '';
    const sql = fromSummary
      ? `SELECT (SELECT count(*) FROM ticket t WHERE ${where.join(' AND ')}${allStates} AND ${mine}) AS mine,
           sum(c.n) FILTER (WHERE c.queue_id = ANY(${params.add(myQueues, '::int[]')})) AS queues, sum(c.n) AS total
         FROM cic_ticket_counts c WHERE c.customer_id = ${params.add((scope as { customerId: string }).customerId)}
           AND c.ticket_state_id = ANY(${params.add(this.stateIdsOf(view), '::int[]')}) AND c.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')})`
      : `SELECT count(*) FILTER (WHERE ${mine}) AS mine, count(*) FILTER (WHERE t.queue_id = ANY(${params.add(myQueues, '::int[]')})) AS queues,
           count(*) AS total FROM ticket t WHERE ${where.join(' AND ')}`;
    const { rows } = await this.session.reader.query<{ mine: string | null; queues: string | null; total: string | null }>(sql, params.values);
    return { 'my-locked': Number(rows[0].mine ?? 0), 'my-queues': Number(rows[0].queues ?? 0), all: Number(rows[0].total ?? 0) };
  }

  async listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage> {
    const { view, filter, page: { size } } = options;
    const scopeBinding = 'customerId' in scope ? ['customer', scope.customerId] : ['customer-user', scope.customerUserLogin, scope.access ?? 'assigned'];
    const binding = this.session.cursorBinding('tickets', ...scopeBinding, view, filter, options.sort.field, options.sort.direction);
    const cursor = this.session.cursors.decode(options.page.cursor, binding);
    const params = new Params();
    const { where, ctx } = await this.viewConditions(scope, view, params, options);
    const filterSql = this.filterCondition(filter, ctx, params);
    if (filterSql) where.push(filterSql);
    // Own keys only: a field named like an Object.prototype member is no sort.
    if (!Object.hasOwn(SORTS, options.sort.field)) throw new ValidationError({ sort: 'Unknown sort field' }, 'Invalid sort');
    const sort = SORTS[options.sort.field];
    const ascending = (options.sort.direction === 'asc') !== !!sort.invert;
    const backwards = cursor?.before ?? false;
    const countAll = [`SELECT count(*) AS n FROM ticket t WHERE ${where.join(' AND ')}`, params.values.slice()] as const;
    // Checked before any query starts: a cursor refused here leaves no query behind.
    if (cursor) where.push(this.keysetCondition(sort, ascending, cursor, params));
    // The total (carried by the cursor, or the filter's count — asked with the page, or cheap
    // from the count summary —, or counted) and the page are asked at once.
    const counts = options.withCounts || this.countsFromSummary(scope, view) ? this.countTickets(scope, view, options) : undefined;
    const cursorTotal = typeof cursor?.total === 'number' ? cursor.total : undefined;
    const total = cursorTotal ?? counts?.then((c) => c[filter]) ?? this.session.count(...countAll);
    const keyDirection = ascending !== backwards ? 'ASC' : 'DESC';
    const nulls = backwards ? 'NULLS FIRST' : 'NULLS LAST';
    const idDirection = backwards ? 'DESC' : 'ASC';
    const [{ rows }, totalValue, countsValue] = await Promise.all([
      this.session.reader.query<Record<string, unknown>>(
        `SELECT ${TICKET_COLUMNS}, (${sort.sql})::text AS cursor_key FROM ticket t ${sort.join ?? ''}
         WHERE ${where.join(' AND ')} ORDER BY ${sort.sql} ${keyDirection} ${nulls}, t.id ${idDirection} LIMIT ${params.add(size + 1)}`,
        params.values,
      ),
      total,
      counts,
    ]);
    const more = rows.length > size;
    const pageRows = rows.slice(0, size);
    if (backwards) pageRows.reverse();
    const result: TicketPage = { items: pageRows.map(toTicket), total: { value: totalValue, exact: true } };
    const keyOf = (row: Record<string, unknown>) => (row.cursor_key === null ? null : String(row.cursor_key));
    const hasNext = backwards ? true : more;
    const hasPrevious = backwards ? more : cursor !== undefined;
    if (pageRows.length && hasNext) result.nextCursor = this.session.cursors.encode({ key: keyOf(pageRows.at(-1)!), id: String(pageRows.at(-1)!.id), before: false, total: totalValue }, binding);
    if (pageRows.length && hasPrevious) result.previousCursor = this.session.cursors.encode({ key: keyOf(pageRows[0]), id: String(pageRows[0].id), before: true, total: totalValue }, binding);
    if (countsValue && options.withCounts) result.counts = countsValue;
    return result;
  }

  /**
   * Rows after (or before) the cursor's row in the order `sort key (asc|desc) NULLS LAST,
   * id ASC`: a keyset condition that an index range answers.
   */
  private keysetCondition(sort: (typeof SORTS)[TicketSortField], ascending: boolean, cursor: Cursor, params: Params): string {
    const key = sort.sql;
    const position = ticketPosition(cursor, sort.type);
    const id = params.add(position.id, '::bigint');
    if (position.key === null) {
      return cursor.before ? `(${key} IS NOT NULL OR t.id < ${id})` : `(${key} IS NULL AND t.id > ${id})`;
    }
    const value = params.add(position.key, `::${sort.type}`);
    const beyond = ascending !== cursor.before ? '>' : '<';
    const idBeyond = cursor.before ? '<' : '>';
    const nullSide = cursor.before ? '' : ` OR ${key} IS NULL`;
    return `(${key} ${beyond} ${value} OR (${key} = ${value} AND t.id ${idBeyond} ${id})${nullSide})`;
  }
}

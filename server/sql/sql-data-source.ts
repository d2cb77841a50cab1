import type {
  CallOptions,
  DataSource,
  TicketStatisticsOptions,
  DataSourceCapabilities,
  ListCustomerHistoryOptions,
  ListCustomerUsersOptions,
  ListTicketsOptions,
  PreferenceStore,
  SearchOptions,
} from '../../src/data/data-source.js';
import { abortError, ConflictError, throwIfInvalid, ValidationError } from '../../src/data/errors.js';
import { isDueView, isSearchable, LOCKED_LOCKS, TERMINAL_CATEGORIES, viewCategories, type DueView } from '../../src/data/rules.js';
import { createStateClassifier, type StateMapping } from '../../src/data/state-mapping.js';
import {
  STATE_CATEGORIES,
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  type Agent,
  type CompanyStatus,
  type Customer,
  type CustomerHealth,
  type CustomerHit,
  type CustomerUpdate,
  type HistoryEntry,
  type Page,
  type CustomerUser,
  type CustomerUserInput,
  type CustomerUserPage,
  type OpenClosedCounts,
  type SearchResult,
  type StateCategory,
  type Ticket,
  type TicketFilter,
  type TicketPage,
  type TicketScope,
  type TicketStatistics,
  type QueueTicketCounts,
  type TicketSortField,
  type TicketView,
} from '../../src/data/types.js';
import { loginChangeRefused, trimmedCustomerUser, validateCustomerUpdate, validateCustomerUser, validateNote } from '../../src/data/validation.js';
import { FIELD_LIMITS } from '../../src/data/field-limits.js';
import { DistressIndex, type HealthInputs } from '../../src/data/customer-health.js';
import { monthSeries, statisticsMonths } from '../../src/data/ticket-statistics.js';
import type { Db } from './db.js';
import { CursorCodec, historyPosition, ticketPosition, userPosition, type Cursor, type CursorBinding } from './cursors.js';

/** Znuny's state types as categories (configuration: a product with other types maps its own). */
export const ZNUNY_STATE_TYPE_MAPPING: StateMapping = {
  states: {
    new: 'new',
    open: 'open',
    'pending reminder': 'pending-reminder',
    'pending auto': 'pending-auto',
    closed: 'closed',
    merged: 'merged',
    removed: 'removed',
  },
  viewable: ['new', 'open', 'pending-reminder', 'pending-auto'],
  fallback: 'open',
};

/** What does not change while the server runs: states by category, lock ids. */
export interface Catalog {
  statesByCategory: Map<StateCategory, number[]>;
  viewable: Set<StateCategory>;
  lockedIds: number[];
  /** Whether `cic_ticket_counts` (the per-customer count summary) exists. */
  countSummary: boolean;
  /** Whether the server's own tables (`cic_customer_history`, `cic_customer_fields`) exist. */
  cicTables: boolean;
}

export async function loadCatalog(db: Db, mapping: StateMapping = ZNUNY_STATE_TYPE_MAPPING): Promise<Catalog> {
  const classify = createStateClassifier(mapping);
  const { rows } = await db.query<{ id: number; type: string }>(
    'SELECT s.id, t.name AS type FROM ticket_state s JOIN ticket_state_type t ON t.id = s.type_id',
  );
  const statesByCategory = new Map<StateCategory, number[]>(STATE_CATEGORIES.map((c) => [c, []]));
  for (const row of rows) statesByCategory.get(classify.categoryOf(row.type))!.push(row.id);
  const locks = await db.query<{ id: number }>('SELECT id FROM ticket_lock_type WHERE name = ANY($1::text[])', [LOCKED_LOCKS]);
  const found = await db.query<{ summary: string | null; history: string | null; fields: string | null }>(
    "SELECT to_regclass('cic_ticket_counts')::text AS summary, to_regclass('cic_customer_history')::text AS history, to_regclass('cic_customer_fields')::text AS fields",
  );
  const { summary, history, fields } = found.rows[0];
  return {
    statesByCategory, viewable: new Set(mapping.viewable), lockedIds: locks.rows.map((r) => r.id),
    countSummary: summary !== null, cicTables: history !== null && fields !== null,
  };
}

/** Whether archived tickets are shown (`include`) or left out of every list, count, statistic and history (`exclude`). */
export type ArchivedTickets = 'include' | 'exclude';

/** The agent a request is made for: id, name, queues, and the queues it may read. */
interface AgentContext {
  userId: number;
  agent: Agent;
  readableQueues: number[];
}

/**
 * The valid groups agent `u` may read, as Znuny grants them: `ro` or `rw` given directly
 * (`group_user`) or through a valid role (`role_user` → `group_role`, where a grant counts only
 * with `permission_value = 1`). Other keys (`move_into`, `create`, `note`, `owner`,
 * `priority`) do not let an agent read a queue's tickets.
 */
const READABLE_GROUPS = `SELECT g.id FROM permission_groups g WHERE g.valid_id = 1 AND g.id IN (
    SELECT gu.group_id FROM group_user gu WHERE gu.user_id = u.id AND gu.permission_key IN ('ro', 'rw')
    UNION SELECT gr.group_id FROM role_user ru JOIN roles r ON r.id = ru.role_id AND r.valid_id = 1
      JOIN group_role gr ON gr.role_id = ru.role_id AND gr.permission_key IN ('ro', 'rw') AND gr.permission_value = 1
    WHERE ru.user_id = u.id)`;

async function readAgentContext(db: Db, login: string): Promise<AgentContext | undefined> {
  const { rows } = await db.query<{ id: number; login: string; name: string; queues: number[] | null; readable: number[] | null }>(
    `SELECT u.id, u.login, trim(u.first_name || ' ' || u.last_name) AS name,
       (SELECT array_agg(pq.queue_id ORDER BY pq.queue_id) FROM personal_queues pq WHERE pq.user_id = u.id) AS queues,
       (SELECT array_agg(q.id) FROM queue q WHERE q.group_id IN (${READABLE_GROUPS})) AS readable
     FROM users u WHERE u.login = $1 AND u.valid_id = 1`,
    [login],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    userId: row.id,
    agent: { id: row.login, name: row.name, queueIds: (row.queues ?? []).map(String) },
    readableQueues: row.readable ?? [],
  };
}

/**
 * Agents' contexts shared by the requests of a server for `ttlMs` (default 10 s): the eight
 * requests of an open ask for the same agent, and each would otherwise wait for one more
 * query first. A change of an agent's groups or queues takes effect within the TTL.
 */
export class AgentContextCache {
  private readonly entries = new Map<string, { context: Promise<AgentContext | undefined>; expires: number }>();
  constructor(private readonly ttlMs = 10_000, private readonly clock: () => number = Date.now) {}

  get(login: string, read: () => Promise<AgentContext | undefined>): Promise<AgentContext | undefined> {
    const now = this.clock();
    const entry = this.entries.get(login);
    if (entry && entry.expires > now) return entry.context;
    if (this.entries.size > 1000) this.entries.clear();
    const context = read();
    this.entries.set(login, { context, expires: now + this.ttlMs });
    // A failed read is not kept: the next request asks again.
    context.catch(() => {
      if (this.entries.get(login)?.context === context) this.entries.delete(login);
    });
    return context;
  }
}

/** A search term as a lower-case LIKE pattern: `*` is a wildcard, `%`, `_` and `\` are literal. */
export function likePattern(term: string): string {
  const escaped = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*+/g, '%');
  return `%${escaped}%`;
}

/** Sort field → SQL expression (text compared byte-wise, as the contract's order), its type, and whether ascending means descending time. */
const SORTS: Record<TicketSortField, { sql: string; type: 'text' | 'bigint' | 'timestamp'; invert?: boolean }> = {
  number: { sql: 'lower(t.tn) COLLATE "C"', type: 'text' },
  age: { sql: 't.create_time', type: 'timestamp', invert: true },
  title: { sql: 'lower(t.title) COLLATE "C"', type: 'text' },
  state: { sql: 'lower(s.name) COLLATE "C"', type: 'text' },
  queue: { sql: 'lower(q.name) COLLATE "C"', type: 'text' },
  priority: { sql: 't.ticket_priority_id::bigint', type: 'bigint' },
  owner: { sql: "lower(NULLIF(trim(u.first_name || ' ' || u.last_name), '')) COLLATE \"C\"", type: 'text' },
  customerUser: { sql: 'lower(t.customer_user_id) COLLATE "C"', type: 'text' },
  created: { sql: 't.create_time', type: 'timestamp' },
  changed: { sql: 't.change_time', type: 'timestamp' },
  pendingUntil: { sql: 'NULLIF(t.until_time, 0)::bigint', type: 'bigint' },
  escalation: { sql: 'NULLIF(t.escalation_time, 0)::bigint', type: 'bigint' },
};

const TICKET_COLUMNS = `t.id::text AS id, t.tn, t.title, t.customer_id, t.customer_user_id, s.name AS state, t.queue_id::text AS queue_id,
  q.name AS queue_name, t.ticket_priority_id AS priority, u.login AS owner, NULLIF(trim(u.first_name || ' ' || u.last_name), '') AS owner_name,
  r.login AS responsible, l.name AS lock, t.create_time::text AS create_time, t.change_time::text AS change_time, t.until_time, t.escalation_time`;
const TICKET_JOINS = `JOIN ticket_state s ON s.id = t.ticket_state_id JOIN queue q ON q.id = t.queue_id
  JOIN users u ON u.id = t.user_id LEFT JOIN users r ON r.id = t.responsible_user_id JOIN ticket_lock_type l ON l.id = t.ticket_lock_id`;

/** The column of a due view's time (`DUE_VIEWS`' field): Unix seconds, 0 for none. */
const DUE_COLUMNS = { reminder: 'until_time', escalated: 'escalation_time' } as const satisfies Record<DueView, string>;

/**
 * A pending or escalation time (Unix seconds, 0 for none) that is due by `now`: written as
 * the sort key of the `…_due` indexes (and their predicate), so that one index range gives
 * the rows, their count and their order.
 */
const dueBy = (column: (typeof DUE_COLUMNS)[DueView], now: string) => `t.${column} > 0 AND NULLIF(t.${column}, 0)::bigint <= ${now}`;

/** The current time as Znuny stores it: UTC, without a zone. */
const UTC_NOW = "(now() AT TIME ZONE 'UTC')";

/** A `timestamp(0)` (Znuny stores UTC without a zone), read as text, in ISO 8601. */
const iso = (value: unknown) => new Date(`${String(value).replace(' ', 'T')}Z`).toISOString();
const fromEpoch = (seconds: number) => (seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined);
const text = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

/** Builds parameterized SQL: `sql.param(value)` answers `$n`. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Throws an AbortError when the call was aborted (checked between queries). */
const checkAborted = (options?: CallOptions) => {
  if (options?.signal?.aborted) throw abortError();
};

/**
 * The data-source contract answered with SQL on the Znuny schema, for one agent: every list
 * is a keyset-paged index range (no OFFSET), every batch of counts one query
 * (`COUNT(*) FILTER` / `GROUP BY`), and every ticket the agent may not read (queue group
 * without `ro`/`rw`) is left out of lists and counts alike. Parameterized SQL only.
 */
export class SqlDataSource implements DataSource {
  readonly capabilities: DataSourceCapabilities;
  readonly preferences?: PreferenceStore;
  private readonly countSummary: boolean;
  private context?: Promise<AgentContext | undefined>;

  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly options: {
      agentLogin: string;
      now?: () => Date;
      readOnly?: boolean;
      agentContexts?: AgentContextCache;
      /** Distress indexes shared by the server's requests, one per set of readable queues. */
      healthIndexes?: Map<string, DistressIndex>;
      /** Signs the page cursors (the server's, with its secret); default one with a secret of this process. */
      cursors?: CursorCodec;
      /** Archived tickets (`archive_flag = 1`): shown (default, as Znuny with its archive system off) or left out everywhere. */
      archived?: ArchivedTickets;
    },
  ) {
    this.capabilities = { ticketFilters: TICKET_FILTERS, ticketSorts: TICKET_SORT_FIELDS, writeCustomerUsers: !options.readOnly };
    // The count summary knows nothing of the archive flag: with archived tickets left out, tickets are counted.
    this.countSummary = catalog.countSummary && options.archived !== 'exclude';
    if (options.readOnly || !catalog.cicTables) {
      this.addCustomerNote = undefined;
      this.updateCustomer = undefined;
    }
    if (!catalog.cicTables) this.listCustomerHistory = undefined;
    if (options.readOnly) {
      this.createCustomerUser = undefined;
      this.updateCustomerUser = undefined;
    }
    // Read only, nothing is written, preferences neither: `/capabilities` says `preferences: false`
    // and the elements keep them in the browser.
    this.preferences = options.readOnly ? undefined : {
      get: async (key, callOptions) => {
        checkPreferenceKey(key);
        const ctx = await this.agentContext(callOptions);
        if (!ctx) return undefined;
        const { rows } = await this.db.query<{ value: string }>(
          'SELECT preferences_value AS value FROM user_preferences WHERE user_id = $1 AND preferences_key = $2',
          [ctx.userId, `CIC:${key}`],
        );
        return rows.length ? JSON.parse(rows[0].value) : undefined;
      },
      set: async (key, value, callOptions) => {
        checkPreferenceKey(key);
        const ctx = await this.agentContext(callOptions);
        if (!ctx) return;
        // One transaction, serialized per agent and key (Znuny has no unique key on user_preferences to upsert on):
        // concurrent writes of a key leave exactly one row.
        const row = [ctx.userId, `CIC:${key}`];
        await this.db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', row);
          await tx.query('DELETE FROM user_preferences WHERE user_id = $1 AND preferences_key = $2', row);
          await tx.query('INSERT INTO user_preferences (user_id, preferences_key, preferences_value) VALUES ($1, $2, $3)', [...row, JSON.stringify(value ?? null)]);
        });
      },
    };
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get cursors(): CursorCodec {
    return this.options.cursors ?? processCursors;
  }

  /** What a cursor of a list belongs to: the list, the agent, and `parameters` (all that chooses its rows and order). */
  private cursorBinding(list: string, ...parameters: CursorBinding): CursorBinding {
    return [list, this.options.agentLogin, ...parameters];
  }

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** The agent, its queues and readable queues: from the shared cache, else one query. */
  private agentContext(options?: CallOptions): Promise<AgentContext | undefined> {
    checkAborted(options);
    this.context ??= this.options.agentContexts
      ? this.options.agentContexts.get(this.options.agentLogin, () => readAgentContext(this.db, this.options.agentLogin))
      : readAgentContext(this.db, this.options.agentLogin);
    return this.context;
  }

  async getCurrentAgent(options?: CallOptions): Promise<Agent | undefined> {
    return (await this.agentContext(options))?.agent;
  }

  async searchCustomers(term: string, { limit, signal }: SearchOptions): Promise<SearchResult<CustomerHit>> {
    checkAborted({ signal });
    if (!isSearchable(term)) return { items: [], hasMore: false };
    const ctx = await this.agentContext({ signal });
    const params = new Params();
    const pattern = params.add(likePattern(term.trim()));
    const readable = params.add(ctx?.readableQueues ?? [], '::int[]');
    // A customer id known only from tickets is found only through tickets the agent may read
    // (from the count summary, a few rows per customer, when there is one).
    const ticketCustomers = this.catalog.countSummary
      ? distinctIds('ticket_customers', 'cic_ticket_counts', `x.queue_id = ANY(${readable}) AND x.n > 0 AND x.customer_id <> ''`)
      : distinctIds('ticket_customers', 'ticket', `x.queue_id = ANY(${readable})`);
    const { rows } = await this.db.query<{ id: string; name: string | null }>(
      // Customer ids known only through their users or tickets: skip scans of the customer_id
      // indexes (one probe per distinct customer, never a scan of every user or ticket).
      `WITH RECURSIVE ${distinctIds('user_customers', 'customer_user')}, ${ticketCustomers},
       ids AS (
         SELECT customer_id AS id FROM customer_company
         UNION SELECT id FROM user_customers WHERE id IS NOT NULL
         UNION SELECT id FROM ticket_customers WHERE id IS NOT NULL)
       SELECT ids.id, c.name FROM ids LEFT JOIN customer_company c ON c.customer_id = ids.id
       WHERE lower(ids.id) LIKE ${pattern} OR lower(c.name) LIKE ${pattern}
       ORDER BY ids.id COLLATE "C" LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const items = rows.slice(0, limit).map((r) => ({ id: r.id, name: text(r.name), hasRecord: r.name !== null }));
    return { items, hasMore: rows.length > limit };
  }

  async searchCustomerUsers(term: string, { limit, signal }: SearchOptions): Promise<SearchResult<CustomerUser>> {
    checkAborted({ signal });
    if (!isSearchable(term)) return { items: [], hasMore: false };
    const params = new Params();
    const pattern = params.add(likePattern(term.trim()));
    const { rows } = await this.db.query(
      `SELECT ${USER_COLUMNS} FROM customer_user cu WHERE ${userMatch('cu', pattern)} ORDER BY cu.login COLLATE "C" LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    return { items: rows.slice(0, limit).map(toUser), hasMore: rows.length > limit };
  }

  async getCustomer(customerId: string, options?: CallOptions): Promise<Customer | undefined> {
    checkAborted(options);
    const fields = this.catalog.cicTables
      ? ', f.fields AS custom_fields, f.version FROM customer_company c LEFT JOIN cic_customer_fields f ON f.customer_id = c.customer_id'
      : ', NULL AS custom_fields, NULL AS version FROM customer_company c';
    const { rows } = await this.db.query<Record<string, unknown>>(`SELECT c.*${fields} WHERE c.customer_id = $1`, [customerId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: String(row.customer_id), name: text(row.name), valid: row.valid_id === 1, street: text(row.street), zip: text(row.zip),
      city: text(row.city), country: text(row.country), url: text(row.url), comment: text(row.comments),
      customFields: row.custom_fields ? (JSON.parse(String(row.custom_fields)) as Record<string, string>) : undefined,
      version: String(row.version ?? 1),
    };
  }

  async updateCustomer?(customerId: string, update: CustomerUpdate, options?: CallOptions): Promise<Customer> {
    checkAborted(options);
    throwIfInvalid(validateCustomerUpdate(update));
    const current = await this.getCustomer(customerId, options);
    if (!current) throw new ValidationError({ customerId: 'Unknown customer' }, 'This customer has no record to change');
    if (update.version !== current.version) throw staleCustomer();
    const version = Number(current.version);
    // Written only if nobody wrote in between (the version still the one read).
    const { rows } = await this.db.query(
      `INSERT INTO cic_customer_fields (customer_id, fields, version) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET fields = EXCLUDED.fields, version = EXCLUDED.version WHERE cic_customer_fields.version = $4
       RETURNING version`,
      [customerId, JSON.stringify(update.customFields), version + 1, version],
    );
    if (!rows.length) throw staleCustomer();
    return (await this.getCustomer(customerId))!;
  }

  async listCustomerHistory?(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    checkAborted(options);
    const { size } = options.page;
    const binding = this.cursorBinding('customer-history', customerId, options.includeTickets ?? false);
    const cursor = this.cursors.decode(options.page.cursor, binding);
    const params = new Params();
    const customer = params.add(customerId);
    // Newest first, in the order (time, source, id) descending: notes are source 0, ticket
    // creations 1, closings 2. Each source reads only its next page from its own index
    // range (no sort of a big customer's events); the pages are merged here.
    const backwards = cursor?.before ?? false;
    const direction = backwards ? 'ASC' : 'DESC';
    const limit = params.add(size + 1);
    const [cursorAt, cursorSource, cursorId] = cursor ? historyPosition(cursor) : [];
    const after = (source: number, at: string, id: string) => {
      if (!cursor) return 'true';
      const [op, time] = [backwards ? '>' : '<', params.add(cursorAt, '::timestamp')];
      const sourceOp = source === cursorSource ? `${id} ${op} ${params.add(cursorId, '::bigint')}` : String(backwards ? source > cursorSource! : source < cursorSource!);
      // The first comparison lets the index range start at the cursor.
      return `(${at} ${op}= ${time} AND (${at} ${op} ${time} OR ${sourceOp}))`;
    };
    const part = (source: number, select: string, from: string, at: string, id: string) =>
      `(SELECT ${source} AS source, ${id} AS n, ${at} AS at, ${select} FROM ${from} AND ${after(source, at, id)} ORDER BY ${at} ${direction}, ${id} ${direction} LIMIT ${limit})`;
    const parts = [part(0, "h.kind, h.text, h.author, NULL AS ticket_id, NULL AS ticket_number", `cic_customer_history h WHERE h.customer_id = ${customer}`, 'h.create_time', 'h.id')];
    if (options.includeTickets) {
      const ctx = await this.agentContext(options);
      const visible = this.visible(ctx, params);
      const closed = params.add(this.closedStates(), '::int[]');
      const ticketColumns = (kind: string) => `'${kind}', coalesce(t.title, ''), NULL, t.id::text, t.tn`;
      parts.push(part(1, ticketColumns('ticket-created'), `ticket t WHERE t.customer_id = ${customer} AND ${visible}`, 't.create_time', 't.id'));
      parts.push(part(2, ticketColumns('ticket-closed'), `ticket t WHERE t.customer_id = ${customer} AND t.ticket_state_id = ANY(${closed}) AND ${visible}`, 't.change_time', 't.id'));
    }
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT e.source, e.n::text AS n, e.at::text AS at, e.kind, e.text, e.author, e.ticket_id, e.ticket_number FROM (${parts.join(' UNION ALL ')}) e
       ORDER BY e.at ${direction}, e.source ${direction}, e.n ${direction} LIMIT ${limit}`,
      params.values,
    );
    const more = rows.length > size;
    const pageRows = rows.slice(0, size);
    if (backwards) pageRows.reverse();
    const items: HistoryEntry[] = pageRows.map((row) => ({
      id: `${'ncx'[Number(row.source)]}${row.n}`, customerId, at: iso(row.at), kind: row.kind as HistoryEntry['kind'], text: String(row.text),
      author: text(row.author), ticketId: text(row.ticket_id), ticketNumber: text(row.ticket_number),
    }));
    const page: Page<HistoryEntry> = { items };
    const keyOf = (row: Record<string, unknown>) => ({ key: String(row.at), id: `${row.source}:${row.n}` });
    if (pageRows.length && (backwards || more)) page.nextCursor = this.cursors.encode({ ...keyOf(pageRows.at(-1)!), before: false }, binding);
    if (pageRows.length && (backwards ? more : cursor !== undefined)) page.previousCursor = this.cursors.encode({ ...keyOf(pageRows[0]), before: true }, binding);
    return page;
  }

  async addCustomerNote?(customerId: string, note: { text: string }, options?: CallOptions): Promise<HistoryEntry> {
    const ctx = await this.agentContext(options);
    throwIfInvalid(validateNote(note));
    if (customerId.length > FIELD_LIMITS.customerId) throw new ValidationError({ customerId: 'too-long' });
    const { rows } = await this.db.query<{ id: string; at: string }>(
      `INSERT INTO cic_customer_history (customer_id, create_time, kind, text, author) VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', 'note', $3, $4)
       RETURNING 'n' || id AS id, create_time::text AS at`,
      [customerId, this.now().toISOString(), note.text.trim(), ctx?.agent.name ?? null],
    );
    return { id: rows[0].id, customerId, at: iso(rows[0].at), kind: 'note', text: note.text.trim(), author: ctx?.agent.name };
  }

  async getCustomerUser(login: string, options?: CallOptions): Promise<CustomerUser | undefined> {
    checkAborted(options);
    const { rows } = await this.db.query(`SELECT ${USER_COLUMNS} FROM customer_user cu WHERE cu.login = $1`, [login]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async listCustomerUsers(customerId: string, options: ListCustomerUsersOptions): Promise<CustomerUserPage> {
    checkAborted(options);
    const { size } = options.page;
    const binding = this.cursorBinding('customer-users', customerId, options.filter?.trim() ?? '');
    const decoded = this.cursors.decode(options.page.cursor, binding);
    const cursor = decoded && { key: userPosition(decoded), before: decoded.before, total: decoded.total };
    const params = new Params();
    const where = [`cu.customer_id = ${params.add(customerId)}`];
    if (options.filter) where.push(userMatch('cu', params.add(likePattern(options.filter.trim()))));
    const key = `(lower(cu.last_name) COLLATE "C", lower(cu.first_name) COLLATE "C", cu.login COLLATE "C")`;
    const total = cursor?.total ?? this.count(`SELECT count(*) AS n FROM customer_user cu WHERE ${where.join(' AND ')}`, params.values.slice());
    if (cursor) where.push(`${key} ${cursor.before ? '<' : '>'} (${params.add(cursor.key[0])}, ${params.add(cursor.key[1])}, ${params.add(cursor.key[2])})`);
    const direction = cursor?.before ? 'DESC' : 'ASC';
    const pageQuery = this.db.query(
      `SELECT ${USER_COLUMNS} FROM customer_user cu WHERE ${where.join(' AND ')}
       ORDER BY lower(cu.last_name) COLLATE "C" ${direction}, lower(cu.first_name) COLLATE "C" ${direction}, cu.login COLLATE "C" ${direction}
       LIMIT ${params.add(size + 1)}`,
      params.values,
    );
    // The users' ticket counts follow the page; the total is counted meanwhile.
    const withCounts = pageQuery.then(async ({ rows }) => {
      const pageUsers = rows.slice(0, size).map(toUser);
      return { rows, ticketCounts: options.withTicketCounts ? await this.countTicketsByUser(pageUsers.map((u) => u.login), options) : undefined };
    });
    const [{ rows, ticketCounts }, totalValue] = await Promise.all([withCounts, total]);
    const more = rows.length > size;
    const items = rows.slice(0, size).map(toUser);
    if (cursor?.before) items.reverse();
    const page: CustomerUserPage = { items, total: { value: totalValue, exact: true } };
    const userKey = (u: CustomerUser): [string, string, string] => [(u.lastName ?? '').toLowerCase(), (u.firstName ?? '').toLowerCase(), u.login];
    const hasNext = cursor?.before ? true : more;
    const hasPrevious = cursor?.before ? more : cursor !== undefined;
    if (items.length && hasNext) page.nextCursor = this.cursors.encode({ key: JSON.stringify(userKey(items.at(-1)!)), id: '', before: false, total: totalValue }, binding);
    if (items.length && hasPrevious) page.previousCursor = this.cursors.encode({ key: JSON.stringify(userKey(items[0])), id: '', before: true, total: totalValue }, binding);
    if (ticketCounts) page.ticketCounts = ticketCounts;
    return page;
  }

  private async count(sql: string, values: unknown[]): Promise<number> {
    return Number((await this.db.query<{ n: string }>(sql, values)).rows[0].n);
  }

  /** Tickets the agent may read, as a condition on `t`. */
  private visible(ctx: AgentContext | undefined, params: Params): string {
    return `t.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')})${this.notArchived()}`;
  }

  /** ` AND` the condition that leaves archived tickets out, when they are to be left out. */
  private notArchived(): string {
    return this.options.archived === 'exclude' ? ' AND t.archive_flag = 0' : '';
  }

  private async openClosedBy(column: 'customer_user_id' | 'customer_id', keys: readonly string[], options?: CallOptions) {
    const ctx = await this.agentContext(options);
    const params = new Params();
    const closedStates = this.closedStates();
    const { rows } = await this.db.query<{ key: string; closed: string; total: string }>(
      `SELECT t.${column} AS key, count(*) FILTER (WHERE t.ticket_state_id = ANY(${params.add(closedStates, '::int[]')})) AS closed, count(*) AS total
       FROM ticket t WHERE t.${column} = ANY(${params.add(keys, '::text[]')}) AND ${this.visible(ctx, params)} GROUP BY t.${column}`,
      params.values,
    );
    const counts: Record<string, OpenClosedCounts> = Object.fromEntries(keys.map((key) => [key, { open: 0, closed: 0 }]));
    for (const row of rows) counts[row.key] = { open: Number(row.total) - Number(row.closed), closed: Number(row.closed) };
    return counts;
  }

  countTicketsByUser(logins: readonly string[], options?: CallOptions) {
    return this.openClosedBy('customer_user_id', logins, options);
  }

  countTicketsByCustomer(customerIds: readonly string[], options?: CallOptions) {
    return this.openClosedBy('customer_id', customerIds, options);
  }

  async getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus> {
    const ctx = await this.agentContext(options);
    const params = new Params();
    const now = params.add(this.nowSeconds());
    const customer = params.add(customerId);
    const visible = this.visible(ctx, params);
    // One statement: counts by state (from the count summary when there is one, else an
    // index-only scan), and the escalated ones (a partial index: they depend on the time).
    const byState = this.countSummary
      ? `SELECT c.ticket_state_id AS state, sum(c.n) AS n, 0 AS escalated FROM cic_ticket_counts c
         WHERE c.customer_id = ${customer} AND c.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')}) GROUP BY c.ticket_state_id`
      : `SELECT t.ticket_state_id AS state, count(*) AS n, 0 AS escalated
         FROM ticket t WHERE t.customer_id = ${customer} AND ${visible} GROUP BY t.ticket_state_id`;
    const { rows } = await this.db.query<{ state: number; n: string; escalated: string }>(
      `${byState}
       UNION ALL
       SELECT t.ticket_state_id, 0, count(*) FROM ticket t
       WHERE t.customer_id = ${customer} AND ${dueBy(DUE_COLUMNS.escalated, now)} AND ${visible}
       GROUP BY t.ticket_state_id`,
      params.values,
    );
    const categoryOf = new Map([...this.catalog.statesByCategory].flatMap(([category, ids]) => ids.map((id) => [id, category])));
    const status: CompanyStatus = { escalated: 0, open: 0, closed: 0, all: 0, byCategory: {} };
    for (const row of rows) {
      const category = categoryOf.get(row.state) ?? 'open';
      const n = Number(row.n);
      if (!TERMINAL_CATEGORIES.has(category)) status.escalated += Number(row.escalated);
      if (!n) continue;
      status.byCategory[category] = (status.byCategory[category] ?? 0) + n;
      status[this.catalog.viewable.has(category) ? 'open' : 'closed'] += n;
      status.all += n;
    }
    return status;
  }

  /** The rows of one view in one scope (without the filter), as conditions on `t`. */
  private async viewConditions(scope: TicketScope, view: TicketView, params: Params, options?: CallOptions): Promise<{ where: string[]; ctx?: AgentContext }> {
    const ctx = await this.agentContext(options);
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
    if (isDueView(view)) where.push(dueBy(DUE_COLUMNS[view], params.add(this.nowSeconds())));
    where.push(this.visible(ctx, params));
    return { where, ctx };
  }

  private stateIdsOf(view: TicketView): number[] {
    return this.categoriesOf(view).flatMap((c) => this.catalog.statesByCategory.get(c)!);
  }

  private categoriesOf(view: TicketView): StateCategory[] {
    return viewCategories(view, (category) => this.catalog.viewable.has(category));
  }

  private filterCondition(filter: TicketFilter, ctx: AgentContext | undefined, params: Params): string | undefined {
    if (filter === 'all') return undefined;
    if (!ctx) return 'false';
    if (filter === 'my-locked') return `(t.user_id = ${params.add(ctx.userId)} AND t.ticket_lock_id = ANY(${params.add(this.catalog.lockedIds, '::int[]')}))`;
    return `t.queue_id = ANY(${params.add(ctx.agent.queueIds.map(Number), '::int[]')})`;
  }

  /** Whether a view's counts come from the count summary: a customer's views that do not depend on the time. */
  private countsFromSummary(scope: TicketScope, view: TicketView): boolean {
    return this.countSummary && 'customerId' in scope && !isDueView(view);
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
    const { rows } = await this.db.query<{ mine: string | null; queues: string | null; total: string | null }>(sql, params.values);
    return { 'my-locked': Number(rows[0].mine ?? 0), 'my-queues': Number(rows[0].queues ?? 0), all: Number(rows[0].total ?? 0) };
  }

  async listTickets(scope: TicketScope, options: ListTicketsOptions): Promise<TicketPage> {
    const { view, filter, page: { size } } = options;
    const scopeBinding = 'customerId' in scope ? ['customer', scope.customerId] : ['customer-user', scope.customerUserLogin, scope.access ?? 'assigned'];
    const binding = this.cursorBinding('tickets', ...scopeBinding, view, filter, options.sort.field, options.sort.direction);
    const cursor = this.cursors.decode(options.page.cursor, binding);
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
    const total = cursorTotal ?? counts?.then((c) => c[filter]) ?? this.count(...countAll);
    const keyDirection = ascending !== backwards ? 'ASC' : 'DESC';
    const nulls = backwards ? 'NULLS FIRST' : 'NULLS LAST';
    const idDirection = backwards ? 'DESC' : 'ASC';
    const [{ rows }, totalValue, countsValue] = await Promise.all([
      this.db.query<Record<string, unknown>>(
        `SELECT ${TICKET_COLUMNS}, (${sort.sql})::text AS cursor_key FROM ticket t ${TICKET_JOINS}
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
    if (pageRows.length && hasNext) result.nextCursor = this.cursors.encode({ key: keyOf(pageRows.at(-1)!), id: String(pageRows.at(-1)!.id), before: false, total: totalValue }, binding);
    if (pageRows.length && hasPrevious) result.previousCursor = this.cursors.encode({ key: keyOf(pageRows[0]), id: String(pageRows[0].id), before: true, total: totalValue }, binding);
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

  async getTicketStatistics(scope: TicketScope, options?: TicketStatisticsOptions): Promise<TicketStatistics> {
    const monthly = monthSeries(this.now(), statisticsMonths(options?.months));
    const params = new Params();
    const { where, ctx } = await this.viewConditions(scope, 'all', params, options);
    const scoped = where.join(' AND ');
    const closedStates = params.add(this.closedStates(), '::int[]');
    const since = params.add(`${monthly[0].year}-${String(monthly[0].month).padStart(2, '0')}-01`, '::timestamp');
    // By queue from the count summary for a customer (a few rows), else counted; created and
    // closed per month each one index range from the first month on. A closed ticket's last
    // change stands for its close time (Znuny keeps the exact one in ticket_history).
    const byQueueSql = this.countSummary && 'customerId' in scope
      ? `SELECT c.queue_id, sum(c.n) FILTER (WHERE NOT c.ticket_state_id = ANY(${closedStates})) AS open,
           sum(c.n) FILTER (WHERE c.ticket_state_id = ANY(${closedStates})) AS closed FROM cic_ticket_counts c
         WHERE c.customer_id = ${params.add(scope.customerId)} AND c.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')})
         GROUP BY c.queue_id HAVING sum(c.n) > 0`
      : `SELECT t.queue_id, count(*) FILTER (WHERE NOT t.ticket_state_id = ANY(${closedStates})) AS open,
           count(*) FILTER (WHERE t.ticket_state_id = ANY(${closedStates})) AS closed FROM ticket t WHERE ${scoped} GROUP BY t.queue_id`;
    const { rows } = await this.db.query<{ kind: string; key: string; name: string | null; a: string; b: string }>(
      `SELECT 'queue' AS kind, b.queue_id::text AS key, q.name, b.open AS a, b.closed AS b FROM (${byQueueSql}) b JOIN queue q ON q.id = b.queue_id
       UNION ALL SELECT 'created', to_char(t.create_time, 'YYYY-FMMM'), NULL, count(*), 0 FROM ticket t WHERE ${scoped} AND t.create_time >= ${since} GROUP BY 2
       UNION ALL SELECT 'closed', to_char(t.change_time, 'YYYY-FMMM'), NULL, count(*), 0 FROM ticket t
         WHERE ${scoped} AND t.ticket_state_id = ANY(${closedStates}) AND t.change_time >= ${since} GROUP BY 2`,
      params.values,
    );
    const byMonth = new Map(monthly.map((m) => [`${m.year}-${m.month}`, m]));
    const byQueue: QueueTicketCounts[] = [];
    for (const row of rows) {
      if (row.kind === 'queue') byQueue.push({ queueId: row.key, queueName: text(row.name), open: Number(row.a ?? 0), closed: Number(row.b ?? 0) });
      else {
        const month = byMonth.get(row.key);
        if (month) month[row.kind as 'created' | 'closed'] = Number(row.a);
      }
    }
    byQueue.sort((a, b) => b.open + b.closed - (a.open + a.closed) || (a.queueName ?? '').localeCompare(b.queueName ?? ''));
    return { byQueue, monthly };
  }

  async getCustomerHealth(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    const ctx = await this.agentContext(options);
    const readable = [...(ctx?.readableQueues ?? [])].sort((a, b) => a - b);
    // Ranks among all customers count only the tickets this agent may read.
    const indexes = this.options.healthIndexes ?? new Map<string, DistressIndex>();
    const key = readable.join(',');
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = new DistressIndex((at) => this.healthInputs(readable, at))));
    return index.of(customerId, this.now());
  }

  /** Every customer's distress inputs at `at` (ms): one pass over the tickets the queues hold. */
  private async healthInputs(readable: number[], at: number): Promise<Map<string, HealthInputs>> {
    const params = new Params();
    const time = params.add(new Date(at).toISOString(), '::timestamptz');
    const closed = `t.ticket_state_id = ANY(${params.add(this.closedStates(), '::int[]')}) AND t.change_time <= (${time} AT TIME ZONE 'UTC')`;
    const created = `t.create_time <= (${time} AT TIME ZONE 'UTC')`;
    const days = (from: string, to: string) => `extract(epoch FROM (${to} - ${from})) / 86400`;
    const { rows } = await this.db.query<{ id: string; tickets: string; recent: string; open: string; open_age: string | null; to_close: string | null }>(
      `SELECT t.customer_id AS id, count(*) FILTER (WHERE ${created}) AS tickets,
         count(*) FILTER (WHERE ${created} AND t.create_time > (${time} AT TIME ZONE 'UTC') - interval '30 days') AS recent,
         count(*) FILTER (WHERE ${created} AND NOT (${closed})) AS open,
         avg(${days('t.create_time', `(${time} AT TIME ZONE 'UTC')`)}) FILTER (WHERE ${created} AND NOT (${closed})) AS open_age,
         avg(greatest(0, ${days('t.create_time', 't.change_time')})) FILTER (WHERE ${created} AND ${closed}) AS to_close
       FROM ticket t WHERE t.queue_id = ANY(${params.add(readable, '::int[]')})${this.notArchived()} AND t.customer_id IS NOT NULL GROUP BY t.customer_id`,
      params.values,
    );
    const inputs = new Map<string, HealthInputs>();
    const companies = await this.db.query<{ id: string }>('SELECT customer_id AS id FROM customer_company');
    for (const { id } of companies.rows) inputs.set(id, { tickets: 0, recentTickets: 0, openTickets: 0, openAge: 0, timeToClose: 0 });
    for (const row of rows) {
      inputs.set(row.id, {
        tickets: Number(row.tickets), recentTickets: Number(row.recent), openTickets: Number(row.open),
        openAge: Number(row.open_age ?? 0), timeToClose: Number(row.to_close ?? 0),
      });
    }
    return inputs;
  }

  /** The agent's user id for Znuny's `create_by`/`change_by` (its admin, user 1, when the agent is unknown). */
  private async authorId(options?: CallOptions): Promise<number> {
    return (await this.agentContext(options))?.userId ?? 1;
  }

  private closedStates(): number[] {
    return STATE_CATEGORIES.filter((c) => !this.catalog.viewable.has(c)).flatMap((c) => this.catalog.statesByCategory.get(c)!);
  }

  async createCustomerUser?(written: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    checkAborted(options);
    const input = trimmedCustomerUser(written);
    throwIfInvalid(validateCustomerUser(input));
    const author = await this.authorId(options);
    let inserted: { rows: unknown[] };
    try {
      // Who and when, as Znuny writes them (NOT NULL in its schema). Znuny compares customer-user
      // logins without regard to case: one that differs only in case is taken.
      inserted = await this.db.query(
        `INSERT INTO customer_user (login, email, customer_id, title, first_name, last_name, phone, mobile, street, zip, city, country, comments, valid_id,
           create_time, create_by, change_time, change_by)
         SELECT $1::text, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::smallint, ${UTC_NOW}, $15::integer, ${UTC_NOW}, $15::integer
         WHERE NOT EXISTS (SELECT 1 FROM customer_user WHERE lower(login) = lower($1::text)) RETURNING login`,
        [...userValues(input), author],
      );
    } catch (error) {
      throw conflictOr(error);
    }
    if (!inserted.rows.length) throw loginTaken();
    return (await this.getCustomerUser(input.login))!;
  }

  async updateCustomerUser?(login: string, written: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    checkAborted(options);
    const input = trimmedCustomerUser(written);
    throwIfInvalid(validateCustomerUser(input));
    if (input.login !== login) throw loginChangeRefused();
    const author = await this.authorId(options);
    const updated = await this.db.query(
      `UPDATE customer_user SET email = $2, customer_id = $3, title = $4, first_name = $5, last_name = $6, phone = $7,
         mobile = $8, street = $9, zip = $10, city = $11, country = $12, comments = $13, valid_id = $14,
         change_time = ${UTC_NOW}, change_by = $15 WHERE login = $1 RETURNING login`,
      [...userValues(input), author],
    );
    if (!updated.rows.length) throw new ValidationError({ login: 'Unknown customer user' });
    return (await this.getCustomerUser(login))!;
  }
}

/** A recursive CTE `name(id)` of the distinct `customer_id`s of the rows of `table` (as `x`) where `condition`, walking its index. */
const distinctIds = (name: string, table: string, condition = 'true') => `${name}(id) AS (
  (SELECT x.customer_id FROM ${table} x WHERE x.customer_id IS NOT NULL AND ${condition} ORDER BY x.customer_id LIMIT 1)
  UNION ALL
  SELECT (SELECT x.customer_id FROM ${table} x WHERE x.customer_id > c.id AND ${condition} ORDER BY x.customer_id LIMIT 1)
  FROM ${name} c WHERE c.id IS NOT NULL)`;

const USER_COLUMNS = `cu.login, cu.email, cu.customer_id, cu.title, cu.first_name, cu.last_name, cu.phone, cu.mobile, cu.street, cu.zip,
  cu.city, cu.country, cu.comments, cu.valid_id,
  (SELECT array_agg(cuc.customer_id ORDER BY cuc.customer_id) FROM customer_user_customer cuc WHERE cuc.user_id = cu.login) AS secondary`;

const userMatch = (alias: string, pattern: string) =>
  ['login', 'first_name', 'last_name', 'email', 'customer_id'].map((c) => `lower(${alias}.${c}) LIKE ${pattern}`).join(' OR ').replace(/^/, '(') + ')';

function toUser(row: Record<string, unknown>): CustomerUser {
  const secondary = row.secondary as string[] | null;
  return {
    login: String(row.login), customerId: String(row.customer_id), email: text(row.email) || undefined, title: text(row.title),
    firstName: text(row.first_name), lastName: text(row.last_name), phone: text(row.phone), mobile: text(row.mobile),
    street: text(row.street), zip: text(row.zip), city: text(row.city), country: text(row.country), comment: text(row.comments),
    valid: row.valid_id === 1, secondaryCustomerIds: secondary?.length ? secondary : undefined,
  };
}

function toTicket(row: Record<string, unknown>): Ticket {
  return {
    id: String(row.id), number: String(row.tn), title: text(row.title) ?? '', customerId: String(row.customer_id ?? ''),
    customerUserLogin: text(row.customer_user_id), state: String(row.state), queueId: text(row.queue_id), queueName: text(row.queue_name),
    priority: Number(row.priority), ownerId: text(row.owner), ownerName: text(row.owner_name), responsibleId: text(row.responsible),
    lock: row.lock as Ticket['lock'], createdAt: iso(row.create_time), changedAt: iso(row.change_time),
    pendingUntil: fromEpoch(Number(row.until_time)), escalationAt: fromEpoch(Number(row.escalation_time)),
  };
}

function userValues(input: CustomerUserInput): unknown[] {
  return [input.login, input.email ?? '', input.customerId, input.title ?? null, input.firstName ?? '', input.lastName ?? '',
    input.phone ?? null, input.mobile ?? null, input.street ?? null, input.zip ?? null, input.city ?? null, input.country ?? null,
    input.comment ?? null, input.valid === false ? 2 : 1];
}

/** A preference key fits user_preferences.preferences_key with the `CIC:` prefix. */
function checkPreferenceKey(key: string): void {
  if (key.length > FIELD_LIMITS.preferenceKey) throw new ValidationError({ key: 'too-long' });
}

const staleCustomer = () => new ConflictError('This customer was changed by someone else since you opened it', 'version');

const loginTaken = () => new ConflictError('This login is already taken', 'login');

/** A unique violation on the login is a conflict; anything else stays what it was. */
function conflictOr(error: unknown): unknown {
  return (error as { code?: string }).code === '23505' ? loginTaken() : error;
}

/** Cursors of sources made without the server's codec: signed with a secret of this process. */
const processCursors = new CursorCodec();

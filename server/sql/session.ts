import type { CallOptions } from '../../src/data/contract/data-source.js';
import type { DistressIndex } from '../../src/data/rules/customer-health.js';
import { STATE_CATEGORIES } from '../../src/data/contract/types.js';
import { readAgentContext, type AgentContext, type AgentContextCache } from './agent-context.js';
import type { ArchivedTickets, Catalog } from './catalog.js';
import { CursorCodec, type CursorBinding } from './cursors.js';
import type { Db, Queryable } from './db.js';
import { checkAborted, type Params } from './sql-text.js';

export interface SqlDataSourceOptions {
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
}

/** Cursors of sources made without the server's codec: signed with a secret of this process. */
const processCursors = new CursorCodec();

/**
 * What every query of one source shares: the database, the catalog, the agent the requests
 * are made for (read once), the clock, the cursors, and which tickets the agent may read.
 */
export class SqlSession {
  /** Whether counts come from `cic_ticket_counts`; it knows nothing of the archive flag: with archived tickets left out, tickets are counted. */
  readonly countSummary: boolean;
  private context?: Promise<AgentContext | undefined>;

  constructor(
    readonly db: Db,
    readonly catalog: Catalog,
    readonly options: SqlDataSourceOptions,
  ) {
    this.countSummary = catalog.countSummary && options.archived !== 'exclude';
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Where this agent's reads go: a read replica, or the primary (none configured, or the agent wrote a moment ago). */
  get reader(): Queryable {
    return this.db.readerFor?.(this.options.agentLogin) ?? this.db;
  }

  /** A write, on the primary; the agent's reads then go to the primary for a while (it reads its own writes). */
  async write<R = Record<string, unknown>>(sql: string, params: unknown[]): Promise<{ rows: R[] }> {
    try {
      return await this.db.query<R>(sql, params);
    } finally {
      this.db.wrote?.(this.options.agentLogin);
    }
  }

  /** A transaction on the primary, counted as a write of the agent (see `write`). */
  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } finally {
      this.db.wrote?.(this.options.agentLogin);
    }
  }

  get cursors(): CursorCodec {
    return this.options.cursors ?? processCursors;
  }

  /** What a cursor of a list belongs to: the list, the agent, and `parameters` (all that chooses its rows and order). */
  cursorBinding(list: string, ...parameters: CursorBinding): CursorBinding {
    return [list, this.options.agentLogin, ...parameters];
  }

  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** The agent, its queues and readable queues: from the shared cache, else one query. */
  agentContext(options?: CallOptions): Promise<AgentContext | undefined> {
    checkAborted(options);
    this.context ??= this.options.agentContexts
      ? this.options.agentContexts.get(this.options.agentLogin, () => readAgentContext(this.reader, this.options.agentLogin))
      : readAgentContext(this.reader, this.options.agentLogin);
    return this.context;
  }

  /** The agent's user id for Znuny's `create_by`/`change_by` (its admin, user 1, when the agent is unknown). */
  async authorId(options?: CallOptions): Promise<number> {
    return (await this.agentContext(options))?.userId ?? 1;
  }

  async count(sql: string, values: unknown[]): Promise<number> {
    return Number((await this.reader.query<{ n: string }>(sql, values)).rows[0].n);
  }

  /** Tickets the agent may read, as a condition on `t`. */
  visible(ctx: AgentContext | undefined, params: Params): string {
    return `t.queue_id = ANY(${params.add(ctx?.readableQueues ?? [], '::int[]')})${this.notArchived()}`;
  }

  /** ` AND` the condition that leaves archived tickets out, when they are to be left out. */
  notArchived(): string {
    return this.options.archived === 'exclude' ? ' AND t.archive_flag = 0' : '';
  }

  closedStates(): number[] {
    return STATE_CATEGORIES.filter((c) => !this.catalog.viewable.has(c)).flatMap((c) => this.catalog.statesByCategory.get(c)!);
  }
}

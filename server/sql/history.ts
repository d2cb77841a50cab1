import type { CallOptions, ListCustomerHistoryOptions } from '../../src/data/contract/data-source.js';
import { ConflictError, throwIfInvalid, ValidationError } from '../../src/data/contract/errors.js';
import { FIELD_LIMITS } from '../../src/data/contract/field-limits.js';
import type { Customer, CustomerUpdate, HistoryEntry, Page } from '../../src/data/contract/types.js';
import { validateCustomerUpdate, validateNote } from '../../src/data/contract/validation.js';
import { historyPosition } from './cursors.js';
import { iso, optionalText } from './rows.js';
import type { SqlSession } from './session.js';
import { checkAborted, Params } from './sql-text.js';
import type { SqlPeople } from './people.js';

/**
 * The sources a customer's history merges, numbered in their order among entries of one time
 * (newest first: closings, creations, notes), and the prefix each gives its entries' ids
 * (before the row's id: unique across sources).
 */
const HISTORY_SOURCES = {
  notes: { number: 0, idPrefix: 'n' },
  ticketsCreated: { number: 1, idPrefix: 'c' },
  ticketsClosed: { number: 2, idPrefix: 'x' },
} as const;
const ID_PREFIX_BY_NUMBER = Object.values(HISTORY_SOURCES).map((source) => source.idPrefix);

/** A customer's history (notes, and the tickets' creations and closings) and custom fields: the server's own tables. */
export class SqlHistory {
  constructor(private readonly session: SqlSession, private readonly people: SqlPeople) {}

  async listCustomerHistory(customerId: string, options: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    checkAborted(options);
    const { size } = options.page;
    const binding = this.session.cursorBinding('customer-history', customerId, options.includeTickets ?? false);
    const cursor = this.session.cursors.decode(options.page.cursor, binding);
    const params = new Params();
    const customer = params.add(customerId);
    // Newest first, in the order (time, source number, row id) descending. Each source reads only its next page from its own index
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
      `(SELECT ${source} AS source, ${id} AS row_id, ${at} AS at, ${select} FROM ${from} AND ${after(source, at, id)} ORDER BY ${at} ${direction}, ${id} ${direction} LIMIT ${limit})`;
    const parts = [part(HISTORY_SOURCES.notes.number, "h.kind, h.text, h.author, NULL AS ticket_id, NULL AS ticket_number", `cic_customer_history h WHERE h.customer_id = ${customer}`, 'h.create_time', 'h.id')];
    if (options.includeTickets) {
      const ctx = await this.session.agentContext(options);
      const visible = this.session.visible(ctx, params);
      const closed = params.add(this.session.closedStates(), '::int[]');
      const ticketColumns = (kind: string) => `'${kind}', coalesce(t.title, ''), NULL, t.id::text, t.tn`;
      parts.push(part(HISTORY_SOURCES.ticketsCreated.number, ticketColumns('ticket-created'), `ticket t WHERE t.customer_id = ${customer} AND ${visible}`, 't.create_time', 't.id'));
      parts.push(part(HISTORY_SOURCES.ticketsClosed.number, ticketColumns('ticket-closed'), `ticket t WHERE t.customer_id = ${customer} AND t.ticket_state_id = ANY(${closed}) AND ${visible}`, 't.change_time', 't.id'));
    }
    const { rows } = await this.session.reader.query<Record<string, unknown>>(
      `SELECT e.source, e.row_id::text AS row_id, e.at::text AS at, e.kind, e.text, e.author, e.ticket_id, e.ticket_number FROM (${parts.join(' UNION ALL ')}) e
       ORDER BY e.at ${direction}, e.source ${direction}, e.row_id ${direction} LIMIT ${limit}`,
      params.values,
    );
    const more = rows.length > size;
    const pageRows = rows.slice(0, size);
    if (backwards) pageRows.reverse();
    const items: HistoryEntry[] = pageRows.map((row) => ({
      id: `${ID_PREFIX_BY_NUMBER[Number(row.source)]}${row.row_id}`, customerId, at: iso(row.at), kind: row.kind as HistoryEntry['kind'], text: String(row.text),
      author: optionalText(row.author), ticketId: optionalText(row.ticket_id), ticketNumber: optionalText(row.ticket_number),
    }));
    const page: Page<HistoryEntry> = { items };
    const keyOf = (row: Record<string, unknown>) => ({ key: String(row.at), id: `${row.source}:${row.row_id}` });
    if (pageRows.length && (backwards || more)) page.nextCursor = this.session.cursors.encode({ ...keyOf(pageRows.at(-1)!), before: false }, binding);
    if (pageRows.length && (backwards ? more : cursor !== undefined)) page.previousCursor = this.session.cursors.encode({ ...keyOf(pageRows[0]), before: true }, binding);
    return page;
  }

  async addCustomerNote(customerId: string, note: { text: string }, options?: CallOptions): Promise<HistoryEntry> {
    const ctx = await this.session.agentContext(options);
    throwIfInvalid(validateNote(note));
    if (customerId.length > FIELD_LIMITS.customerId) throw new ValidationError({ customerId: 'too-long' });
    const { rows } = await this.session.write<{ id: string; at: string }>(
      `INSERT INTO cic_customer_history (customer_id, create_time, kind, text, author) VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', 'note', $3, $4)
       RETURNING id::text AS id, create_time::text AS at`,
      [customerId, this.session.now().toISOString(), note.text.trim(), ctx?.agent.name ?? null],
    );
    return { id: `${HISTORY_SOURCES.notes.idPrefix}${rows[0].id}`, customerId, at: iso(rows[0].at), kind: 'note', text: note.text.trim(), author: ctx?.agent.name };
  }

  async updateCustomer(customerId: string, update: CustomerUpdate, options?: CallOptions): Promise<Customer> {
    checkAborted(options);
    throwIfInvalid(validateCustomerUpdate(update));
    const current = await this.people.getCustomer(customerId, options);
    if (!current) throw new ValidationError({ customerId: 'Unknown customer' }, 'This customer has no record to change');
    if (update.version !== current.version) throw staleCustomer();
    const version = Number(current.version);
    // Written only if nobody wrote in between (the version still the one read).
    const { rows } = await this.session.write(
      `INSERT INTO cic_customer_fields (customer_id, fields, version) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET fields = EXCLUDED.fields, version = EXCLUDED.version WHERE cic_customer_fields.version = $4
       RETURNING version`,
      [customerId, JSON.stringify(update.customFields), version + 1, version],
    );
    if (!rows.length) throw staleCustomer();
    return (await this.people.getCustomer(customerId))!;
  }
}

const staleCustomer = () => new ConflictError('This customer was changed by someone else since you opened it', 'version');

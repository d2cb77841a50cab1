import type { CallOptions, ListCustomerUsersOptions, SearchOptions } from '../../src/data/contract/data-source.js';
import { ConflictError, throwIfInvalid, ValidationError } from '../../src/data/contract/errors.js';
import { isSearchable } from '../../src/data/rules/rules.js';
import type { Customer, CustomerHit, CustomerUser, CustomerUserInput, CustomerUserPage, SearchResult } from '../../src/data/contract/types.js';
import { loginChangeRefused, trimmedCustomerUser, validateCustomerUser } from '../../src/data/contract/validation.js';
import { userPosition } from './cursors.js';
import { optionalText, toUser, USER_COLUMNS, userValues } from './rows.js';
import type { SqlSession } from './session.js';
import { checkAborted, distinctIds, likePattern, narrowsByTrigrams, Params, userMatch, UTC_NOW } from './sql-text.js';
import { openClosed, type SqlTickets } from './tickets.js';

/** How many users, in login order, a search looks through first for a page of matches. */
const EARLY_USERS = 1000;

/** Customers and customer users: search, records, and the users of a customer page by page. */
export class SqlPeople {
  constructor(private readonly session: SqlSession, private readonly tickets: SqlTickets) {}

  async searchCustomers(term: string, { limit, signal }: SearchOptions): Promise<SearchResult<CustomerHit>> {
    checkAborted({ signal });
    if (!isSearchable(term)) return { items: [], hasMore: false };
    const ctx = await this.session.agentContext({ signal });
    const params = new Params();
    const pattern = params.add(likePattern(term.trim()));
    const readable = params.add(ctx?.readableQueues ?? [], '::int[]');
    const sql = this.session.catalog.trigramSearch && narrowsByTrigrams(term)
      ? this.customersByTrigrams(pattern, readable, params.add(limit + 1))
      : this.customersByIds(pattern, readable, params.add(limit + 1));
    const { rows } = await this.session.reader.query<{ id: string; name: string | null }>(sql, params.values);
    const items = rows.slice(0, limit).map((r) => ({ id: r.id, name: optionalText(r.name), hasRecord: r.name !== null }));
    return { items, hasMore: rows.length > limit };
  }

  /** The plain path: every customer id (records, users' and readable tickets'), then the matching ones. */
  private customersByIds(pattern: string, readable: string, limit: string): string {
    // Customer ids known only through their users or tickets: skip scans of the customer_id
    // indexes (one probe per distinct customer, never a scan of every user or ticket).
    return `WITH RECURSIVE ${distinctIds('user_customers', 'customer_user')}, ${this.ticketCustomers(readable)},
       ids AS (
         SELECT customer_id AS id FROM customer_company
         UNION SELECT id FROM user_customers WHERE id IS NOT NULL
         UNION SELECT id FROM ticket_customers WHERE id IS NOT NULL)
       SELECT ids.id, c.name FROM ids LEFT JOIN customer_company c ON c.customer_id = ids.id
       WHERE lower(ids.id) LIKE ${pattern} OR lower(c.name) LIKE ${pattern}
       ORDER BY ids.id COLLATE "C" LIMIT ${limit}`;
  }

  /**
   * The same customers read from the trigram indexes: records matching by id or name, the ids
   * of users that match, each the very expression its index is on; and the ids of readable
   * tickets that match, from the count summary's trigram index (else by walking them). Each
   * part brings its first `limit` ids only: a term that matches thousands sorts a few.
   */
  private customersByTrigrams(pattern: string, readable: string, limit: string): string {
    const { countSummary, summaryTrigram } = this.session.catalog;
    const first = (column: string, rest: string) => `(SELECT ${column} AS id FROM ${rest} GROUP BY ${column} ORDER BY ${column} COLLATE "C" LIMIT ${limit})`;
    const [walk, fromTickets] = countSummary && summaryTrigram
      ? ['WITH', first('customer_id', `cic_ticket_counts WHERE lower(customer_id) LIKE ${pattern} AND queue_id = ANY(${readable}) AND n > 0 AND customer_id <> ''`)]
      : [`WITH RECURSIVE ${this.ticketCustomers(readable)},`, first('id', `ticket_customers WHERE lower(id) LIKE ${pattern}`)];
    return `${walk} ids AS (
         ${first('customer_id', `customer_company WHERE lower(customer_id) LIKE ${pattern} OR lower(name) LIKE ${pattern}`)}
         UNION ${first('customer_id', `customer_user WHERE lower(customer_id) LIKE ${pattern}`)}
         UNION ${fromTickets})
       SELECT ids.id, c.name FROM ids LEFT JOIN customer_company c ON c.customer_id = ids.id
       ORDER BY ids.id COLLATE "C" LIMIT ${limit}`;
  }

  /** `ticket_customers(id)`: the distinct customer ids of the tickets the agent may read, walking their index. */
  private ticketCustomers(readable: string): string {
    // A customer id known only from tickets is found only through tickets the agent may read
    // (from the count summary, a few rows per customer, when there is one).
    return this.session.catalog.countSummary
      ? distinctIds('ticket_customers', 'cic_ticket_counts', `x.queue_id = ANY(${readable}) AND x.n > 0 AND x.customer_id <> ''`)
      : distinctIds('ticket_customers', 'ticket', `x.queue_id = ANY(${readable})`);
  }

  async searchCustomerUsers(term: string, { limit, signal }: SearchOptions): Promise<SearchResult<CustomerUser>> {
    checkAborted({ signal });
    if (!isSearchable(term)) return { items: [], hasMore: false };
    const params = new Params();
    const match = userMatch('cu', params.add(likePattern(term.trim())));
    const pageSize = params.add(limit + 1);
    // A term that many users match (a domain, a common name, two letters) finds a page among
    // the first users in login order: every later match sorts after them. The page first, then
    // its columns: a term matching thousands of users looks up the secondary customers of the
    // page's users only.
    let { rows } = this.session.catalog.userLoginOrder
      ? await this.session.reader.query(
        `SELECT ${USER_COLUMNS} FROM (SELECT * FROM (SELECT * FROM customer_user ORDER BY login COLLATE "C" LIMIT ${EARLY_USERS}) cu
           WHERE ${match} ORDER BY cu.login COLLATE "C" LIMIT ${pageSize}) cu ORDER BY cu.login COLLATE "C"`,
        params.values,
      )
      : { rows: [] };
    // Else all matches are read — from the trigram indexes when they are there — and only
    // their logins sorted (sorting whole rows took a fifth longer for 11,000 matches); the
    // page's rows are read afterwards by their (unique) login. The matches are fenced
    // (`OFFSET 0`): a plan walking the login order to find a few would read every user. Each
    // match is tested once (testing the thousands a broad term finds again doubled its time).
    if (rows.length <= limit) {
      ({ rows } = await this.session.reader.query(
        `SELECT ${USER_COLUMNS} FROM (SELECT login FROM (SELECT cu.login FROM customer_user cu WHERE ${match} OFFSET 0) matching
           ORDER BY login COLLATE "C" LIMIT ${pageSize}) page JOIN customer_user cu ON cu.login = page.login ORDER BY cu.login COLLATE "C"`,
        params.values,
      ));
    }
    return { items: rows.slice(0, limit).map(toUser), hasMore: rows.length > limit };
  }

  async getCustomer(customerId: string, options?: CallOptions): Promise<Customer | undefined> {
    checkAborted(options);
    const fields = this.session.catalog.cicTables
      ? ', f.fields AS custom_fields, f.version FROM customer_company c LEFT JOIN cic_customer_fields f ON f.customer_id = c.customer_id'
      : ', NULL AS custom_fields, NULL AS version FROM customer_company c';
    const { rows } = await this.session.reader.query<Record<string, unknown>>(`SELECT c.*${fields} WHERE c.customer_id = $1`, [customerId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: String(row.customer_id), name: optionalText(row.name), valid: row.valid_id === 1, street: optionalText(row.street), zip: optionalText(row.zip),
      city: optionalText(row.city), country: optionalText(row.country), url: optionalText(row.url), comment: optionalText(row.comments),
      customFields: row.custom_fields ? (JSON.parse(String(row.custom_fields)) as Record<string, string>) : undefined,
      version: String(row.version ?? 1),
    };
  }

  async getCustomerUser(login: string, options?: CallOptions): Promise<CustomerUser | undefined> {
    checkAborted(options);
    const { rows } = await this.session.reader.query(`SELECT ${USER_COLUMNS} FROM customer_user cu WHERE cu.login = $1`, [login]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async listCustomerUsers(customerId: string, options: ListCustomerUsersOptions): Promise<CustomerUserPage> {
    checkAborted(options);
    const { size } = options.page;
    const binding = this.session.cursorBinding('customer-users', customerId, options.filter?.trim() ?? '');
    const decoded = this.session.cursors.decode(options.page.cursor, binding);
    const cursor = decoded && { key: userPosition(decoded), before: decoded.before, total: decoded.total };
    // Read before the total's query starts: awaited after it, that query's failure would go unhandled meanwhile.
    const ctx = options.withTicketCounts ? await this.session.agentContext(options) : undefined;
    const params = new Params();
    const where = [`cu.customer_id = ${params.add(customerId)}`];
    if (options.filter) where.push(userMatch('cu', params.add(likePattern(options.filter.trim()))));
    const key = `(lower(cu.last_name) COLLATE "C", lower(cu.first_name) COLLATE "C", cu.login COLLATE "C")`;
    const total = cursor?.total ?? this.session.count(`SELECT count(*) AS n FROM customer_user cu WHERE ${where.join(' AND ')}`, params.values.slice());
    if (cursor) where.push(`${key} ${cursor.before ? '<' : '>'} (${params.add(cursor.key[0])}, ${params.add(cursor.key[1])}, ${params.add(cursor.key[2])})`);
    const direction = cursor?.before ? 'DESC' : 'ASC';
    const ticketCounts = options.withTicketCounts ? `, ${this.tickets.openClosedColumn('customer_user_id', 'cu.login', ctx, params)}` : '';
    const pageQuery = this.session.reader.query<Record<string, unknown> & { ticket_counts?: [number, number] }>(
      `SELECT ${USER_COLUMNS}${ticketCounts} FROM customer_user cu WHERE ${where.join(' AND ')}
       ORDER BY lower(cu.last_name) COLLATE "C" ${direction}, lower(cu.first_name) COLLATE "C" ${direction}, cu.login COLLATE "C" ${direction}
       LIMIT ${params.add(size + 1)}`,
      params.values,
    );
    // The page (with its users' ticket counts) and the total are read at once.
    const [{ rows }, totalValue] = await Promise.all([pageQuery, total]);
    const more = rows.length > size;
    const items = rows.slice(0, size).map(toUser);
    if (cursor?.before) items.reverse();
    const page: CustomerUserPage = { items, total: { value: totalValue, exact: true } };
    const userKey = (u: CustomerUser): [string, string, string] => [(u.lastName ?? '').toLowerCase(), (u.firstName ?? '').toLowerCase(), u.login];
    const hasNext = cursor?.before ? true : more;
    const hasPrevious = cursor?.before ? more : cursor !== undefined;
    if (items.length && hasNext) page.nextCursor = this.session.cursors.encode({ key: JSON.stringify(userKey(items.at(-1)!)), id: '', before: false, total: totalValue }, binding);
    if (items.length && hasPrevious) page.previousCursor = this.session.cursors.encode({ key: JSON.stringify(userKey(items[0])), id: '', before: true, total: totalValue }, binding);
    if (options.withTicketCounts) {
      page.ticketCounts = Object.fromEntries(rows.slice(0, size).map(({ login, ticket_counts }) => [String(login), openClosed(ticket_counts!)]));
    }
    return page;
  }

  async createCustomerUser(written: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    checkAborted(options);
    const input = trimmedCustomerUser(written);
    throwIfInvalid(validateCustomerUser(input));
    const author = await this.session.authorId(options);
    let inserted: { rows: unknown[] };
    try {
      // Who and when, as Znuny writes them (NOT NULL in its schema). Znuny compares customer-user
      // logins without regard to case: one that differs only in case is taken.
      inserted = await this.session.write(
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

  async updateCustomerUser(login: string, written: CustomerUserInput, options?: CallOptions): Promise<CustomerUser> {
    checkAborted(options);
    const input = trimmedCustomerUser(written);
    throwIfInvalid(validateCustomerUser(input));
    if (input.login !== login) throw loginChangeRefused();
    const author = await this.session.authorId(options);
    const updated = await this.session.write(
      `UPDATE customer_user SET email = $2, customer_id = $3, title = $4, first_name = $5, last_name = $6, phone = $7,
         mobile = $8, street = $9, zip = $10, city = $11, country = $12, comments = $13, valid_id = $14,
         change_time = ${UTC_NOW}, change_by = $15 WHERE login = $1 RETURNING login`,
      [...userValues(input), author],
    );
    if (!updated.rows.length) throw new ValidationError({ login: 'Unknown customer user' });
    return (await this.getCustomerUser(login))!;
  }
}

const loginTaken = () => new ConflictError('This login is already taken', 'login');

/** A unique violation on the login is a conflict; anything else stays what it was. */
function conflictOr(error: unknown): unknown {
  return (error as { code?: string }).code === '23505' ? loginTaken() : error;
}

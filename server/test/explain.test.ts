import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONFORMANCE_NOW } from '../../src/testing/conformance-data.js';
import { openPglite, type Db } from '../sql/db.js';
import { createSchema, installCountSummary } from '../sql/seed.js';
import { loadCatalog, SqlDataSource } from '../sql/sql-data-source.js';

const TICKETS = 1_000_000;

/** 1M tickets over 5,000 customers and 50,000 customer users, made inside the database. */
async function bigDatabase(): Promise<Db> {
  const db = await openPglite();
  await createSchema(db);
  await db.exec(`
    INSERT INTO ticket_state_type (id, name) VALUES (1,'new'),(2,'open'),(3,'closed'),(4,'pending reminder'),(5,'pending auto'),(6,'removed'),(7,'merged');
    INSERT INTO ticket_state (id, name, type_id, valid_id) SELECT id, name, id, 1 FROM ticket_state_type;
    INSERT INTO ticket_lock_type (id, name) VALUES (1,'unlock'),(2,'lock'),(3,'tmp_lock');
    INSERT INTO permission_groups (id, name, valid_id) VALUES (1, 'users', 1);
    INSERT INTO queue (id, name, group_id, valid_id) SELECT g, 'Queue ' || g, 1, 1 FROM generate_series(1, 5) g;
    INSERT INTO users (id, login, first_name, last_name, valid_id) SELECT g, 'agent-' || g, 'Agent', g::text, 1 FROM generate_series(1, 10) g;
    INSERT INTO group_user (user_id, group_id, permission_key) SELECT g, 1, 'rw' FROM generate_series(1, 10) g;
    INSERT INTO personal_queues (user_id, queue_id) VALUES (1, 1), (1, 2);
    INSERT INTO customer_company (customer_id, name, valid_id) SELECT 'C' || g, 'Customer ' || g, 1 FROM generate_series(0, 4999) g;
    INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id)
      SELECT 'u' || g, 'u' || g || '@example.com', 'C' || (g % 5000), 'First' || g, 'Last' || (g % 977), 1 FROM generate_series(0, 49999) g;
    INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id, ticket_state_id,
        customer_id, customer_user_id, until_time, escalation_time, create_time, change_time)
      SELECT g, 'T' || g, 'Title ' || g, 1 + g % 5, 1 + g % 2, 1 + g % 10, 1, 1 + g % 5, 1 + g % 7, 'C' || (g % 5000), 'u' || (g % 50000),
        CASE WHEN g % 7 = 3 THEN 1700000000 + g ELSE 0 END, CASE WHEN g % 11 = 0 THEN 1700000000 + g ELSE 0 END,
        timestamp '2024-01-01' + g * interval '1 minute', timestamp '2024-01-01' + g * interval '2 minute'
      FROM generate_series(1, ${TICKETS}) g;`);
  await installCountSummary(db);
  await db.exec('VACUUM ANALYZE');
  return db;
}

/** Every query a call makes, recorded with the name of the call, so that each can be explained. */
function recording(db: Db) {
  const queries: { call: string; sql: string; params: unknown[] }[] = [];
  const current = { call: '' };
  const spy: Db = { ...db, query: (sql, params = []) => (queries.push({ call: current.call, sql, params: [...params] }), db.query(sql, params)) };
  return { spy, queries, current };
}

/** The relations a plan reads with a sequential scan. */
function sequentialScans(plan: unknown, found: string[] = []): string[] {
  if (Array.isArray(plan)) plan.forEach((p) => sequentialScans(p, found));
  else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (node['Node Type'] === 'Seq Scan') found.push(String(node['Relation Name']));
    Object.values(node).forEach((v) => sequentialScans(v, found));
  }
  return found;
}

describe(`SQL at ${TICKETS.toLocaleString('en')} tickets`, { timeout: 300_000 }, () => {
  let db: Db;
  before(async () => (db = await bigDatabase()), { timeout: 300_000 });
  after(() => db.close());

  it('answers every call with index scans: no sequential scan of ticket or customer_user', async () => {
    const catalog = await loadCatalog(db);
    const { spy, queries, current } = recording(db);
    const inner = new SqlDataSource(spy, catalog, { agentLogin: 'agent-1', now: () => CONFORMANCE_NOW });
    // Each call is named in what it records.
    const source = new Proxy(inner, {
      get: (target, key) => {
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? (...args: unknown[]) => ((current.call = String(key)), value.apply(target, args)) : value;
      },
    });
    const sort = { field: 'age', direction: 'desc' } as const;
    const first = await source.listTickets({ customerId: 'C42' }, { view: 'all', filter: 'all', sort, page: { size: 10 }, withCounts: true });
    assert.equal(first.total?.value, TICKETS / 5000);
    await source.listTickets({ customerId: 'C42' }, { view: 'open', filter: 'my-queues', sort: { field: 'title', direction: 'asc' }, page: { size: 10, cursor: first.nextCursor } });
    await source.listTickets({ customerId: 'C42' }, { view: 'reminder', filter: 'my-locked', sort: { field: 'pendingUntil', direction: 'asc' }, page: { size: 10 } });
    await source.listTickets({ customerUserLogin: 'u42', access: 'accessible' }, { view: 'escalated', filter: 'all', sort, page: { size: 10 } });
    await source.countTickets({ customerUserLogin: 'u42' }, 'open');
    await source.getCompanyStatus('C42');
    const users = await source.listCustomerUsers('C42', { page: { size: 10 }, withTicketCounts: true });
    await source.listCustomerUsers('C42', { page: { size: 10, cursor: users.nextCursor }, filter: 'first' });
    await source.countTicketsByCustomer(['C1', 'C2', 'C3']);
    await source.searchCustomers('customer 42', { limit: 20 });
    await source.searchCustomerUsers('u4242', { limit: 20 });
    await source.getCustomer('C42');
    await source.getCustomerUser('u42');
    assert.ok(queries.length >= 15, `${queries.length} queries recorded`);
    for (const { call, sql, params } of queries) {
      const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      // Substring search of customer users reads customer_user (as Znuny does); docs/SERVER.md says how to index it.
      const forbidden = call === 'searchCustomerUsers' ? ['ticket'] : ['ticket', 'customer_user'];
      const scans = sequentialScans(rows[0]['QUERY PLAN']).filter((relation) => forbidden.includes(relation));
      assert.deepEqual(scans, [], `${call}: a sequential scan in:\n${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { runDataSourceConformance } from '../../src/testing.js';
import { createServer, type ServerOptions } from '../app.js';
import { openPglite, openPostgres, type Db } from '../sql/db.js';
import { installCountSummary } from '../sql/seed.js';
import { CIC_TABLES } from '../sql/schema.js';
import { concurrentIndexStatements, createIndexesConcurrently, createTrigramIndexes } from '../indexes.js';
import { loadZnuny } from './znuny-fixture.js';

const postgresUrl = process.env.CIC_TEST_DATABASE_URL;
const ENGINES: { name: string; open: (pool?: number) => Promise<Db> }[] = [
  { name: 'PGlite', open: () => openPglite() },
  ...(postgresUrl ? [{ name: 'PostgreSQL', open: (pool = 5) => openPostgres(postgresUrl, { max: pool }) }] : []),
];

/** A database holding Znuny's tables filled with the conformance data (on PostgreSQL loaded over one connection: the load sets its search path). */
async function znunyDatabase(engine: (typeof ENGINES)[number], options: { cicTables?: boolean } = {}): Promise<Db> {
  if (engine.name === 'PGlite') {
    const db = await engine.open();
    await loadZnuny(db, conformanceData(), options);
    return db;
  }
  const loader = await engine.open(1);
  try {
    await loadZnuny(loader, conformanceData(), options);
  } finally {
    await loader.close();
  }
  return engine.open();
}

/** The server over `db`, and calls to it as `login` (every login has the token `token-<login>`). */
async function serverOn(db: Db, logins: string[], options: Partial<ServerOptions> = {}) {
  const tokens = Object.fromEntries(logins.map((login) => [`token-${login}`, login]));
  const app = await createServer({ db, tokens, now: () => CONFORMANCE_NOW, agentCacheMs: 0, ...options });
  const call = (path: string, login: string, init: RequestInit = {}) =>
    app.fetch(new Request(`http://server/api${path}`, {
      ...init, headers: { Authorization: `Bearer token-${login}`, 'Content-Type': 'application/json' },
    }));
  const json = async (path: string, login = CONFORMANCE_AGENT_ID) => {
    const response = await call(path, login);
    assert.equal(response.status, 200, `${path} → ${response.status}`);
    return response.json();
  };
  const connect = (login: string) => HttpDataSource.connect({
    baseUrl: 'http://server/api', headers: { Authorization: `Bearer token-${login}` }, now: () => CONFORMANCE_NOW,
    fetch: async (input, init) => app.fetch(new Request(input, init)),
  });
  return { app, call, json, connect };
}

/** Runs `sql` as Znuny's admin interface would: every audit column written. */
const audit = "now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', 1";

for (const engine of ENGINES) {
  describe(`Znuny's own schema on ${engine.name}`, () => {
    let db: Db;
    before(async () => (db = await znunyDatabase(engine)));
    after(() => db.close());

    it('starts without the CIC indexes, the count summary or its own tables, read only, and keeps preferences in the browser', async () => {
      const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'cic\\_%'");
      assert.equal(Number(rows[0].n), 0, 'nothing of the server is in the database');
      const server = await serverOn(db, [CONFORMANCE_AGENT_ID], { readOnly: true });
      const capabilities = await server.json('/capabilities');
      assert.equal(capabilities.preferences, false);
      assert.equal(capabilities.writeCustomerUsers, false);
      const put = await server.call('/preferences?key=layout', CONFORMANCE_AGENT_ID, { method: 'PUT', body: JSON.stringify({ value: { a: 1 } }) });
      assert.equal(put.status, 403, 'a read-only server writes no preference (and never answers 500)');
      assert.deepEqual(await server.json('/preferences?key=layout'), {});
      const stored = await db.query<{ n: string }>('SELECT count(*) AS n FROM user_preferences');
      assert.equal(Number(stored.rows[0].n), 0);
      // The elements keep preferences in localStorage when their source has no preference store.
      assert.equal((await server.connect(CONFORMANCE_AGENT_ID)).preferences, undefined);
    });

    it('grants reading as Znuny does: ro/rw directly or through a valid role (permission_value 1), in a valid group', async () => {
      await db.exec(`
        INSERT INTO permission_groups (name, valid_id, create_time, create_by, change_time, change_by) VALUES ('billing', 1, ${audit});
        UPDATE queue SET group_id = (SELECT id FROM permission_groups WHERE name = 'billing') WHERE name = 'Billing';
        INSERT INTO users (login, pw, first_name, last_name, valid_id, create_time, create_by, change_time, change_by)
          VALUES ('matrix', 'hashed', 'Mat', 'Rix', 1, ${audit});
        INSERT INTO roles (name, valid_id, create_time, create_by, change_time, change_by) VALUES ('billing-role', 1, ${audit});`);
      const server = await serverOn(db, ['matrix'], { readOnly: true });
      const data = conformanceData();
      const big = data.tickets.filter((t) => t.customerId === 'BIG');
      const support = big.filter((t) => t.queueId === 'q1').length;
      const expectations: [string, string, number][] = [
        ['no grant on billing', '', support],
        ...['ro', 'rw'].map((key): [string, string, number] => [`direct ${key}`, `INSERT INTO group_user SELECT u, b, '${key}', ${audit} FROM ids`, big.length]),
        ...['move_into', 'create', 'note', 'owner', 'priority'].map((key): [string, string, number] => [
          `direct ${key}`, `INSERT INTO group_user SELECT u, b, '${key}', ${audit} FROM ids`, support]),
        ...['ro', 'rw'].map((key): [string, string, number] => [`role ${key}`,
          `INSERT INTO role_user SELECT u, r, ${audit} FROM ids; INSERT INTO group_role SELECT r, b, '${key}', 1, ${audit} FROM ids`, big.length]),
        ...['move_into', 'create', 'note', 'owner', 'priority'].map((key): [string, string, number] => [`role ${key}`,
          `INSERT INTO role_user SELECT u, r, ${audit} FROM ids; INSERT INTO group_role SELECT r, b, '${key}', 1, ${audit} FROM ids`, support]),
        ['role rw with permission_value 0',
          `INSERT INTO role_user SELECT u, r, ${audit} FROM ids; INSERT INTO group_role SELECT r, b, 'rw', 0, ${audit} FROM ids`, support],
        ['invalid role rw', `UPDATE roles SET valid_id = 2; INSERT INTO role_user SELECT u, r, ${audit} FROM ids;
          INSERT INTO group_role SELECT r, b, 'rw', 1, ${audit} FROM ids`, support],
        ['role rw of another agent', `INSERT INTO group_role SELECT r, b, 'rw', 1, ${audit} FROM ids`, support],
        ['direct rw on an invalid group', `UPDATE permission_groups SET valid_id = 2 WHERE name = 'billing';
          INSERT INTO group_user SELECT u, b, 'rw', ${audit} FROM ids`, support],
        ['role rw on an invalid group', `UPDATE permission_groups SET valid_id = 2 WHERE name = 'billing';
          INSERT INTO role_user SELECT u, r, ${audit} FROM ids; INSERT INTO group_role SELECT r, b, 'rw', 1, ${audit} FROM ids`, support],
      ];
      const ids = `WITH ids AS (SELECT (SELECT id FROM users WHERE login = 'matrix') AS u, (SELECT id FROM permission_groups WHERE name = 'billing') AS b,
        (SELECT id FROM roles WHERE name = 'billing-role') AS r)`;
      for (const [grant, sql, expected] of expectations) {
        await db.exec(`DELETE FROM group_user WHERE user_id = (SELECT id FROM users WHERE login = 'matrix'); DELETE FROM role_user; DELETE FROM group_role;
          UPDATE roles SET valid_id = 1; UPDATE permission_groups SET valid_id = 1;
          INSERT INTO group_user SELECT id, 1, 'ro', ${audit} FROM users WHERE login = 'matrix';`);
        for (const statement of sql.split(';').filter((s) => s.trim())) {
          await db.exec(/^\s*INSERT/.test(statement) ? `${ids} ${statement}` : statement);
        }
        const status = await server.json('/company-status?customerId=BIG', 'matrix');
        const counts = await server.json('/ticket-counts?customerId=BIG&view=all', 'matrix');
        const page = await server.json('/tickets?customerId=BIG&view=all&size=100', 'matrix');
        assert.deepEqual([status.all, counts.all, page.total.value, page.items.length], [expected, expected, expected, expected], grant);
      }
      await db.exec("UPDATE queue SET group_id = 1 WHERE name = 'Billing'");
    });

    it('gives a customer user access to the tickets of its own and its secondary customers (customer_user_customer), no others', async () => {
      const server = await serverOn(db, [CONFORMANCE_AGENT_ID], { readOnly: true });
      const data = conformanceData();
      const user = data.customerUsers.find((u) => u.secondaryCustomerIds?.length)!;
      const customers = [user.customerId, ...user.secondaryCustomerIds!];
      const expected = data.tickets.filter((t) => customers.includes(t.customerId)).length;
      const page = await server.json(`/tickets?customerUserLogin=${user.login}&access=accessible&view=all&size=100`);
      assert.equal(page.total.value, expected);
      assert.deepEqual(new Set(page.items.map((t: { customerId: string }) => t.customerId)), new Set(customers));
      const assigned = await server.json(`/tickets?customerUserLogin=${user.login}&access=assigned&view=all&size=100`);
      assert.equal(assigned.total.value, data.tickets.filter((t) => t.customerUserLogin === user.login).length);
      // Znuny compares logins exactly here: a membership row of another spelling grants nothing.
      await db.exec(`INSERT INTO customer_user_customer VALUES ('${user.login.toUpperCase()}', 'GHOST', ${audit})`);
      const again = await server.json(`/tickets?customerUserLogin=${user.login}&access=accessible&view=all&size=100`);
      assert.equal(again.total.value, expected);
      assert.deepEqual((await server.json(`/customer-user?login=${user.login}`)).secondaryCustomerIds, user.secondaryCustomerIds);
    });

    it('shows archived tickets by default (Znuny\'s archive system is off by default) and leaves them out everywhere with archived: exclude', async () => {
      // The server's own tables, so that the history (with its ticket events) is offered.
      await db.exec(`${CIC_TABLES} UPDATE ticket SET archive_flag = 1 WHERE customer_id = 'BIG' AND id % 2 = 0;`);
      const archived = (await db.query<{ n: string }>("SELECT count(*) AS n FROM ticket WHERE archive_flag = 1 AND customer_id = 'BIG'")).rows[0].n;
      const all = conformanceData().tickets.filter((t) => t.customerId === 'BIG').length;
      const user = 'big.user01';
      const answers = async (options: Partial<ServerOptions>) => {
        const server = await serverOn(db, [CONFORMANCE_AGENT_ID], { readOnly: true, ...options });
        const statistics = await server.json('/ticket-statistics?customerId=BIG&months=24');
        const byUser = await (await server.call('/ticket-counts/by-customer-user', CONFORMANCE_AGENT_ID,
          { method: 'POST', body: JSON.stringify({ logins: [user] }) })).json();
        const byCustomer = await (await server.call('/ticket-counts/by-customer', CONFORMANCE_AGENT_ID,
          { method: 'POST', body: JSON.stringify({ customerIds: ['BIG'] }) })).json();
        const history = await server.json('/customer-history?customerId=BIG&includeTickets=true&size=100');
        assert.equal(history.nextCursor, undefined, 'one page holds the history');
        return [
          history.items.filter((e: { kind: string }) => e.kind === 'ticket-created').length,
          (await server.json('/company-status?customerId=BIG')).all,
          (await server.json('/ticket-counts?customerId=BIG&view=all')).all,
          (await server.json('/tickets?customerId=BIG&view=all&size=100')).total.value,
          statistics.byQueue.reduce((sum: number, q: { open: number; closed: number }) => sum + q.open + q.closed, 0),
          byCustomer.BIG.open + byCustomer.BIG.closed,
          byUser[user].open + byUser[user].closed,
        ];
      };
      const userTickets = await db.query<{ all: string; kept: string }>(
        `SELECT count(*) AS all, count(*) FILTER (WHERE archive_flag = 0) AS kept FROM ticket WHERE customer_user_id = '${user}'`);
      assert.ok(Number(archived) > 0);
      assert.deepEqual(await answers({}), [all, all, all, all, all, all, Number(userTickets.rows[0].all)]);
      const kept = all - Number(archived);
      assert.deepEqual(await answers({ archived: 'exclude' }), [kept, kept, kept, kept, kept, kept, Number(userTickets.rows[0].kept)]);
      await db.exec('UPDATE ticket SET archive_flag = 0; DROP TABLE cic_customer_history, cic_customer_fields');
    });
  });

  // The conformance suite over HTTP on Znuny's schema: read only with nothing of the server's
  // (as a live Znuny served without changes), and read-write with the server's tables, the
  // indexes built concurrently and the count summary.
  // (Read-write reloads for every check: on the last engine only, PostgreSQL when there is one.)
  const variants = engine === ENGINES.at(-1)
    ? (['read only, nothing added', 'read-write, with indexes and count summary', 'read-write, with indexes, count summary and trigram indexes'] as const)
    : (['read only, nothing added'] as const);
  for (const variant of variants) {
    let db: Db | undefined;
    after(() => db?.close());
    const readOnly = variant.startsWith('read only');
    runDataSourceConformance(`HttpDataSource → server → Znuny's schema on ${engine.name}, ${variant}`, async ({ agentId }) => {
      // Read only changes nothing: one load serves every check.
      if (db && readOnly) return (await serverOn(db, [agentId], { readOnly })).connect(agentId);
      await db?.close();
      db = await znunyDatabase(engine, { cicTables: !readOnly });
      if (!readOnly) {
        await createIndexesConcurrently(db, () => {});
        await installCountSummary(db);
        if (variant.endsWith('trigram indexes')) assert.equal(await createTrigramIndexes(db, () => {}), true);
      }
      return (await serverOn(db, [agentId], { readOnly })).connect(agentId);
    }, { describe, it });
  }
}

describe('npm run server:indexes', () => {
  it('builds each index concurrently, one statement each, and can be run again', async () => {
    const statements = concurrentIndexStatements();
    assert.ok(statements.length > 5);
    for (const { sql } of statements) assert.match(sql, /^CREATE INDEX CONCURRENTLY IF NOT EXISTS \w+ ON /);
  });

  it('creates the indexes on a live PostgreSQL, rebuilds an invalid one, and keeps the rest when run again', { skip: postgresUrl ? false : 'no PostgreSQL' }, async () => {
    const db = await znunyDatabase(ENGINES[1]);
    try {
      const first: string[] = [];
      await createIndexesConcurrently(db, (line) => first.push(line));
      assert.equal(first.filter((l) => l.startsWith('CREATE INDEX CONCURRENTLY')).length, concurrentIndexStatements().length);
      // As an interrupted CREATE INDEX CONCURRENTLY leaves it.
      await db.exec("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'cic_group_user'::regclass");
      const second: string[] = [];
      await createIndexesConcurrently(db, (line) => second.push(line));
      assert.deepEqual(second.filter((l) => !l.startsWith('--')), [
        'DROP INDEX CONCURRENTLY cic_group_user;  -- left invalid by an interrupted build',
        concurrentIndexStatements().find((s) => s.name === 'cic_group_user')!.sql.replace(/\s+/g, ' ') + ';',
      ]);
      const valid = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'cic\\_%' AND i.indisvalid");
      assert.equal(Number(valid.rows[0].n), concurrentIndexStatements().length);
    } finally {
      await db.close();
    }
  });
});

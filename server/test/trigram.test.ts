import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW } from '../../src/testing/conformance-data.js';
import { createTrigramIndexes } from '../indexes.js';
import { openPglite, openPostgres, type Db } from '../sql/db.js';
import { CIC_INDEXES, TRIGRAM_INDEX_NAMES, USER_LOGIN_INDEX_NAME, ZNUNY_TABLES } from '../sql/schema.js';
import { loadCatalog, SqlDataSource } from '../sql/sql-data-source.js';
import { DATABASES, testServer } from './fixture.js';

// Customers and users whose ids, names and emails hold LIKE's special characters, other cases
// and letters beyond ASCII; customers known only from users, and from tickets in a queue every
// agent reads (Support) and in one only the conformance agent reads (Billing).
const TRICKY_ROWS = String.raw`
  INSERT INTO customer_company (customer_id, name, valid_id) VALUES
    ('PCT%100', 'Hundred 100% Percent', 1), ('UND_ER', 'Under_score Corporation', 1), ('BSL\ASH', 'Back\slash Limited', 1),
    ('MUELLER', 'Müller Straße GmbH', 1), ('MIXED', 'MiXeD CaSe Incorporated', 1);
  INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id) VALUES
    ('pct%user', 'pct@Example.ORG', 'USERONLY-PCT%', 'Per%cent', 'Under_line', 1),
    ('ünïcode', 'UNI@example.org', 'USERONLY-ÄBC', 'Ärger', 'Öl', 1),
    ('back\user', 'back\slash@example.org', 'USERONLY-BSL\X', 'Back', 'Slash', 1),
    ('UPPERCASE', 'UPPER@EXAMPLE.ORG', 'MIXED', 'UPPER', 'CASE', 1);
  INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id, ticket_state_id,
      customer_id, customer_user_id, until_time, escalation_time, create_time, change_time)
    SELECT v.tn, 'Only here', q.id, 1, 1, 1, 3, s.id, v.customer, NULL, 0, 0, now(), now()
    FROM (VALUES ('TRGM-1', 'TICKETONLY-SUPPORT', 'Support'), ('TRGM-2', 'TICKETONLY-BILLING', 'Billing'), ('TRGM-3', 'TICKETONLY-50%_OFF', 'Support')) v(tn, customer, queue)
    JOIN queue q ON q.name = v.queue, ticket_state s WHERE s.name = 'new';
  INSERT INTO customer_user (login, email, customer_id, first_name, last_name, valid_id)
    SELECT 'bulk' || lpad(i::text, 4, '0'), 'b' || i || '@bulk.example', 'BULK' || (i % 7), 'First' || i, 'Last' || (i % 13), 1
    FROM generate_series(1, 1500) i;`;

// Short and long, wildcards, LIKE's own characters (literal here), case, letters beyond ASCII, nothing found.
const TERMS = [
  'ab', 'ac', 'inc', 'corp', 'CORPORATION', 'MiXeD', 'mixed case', '100%', '0%', '%', '%%', '50%_', '%_o', '_s', 'r_s', 'der_sc', 'under_score',
  'underscore', 'k\\sl', '\\s', 'bsl\\', 'müller', 'MÜLLER', 'straße', 'ärg', 'ünïcode', 'äbc', 'c*s', 'ti*ort', 'ticketonly', 'ticketonly-*', 'only',
  'billing', 'support', '*', '**', 'user', 'example', 'example.org', 'pct%u', 'per%cent', 'a*b*c', 'zzzqqq', ' trim ', 'upper',
  // More users than a search looks through first in login order: terms that many, some or one of them match.
  'bulk', 'bu', 'k1499', 'last12', 'first1', 'b14', 'bulk.example',
  // Terms matching few of those first users: the same users in three columns (login, email,
  // first name), and users matching in one column or another, their logins interleaved.
  '149', 'st12',
];

/** Every search of `db` for both agents (one who reads every queue, one who reads Support only), in order. */
async function everySearch(db: Db) {
  const catalog = await loadCatalog(db);
  const answers: Record<string, unknown> = {};
  for (const agentLogin of [CONFORMANCE_AGENT_ID, 'agent-limited']) {
    const source = new SqlDataSource(db, catalog, { agentLogin, now: () => CONFORMANCE_NOW });
    for (const term of TERMS) {
      for (const limit of [3, 200]) {
        answers[`${agentLogin} customers ${JSON.stringify(term)} ${limit}`] = await source.searchCustomers(term, { limit });
        answers[`${agentLogin} users ${JSON.stringify(term)} ${limit}`] = await source.searchCustomerUsers(term, { limit });
      }
    }
  }
  return { trigramSearch: catalog.trigramSearch, userLoginOrder: catalog.userLoginOrder, answers };
}

const ids = (result: unknown) => (result as { items: { id?: string; login?: string }[] }).items.map((item) => item.id ?? item.login);

const VARIANTS = DATABASES.flatMap((database) => [
  { name: `${database.name}, with the count summary`, database, setupSql: TRICKY_ROWS },
  { name: `${database.name}, without the count summary`, database, setupSql: `${TRICKY_ROWS}; DROP TABLE cic_ticket_counts CASCADE;` },
]);

for (const { name, database, setupSql } of VARIANTS) {
  describe(`searches with and without pg_trgm give the same answers (${name})`, () => {
    let db: Db;
    let plain: Awaited<ReturnType<typeof everySearch>>;
    let trigram: Awaited<ReturnType<typeof everySearch>>;
    let unordered: Awaited<ReturnType<typeof everySearch>>;
    before(async () => {
      ({ db } = await testServer(database.open, {}, setupSql));
      plain = await everySearch(db);
      await db.exec(`DROP INDEX ${USER_LOGIN_INDEX_NAME}`);
      unordered = await everySearch(db);
      await db.exec(CIC_INDEXES);
      const log: string[] = [];
      assert.equal(await createTrigramIndexes(db, (line) => log.push(line)), true, log.join('\n'));
      await db.exec('ANALYZE');
      trigram = await everySearch(db);
    });
    after(() => db.close());

    it('takes the plain path before the indexes command and the trigram path after it', () => {
      assert.equal(plain.trigramSearch, false);
      assert.equal(trigram.trigramSearch, true);
      assert.deepEqual([plain.userLoginOrder, unordered.userLoginOrder, trigram.userLoginOrder], [true, false, true]);
    });

    it('finds users in the first ones in login order as among all of them', () => {
      assert.ok(ids(plain.answers[`${CONFORMANCE_AGENT_ID} users "bulk" 200`]).length === 200);
      for (const [key, answer] of Object.entries(unordered.answers)) assert.deepEqual(plain.answers[key], answer, key);
    });

    it('finds what the terms mean on the plain path (the fixture exercises every rule)', () => {
      const me = (kind: string, term: string) => ids(plain.answers[`${CONFORMANCE_AGENT_ID} ${kind} ${JSON.stringify(term)} 200`]);
      const limited = (kind: string, term: string) => ids(plain.answers[`agent-limited ${kind} ${JSON.stringify(term)} 200`]);
      const finds = (found: unknown[], expected: string) => assert.ok(found.includes(expected), `${expected} not in ${found.join(', ')}`);
      finds(me('customers', '100%'), 'PCT%100');
      finds(me('customers', 'r_s'), 'UND_ER');
      assert.ok(!me('customers', 'underscore').includes('UND_ER'), '_ is no wildcard');
      finds(me('customers', 'k\\sl'), 'BSL\\ASH');
      finds(me('customers', 'MÜLLER'), 'MUELLER');
      finds(me('customers', 'äbc'), 'USERONLY-ÄBC');
      assert.deepEqual(me('customers', 'ticketonly'), ['TICKETONLY-50%_OFF', 'TICKETONLY-BILLING', 'TICKETONLY-SUPPORT']);
      assert.deepEqual(limited('customers', 'ticketonly'), ['TICKETONLY-50%_OFF', 'TICKETONLY-SUPPORT']);
      assert.deepEqual(me('customers', '50%_'), ['TICKETONLY-50%_OFF']);
      finds(me('users', 'per%cent'), 'pct%user');
      finds(me('users', 'upper'), 'UPPERCASE');
      finds(me('users', 'ünïcode'), 'ünïcode');
      assert.ok(me('users', 'example').length > 3);
    });

    it('answers every term, for both agents, exactly as the plain path does', () => {
      assert.equal(Object.keys(trigram.answers).length, TERMS.length * 8);
      for (const [key, answer] of Object.entries(plain.answers)) assert.deepEqual(trigram.answers[key], answer, key);
    });
  });
}

describe('the indexes command where pg_trgm is refused', () => {
  it('says so and leaves the searches on the plain path (PGlite without the extension)', async () => {
    const { db } = await testServer(() => openPglite(undefined, { trigram: false }));
    try {
      const log: string[] = [];
      assert.equal(await createTrigramIndexes(db, (line) => log.push(line)), false);
      assert.match(log.join('\n'), /pg_trgm: refused by the database \(extension "pg_trgm" is not available/);
      assert.match(log.join('\n'), /keep their plain path/);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_class WHERE relname = ANY($1::text[])', [TRIGRAM_INDEX_NAMES]);
      assert.equal(rows[0].n, 0);
      const catalog = await loadCatalog(db);
      assert.equal(catalog.trigramSearch, false);
      const source = new SqlDataSource(db, catalog, { agentLogin: CONFORMANCE_AGENT_ID, now: () => CONFORMANCE_NOW });
      assert.ok((await source.searchCustomerUsers('example', { limit: 5 })).items.length > 0);
    } finally {
      await db.close();
    }
  });

  const url = process.env.CIC_TEST_DATABASE_URL;
  it('`npm run server:indexes` as a role that may not create extensions: reported, exit 0, the other indexes built', { skip: url ? false : 'no PostgreSQL' }, async () => {
    const admin = await openPostgres(url!, { max: 1 });
    const role = 'cic_no_extensions';
    try {
      // A role that owns the ticket tables (in a schema of its own) without CREATE on the database.
      await admin.exec(`DROP SCHEMA IF EXISTS ${role} CASCADE; DROP EXTENSION IF EXISTS pg_trgm CASCADE; DROP ROLE IF EXISTS ${role};
        CREATE ROLE ${role} LOGIN; CREATE SCHEMA ${role} AUTHORIZATION ${role}; ALTER ROLE ${role} SET search_path = ${role};
        REVOKE CREATE ON DATABASE ${new URL(url!).pathname.slice(1)} FROM PUBLIC;`);
      const roleUrl = Object.assign(new URL(url!), { username: role }).href;
      const owner = await openPostgres(roleUrl, { max: 1 });
      await owner.exec(ZNUNY_TABLES).finally(() => owner.close());
      const indexesCommand = (...args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/indexes.ts', ...args], { env: { ...process.env, DATABASE_URL: roleUrl } });
      const { stdout } = await indexesCommand();
      assert.match(stdout, /pg_trgm: refused by the database \(permission denied to create extension "pg_trgm".*SQLSTATE 42501\)/);
      assert.match(stdout, /keep their plain path/);
      assert.match(stdout, /-- done/);
      // Asked to leave the extension out, it does not try.
      const skipped = await indexesCommand('--no-trigram');
      assert.doesNotMatch(skipped.stdout, /CREATE EXTENSION/);
      assert.match(skipped.stdout, /left out \(--no-trigram\)[^\n]*plain path/);
      assert.match(skipped.stdout, /-- done/);
      const { rows } = await admin.query<{ relname: string }>('SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = $2', [role, 'i']);
      const built = rows.map((r) => r.relname);
      assert.ok(built.includes('cic_group_user'), built.join(', '));
      assert.deepEqual(built.filter((name) => TRIGRAM_INDEX_NAMES.includes(name)), []);
    } finally {
      await admin.exec(`DROP SCHEMA IF EXISTS ${role} CASCADE; DROP ROLE IF EXISTS ${role};`);
      await admin.close();
    }
  });
});

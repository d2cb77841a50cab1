// The reference server tried the way an attacker (or a careless client) would: tokens named
// like Object.prototype members, agents no longer valid, bodies too large or not JSON, writes
// that would corrupt data, concurrent preference writes. Every test here failed before its fix.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { ValidationError } from '../../src/data/contract/errors.js';
import type { TicketSortField } from '../../src/data/contract/types.js';
import { createServer, prepareDatabase } from '../app.js';
import { loadCatalog, SqlDataSource } from '../sql/sql-data-source.js';
import { openPglite, openPostgres, type Db } from '../sql/db.js';

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__'];

/** A server on `db` with the conformance data; `token-invalid` names an agent that is not valid, `token-ghost` one that does not exist. */
async function fixture(db: Db) {
  await prepareDatabase(db, conformanceData());
  await db.exec("INSERT INTO users (login, first_name, last_name, valid_id) VALUES ('agent-gone', 'Gone', 'Away', 2)");
  const tokens = { 'token-me': CONFORMANCE_AGENT_ID, 'token-invalid': 'agent-gone', 'token-ghost': 'nobody-at-all' };
  const app = await createServer({ db, tokens, now: () => CONFORMANCE_NOW, agentCacheMs: 0 });
  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    app.fetch(
      new Request(`http://server/api${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${init.token ?? 'token-me'}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
      }),
    );
  const json = async (path: string) => (await call(path)).json();
  const send = (method: 'POST' | 'PUT', path: string, body: unknown, token?: string) => call(path, { method, body: JSON.stringify(body), token });
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  return { db, app, call, json, send, count };
}

/** One call of every kind: reads, searches, counts, notes, custom fields, customer users, preferences. */
const EVERY_KIND: [method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown][] = [
  ['GET', '/capabilities'],
  ['GET', '/agent'],
  ['GET', '/search/customers?term=big'],
  ['GET', '/search/customer-users?term=big'],
  ['GET', '/customer?id=BIG'],
  ['GET', '/customer-user?login=big.user01'],
  ['GET', '/customer-users?customerId=BIG'],
  ['GET', '/company-status?customerId=BIG'],
  ['GET', '/ticket-counts?customerId=BIG&view=all'],
  ['GET', '/tickets?customerId=BIG&view=all'],
  ['GET', '/customer-history?customerId=BIG'],
  ['GET', '/preferences?key=layout'],
  ['POST', '/ticket-counts/by-customer-user', { logins: ['big.user01'] }],
  ['POST', '/ticket-counts/by-customer', { customerIds: ['BIG'] }],
  ['POST', '/customer-notes?customerId=BIG', { text: 'written by nobody' }],
  ['PUT', '/customer?id=BIG', { customFields: { Tier: 'Stolen' }, version: '1' }],
  ['POST', '/customer-users', { login: 'intruder', customerId: 'BIG', firstName: 'I', lastName: 'N', email: 'i@n.example' }],
  ['PUT', '/customer-user?login=big.user01', { login: 'big.user01', customerId: 'BIG', firstName: 'I', lastName: 'N', email: 'i@n.example' }],
  ['PUT', '/preferences?key=layout', { value: 'theirs' }],
];

describe('adversarial: who may call', () => {
  let server: Awaited<ReturnType<typeof fixture>>;
  before(async () => (server = await fixture(await openPglite())));
  after(() => server.db.close());

  const callAs = (token: string, [method, path, body]: (typeof EVERY_KIND)[number]) =>
    server.call(path, { method, token, body: body === undefined ? undefined : JSON.stringify(body) });

  /** The rows a refused call must not have written. */
  const writes = () =>
    Promise.all([
      server.count('SELECT count(*) AS n FROM cic_customer_history'),
      server.count("SELECT count(*) AS n FROM customer_user WHERE login = 'intruder' OR first_name = 'I'"),
      server.count("SELECT count(*) AS n FROM cic_customer_fields WHERE fields LIKE '%Stolen%'"),
      server.count('SELECT count(*) AS n FROM user_preferences'),
    ]);

  it('refuses a token named like an Object.prototype member (401) on every kind of call, and writes nothing', async () => {
    const before = await writes();
    for (const name of PROTOTYPE_NAMES) {
      for (const call of EVERY_KIND) {
        const response = await callAs(name, call);
        assert.equal(response.status, 401, `Bearer ${name}: ${call[0]} ${call[1]}`);
      }
    }
    assert.deepEqual(await writes(), before);
  });

  it('refuses an agent that is not valid or does not exist (401) on every kind of call, and writes nothing', async () => {
    const before = await writes();
    for (const token of ['token-invalid', 'token-ghost']) {
      for (const call of EVERY_KIND) {
        const response = await callAs(token, call);
        assert.equal(response.status, 401, `${token}: ${call[0]} ${call[1]}`);
        assert.equal((await response.json()).title, 'Unauthorized');
      }
    }
    assert.deepEqual(await writes(), before, 'no note without an author, no customer user, field or preference');
  });

  it('refuses an agent made invalid while the server runs', async () => {
    await server.db.query(`UPDATE users SET valid_id = 2 WHERE login = $1`, [CONFORMANCE_AGENT_ID]);
    try {
      assert.equal((await server.call('/search/customers?term=big')).status, 401);
      assert.equal((await server.send('POST', '/customer-notes?customerId=BIG', { text: 'late' })).status, 401);
    } finally {
      await server.db.query(`UPDATE users SET valid_id = 1 WHERE login = $1`, [CONFORMANCE_AGENT_ID]);
    }
    assert.equal((await server.call('/search/customers?term=big')).status, 200);
  });

  it('answers request data named like Object.prototype members as plain data', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const sort = await server.call(`/tickets?customerId=BIG&view=all&sort=${name}:asc`);
      assert.equal(sort.status, 422, `sort=${name}`);
      assert.equal((await server.json(`/preferences?key=${name}`)).value, undefined, `nothing stored under ${name}`);
      assert.equal((await server.send('PUT', `/preferences?key=${name}`, { value: { kept: name } })).status, 204);
      assert.deepEqual((await server.json(`/preferences?key=${name}`)).value, { kept: name });
      assert.equal((await server.call(`/customer-user?login=${name}`)).status, 404);
    }
    const source = new SqlDataSource(server.db, await loadCatalog(server.db), { agentLogin: CONFORMANCE_AGENT_ID });
    for (const name of PROTOTYPE_NAMES) {
      const sort = { field: name as TicketSortField, direction: 'asc' as const };
      await assert.rejects(source.listTickets({ customerId: 'BIG' }, { view: 'all', filter: 'all', sort, page: { size: 5 } }), ValidationError, `sort ${name}`);
    }
    const counts = await (await server.send('POST', '/ticket-counts/by-customer-user', { logins: PROTOTYPE_NAMES })).json();
    assert.deepEqual(Object.keys(counts), PROTOTYPE_NAMES);
    for (const name of PROTOTYPE_NAMES) assert.deepEqual(counts[name], { open: 0, closed: 0 }, name);
    const version = (await server.json('/customer?id=BIG')).version;
    const fields = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": "t"}') as Record<string, string>;
    const changed = await server.send('PUT', '/customer?id=BIG', { customFields: fields, version });
    assert.equal(changed.status, 200);
    assert.deepEqual(Object.entries((await changed.json()).customFields), [['__proto__', 'p'], ['constructor', 'c'], ['toString', 't']]);
    const tooLong = await server.send('PUT', '/customer?id=BIG', {
      customFields: JSON.parse(`{"__proto__": "${'x'.repeat(300)}"}`),
      version: (await server.json('/customer?id=BIG')).version,
    });
    assert.equal(tooLong.status, 422, 'a label "__proto__" is checked like any other');
    assert.deepEqual(Object.entries((await tooLong.json()).errors), [['__proto__', 'too-long']]);
  });
});

describe('adversarial: bodies', () => {
  let server: Awaited<ReturnType<typeof fixture>>;
  before(async () => (server = await fixture(await openPglite())));
  after(() => server.db.close());

  it('answers a body declared larger than the limit 413 before reading it', async () => {
    const response = await server.call('/ticket-counts/by-customer', { method: 'POST', headers: { 'Content-Length': String(10 * 1024 * 1024) }, body: '{}' });
    assert.equal(response.status, 413);
    assert.equal((await response.json()).title, 'Body too large');
  });

  it('answers a body larger than the limit 413 (no Content-Length)', async () => {
    const big = JSON.stringify({ customerIds: Array.from({ length: 200 }, () => 'x'.repeat(400)) });
    const stream = new Blob([big]).stream();
    const response = await server.call('/ticket-counts/by-customer', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    assert.equal(response.status, 413);
  });

  it('requires Content-Type: application/json on writes (415)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '']) {
      for (const [method, path, body] of EVERY_KIND.filter(([m]) => m !== 'GET')) {
        const response = await server.call(path, { method, headers: { 'Content-Type': type }, body: JSON.stringify(body) });
        assert.equal(response.status, 415, `${type || 'no type'}: ${method} ${path}`);
      }
    }
    const charset = await server.call('/ticket-counts/by-customer', { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"customerIds":[]}' });
    assert.equal(charset.status, 200);
  });

  it('answers PUT /preferences without a value 422 and stores nothing', async () => {
    for (const [body, errors] of [
      [{}, { value: 'required' }],
      [{ values: 1 }, { value: 'required' }],
      [[], { body: 'must be an object' }],
      [null, { body: 'must be an object' }],
      ['x', { body: 'must be an object' }],
    ] as const) {
      const response = await server.send('PUT', '/preferences?key=empty', body);
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.deepEqual((await response.json()).errors, errors);
    }
    assert.deepEqual(await server.json('/preferences?key=empty'), {});
    assert.equal((await server.send('PUT', '/preferences?key=empty', { value: null })).status, 204, 'null is a value');
  });

  it('answers a 200 MB body streamed to a listening server 413 after reading a little of it, memory unchanged', async () => {
    const listening = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const node = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(node));
    });
    try {
      const { port } = listening.address() as AddressInfo;
      const total = 200 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 'x');
      chunk.write('{"customerIds":["');
      const memoryBefore = process.memoryUsage();
      const started = performance.now();
      const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = httpRequest({
          host: '127.0.0.1', port, method: 'POST', path: '/api/ticket-counts/by-customer',
          headers: { Authorization: 'Bearer token-me', 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        });
        const timer = setTimeout(() => req.destroy(new Error('no answer within 20 s')), 20_000);
        req.on('response', (response) => {
          answered = true;
          clearTimeout(timer);
          response.resume();
          req.destroy();
          resolve({ status: response.statusCode!, sent });
        });
        req.on('error', (error) => {
          if (!answered) reject(error);
        });
        // Chunks are written as the socket takes them: the sender never holds more than one.
        const write = () => {
          while (!answered && sent < total) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', write);
          }
          if (!answered) req.end();
        };
        write();
      });
      const elapsed = performance.now() - started;
      const memoryAfter = process.memoryUsage();
      assert.equal(status, 413);
      // Answered long before the body ended: the server stopped reading near the limit.
      assert.ok(sent < total / 4, `answered after ${sent} of ${total} bytes were sent`);
      const grewMb = (memoryAfter.rss - memoryBefore.rss) / 1024 / 1024;
      const heapMb = (memoryAfter.heapUsed - memoryBefore.heapUsed) / 1024 / 1024;
      assert.ok(heapMb < 8, `heap grew by ${heapMb.toFixed(1)} MB`);
      assert.ok(grewMb < 32, `rss grew by ${grewMb.toFixed(1)} MB`);
      console.log(`# 413 after ${elapsed.toFixed(0)} ms, ${(sent / 1024 / 1024).toFixed(1)} MB sent; rss +${grewMb.toFixed(1)} MB, heap +${heapMb.toFixed(1)} MB`);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});

describe('adversarial: writes that would corrupt data', () => {
  let server: Awaited<ReturnType<typeof fixture>>;
  before(async () => (server = await fixture(await openPglite())));
  after(() => server.db.close());

  const user = { customerId: 'BIG', firstName: 'Wri', lastName: 'Ter', email: 'writer@big.example' };

  it("refuses to change a customer user's login (its tickets would stay on the old one)", async () => {
    const ticketsBefore = await server.json('/ticket-counts?customerUserLogin=big.user01&view=all');
    const renamed = await server.send('PUT', '/customer-user?login=big.user01', { ...user, login: 'big.renamed' });
    assert.equal(renamed.status, 409);
    assert.equal((await renamed.json()).field, 'login');
    const recased = await server.send('PUT', '/customer-user?login=big.user01', { ...user, login: 'BIG.USER01' });
    assert.equal(recased.status, 409, 'a change of case is a change too');
    assert.equal((await server.call('/customer-user?login=big.renamed')).status, 404);
    assert.deepEqual(await server.json('/ticket-counts?customerUserLogin=big.user01&view=all'), ticketsBefore);
    const kept = await server.send('PUT', '/customer-user?login=big.user01', { ...user, login: ' big.user01 ' });
    assert.equal(kept.status, 200, 'the same login with spaces around it is no change');
  });

  it('stores logins and customer ids trimmed', async () => {
    const created = await server.send('POST', '/customer-users', { ...user, login: '  padded.login\t', customerId: ' BIG ' });
    assert.equal(created.status, 201);
    assert.deepEqual([(await created.json()).login], ['padded.login']);
    const { rows } = await server.db.query<{ login: string; customer_id: string }>("SELECT login, customer_id FROM customer_user WHERE login LIKE '%padded%'");
    assert.deepEqual(rows, [{ login: 'padded.login', customer_id: 'BIG' }]);
  });

  it('refuses a login that differs from an existing one only in case (409)', async () => {
    const response = await server.send('POST', '/customer-users', { ...user, login: 'Big.User01' });
    assert.equal(response.status, 409);
    assert.equal((await response.json()).field, 'login');
    assert.equal(await server.count("SELECT count(*) AS n FROM customer_user WHERE lower(login) = 'big.user01'"), 1);
  });

  it('refuses "valid" that is not a boolean (422)', async () => {
    for (const valid of ['false', 0, 1, 'no', {}, []]) {
      const response = await server.send('PUT', '/customer-user?login=big.user02', { ...user, login: 'big.user02', valid });
      assert.equal(response.status, 422, JSON.stringify(valid));
      assert.deepEqual((await response.json()).errors, { valid: 'must be true or false' });
    }
    const invalidated = await server.send('PUT', '/customer-user?login=big.user02', { ...user, login: 'big.user02', valid: false });
    assert.equal((await invalidated.json()).valid, false);
  });

  it('refuses a custom-field change without the version it was made on (422)', async () => {
    const before = await server.json('/customer?id=BIG');
    for (const body of [{ customFields: { Tier: 'Blind' } }, { customFields: { Tier: 'Blind' }, version: '' }]) {
      const response = await server.send('PUT', '/customer?id=BIG', body);
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.equal((await response.json()).errors.version, 'required');
    }
    assert.deepEqual(await server.json('/customer?id=BIG'), before);
  });
});

/** 40 writes of one preference at once leave exactly one row, holding one of the values written. */
async function concurrentPreferenceWrites(db: Db) {
  const server = await fixture(db);
  const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => server.send('PUT', '/preferences?key=race', { value: i })));
  assert.deepEqual([...new Set(responses.map((r) => r.status))], [204]);
  assert.equal(await server.count("SELECT count(*) AS n FROM user_preferences WHERE preferences_key = 'CIC:race'"), 1);
  const { value } = await server.json('/preferences?key=race');
  assert.ok(Number.isInteger(value) && value >= 0 && value < 40, `the stored value ${value}`);
}

describe('adversarial: concurrent preference writes', () => {
  it('leave exactly one row (PGlite)', async () => {
    const db = await openPglite();
    try {
      await concurrentPreferenceWrites(db);
    } finally {
      await db.close();
    }
  });

  const postgresUrl = process.env.CIC_TEST_DATABASE_URL;
  it('leave exactly one row (PostgreSQL)', { skip: postgresUrl ? false : 'no PostgreSQL: run with scripts/with-postgres.sh' }, async () => {
    const db = await openPostgres(postgresUrl!, { max: 10, connectionTimeoutMillis: 30_000 });
    try {
      await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      await concurrentPreferenceWrites(db);
    } finally {
      await db.close();
    }
  });
});

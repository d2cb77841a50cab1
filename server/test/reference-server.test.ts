import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { runDataSourceConformance } from '../../src/testing.js';
import { createServer, prepareDatabase, type ServerOptions } from '../app.js';
import { testServer, TOKENS } from './fixture.js';
import { openPglite, openPostgres, type Db } from '../sql/db.js';
import { CIC_INDEXES } from '../sql/schema.js';
import { readFile } from 'node:fs/promises';

/** A server on a fresh PGlite with the conformance data; `agent-limited` may read the Support queue only. */
const fixture = (options: Partial<ServerOptions> = {}) => testServer(() => openPglite(), options);

describe('reference server', () => {
  let server: Awaited<ReturnType<typeof fixture>>;
  before(async () => (server = await fixture()));
  after(() => server.db.close());

  it('refuses requests without a known bearer token (401)', async () => {
    const none = await server.app.fetch(new Request('http://server/api/capabilities'));
    assert.equal(none.status, 401);
    assert.equal((await server.call('/capabilities', { token: 'stolen' })).status, 401);
  });

  it('counts and lists only tickets in queues the agent may read', async () => {
    const data = conformanceData();
    const support = data.tickets.filter((t) => t.customerId === 'BIG' && t.queueId === 'q1');
    const all = data.tickets.filter((t) => t.customerId === 'BIG');
    assert.ok(support.length < all.length, 'the fixture must have tickets in another queue');
    const mine = await server.json('/company-status?customerId=BIG');
    const limited = await server.json('/company-status?customerId=BIG', { token: 'token-limited' });
    assert.equal(mine.all, all.length);
    assert.equal(limited.all, support.length);
    const counts = await server.json('/ticket-counts?customerId=BIG&view=all', { token: 'token-limited' });
    assert.equal(counts.all, support.length);
    const page = await server.json('/tickets?customerId=BIG&view=all&size=100', { token: 'token-limited' });
    assert.deepEqual(page.items.map((t: { queueName: string }) => t.queueName).filter((q: string) => q !== 'Support'), []);
    assert.equal(page.total.value, support.length);
    const byUser = await server.json('/ticket-counts/by-customer-user', { method: 'POST', body: JSON.stringify({ logins: ['big.user01'] }), token: 'token-limited' });
    const user01 = support.filter((t) => t.customerUserLogin === 'big.user01').length;
    assert.equal(byUser['big.user01'].open + byUser['big.user01'].closed, user01);
  });

  it('reuses an agent\'s permissions for the cache time only', async () => {
    const cached = await fixture({ agentCacheMs: 200 });
    try {
      const allOf = async () => (await cached.json('/company-status?customerId=BIG', { token: 'token-limited' })).all as number;
      const before = await allOf();
      await cached.db.exec("UPDATE group_user SET permission_key = 'rw', group_id = 2 WHERE user_id = (SELECT id FROM users WHERE login = 'agent-limited')");
      assert.equal(await allOf(), before, 'within the cache time the permissions read first still hold');
      await new Promise((resolve) => setTimeout(resolve, 250));
      assert.notEqual(await allOf(), before, 'after the cache time the new permissions hold');
    } finally {
      await cached.db.close();
    }
  });

  it('answers hostile input correctly or with 422, never 500, and changes nothing', async () => {
    const corpus = ["'", ';', '--', '%', '_', '*', '\\', '\u0000', 'x'.repeat(10_000), "' OR 1=1 --", "'); DROP TABLE ticket; --", '$1', '${}', '\uFFFF'];
    const before = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM ticket');
    const paths = (v: string) => {
      const e = encodeURIComponent(v);
      return [
        `/search/customers?term=${e}`, `/search/customer-users?term=${e}`, `/customer?id=${e}`, `/customer-user?login=${e}`,
        `/customer-users?customerId=${e}&filter=${e}`, `/company-status?customerId=${e}`, `/ticket-counts?customerId=${e}&view=all`,
        `/tickets?customerId=${e}&view=all&cursor=${e}`, `/tickets?customerUserLogin=${e}&access=accessible&view=open&sort=${e}`,
        `/tickets?customerId=BIG&view=${e}&filter=${e}&size=${e}`, `/preferences?key=${e}`,
      ];
    };
    for (const value of corpus) {
      for (const path of paths(value)) {
        const response = await server.call(path);
        assert.ok([200, 404, 422].includes(response.status), `${path.slice(0, 80)} → ${response.status}`);
        const body = await response.text();
        assert.ok(!/at .+\.(ts|js):\d+/.test(body), `a stack trace in ${path.slice(0, 60)}`);
      }
      for (const [path, body] of [
        ['/ticket-counts/by-customer-user', { logins: [value] }],
        ['/ticket-counts/by-customer', { customerIds: [value] }],
        ['/customer-users', { login: value, customerId: value, firstName: value, lastName: value, email: `${value}@x.example` }],
      ] as const) {
        const response = await server.call(path, { method: 'POST', body: JSON.stringify(body) });
        assert.ok([200, 201, 409, 422].includes(response.status), `POST ${path} → ${response.status}`);
      }
    }
    const after = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM ticket');
    assert.equal(after.rows[0].n, before.rows[0].n);
    const special = await server.json(`/search/customers?term=${encodeURIComponent("o'brien; --")}`);
    assert.deepEqual(special.items.map((c: { id: string }) => c.id), ["O'Brien; --Ltd"]);
  });

  it('keeps the count summary right when tickets are written', async () => {
    const before = await server.json('/company-status?customerId=BIG');
    await server.db.query(`INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id,
        ticket_state_id, customer_id, customer_user_id, until_time, escalation_time, create_time, change_time)
      SELECT 99999, 'NEW-1', 'Written', q.id, 1, 1, 1, 3, s.id, 'BIG', 'big.user01', 0, 0, now(), now()
      FROM queue q, ticket_state s WHERE q.name = 'Support' AND s.name = 'new'`);
    const inserted = await server.json('/company-status?customerId=BIG');
    assert.equal(inserted.all, before.all + 1);
    assert.equal(inserted.byCategory.new, before.byCategory.new + 1);
    await server.db.query("UPDATE ticket SET ticket_state_id = (SELECT id FROM ticket_state WHERE name = 'closed successful') WHERE id = 99999");
    const closed = await server.json('/company-status?customerId=BIG');
    assert.deepEqual([closed.all, closed.byCategory.new, closed.closed], [before.all + 1, before.byCategory.new, before.closed + 1]);
    await server.db.query('DELETE FROM ticket WHERE id = 99999');
    assert.deepEqual(await server.json('/company-status?customerId=BIG'), before);
  });

  it('documents exactly the indexes it creates (docs/SERVER.md)', async () => {
    const statements = (sql: string) => sql.replaceAll(' IF NOT EXISTS', '').split(';').map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x.startsWith('CREATE INDEX'));
    const docs = await readFile(new URL('../../docs/SERVER.md', import.meta.url), 'utf8');
    const documented = statements(/```sql\n(CREATE INDEX[\s\S]*?)```/.exec(docs)?.[1] ?? '');
    assert.deepEqual(documented, statements(CIC_INDEXES));
  });

  it('checks every query against openapi.yaml', async () => {
    const response = await server.call('/tickets?customerId=BIG&view=someday&size=1000&withCounts=maybe');
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors, {
      view: 'must be one of reminder, escalated, new, open, closed, all',
      size: 'must be at most 100',
      withCounts: 'must be true or false',
    });
    const missing = await server.call('/company-status');
    assert.deepEqual((await missing.json()).errors, { customerId: 'required' });
  });

  it('caps page size, term length and body size', async () => {
    assert.equal((await server.call('/tickets?customerId=BIG&view=all&size=101')).status, 422);
    assert.equal((await server.call(`/search/customers?term=${'a'.repeat(201)}`)).status, 422);
    const big = JSON.stringify({ logins: Array.from({ length: 400 }, () => 'x'.repeat(200)) });
    assert.equal((await server.call('/ticket-counts/by-customer-user', { method: 'POST', body: big })).status, 413);
  });
});

describe('reference server, read only', () => {
  it('declares and refuses writes, preferences too (the elements keep them in the browser)', async () => {
    const server = await fixture({ readOnly: true });
    try {
      assert.equal((await server.json('/capabilities')).writeCustomerUsers, false);
      const create = await server.call('/customer-users', {
        method: 'POST', body: JSON.stringify({ login: 'n', customerId: 'SMALL', firstName: 'N', lastName: 'N', email: 'n@x.example' }),
      });
      assert.equal(create.status, 403);
      assert.equal((await server.json('/capabilities')).preferences, false);
      assert.equal((await server.call('/preferences?key=layout', { method: 'PUT', body: JSON.stringify({ value: { a: 1 } }) })).status, 403);
      assert.deepEqual(await server.json('/preferences?key=layout'), {});
    } finally {
      await server.db.close();
    }
  });
});

describe('reference server, CORS', () => {
  it('answers only the configured origins', async () => {
    const server = await fixture({ corsOrigins: ['https://helpdesk.example'] });
    try {
      const allowed = await server.call('/capabilities', { headers: { Origin: 'https://helpdesk.example' } });
      assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), 'https://helpdesk.example');
      const other = await server.call('/capabilities', { headers: { Origin: 'https://evil.example' } });
      assert.notEqual(other.headers.get('Access-Control-Allow-Origin'), 'https://evil.example');
    } finally {
      await server.db.close();
    }
  });

  it('lets browsers keep a preflight\'s answer and read Retry-After', async () => {
    const server = await fixture({ corsOrigins: ['https://helpdesk.example'] });
    try {
      const preflight = await server.app.fetch(new Request('http://server/api/tickets?customerId=BIG&view=all', {
        method: 'OPTIONS',
        headers: { Origin: 'https://helpdesk.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      }));
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), 'https://helpdesk.example');
      assert.equal(preflight.headers.get('Access-Control-Max-Age'), '600');
      assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /authorization/i);
      const actual = await server.call('/tickets?customerId=BIG&view=all', { headers: { Origin: 'https://helpdesk.example' } });
      assert.equal(actual.status, 200);
      assert.equal(actual.headers.get('Access-Control-Allow-Origin'), 'https://helpdesk.example');
      assert.match(actual.headers.get('Access-Control-Expose-Headers') ?? '', /(^|,)\s*Retry-After\s*(,|$)/i);
      const refused = await server.call('/tickets?customerId=BIG&view=all', { token: 'stolen', headers: { Origin: 'https://helpdesk.example' } });
      assert.equal(refused.status, 401);
      assert.match(refused.headers.get('Access-Control-Expose-Headers') ?? '', /Retry-After/i, 'error answers expose it too');
    } finally {
      await server.db.close();
    }
  });
});

const postgresUrl = process.env.CIC_TEST_DATABASE_URL;

describe('reference server on PostgreSQL', { skip: postgresUrl ? false : 'no PostgreSQL: set CIC_TEST_DATABASE_URL (CI installs one)' }, () => {
  it('answers 503 with Retry-After when the pool is exhausted', async () => {
    const db: Db = await openPostgres(postgresUrl!, { max: 1, connectionTimeoutMillis: 200 });
    try {
      await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      await prepareDatabase(db, conformanceData());
      const app = await createServer({ db, tokens: TOKENS, now: () => CONFORMANCE_NOW });
      const busy = db.query('SELECT pg_sleep(1)');
      const response = await app.fetch(new Request('http://server/api/company-status?customerId=BIG', { headers: { Authorization: 'Bearer token-me' } }));
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('Retry-After'), '1');
      await busy;
    } finally {
      await db.close();
    }
  });
});

// The conformance suite, over real HTTP on loopback: HttpDataSource → this server → PostgreSQL.
if (postgresUrl) {
  const { serve } = await import('@hono/node-server');
  let db: Db | undefined;
  let close: (() => void) | undefined;
  after(async () => {
    close?.();
    await db?.close();
  });
  let runs = 0;
  runDataSourceConformance('HttpDataSource → reference server → PostgreSQL', async ({ data, now, agentId }) => {
    close?.();
    db ??= await openPostgres(postgresUrl, { max: 5 });
    await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await prepareDatabase(db, data);
    const app = await createServer({ db, tokens: { 'token-me': agentId }, now: () => now });
    const port = 18787 + (runs++ % 100);
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve());
      close = () => server.close();
    });
    return HttpDataSource.connect({ baseUrl: `http://127.0.0.1:${port}/api`, headers: { Authorization: 'Bearer token-me' }, now: () => now });
  }, { describe, it });
}

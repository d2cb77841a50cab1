// Read replicas (DATABASE_READ_URL): reads to a replica, writes to the primary, and an agent reads
// its own writes. The parts on PostgreSQL need a streaming standby:
// CIC_TEST_PG_STANDBY=1 bash scripts/with-postgres.sh node --import tsx --test server/test/replicas.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { runDataSourceConformance } from '../../src/testing.js';
import { createServer, prepareDatabase } from '../app.js';
import { openPglite, openPostgres, withReplicas, type Db, type Queryable } from '../sql/db.js';
import { UnavailableError } from '../../src/data/contract/errors.js';

/** `db`, counting the statements that reach it (query, exec, copy and transactions alike). */
function counting(db: Db): Db & { count: number } {
  const counted = {
    count: 0,
    kind: db.kind,
    query: <R>(sql: string, params?: unknown[]) => (counted.count++, db.query<R>(sql, params)),
    exec: (sql: string) => (counted.count++, db.exec(sql)),
    copyRows: (table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>) => (counted.count++, db.copyRows(table, columns, rows)),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => (counted.count++, db.transaction(work)),
    close: () => db.close(),
  };
  return counted;
}

describe('withReplicas', () => {
  const fake = (name: string) => ({ name, kind: 'postgresql', query: async () => ({ rows: [{ name }] }) }) as unknown as Db;

  it('is the primary itself without replicas', () => {
    const primary = fake('primary');
    assert.equal(withReplicas(primary, []), primary);
  });

  /** Which database answers the next read of `agent`. */
  const readsFrom = async (db: Db, agent: string) => ((await db.readerFor!(agent).query('SELECT 1')).rows[0] as { name: string }).name;

  it('hands out the replicas in turn, and the primary to an agent that wrote a moment ago', async () => {
    let time = 1000;
    const [primary, a, b] = [fake('primary'), fake('a'), fake('b')];
    const db = withReplicas(primary, [a, b], { readYourWritesMs: 5000, now: () => time });
    assert.deepEqual([await readsFrom(db, 'x'), await readsFrom(db, 'x'), await readsFrom(db, 'y')], ['a', 'b', 'a']);
    db.wrote!('x');
    assert.equal(await readsFrom(db, 'x'), 'primary', 'the writer reads from the primary');
    assert.equal(await readsFrom(db, 'y'), 'b', 'another agent still reads from a replica');
    time += 4999;
    assert.equal(await readsFrom(db, 'x'), 'primary');
    time += 1;
    assert.equal(await readsFrom(db, 'x'), 'a', 'after the window the writer reads from a replica again');
  });

  it('never sends reads to the primary with a window of 0', async () => {
    const [primary, replica] = [fake('primary'), fake('replica')];
    const db = withReplicas(primary, [replica], { readYourWritesMs: 0 });
    db.wrote!('x');
    assert.equal(await readsFrom(db, 'x'), 'replica');
  });

  it('asks the primary when a replica cannot answer, leaves that replica out for a while, then tries it again', async (t) => {
    t.mock.method(console, 'warn', () => {});
    let time = 0;
    let bDown = true;
    const asked: string[] = [];
    const b = {
      ...fake('b'),
      query: async () => {
        asked.push('b');
        if (bDown) throw new UnavailableError('The database is not available', 2000);
        return { rows: [{ name: 'b' }] };
      },
    } as unknown as Db;
    const db = withReplicas(fake('primary'), [fake('a'), b], { replicaRetryMs: 10_000, now: () => time });
    assert.equal(await readsFrom(db, 'x'), 'a');
    assert.equal(await readsFrom(db, 'x'), 'primary', 'the read the replica could not answer is answered by the primary');
    assert.deepEqual(await Promise.all([1, 2, 3].map(() => readsFrom(db, 'x'))), ['a', 'a', 'a'], 'the replica that is down is left out');
    assert.deepEqual(asked, ['b'], 'and not asked meanwhile');
    bDown = false;
    time += 10_000;
    assert.deepEqual([await readsFrom(db, 'x'), await readsFrom(db, 'x')].sort(), ['a', 'b'], 'after the pause it is tried again');
  });

  it('sends every read to the primary while all replicas are down', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const down = { ...fake('down'), query: async () => Promise.reject(new UnavailableError('The database is not available', 2000)) } as unknown as Db;
    const db = withReplicas(fake('primary'), [down], { now: () => 0 });
    assert.deepEqual([await readsFrom(db, 'x'), await readsFrom(db, 'y')], ['primary', 'primary']);
  });

  it('passes on a read\'s own error (a bad query is not a replica down)', async () => {
    const failing = { ...fake('failing'), query: async () => Promise.reject(new Error('syntax error')) } as unknown as Db;
    const db = withReplicas(fake('primary'), [failing]);
    await assert.rejects(readsFrom(db, 'x'), /syntax error/);
  });
});

describe('reference server with a read replica', () => {
  // One PGlite seen twice, counted apart: which "pool" each statement goes to is what is tested.
  let base: Db;
  let primary: ReturnType<typeof counting>;
  let replica: ReturnType<typeof counting>;
  let time = 0;
  let app: Awaited<ReturnType<typeof createServer>>;
  const call = (path: string, init: RequestInit = {}) =>
    app.fetch(new Request(`http://server/api${path}`, { ...init, headers: { Authorization: 'Bearer token-me', 'Content-Type': 'application/json' } }));

  before(async () => {
    base = await openPglite();
    await prepareDatabase(base, conformanceData());
    primary = counting(base);
    replica = counting(base);
    app = await createServer({
      db: withReplicas(primary, [replica], { readYourWritesMs: 5000, now: () => time }),
      tokens: { 'token-me': CONFORMANCE_AGENT_ID },
      now: () => CONFORMANCE_NOW,
    });
  });
  after(() => base.close());

  it('sends reads to the replica, writes to the primary, and the writer\'s next reads to the primary', async () => {
    let [p, r] = [primary.count, replica.count];
    assert.equal((await call('/company-status?customerId=BIG')).status, 200);
    assert.equal((await call('/tickets?customerId=BIG&view=all&size=5')).status, 200);
    assert.equal(primary.count, p, 'no read reached the primary');
    assert.ok(replica.count > r, 'the reads reached the replica');

    [p, r] = [primary.count, replica.count];
    const written = await call('/customer-notes?customerId=BIG', { method: 'POST', body: JSON.stringify({ text: 'read your writes' }) });
    assert.equal(written.status, 201);
    assert.equal(primary.count, p + 1, 'the write reached the primary');

    [p, r] = [primary.count, replica.count];
    const history = await call('/customer-history?customerId=BIG&size=5');
    assert.equal(history.status, 200);
    assert.ok((await history.text()).includes('read your writes'));
    assert.ok(primary.count > p, 'right after its write the agent reads from the primary');
    assert.equal(replica.count, r);

    time += 5000;
    [p, r] = [primary.count, replica.count];
    assert.equal((await call('/customer-history?customerId=BIG&size=5')).status, 200);
    assert.equal(primary.count, p, 'after the window the agent reads from the replica again');
    assert.ok(replica.count > r);
  });

  it('counts a preference (a transaction) as a write too', async () => {
    time += 10_000;
    const p = primary.count;
    assert.equal((await call('/preferences?key=k', { method: 'PUT', body: JSON.stringify({ value: 1 }) })).status, 204);
    assert.ok(primary.count > p);
    const r = replica.count;
    assert.deepEqual(await (await call('/preferences?key=k')).json(), { value: 1 });
    assert.equal(replica.count, r, 'read from the primary right after the write');
  });
});

const primaryUrl = process.env.CIC_TEST_DATABASE_URL;
const standbyUrl = process.env.CIC_TEST_DATABASE_READ_URL;
const noStandby = primaryUrl && standbyUrl ? false : 'no streaming standby: run under CIC_TEST_PG_STANDBY=1 bash scripts/with-postgres.sh';

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp(primary: Queryable, standby: Queryable) {
  const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  for (let i = 0; i < 300; i++) {
    const replayed = await standby.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [rows[0].lsn]);
    if (replayed.rows[0].ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the standby did not catch up');
}

describe('a PostgreSQL streaming standby as the read replica', { skip: noStandby }, () => {
  it('is a standby (in recovery), and refuses writes', async () => {
    const standby = await openPostgres(standbyUrl!, { max: 1 });
    try {
      assert.equal((await standby.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0].r, true);
      await assert.rejects(standby.query('CREATE TABLE cic_nothing (a int)'), /read-only transaction/);
    } finally {
      await standby.close();
    }
  });
});

// The conformance suite over HTTP, with reads on the standby and writes on the primary: writes
// followed at once by reads (create, then get; note, then history) hold only if the writer reads its own writes.
if (!noStandby) {
  const { serve } = await import('@hono/node-server');
  let primary: ReturnType<typeof counting> | undefined;
  let standby: ReturnType<typeof counting> | undefined;
  let db: Db | undefined;
  let close: (() => void) | undefined;
  after(async () => {
    close?.();
    if (!db) return; // the suites were filtered out
    await db.close();
    // Every suite's reads went to the standby, its writes to the primary.
    assert.ok(standby!.count > 0, 'reads reached the standby');
    assert.ok(primary!.count > 0, 'writes reached the primary');
  });
  let runs = 0;
  runDataSourceConformance('HttpDataSource → reference server → PostgreSQL primary + streaming standby', async ({ data, now, agentId }) => {
    close?.();
    if (!db) {
      primary = counting(await openPostgres(primaryUrl!, { max: 5 }));
      standby = counting(await openPostgres(standbyUrl!, { max: 5 }));
      db = withReplicas(primary, [standby]);
    }
    await primary!.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await prepareDatabase(primary!, data);
    await caughtUp(primary!, standby!);
    const app = await createServer({ db, tokens: { 'token-me': agentId }, now: () => now });
    const port = 18687 + (runs++ % 100);
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve());
      close = () => server.close();
    });
    return HttpDataSource.connect({ baseUrl: `http://127.0.0.1:${port}/api`, headers: { Authorization: 'Bearer token-me' }, now: () => now });
  }, { describe, it });
}

// Last, as it stops the standby for a while: an operator's restart of a replica costs no request.
const standbyCtl = process.env.CIC_TEST_PG_STANDBY_CTL;
describe('a standby that goes away', { skip: noStandby || (!standbyCtl && 'no way to stop the standby (CIC_TEST_PG_STANDBY_CTL)') }, () => {
  it('answers every read from the primary meanwhile, and reads from the standby again once it is back', async (t) => {
    t.mock.method(console, 'warn', () => {});
    const { execFileSync } = await import('node:child_process');
    const primary = counting(await openPostgres(primaryUrl!, { max: 2 }));
    const standby = counting(await openPostgres(standbyUrl!, { max: 2, connectionTimeoutMillis: 1000 }));
    let time = 0;
    const db = withReplicas(primary, [standby], { replicaRetryMs: 5000, now: () => time });
    let app: Awaited<ReturnType<typeof createServer>>;
    const read = async () => {
      const response = await app.fetch(new Request('http://server/api/company-status?customerId=BIG', { headers: { Authorization: 'Bearer token-me' } }));
      return response.status;
    };
    try {
      await primary.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      await prepareDatabase(primary, conformanceData());
      await caughtUp(primary, standby);
      app = await createServer({ db, tokens: { 'token-me': CONFORMANCE_AGENT_ID }, now: () => CONFORMANCE_NOW });
      assert.equal(await read(), 200);
      execFileSync(standbyCtl!, ['stop']);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await read());
      assert.deepEqual(statuses, [200, 200, 200, 200, 200], 'no read failed while the standby was down');
      execFileSync(standbyCtl!, ['start']);
      time += 5000;
      const before = standby.count;
      for (let i = 0; i < 3 && standby.count === before; i++) assert.equal(await read(), 200);
      assert.ok(standby.count > before, 'the standby serves reads again');
    } finally {
      try {
        execFileSync(standbyCtl!, ['start'], { stdio: 'ignore' }); // in case the test stopped before starting it again
      } catch {
        // already running
      }
      await db.close();
    }
  });
});


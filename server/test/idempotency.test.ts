import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { idempotency, sqlIdempotencyStore } from '../idempotency.js';
import { createServer } from '../app.js';
import { DATABASES, testServer, TOKENS, type TestServer } from './fixture.js';
import { createRestApi } from '../rest-api.js';

function api() {
  const source = new InMemoryDataSource(conformanceData(), { now: CONFORMANCE_NOW, currentAgentId: CONFORMANCE_AGENT_ID });
  const app = createRestApi({ sourceFor: () => source });
  const customerId = conformanceData().customers[0].id;
  const addNote = (key: string | undefined, text = 'Called back', token = 'a') =>
    app.fetch(new Request(`http://server/customer-notes?customerId=${encodeURIComponent(customerId)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'Idempotency-Key': key }) },
      body: JSON.stringify({ text }),
    }));
  const notes = async () => {
    const page = await source.listCustomerHistory!(customerId, { page: { size: 100 } });
    return page.items.filter((entry) => entry.kind === 'note').length;
  };
  return { addNote, notes };
}

describe('Idempotency-Key', () => {
  it('answers a repeated write with the first result, without writing again', async () => {
    const { addNote, notes } = api();
    const before = await notes();
    const first = await addNote('key-1');
    const again = await addNote('key-1');
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await again.json(), await first.json());
    assert.equal(await notes(), before + 1);
  });

  it('writes again for another key, another agent, or no key', async () => {
    const { addNote, notes } = api();
    const before = await notes();
    await addNote('key-1');
    await addNote('key-2');
    await addNote('key-1', 'Called back', 'another agent');
    await addNote(undefined);
    await addNote(undefined);
    assert.equal(await notes(), before + 5);
  });

  it('lets a concurrent repeat wait for the first, and writes once', async () => {
    const { addNote, notes } = api();
    const before = await notes();
    const answers = await Promise.all([addNote('same'), addNote('same'), addNote('same')]);
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    assert.deepEqual(bodies[1], bodies[0]);
    assert.deepEqual(bodies[2], bodies[0]);
    assert.equal(await notes(), before + 1);
  });

  it('keeps no failure: the same key may try again', async () => {
    const { addNote, notes } = api();
    const before = await notes();
    assert.equal((await addNote('key', '')).status, 422);
    assert.equal((await addNote('key', 'Now with text')).status, 201);
    assert.equal(await notes(), before + 1);
  });

  it('refuses a malformed key with 422 naming the header', async () => {
    const { addNote } = api();
    const answer = await addNote('x'.repeat(201));
    assert.equal(answer.status, 422);
    assert.ok('Idempotency-Key' in (await answer.json()).errors);
  });

  it('forgets answers after their time, and keeps at most the most recent', async () => {
    let time = 0;
    let writes = 0;
    const app = new Hono();
    app.use('*', idempotency({ ttlMs: 1000, maxEntries: 2, now: () => time }));
    app.post('/', (c) => c.json({ write: ++writes }));
    const post = async (key: string) => (await (await app.fetch(new Request('http://server/', { method: 'POST', headers: { 'Idempotency-Key': key } }))).json()).write;
    assert.equal(await post('a'), 1);
    assert.equal(await post('a'), 1);
    time = 1001;
    assert.equal(await post('a'), 2, 'expired');
    await post('b');
    await post('c');
    assert.equal(await post('a'), 5, 'the oldest went when the store was full');
    assert.equal(await post('c'), 4);
  });
});

// Several processes of the server over one database: a repeat that reaches another process is
// still recognized, because the first answer is kept in `cic_idempotency`.
for (const { name, open } of DATABASES) {
  describe(`Idempotency-Key shared by processes (${name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await testServer(open);
    });
    after(() => server.db.close());

    /** Another process of the same server: its own app, middleware and caches, the same database. */
    const anotherProcess = async () => {
      const app = await createServer({ db: server.db, tokens: TOKENS, now: () => CONFORMANCE_NOW });
      return (path: string, init: RequestInit = {}) =>
        app.fetch(new Request(`http://server/api${path}`, { ...init, headers: { Authorization: 'Bearer token-me', 'Content-Type': 'application/json', ...(init.headers ?? {}) } }));
    };
    const customerId = conformanceData().customers[0].id;
    const note = (key: string, text = 'Called back') => ({
      method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify({ text }),
    });
    const notes = async () => {
      const page = await server.json(`/customer-history?customerId=${encodeURIComponent(customerId)}&size=100`);
      return page.items.filter((entry: { kind: string }) => entry.kind === 'note').length;
    };
    const path = `/customer-notes?customerId=${encodeURIComponent(customerId)}`;

    it('answers a repeat that reaches another process with the first answer, and writes once', async () => {
      const [a, b] = [await anotherProcess(), await anotherProcess()];
      const before = await notes();
      const first = await a(path, note('shared-1'));
      const again = await b(path, note('shared-1'));
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
      assert.deepEqual(await again.json(), await first.json());
      assert.equal(await notes(), before + 1);
    });

    it('writes once when repeats reach several processes at the same time', async () => {
      const processes = [await anotherProcess(), await anotherProcess(), await anotherProcess()];
      const before = await notes();
      const answers = await Promise.all(processes.map((call) => call(path, note('shared-2'))));
      assert.deepEqual(answers.map((answer) => answer.status), [201, 201, 201]);
      const bodies = await Promise.all(answers.map((answer) => answer.json()));
      assert.deepEqual(bodies[1], bodies[0]);
      assert.deepEqual(bodies[2], bodies[0]);
      assert.equal(await notes(), before + 1);
    });

    it('keeps no failure: after a refused write another process may try the key again', async () => {
      const [a, b] = [await anotherProcess(), await anotherProcess()];
      const before = await notes();
      assert.equal((await a(path, note('shared-3', ''))).status, 422);
      assert.equal((await b(path, note('shared-3', 'Now with text'))).status, 201);
      assert.equal(await notes(), before + 1);
    });

    it('keeps neither the key nor the credentials in the clear', async () => {
      const call = await anotherProcess();
      await call(path, note('a-key-to-look-for'));
      const { rows } = await server.db.query<{ id: string }>('SELECT id FROM cic_idempotency');
      assert.ok(rows.length > 0);
      for (const { id } of rows) {
        assert.ok(!id.includes('a-key-to-look-for') && !id.includes('token-me'), id);
      }
    });

    it('frees the claim of a process that died before it answered, and an answer whose time is up', async () => {
      let writes = 0;
      const app = new Hono();
      app.use('*', idempotency({ store: sqlIdempotencyStore(server.db, { abandonedAfterMs: 50, pollMs: 10 }), ttlMs: 50 }));
      app.post('/', (c) => c.json({ write: ++writes }));
      const post = async (key: string) => (await (await app.fetch(new Request('http://server/', { method: 'POST', headers: { 'Idempotency-Key': key } }))).json()).write;
      // A claim without an answer, as a process leaves it when it dies mid-write.
      const id = 'left-by-a-dead-process';
      await server.db.query(`INSERT INTO cic_idempotency (id, claimed_at, expires_at) VALUES ($1, now(), now() + interval '1 hour')`, [id]);
      const store = sqlIdempotencyStore(server.db, { abandonedAfterMs: 50 });
      assert.equal(await store.claim(id, 60_000), 'running');
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(await store.claim(id, 60_000), 'run', 'free once the claim is older than abandonedAfterMs');
      assert.equal(await post('k'), 1);
      assert.equal(await post('k'), 1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(await post('k'), 2, 'the answer expired');
    });
  });
}

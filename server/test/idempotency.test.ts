import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { idempotency } from '../idempotency.js';
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

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONFORMANCE_AGENT_ID } from '../../src/testing/conformance-data.js';
import { CursorCodec, type Cursor, type CursorBinding } from '../sql/cursors.js';
import { testServer, type TestServer } from './fixture.js';

const SECRET = 'cursor-test-secret';

describe('page cursors: opaque and tamper-proof', () => {
  let server: TestServer;
  before(async () => (server = await testServer(undefined, { cursorSecret: SECRET })));
  after(() => server.db.close());

  const invalid = async (path: string, token?: string) => {
    const response = await server.call(path, { token });
    assert.equal(response.status, 422, path);
    assert.deepEqual((await response.json()).errors, { cursor: 'Invalid cursor' }, path);
  };
  const nextOf = async (path: string) => {
    const page = await server.json(path);
    assert.ok(page.nextCursor, `${path} has a next page`);
    return encodeURIComponent(page.nextCursor as string);
  };

  it('pages on with its own cursor, keeping the total', async () => {
    const first = await server.json('/tickets?customerId=BIG&view=all&size=2');
    const second = await server.json(`/tickets?customerId=BIG&view=all&size=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.equal(second.total.value, first.total.value);
    assert.notDeepEqual(second.items, first.items);
  });

  it('refuses a ticket cursor of one customer for another (the total of the first must not come back)', async () => {
    const cursor = await nextOf('/tickets?customerId=BIG&view=all&size=2');
    await invalid(`/tickets?customerId=SMALL&view=all&size=2&cursor=${cursor}`);
  });

  it('refuses a ticket cursor for another view, filter, sort, scope or agent', async () => {
    const cursor = await nextOf('/tickets?customerId=BIG&view=all&size=2&sort=priority:asc');
    await invalid(`/tickets?customerId=BIG&view=open&size=2&sort=priority:asc&cursor=${cursor}`);
    await invalid(`/tickets?customerId=BIG&view=all&filter=my-queues&size=2&sort=priority:asc&cursor=${cursor}`);
    await invalid(`/tickets?customerId=BIG&view=all&size=2&sort=priority:desc&cursor=${cursor}`);
    await invalid(`/tickets?customerId=BIG&view=all&size=2&sort=title:asc&cursor=${cursor}`);
    await invalid(`/tickets?customerUserLogin=big.user01&view=all&size=2&sort=priority:asc&cursor=${cursor}`);
    await invalid(`/tickets?customerId=BIG&view=all&size=2&sort=priority:asc&cursor=${cursor}`, 'token-limited');
    const mine = await server.call(`/tickets?customerId=BIG&view=all&size=5&sort=priority:asc&cursor=${cursor}`);
    assert.equal(mine.status, 200, 'the same list with another page size goes on');
  });

  it("refuses a customer-user list's cursor for another customer or filter", async () => {
    const cursor = await nextOf('/customer-users?customerId=BIG&size=2');
    await invalid(`/customer-users?customerId=SMALL&size=2&cursor=${cursor}`);
    await invalid(`/customer-users?customerId=BIG&size=2&filter=user&cursor=${cursor}`);
    assert.equal((await server.call(`/customer-users?customerId=BIG&size=2&cursor=${cursor}`)).status, 200);
  });

  it("refuses a history's cursor for another customer or with ticket events switched", async () => {
    const cursor = await nextOf('/customer-history?customerId=BIG&size=1&includeTickets=true');
    await invalid(`/customer-history?customerId=SMALL&size=1&includeTickets=true&cursor=${cursor}`);
    await invalid(`/customer-history?customerId=BIG&size=1&cursor=${cursor}`);
    assert.equal((await server.call(`/customer-history?customerId=BIG&size=1&includeTickets=true&cursor=${cursor}`)).status, 200);
  });

  const unsigned = (cursor: object) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
  for (const [name, cursor] of [
    ['a key that is not a number', { key: 'abc', id: '1', before: false }],
    ['an id that is not a number', { key: '3', id: 'abc', before: false }],
    ['an id of 1e400', { key: '3', id: '1e400', before: false }],
    ['a key beyond bigint', { key: '99999999999999999999', id: '1', before: false }],
    ['a made-up total', { key: '3', id: '1', before: false, total: 1_000_000 }],
  ] as const) {
    it(`refuses an unsigned cursor with ${name}`, async () => {
      await invalid(`/tickets?customerId=BIG&view=all&sort=priority:asc&cursor=${unsigned(cursor)}`);
      await invalid(`/tickets?customerId=BIG&view=all&sort=priority:asc&cursor=${unsigned(cursor)}.${'A'.repeat(43)}`);
    });
  }

  // Even a cursor signed with the server's secret (a leaked secret) cannot become a database error.
  const codec = new CursorCodec(SECRET);
  const tickets: CursorBinding = ['tickets', CONFORMANCE_AGENT_ID, 'customer', 'BIG', 'all', 'all', 'priority', 'asc'];
  const history: CursorBinding = ['customer-history', CONFORMANCE_AGENT_ID, 'BIG', false];
  const users: CursorBinding = ['customer-users', CONFORMANCE_AGENT_ID, 'BIG', ''];
  const signed = (cursor: object, binding: CursorBinding) => encodeURIComponent(codec.encode(cursor as Cursor, binding));
  it('accepts a well-formed cursor signed with the secret (the tests below sign as the server does)', async () => {
    const response = await server.call(`/tickets?customerId=BIG&view=all&sort=priority:asc&cursor=${signed({ key: '3', id: '1', before: false }, tickets)}`);
    assert.equal(response.status, 200);
  });
  for (const [name, path, cursor, binding] of [
    ['a ticket key that is not a number', '/tickets?customerId=BIG&view=all&sort=priority:asc', { key: 'abc', id: '1', before: false }, tickets],
    ['a ticket id that is not a number', '/tickets?customerId=BIG&view=all&sort=priority:asc', { key: '3', id: 'abc', before: false }, tickets],
    ['a ticket id of 1e400', '/tickets?customerId=BIG&view=all&sort=priority:asc', { key: '3', id: '1e400', before: false }, tickets],
    ['a ticket key beyond bigint', '/tickets?customerId=BIG&view=all&sort=priority:asc', { key: '9223372036854775808', id: '1', before: false }, tickets],
    ['a ticket id beyond bigint', '/tickets?customerId=BIG&view=all&sort=priority:asc', { key: '3', id: '99999999999999999999', before: false }, tickets],
    ['a negative total', '/tickets?customerId=BIG&view=all&sort=priority:asc', { key: '3', id: '1', before: false, total: -5 }, tickets],
    ['a history key that is not a time', '/customer-history?customerId=BIG', { key: 'yesterday', id: '0:1', before: false }, history],
    ['a history id beyond bigint', '/customer-history?customerId=BIG', { key: '2024-01-01 00:00:00', id: '0:99999999999999999999', before: false }, history],
    ['a user key that is not a list of three names', '/customer-users?customerId=BIG', { key: '["a"]', id: '', before: false }, users],
  ] as const) {
    it(`refuses a signed cursor with ${name}`, () => invalid(`${path}&cursor=${signed(cursor, binding)}`));
  }
});

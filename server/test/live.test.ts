import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { DataChange } from '../../src/data/contract/data-source.js';
import type { ServerOptions } from '../app.js';
import { pgListen } from '../live.js';
import { openPostgres } from '../sql/db.js';
import { testServer, type TestServer } from './fixture.js';

/** The bytes a test stream may hold unsent: small, so that a reader that does not read is dropped soon. */
const BUFFER_BYTES = 4096;

/** Longer than any change may take to arrive even on a loaded machine (not a timing assert: a bound on waiting). */
const WAIT_MS = 10_000;

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** An open stream: its events as they come, and a way to wait for one or to stop. */
function reader(response: Response) {
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const controller = new AbortController();
  const decoder = new TextDecoder();
  const done = (async () => {
    let buffer = '';
    const body = response.body!.getReader();
    controller.signal.addEventListener('abort', () => void body.cancel().catch(() => undefined));
    try {
      for (let chunk = await body.read(); !chunk.done; chunk = await body.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event: SseEvent = {};
          for (const line of buffer.slice(0, end).split('\n')) {
            if (line.startsWith(':')) event.comment = line.slice(1).trim();
            else {
              const [field, ...rest] = line.split(':');
              (event as Record<string, string>)[field] = rest.join(':').trimStart();
            }
          }
          buffer = buffer.slice(end + 2);
          events.push(event);
          for (const wake of waiters.splice(0)) wake();
        }
      }
    } catch {
      // Cancelled.
    }
  })();
  const changes = () => events.filter((e) => e.event === 'change').flatMap((e) => JSON.parse(e.data!) as DataChange[]);
  /** Resolves once `test` holds, or rejects after WAIT_MS. */
  const until = async (test: () => boolean, what: string) => {
    const deadline = Date.now() + WAIT_MS;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`not seen in time: ${what}; events: ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return { events, changes, until, close: async () => (controller.abort(), await done) };
}

/** `promise`, or a failure after WAIT_MS (a bound on waiting, not a timing assert). */
async function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not seen in time: ${what}`)), WAIT_MS)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every byte of a stream, once it ends. */
async function readToEnd(chunks: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array> {
  const parts: number[] = [];
  for (let chunk = await chunks.read(); !chunk.done; chunk = await chunks.read()) parts.push(...chunk.value);
  return Uint8Array.from(parts);
}

async function open(server: TestServer, query: string, init: RequestInit & { token?: string } = {}) {
  const response = await server.call(`/live?${query}`, init);
  if (response.status !== 200) assert.fail(`${response.status} ${await response.text()}`);
  assert.match(response.headers.get('Content-Type') ?? '', /^text\/event-stream/);
  return reader(response);
}

/** A ticket of customer `customerId` in queue `queue` (Support or Billing). */
async function ticketOf(server: TestServer, customerId: string, queue: string): Promise<string> {
  const { rows } = await server.db.query<{ id: string }>(
    `SELECT t.id::text AS id FROM ticket t JOIN queue q ON q.id = t.queue_id WHERE t.customer_id = $1 AND q.name = $2 ORDER BY t.id LIMIT 1`,
    [customerId, queue],
  );
  assert.ok(rows[0], `a ${queue} ticket of ${customerId}`);
  return rows[0].id;
}

const touch = (server: TestServer, id: string) => server.db.query(`UPDATE ticket SET title = title || '!' WHERE id = $1`, [Number(id)]);

const ENGINES: { name: string; options: () => Promise<{ open?: () => ReturnType<typeof openPostgres>; server: Partial<ServerOptions> }> }[] = [
  { name: 'PGlite', options: async () => ({ server: {} }) },
];
const url = process.env.CIC_TEST_DATABASE_URL;
if (url) ENGINES.push({ name: 'PostgreSQL', options: async () => ({ open: () => openPostgres(url, { max: 5 }), server: { live: { listen: pgListen(url), heartbeatMs: 200 } } }) });

for (const engine of ENGINES) {
  describe(`live updates (${engine.name})`, () => {
    let server: TestServer;
    const stop = new AbortController();
    before(async () => {
      const { open: openDb, server: options } = await engine.options();
      const live = { heartbeatMs: 200, maxStreams: 6, maxStreamsPerAgent: 4, maxBufferedBytes: BUFFER_BYTES, signal: stop.signal, ...(options.live || {}) };
      server = await testServer(openDb, { ...options, live });
    });
    after(async () => {
      stop.abort();
      await server.db.close();
    });

    it('a ticket changed in SQL reaches its customer’s subscriber; not another customer’s, nor an agent who may not read its queue', async () => {
      const mine = await open(server, 'customerId=BIG');
      const limited = await open(server, 'customerId=BIG', { token: 'token-limited' });
      const other = await open(server, 'customerId=SMALL');
      try {
        const billing = await ticketOf(server, 'BIG', 'Billing');
        const support = await ticketOf(server, 'BIG', 'Support');
        await touch(server, billing);
        await touch(server, support);
        await mine.until(() => mine.changes().some((c) => c.id === support), 'the Support ticket');
        assert.deepEqual(
          mine.changes().map(({ kind, action, id, customerId }) => ({ kind, action, id, customerId })),
          [billing, support].map((id) => ({ kind: 'ticket', action: 'updated', id, customerId: 'BIG' })),
        );
        await limited.until(() => limited.changes().some((c) => c.id === support), 'the Support ticket, for the limited agent');
        // In order: the Billing change came first, and was not sent to the agent who may not read Billing.
        assert.deepEqual(limited.changes().map((c) => c.id), [support]);
        assert.deepEqual(other.changes(), []);
      } finally {
        await Promise.all([mine.close(), limited.close(), other.close()]);
      }
    });

    it('a customer user’s stream hears of its tickets and its record; a ticket moved between customers is told to both', async () => {
      const user = await open(server, 'customerUserLogin=small.owner');
      const big = await open(server, 'customerId=BIG');
      try {
        await server.db.query(`UPDATE customer_user SET first_name = 'Samuel' WHERE login = 'small.owner'`);
        const ticket = await ticketOf(server, 'SMALL', 'Support');
        await server.db.query(`UPDATE ticket SET customer_id = 'BIG' WHERE id = $1`, [Number(ticket)]);
        await user.until(() => user.changes().length >= 2, 'two changes');
        assert.deepEqual(user.changes()[0], { kind: 'customer-user', action: 'updated', id: 'small.owner', customerId: 'SMALL' });
        await big.until(() => big.changes().some((c) => c.id === ticket), 'the moved ticket');
        await server.db.query(`UPDATE ticket SET customer_id = 'SMALL' WHERE id = $1`, [Number(ticket)]);
        // Moved back: told to its former customer too (and heard before the next test).
        await big.until(() => big.changes().filter((c) => c.id === ticket).length === 2, 'the ticket moved back');
      } finally {
        await Promise.all([user.close(), big.close()]);
      }
    });

    it('a customer user’s stream hears of its customer too: its record and notes, as the in-memory source tells them', async () => {
      const user = await open(server, 'customerUserLogin=small.owner');
      try {
        assert.equal((await server.call('/customer-notes?customerId=BIG', { method: 'POST', body: JSON.stringify({ text: 'Not for SMALL' }) })).status, 201);
        assert.equal((await server.call('/customer-notes?customerId=SMALL', { method: 'POST', body: JSON.stringify({ text: 'For SMALL' }) })).status, 201);
        await server.db.query(`UPDATE customer_company SET name = name WHERE customer_id = 'SMALL'`);
        await user.until(() => user.changes().length >= 2, 'two changes');
        assert.deepEqual(user.changes().map(({ kind, customerId }) => ({ kind, customerId })), [
          { kind: 'history', customerId: 'SMALL' },
          { kind: 'customer', customerId: 'SMALL' },
        ]);
      } finally {
        await user.close();
      }
    });

    it('the server’s own writes are told: a note (history), a new customer user', async () => {
      const stream = await open(server, 'customerId=SMALL');
      try {
        assert.equal((await server.call('/customer-notes?customerId=SMALL', { method: 'POST', body: JSON.stringify({ text: 'Hello' }) })).status, 201);
        const created = await server.call('/customer-users', {
          method: 'POST',
          body: JSON.stringify({ login: 'new.live', customerId: 'SMALL', firstName: 'New', lastName: 'Live', email: 'new@live.example', valid: true }),
        });
        assert.equal(created.status, 201);
        await stream.until(() => stream.changes().length >= 2, 'two changes');
        assert.deepEqual(stream.changes().map((c) => c.kind), ['history', 'customer-user']);
      } finally {
        await stream.close();
      }
    });

    it('sends a heartbeat comment', async () => {
      const stream = await open(server, 'customerId=SMALL');
      try {
        await stream.until(() => stream.events.some((e) => e.comment === 'heartbeat'), 'a heartbeat');
      } finally {
        await stream.close();
      }
    });

    it('Last-Event-ID resumes with the changes missed; an unknown id is answered with a reload of everything', async () => {
      const first = await open(server, 'customerId=BIG');
      const support = await ticketOf(server, 'BIG', 'Support');
      await touch(server, support);
      await first.until(() => first.changes().length === 1, 'one change');
      const lastId = first.events.find((e) => e.event === 'change')!.id!;
      await first.close();
      await touch(server, support);
      await touch(server, support);
      // Another customer's change meanwhile is not replayed.
      await touch(server, await ticketOf(server, 'SMALL', 'Support'));
      const resumed = await open(server, 'customerId=BIG', { headers: { 'Last-Event-ID': lastId } });
      const unknown = await open(server, 'customerId=BIG', { headers: { 'Last-Event-ID': 'elsewhere.12' } });
      try {
        await resumed.until(() => resumed.changes().length >= 2, 'the two missed changes');
        assert.deepEqual(resumed.changes().map((c) => c.id), [support, support]);
        await unknown.until(() => unknown.changes().length >= 1, 'a reload');
        assert.deepEqual(unknown.changes(), [{ kind: 'all', action: 'updated', id: '' }]);
      } finally {
        await Promise.all([resumed.close(), unknown.close()]);
      }
    });

    it('beyond the streams an agent may open: 503 with Retry-After; a closed stream frees its place', async () => {
      const streams = await Promise.all(Array.from({ length: 4 }, () => open(server, 'customerId=SMALL')));
      const refused = await server.call('/live?customerId=SMALL');
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers.get('Retry-After')) > 0);
      await refused.body?.cancel();
      await streams.pop()!.close();
      // The slot is freed once the server sees the stream closed.
      let again: Response | undefined;
      for (let tries = 0; tries < 100; tries++) {
        again = await server.call('/live?customerId=SMALL');
        if (again.status === 200) break;
        await again.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(again!.status, 200);
      streams.push(reader(again!));
      await Promise.all(streams.map((s) => s.close()));
    });

    it('beyond the streams of the whole process: 503 with Retry-After and a problem body; a closed stream frees its place', async () => {
      // 4 of this agent and 2 of another: the process's 6, while the other agent may open 4.
      const mine = await Promise.all(Array.from({ length: 4 }, () => open(server, 'customerId=SMALL')));
      const theirs = await Promise.all(Array.from({ length: 2 }, () => open(server, 'customerId=SMALL', { token: 'token-limited' })));
      const refused = await server.call('/live?customerId=SMALL', { token: 'token-limited' });
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers.get('Retry-After')) > 0);
      assert.match(refused.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
      const body = await refused.json();
      assert.equal(body.status, 503);
      assert.match(body.detail, /too many live streams/i);
      await mine.pop()!.close();
      // The place is freed once the server sees the stream closed.
      let again: Response | undefined;
      for (let tries = 0; tries < 100; tries++) {
        again = await server.call('/live?customerId=SMALL', { token: 'token-limited' });
        if (again.status === 200) break;
        await again.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(again!.status, 200);
      theirs.push(reader(again!));
      await Promise.all([...mine, ...theirs].map((s) => s.close()));
    });

    it('a reader that does not read is dropped once its buffer is full; it resumes with Last-Event-ID', async () => {
      const CHANGES = 100;
      const support = await ticketOf(server, 'BIG', 'Support');
      const slow = await server.call('/live?customerId=BIG');
      assert.equal(slow.status, 200);
      const held = slow.body!.getReader();
      const witness = await open(server, 'customerId=BIG');
      try {
        for (let i = 0; i < CHANGES; i++) await touch(server, support);
        await witness.until(() => witness.changes().length === CHANGES, 'every change, on the stream that reads');
        // Read now: what the server held for it, then the end (a stream not dropped would go on with heartbeats).
        const bytes = await withDeadline(readToEnd(held), 'the end of the dropped stream');
        assert.ok(bytes.byteLength <= BUFFER_BYTES + 512, `held ${bytes.byteLength} bytes, bound ${BUFFER_BYTES}`);
        const heard = new TextDecoder().decode(bytes).split('\n\n').filter((block) => block.includes('event: change'))
          .map((block) => ({ id: /^id: (.+)$/m.exec(block)![1] }));
        assert.ok(heard.length > 0 && heard.length < CHANGES, `${heard.length} changes before the drop`);
        const resumed = await open(server, 'customerId=BIG', { headers: { 'Last-Event-ID': heard.at(-1)!.id! } });
        try {
          await resumed.until(() => heard.length + resumed.changes().length >= CHANGES, 'the changes missed');
          const ids = [...heard.map((e) => e.id), ...resumed.events.filter((e) => e.event === 'change').map((e) => e.id)];
          assert.deepEqual(ids, witness.events.filter((e) => e.event === 'change').map((e) => e.id));
        } finally {
          await resumed.close();
        }
      } finally {
        await held.cancel().catch(() => undefined);
        await witness.close();
      }
    });

    it('401 without a valid token; 422 without a scope or with one too long', async () => {
      assert.equal((await server.call('/live?customerId=SMALL', { token: 'nope' })).status, 401);
      const none = await server.call('/live');
      assert.equal(none.status, 422);
      assert.deepEqual((await none.json()).errors, { customerId: 'required' });
      assert.equal((await server.call(`/live?customerId=${'x'.repeat(151)}`)).status, 422);
    });

    it('a restart of PostgreSQL: the stream is told to reload everything, then hears changes again', { skip: engine.name !== 'PostgreSQL' || !process.env.CIC_TEST_PG_CTL }, async () => {
      const control = (command: 'start' | 'stop') => promisify(execFile)(process.env.CIC_TEST_PG_CTL!, [command], { timeout: 60_000 });
      const stream = await open(server, 'customerId=BIG');
      try {
        // The hub listens once a stream is open; a first change shows it does.
        const support = await ticketOf(server, 'BIG', 'Support');
        await touch(server, support);
        await stream.until(() => stream.changes().length === 1, 'a change before the restart');
        await control('stop');
        await control('start');
        await stream.until(() => stream.changes().some((c) => c.kind === 'all'), 'a reload after the restart');
        // The pool opens new connections by itself: a query may fail once while it does.
        for (let tries = 0; tries < 50 && !(await touch(server, support).then(() => true, () => false)); tries++) await new Promise((r) => setTimeout(r, 200));
        await stream.until(() => stream.changes().filter((c) => c.id === support).length >= 2, 'a change after the restart');
      } finally {
        await stream.close();
      }
    });

    it('says liveUpdates in /capabilities', async () => {
      assert.equal((await server.json('/capabilities')).liveUpdates, true);
    });
  });
}

describe('live updates off', () => {
  it('/capabilities says liveUpdates: false and /live is 501', async () => {
    const server = await testServer(undefined, { live: false });
    try {
      assert.equal((await server.json('/capabilities')).liveUpdates, false);
      assert.equal((await server.call('/live?customerId=SMALL')).status, 501);
    } finally {
      await server.db.close();
    }
  });
});

import { expect } from '@open-wc/testing';
import type { DataChange, LiveStatus } from '../../src/data/contract/data-source.js';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { slowDescribe } from '../support/helpers.js';

const LIVE = { ticketFilters: [], ticketSorts: [], writeCustomerUsers: true, liveUpdates: true } as const;

/** Resolves once `test` holds (checked every 20 ms); the test's own timeout bounds the wait. */
async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A subscription's changes and statuses, and its end. */
function subscribeTo(source: HttpDataSource, scope: { customerId: string }) {
  const changes: DataChange[] = [];
  const batches: number[] = [];
  const statuses: LiveStatus[] = [];
  const controller = new AbortController();
  source.subscribe!(scope, (batch) => (changes.push(...batch), batches.push(batch.length)), { signal: controller.signal, onStatus: (status) => statuses.push(status) });
  return { changes, batches, statuses, stop: () => controller.abort() };
}

/** A `/live` answer whose body the test writes (`push`) and ends (`fail`). */
function streamed() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    fail: () => controller.error(new TypeError('network error')),
  };
}

/** A subscription, live, whose first two connections answer with streams the test writes; the requests made. */
async function liveOverTwoStreams() {
  const streams = [streamed(), streamed()];
  const seen: RequestInit[] = [];
  const fetch = (async (_url: string, init: RequestInit) => streams[seen.push(init) - 1].response) as typeof globalThis.fetch;
  const live = subscribeTo(new HttpDataSource({ baseUrl: '/api', fetch, capabilities: LIVE }), { customerId: 'C' });
  await until(() => live.statuses.includes('live'));
  return { streams, seen, live };
}

describe('HttpDataSource.subscribe', () => {
  it('is offered only when the server says liveUpdates', () => {
    expect(new HttpDataSource({ baseUrl: '/api' }).subscribe).to.equal(undefined);
    expect(typeof new HttpDataSource({ baseUrl: '/api', capabilities: LIVE }).subscribe).to.equal('function');
  });

  it('reads Server-Sent Events: changes of each read in one batch, comments and other events skipped, lines split anywhere', async () => {
    const stream = streamed();
    const seen: RequestInit[] = [];
    const fetch = (async (_url: string, init: RequestInit) => (seen.push(init), stream.response)) as typeof globalThis.fetch;
    const source = new HttpDataSource({ baseUrl: '/api', fetch, capabilities: LIVE, headers: { Authorization: 'Bearer t' } });
    const live = subscribeTo(source, { customerId: 'C' });
    await until(() => live.statuses.includes('live'));
    const change = (id: string) => JSON.stringify([{ kind: 'ticket', action: 'updated', id, customerId: 'C' }]);
    stream.push(`: live\n\nid: a.1\nevent: change\ndata: ${change('1')}\n\nid: a.2\r\ndata: ${change('2')}\r\n\r\nevent: other\ndata: ${change('x')}\n\n`);
    stream.push(`id: a.3\ndata: ${change('3').slice(0, 10)}`);
    stream.push(`${change('3').slice(10)}\n\ndata: not json\n\n`);
    await until(() => live.changes.length === 3);
    expect(live.changes.map((c) => c.id)).to.deep.equal(['1', '2', '3']);
    expect(live.batches).to.deep.equal([2, 1]);
    const headers = new Headers(seen[0].headers);
    expect([headers.get('Authorization'), headers.get('Accept'), seen[0].redirect]).to.deep.equal(['Bearer t', 'text/event-stream', 'error']);
    live.stop();
    expect(live.statuses).to.deep.equal(['connecting', 'live']);
  });

  it('a broken stream: down, then connects again sending the last event id', async () => {
    const { streams, seen, live } = await liveOverTwoStreams();
    streams[0].push(`id: p.7\ndata: [{"kind":"all","action":"updated","id":""}]\n\n`);
    await until(() => live.changes.length === 1);
    streams[0].fail();
    await until(() => seen.length === 2 && live.statuses.length === 4);
    expect(live.statuses).to.deep.equal(['connecting', 'live', 'down', 'live']);
    expect(new Headers(seen[1].headers).get('Last-Event-ID')).to.equal('p.7');
    live.stop();
  });

  for (const [what, flood] of [
    ['a line that never ends', 'data: ['],
    ['an event whose data lines never end', 'data: [\n'],
  ] as const) {
    it(`${what}: down past 4 MB, lets go of the stream and connects again`, async () => {
      const cancelled: boolean[] = [];
      const streams = [0, 1].map((index) => {
        const megabyte = new TextEncoder().encode(flood.repeat((1 << 20) / flood.length));
        cancelled[index] = false;
        let sent = 0;
        // At most 64 MB, so that a reader without a limit fails here too (the stream ends, never let go).
        const pull = (controller: ReadableStreamDefaultController<Uint8Array>) => (++sent > 64 ? controller.close() : controller.enqueue(megabyte));
        const body = new ReadableStream<Uint8Array>({ pull, cancel: () => void (cancelled[index] = true) });
        return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
      });
      let calls = 0;
      const fetch = (async () => streams[Math.min(calls++, 1)]) as typeof globalThis.fetch;
      const live = subscribeTo(new HttpDataSource({ baseUrl: '/api', fetch, capabilities: LIVE }), { customerId: 'C' });
      await until(() => live.statuses.includes('down'));
      expect(cancelled[0], 'the first stream is let go').to.equal(true);
      expect(live.changes).to.deep.equal([]);
      // The server would send it again: not asked again at once (the first retry waits at least 15 s).
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(calls).to.equal(1);
      live.stop();
    });
  }

  it('keeps an event id only if it can go back as a header (ASCII, at most 256 characters)', async () => {
    const { streams, seen, live } = await liveOverTwoStreams();
    const change = (id: string) => JSON.stringify([{ kind: 'ticket', action: 'updated', id, customerId: 'C' }]);
    streams[0].push(`id: p.1\ndata: ${change('1')}\n\nid: €2\ndata: ${change('2')}\n\nid: ${'x'.repeat(257)}\ndata: ${change('3')}\n\n`);
    await until(() => live.changes.length === 3);
    streams[0].fail();
    await until(() => seen.length === 2 && live.statuses.length === 4);
    expect(new Headers(seen[1].headers).get('Last-Event-ID')).to.equal('p.1');
    live.stop();
  });

  it('reads a line end split between two reads (\\r, then \\n) as one', async () => {
    const stream = streamed();
    const fetch = (async () => stream.response) as typeof globalThis.fetch;
    const live = subscribeTo(new HttpDataSource({ baseUrl: '/api', fetch, capabilities: LIVE }), { customerId: 'C' });
    await until(() => live.statuses.includes('live'));
    for (const piece of ['event: other\r', '\ndata: [{"kind":"ticket","id":"X"}]\r\n\r\n', 'data: [\r', '\ndata: {"kind":"ticket","id":"Y"}]\r\n\r\n']) {
      stream.push(piece);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until(() => live.changes.length > 0);
    expect(live.changes.map((c) => c.id)).to.deep.equal(['Y']);
    live.stop();
  });

  it('401: down, and not asked again at once', async () => {
    let calls = 0;
    const fetch = (async () => (calls++, Response.json({ title: 'Unauthorized' }, { status: 401 }))) as typeof globalThis.fetch;
    const live = subscribeTo(new HttpDataSource({ baseUrl: '/api', fetch, capabilities: LIVE }), { customerId: 'C' });
    await until(() => live.statuses.includes('down'));
    // The first retry waits at least 15 s.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).to.equal(1);
    live.stop();
  });

  // A wait beyond a timer's range (2^31 - 1 ms) would fire at once: a reconnect loop against the server.
  for (const retryAfter of ['Fri, 01 Jan 2100 00:00:00 GMT', '2147484', '9'.repeat(30)]) {
    it(`503 with Retry-After: ${retryAfter.slice(0, 12)}…: down, and not asked again at once`, async () => {
      let calls = 0;
      const fetch = (async () => (calls++, Response.json({ title: 'Busy' }, { status: 503, headers: { 'Retry-After': retryAfter } }))) as typeof globalThis.fetch;
      const live = subscribeTo(new HttpDataSource({ baseUrl: '/api', fetch, capabilities: LIVE }), { customerId: 'C' });
      await until(() => live.statuses.includes('down'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(calls).to.equal(1);
      live.stop();
    });
  }
});

slowDescribe('HttpDataSource.subscribe → reference server (PGlite)', () => {
  it('hears a change made by a write for the subscribed customer, until aborted', async () => {
    const source = await HttpDataSource.connect({ baseUrl: `/api/pglite/live-${Date.now()}`, timeoutMs: 0, headers: { Authorization: 'Bearer conformance-token' } });
    expect(source.capabilities.liveUpdates).to.equal(true);
    const live = subscribeTo(source, { customerId: 'SMALL' });
    await until(() => live.statuses.includes('live'));
    const login = `live.${Date.now()}`;
    await source.createCustomerUser!({ login, customerId: 'SMALL', firstName: 'Li', lastName: 'Ve', email: 'live@small.example', valid: true });
    await until(() => live.changes.some((change) => change.id === login));
    expect(live.changes.find((change) => change.id === login)).to.deep.equal({ kind: 'customer-user', action: 'created', id: login, customerId: 'SMALL' });
    live.stop();
    await source.createCustomerUser!({ login: `${login}.2`, customerId: 'SMALL', firstName: 'Li', lastName: 'Ve', email: 'live2@small.example', valid: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.changes.some((change) => change.id === `${login}.2`), 'nothing after abort').to.equal(false);
    expect(live.statuses).to.deep.equal(['connecting', 'live']);
  });
});

import { expect } from '@open-wc/testing';
import { ForbiddenError, isAbortError, MalformedAnswerError, RateLimitedError, UnauthorizedError, UnavailableError, ValidationError } from '../../src/data/contract/errors.js';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { fakeFetch, type Seen } from '../support/fake-fetch.js';

interface Part {
  id: string;
  method: string;
  path: string;
}


const partsOf = (seen: Seen): Part[] => JSON.parse(String(seen.init.body)).requests;
const status = { escalated: 0, open: 1, closed: 2, all: 3, byCategory: {} };

/** A server that answers each part of a batch with `answer(path)`, and a plain GET alike. */
function batchServer(answer: (path: string) => { status: number; body: unknown; headers?: Record<string, string> }) {
  return fakeFetch(({ url, init }) => {
    if (init.method === 'POST' && url.endsWith('/batch')) {
      return Response.json({ responses: partsOf({ url, init }).map(({ id, path }) => ({ id, ...answer(path) })) });
    }
    const { status: code, body, headers } = answer(url.slice('/api'.length));
    return new Response(JSON.stringify(body), { status: code, headers });
  });
}

const rejectionOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** A server that streams a batch's answer as the test writes it: `push` a chunk, `end` it, or `cut` it off. */
function streamingServer() {
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({ start: (controller) => void (stream = controller), cancel: () => void (state.cancelled = true) });
  const { fetch, seen } = fakeFetch(() => new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } }));
  return {
    fetch,
    seen,
    state,
    push: (text: string) => stream.enqueue(new TextEncoder().encode(text)),
    end: () => stream.close(),
    cut: () => stream.error(new TypeError('network error')),
  };
}

/** One line of a streamed batch. */
const line = (id: string, body: unknown, status = 200) => `${JSON.stringify({ id, status, body })}\n`;

/** `promise`, with whether it has settled yet. */
function tracked<T>(promise: Promise<T>) {
  const state = { settled: false, promise };
  promise.then(() => (state.settled = true), () => (state.settled = true));
  return state;
}

const turns = async (count = 10) => {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setTimeout(resolve));
};

/**
 * Two reads in one streamed batch, sent: `first` (part 0) and `second` (part 1, whose failure is
 * caught); `signal` aborts the second.
 */
async function twoStreamedReads(signal?: AbortSignal) {
  const server = streamingServer();
  const source = new HttpDataSource({ baseUrl: '/api', fetch: server.fetch });
  const reads = { server, first: source.getCompanyStatus('A'), second: rejectionOf(source.getCompanyStatus('B', { signal })) };
  await turns();
  return reads;
}

describe('HttpDataSource: the reads of one task in one request', () => {
  it('sends the reads made in one task as one POST /batch, each with its path and query', async () => {
    const { fetch, seen } = batchServer((path) => ({ status: 200, body: path.startsWith('/preferences') ? { value: path } : { ...status, path } }));
    const source = new HttpDataSource({ baseUrl: '/api/', fetch, headers: { Authorization: 'Bearer t' } });
    const [a, b, preference] = await Promise.all([source.getCompanyStatus('A & B'), source.countTickets({ customerId: 'A' }, 'open'), source.preferences!.get('layout')]);
    expect(seen).to.have.length(1);
    expect(seen[0].url).to.equal('/api/batch');
    expect(seen[0].init.method).to.equal('POST');
    expect(new Headers(seen[0].init.headers).get('Authorization')).to.equal('Bearer t');
    expect(new Headers(seen[0].init.headers).get('Content-Type')).to.equal('application/json');
    expect(partsOf(seen[0])).to.deep.equal([
      { id: '0', method: 'GET', path: '/company-status?customerId=A+%26+B' },
      { id: '1', method: 'GET', path: '/ticket-counts?customerId=A&view=open' },
      { id: '2', method: 'GET', path: '/preferences?key=layout' },
    ]);
    expect((a as unknown as { path: string }).path).to.equal('/company-status?customerId=A+%26+B');
    expect((b as unknown as { path: string }).path).to.equal('/ticket-counts?customerId=A&view=open');
    expect(preference).to.equal('/preferences?key=layout');
  });

  it('sends the reads of a task in the next animation frame when that comes before the next task, and once', async () => {
    const frames: FrameRequestCallback[] = [];
    const requestFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => frames.push(callback);
    try {
      const { fetch, seen } = batchServer(() => ({ status: 200, body: status }));
      const source = new HttpDataSource({ baseUrl: '/api', fetch });
      const answers = Promise.all([source.getCompanyStatus('A'), source.getCompanyStatus('B')]);
      for (let turn = 0; turn < 20 && frames.length === 0; turn++) await Promise.resolve();
      expect(frames).to.have.length(1);
      expect(seen).to.have.length(0);
      // Still the same task (microtasks only): the frame's callbacks come first, as when a frame is due.
      frames.forEach((callback) => callback(performance.now()));
      for (let turn = 0; turn < 20 && seen.length === 0; turn++) await Promise.resolve();
      expect(seen.map(({ url }) => url)).to.deep.equal(['/api/batch']);
      expect(partsOf(seen[0]).map(({ path }) => path)).to.deep.equal(['/company-status?customerId=A', '/company-status?customerId=B']);
      expect(await answers).to.have.length(2);
      await new Promise((resolve) => setTimeout(resolve));
      expect(seen).to.have.length(1);
    } finally {
      window.requestAnimationFrame = requestFrame;
    }
  });

  it('cancels the frame callback when the timer sends first (a hidden tab runs none, and it would keep the answers)', async () => {
    const requested: number[] = [];
    const cancelled: number[] = [];
    const [requestFrame, cancelFrame] = [window.requestAnimationFrame, window.cancelAnimationFrame];
    window.requestAnimationFrame = () => requested[requested.push(1000 + requested.length) - 1];
    window.cancelAnimationFrame = (id) => cancelled.push(id);
    try {
      const { fetch, seen } = batchServer(() => ({ status: 200, body: status }));
      const source = new HttpDataSource({ baseUrl: '/api', fetch });
      await Promise.all([source.getCompanyStatus('A'), source.getCompanyStatus('B')]);
      await Promise.all([source.getCompanyStatus('C'), source.getCompanyStatus('D')]);
      expect(seen.map(({ url }) => url)).to.deep.equal(['/api/batch', '/api/batch']);
      expect(cancelled).to.deep.equal(requested);
      expect(requested).to.have.length(2);
    } finally {
      [window.requestAnimationFrame, window.cancelAnimationFrame] = [requestFrame, cancelFrame];
    }
  });

  it('sends at most 20 reads per batch, as the contract allows', async () => {
    const { fetch, seen } = batchServer(() => ({ status: 200, body: status }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const answers = await Promise.all(Array.from({ length: 41 }, (_, index) => source.getCompanyStatus(String(index))));
    expect(answers).to.have.length(41);
    expect(seen.map(({ url, init }) => (url.endsWith('/batch') ? partsOf({ url, init }).length : url))).to.deep.equal([20, 20, '/api/company-status?customerId=40']);
  });

  it('sends a read alone as a plain GET, and never batches a write', async () => {
    const { fetch, seen } = batchServer(() => ({ status: 200, body: status }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    await source.getCompanyStatus('A');
    await Promise.all([source.getCompanyStatus('B'), source.preferences!.set('layout', 1), source.countTicketsByCustomer(['A'])]);
    expect(seen.map(({ url, init }) => `${init.method} ${url}`)).to.deep.equal([
      'GET /api/company-status?customerId=A',
      'PUT /api/preferences?key=layout',
      'POST /api/ticket-counts/by-customer',
      'GET /api/company-status?customerId=B',
    ]);
  });

  it('sends each read alone when batches are off (batch: false)', async () => {
    const { fetch, seen } = batchServer(() => ({ status: 200, body: status }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch, batch: false });
    await Promise.all([source.getCompanyStatus('A'), source.getCompanyStatus('B')]);
    expect(seen.map(({ url }) => url)).to.deep.equal(['/api/company-status?customerId=A', '/api/company-status?customerId=B']);
  });

  it("keeps each part's error to its own call, as the same status alone would be", async () => {
    const { fetch } = batchServer((path) => {
      if (path.includes('id=GONE')) return { status: 404, body: { title: 'Not found', status: 404 } };
      if (path.includes('id=SECRET')) return { status: 403, body: { title: 'Forbidden', status: 403, detail: 'Not your customer' } };
      if (path.includes('BUSY')) return { status: 429, body: { title: 'Too many requests', status: 429 }, headers: { 'Retry-After': '5' } };
      if (path.includes('view=')) return { status: 422, body: { title: 'Invalid request', status: 422, errors: { view: 'must be one of …' } } };
      return { status: 200, body: status };
    });
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const [gone, secret, busy, invalid, fine] = await Promise.all([
      source.getCustomer('GONE'),
      rejectionOf(source.getCustomer('SECRET')),
      rejectionOf(source.getCompanyStatus('BUSY')),
      rejectionOf(source.countTickets({ customerId: 'A' }, 'open')),
      source.getCompanyStatus('A'),
    ]);
    expect(gone, 'a 404 of a getter is undefined').to.equal(undefined);
    expect(secret).to.be.instanceOf(ForbiddenError);
    expect((secret as Error).message).to.equal('Not your customer');
    expect(busy).to.be.instanceOf(RateLimitedError);
    expect((busy as RateLimitedError).retryAfterMs).to.equal(5000);
    expect(invalid).to.be.instanceOf(ValidationError);
    expect((invalid as ValidationError).fieldErrors).to.deep.equal({ view: 'must be one of …' });
    expect(fine).to.deep.equal(status);
  });

  it('rejects only the aborted call with an AbortError; the batch goes on for the others', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { fetch, seen } = fakeFetch(async ({ url, init }) => {
      await released;
      return Response.json({ responses: partsOf({ url, init }).map(({ id }) => ({ id, status: 200, body: status })) });
    });
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const controller = new AbortController();
    const aborted = rejectionOf(source.getCompanyStatus('A', { signal: controller.signal }));
    const kept = source.getCompanyStatus('B');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).to.have.length(1);
    controller.abort();
    expect(isAbortError(await aborted)).to.equal(true);
    expect(seen[0].init.signal!.aborted, 'the batch still serves the other call').to.equal(false);
    release();
    expect(await kept).to.deep.equal(status);
  });

  it('aborts the request when every call of the batch is aborted', async () => {
    const { fetch, seen } = fakeFetch(({ init }) => new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((controller, index) => rejectionOf(source.getCompanyStatus(String(index), { signal: controller.signal })));
    await new Promise((resolve) => setTimeout(resolve, 10));
    controllers[0].abort();
    expect(seen[0].init.signal!.aborted).to.equal(false);
    controllers[1].abort();
    expect(seen[0].init.signal!.aborted).to.equal(true);
    for (const error of await Promise.all(calls)) expect(isAbortError(error)).to.equal(true);
  });

  it('falls back to one request per read when the server has no batches (404), and remembers it', async () => {
    const { fetch, seen } = fakeFetch(({ url }) =>
      url.endsWith('/batch') ? new Response(JSON.stringify({ title: 'No such endpoint' }), { status: 404 }) : Response.json({ ...status, url }),
    );
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const first = await Promise.all([source.getCompanyStatus('A'), source.getCompanyStatus('B')]);
    expect(first.map((answer) => (answer as unknown as { url: string }).url)).to.deep.equal(['/api/company-status?customerId=A', '/api/company-status?customerId=B']);
    await Promise.all([source.getCompanyStatus('C'), source.getCompanyStatus('D')]);
    expect(seen.map(({ url }) => url.replace('/api/company-status?customerId=', ''))).to.deep.equal(['/api/batch', 'A', 'B', 'C', 'D']);
  });

  for (const code of [405, 501]) {
    it(`falls back on ${code} too`, async () => {
      const { fetch, seen } = fakeFetch(({ url }) => (url.endsWith('/batch') ? new Response('', { status: code }) : Response.json(status)));
      const source = new HttpDataSource({ baseUrl: '/api', fetch });
      expect(await Promise.all([source.getCompanyStatus('A'), source.getCompanyStatus('B')])).to.deep.equal([status, status]);
      expect(seen).to.have.length(3);
    });
  }

  it('answers a 401 of the batch as a 401 of every call in it (the session expired)', async () => {
    const { fetch } = fakeFetch(() => new Response(JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'A valid bearer token is required' }), { status: 401 }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const errors = await Promise.all([rejectionOf(source.getCompanyStatus('A')), rejectionOf(source.getCustomer('A'))]);
    for (const error of errors) {
      expect(error).to.be.instanceOf(UnauthorizedError);
      expect((error as Error).message).to.equal('A valid bearer token is required');
    }
  });

  it('fails every read of a JSON batch answer that grows beyond 4 MB per read, and lets go of it', async () => {
    const state = { cancelled: false, sent: 0 };
    const megabyte = new TextEncoder().encode(' '.repeat(1 << 20));
    // At most 64 MB, so that a reader without a limit fails here too.
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"responses": [')),
      pull: (controller) => (++state.sent > 64 ? controller.close() : controller.enqueue(megabyte)),
      cancel: () => void (state.cancelled = true),
    });
    const { fetch } = fakeFetch(() => new Response(body, { headers: { 'Content-Type': 'application/json' } }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const errors = await Promise.all([rejectionOf(source.getCompanyStatus('A')), rejectionOf(source.getCompanyStatus('B'))]);
    for (const error of errors) {
      expect(error).to.be.instanceOf(MalformedAnswerError);
      expect((error as Error).message).to.equal('POST /batch: the answer is too long');
    }
    expect(state.cancelled).to.equal(true);
  });

  it('holds a batch answer to 8 M characters, all its parts together, as JSON and as a stream', async () => {
    const big = { ...status, note: 'x'.repeat(3 << 20) };
    const json = batchServer(() => ({ status: 200, body: big }));
    const jsonSource = new HttpDataSource({ baseUrl: '/api', fetch: json.fetch });
    for (const error of await Promise.all(['A', 'B', 'C'].map((id) => rejectionOf(jsonSource.getCompanyStatus(id))))) {
      expect((error as Error).message).to.equal('POST /batch: the answer is too long');
    }
    const server = streamingServer();
    const source = new HttpDataSource({ baseUrl: '/api', fetch: server.fetch });
    const reads = ['A', 'B', 'C'].map((id) => rejectionOf(source.getCompanyStatus(id)));
    await turns();
    for (const id of ['0', '1', '2']) {
      server.push(line(id, big));
      await turns();
    }
    const [first, second, third] = await Promise.all(reads);
    expect([first, second], 'the first two lines are answered').to.deep.equal([undefined, undefined]);
    expect(third).to.be.instanceOf(MalformedAnswerError);
    expect((third as Error).message).to.equal('POST /batch: the answer is too long');
  });

  it('answers a part of status 204 as the same status alone, without failing the others', async () => {
    const { fetch } = batchServer((path) => (path.startsWith('/customer?') ? { status: 204, body: undefined } : { status: 200, body: status }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    expect(await Promise.all([source.getCompanyStatus('A'), source.getCustomer('B')])).to.deep.equal([status, undefined]);
  });

  it('turns a network failure of the batch into unavailable, and an unreadable answer into a malformed one', async () => {
    const offline = new HttpDataSource({ baseUrl: '/api', fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    for (const error of await Promise.all([rejectionOf(offline.getCompanyStatus('A')), rejectionOf(offline.getCompanyStatus('B'))])) {
      expect(error).to.be.instanceOf(UnavailableError);
    }
    const { fetch } = fakeFetch(() => Response.json({ responses: [{ id: '0', status: 200, body: status }] }));
    const garbled = new HttpDataSource({ baseUrl: '/api', fetch });
    const [answered, missing] = await Promise.all([garbled.getCompanyStatus('A'), rejectionOf(garbled.getCompanyStatus('B'))]);
    expect(answered).to.deep.equal(status);
    expect(missing, 'a part without an answer').to.be.instanceOf(MalformedAnswerError);
  });
});

describe('HttpDataSource: a batch answered as a stream', () => {
  it('asks for a stream and answers each read as its line comes, in any order, a line split over chunks too', async () => {
    const server = streamingServer();
    const source = new HttpDataSource({ baseUrl: '/api', fetch: server.fetch });
    const [first, second, third] = [tracked(source.getCompanyStatus('A')), tracked(source.getCompanyStatus('B')), tracked(rejectionOf(source.getCustomer('C')))];
    await turns();
    expect(new Headers(server.seen[0].init.headers).get('Accept')).to.equal('application/x-ndjson, application/json');
    server.push(line('1', { ...status, open: 7 }));
    expect(await second.promise).to.deep.equal({ ...status, open: 7 });
    const answer = line('0', status);
    server.push(answer.slice(0, 20));
    await turns();
    expect(first.settled, 'half a line answers nothing').to.equal(false);
    server.push(answer.slice(20) + line('2', { title: 'Forbidden', status: 403, detail: 'Not yours' }, 403));
    expect(await first.promise).to.deep.equal(status);
    expect(await third.promise).to.be.instanceOf(ForbiddenError);
  });

  it('fails a read the stream ends without, and keeps the reads answered before', async () => {
    const { server, first, second } = await twoStreamedReads();
    server.push(line('0', status));
    server.end();
    expect(await first).to.deep.equal(status);
    expect(await second).to.be.instanceOf(MalformedAnswerError);
  });

  it('fails the reads still waiting as unavailable (retryable) when the stream is cut off', async () => {
    const { server, first, second } = await twoStreamedReads();
    server.push(line('0', status));
    expect(await first).to.deep.equal(status);
    server.cut();
    const error = await second;
    expect(error).to.be.instanceOf(UnavailableError);
    expect((error as UnavailableError).retryable).to.equal(true);
  });

  const forged: [string, string][] = [
    ['a line that is not JSON', 'not json\n'],
    ['a line for a read not asked', line('7', status)],
    ['the answered read answered again', line('0', { ...status, open: 99 })],
    ['a line without an id', `${JSON.stringify({ status: 200, body: status })}\n`],
    ['a status outside 200–599', line('1', status, 99)],
    ['a status that wraps around to 200 in 16 bits', line('1', status, 65736)],
    ['a status that is text', `${JSON.stringify({ id: '1', status: '200', body: status })}\n`],
    ['a status that is no integer', line('1', status, 200.5)],
    ['a line that is not an object', 'null\n'],
  ];
  for (const [what, text] of forged) {
    it(`fails the reads still waiting on ${what}, keeping the answered one as it was`, async () => {
      const { server, first, second } = await twoStreamedReads();
      server.push(line('0', status) + text + line('1', status));
      expect(await first).to.deep.equal(status);
      expect(await second).to.be.instanceOf(MalformedAnswerError);
    });
  }

  it('lets go of the answer once every read is answered, though the stream goes on', async () => {
    const { server, first, second } = await twoStreamedReads();
    server.push(line('1', status) + line('0', status));
    expect(await first).to.deep.equal(status);
    expect(await second, 'the second read did not fail').to.equal(undefined);
    await turns();
    expect(server.state.cancelled, 'the body is cancelled: the connection is free again').to.equal(true);
  });

  it('aborts the request once every read not yet answered is aborted', async () => {
    const controller = new AbortController();
    const { server, first, second } = await twoStreamedReads(controller.signal);
    server.push(line('0', status));
    expect(await first).to.deep.equal(status);
    expect(server.seen[0].init.signal!.aborted, 'a read still waits').to.equal(false);
    controller.abort();
    expect(isAbortError(await second)).to.equal(true);
    expect(server.seen[0].init.signal!.aborted).to.equal(true);
  });

  it('fails the reads still waiting when a line grows beyond 4 MB without ending', async () => {
    const { server, first, second } = await twoStreamedReads();
    server.push(line('0', status) + '{"id":"1","body":"');
    expect(await first).to.deep.equal(status);
    for (let megabyte = 0; megabyte < 5; megabyte++) server.push('x'.repeat(1 << 20));
    const error = await second;
    expect(error).to.be.instanceOf(MalformedAnswerError);
    expect((error as Error).message).to.contain('too long');
    await turns();
    expect(server.state.cancelled).to.equal(true);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import {
  ConflictError,
  ForbiddenError,
  isAbortError,
  MalformedAnswerError,
  NotFoundError,
  RateLimitedError,
  TimeoutError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
  withTimeout,
} from '../../src/data/contract/errors.js';
import { ERROR_KINDS } from '../../src/data/contract/contract.js';
import { HttpDataSource, parseRetryAfter } from '../../src/data/adapters/http-data-source.js';
import { STORAGE_PREFIX, usePreference, writePreference } from '../../src/internal/preferences.js';
import { fakeFetch } from '../support/fake-fetch.js';



const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ title: 'x', status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

const rejectionOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('HttpDataSource', () => {
  it('sends one request per call, with the query encoded, the headers and the signal', async () => {
    let token = 0;
    const { fetch, seen } = fakeFetch(() => Response.json({ escalated: 0, open: 1, closed: 2, all: 3, byCategory: {} }));
    const source = new HttpDataSource({ baseUrl: '/api/', fetch, headers: async () => ({ Authorization: `Bearer t${++token}` }) });
    await source.getCompanyStatus('100% (Europe) & Co+');
    await source.getCompanyStatus('x');
    expect(seen).to.have.length(2);
    expect(seen[0].url).to.equal('/api/company-status?customerId=100%25+%28Europe%29+%26+Co%2B');
    expect(new Headers(seen[0].init.headers).get('Authorization')).to.equal('Bearer t1');
    expect(new Headers(seen[1].init.headers).get('Authorization'), 'the header function is asked each time').to.equal('Bearer t2');
  });

  it('asks the server for its capabilities with connect()', async () => {
    const capabilities = { ticketFilters: ['all'], ticketSorts: ['age'], writeCustomerUsers: true };
    // A server in front of an in-memory source says it answers locally: over HTTP it does not.
    const { fetch, seen } = fakeFetch(() => Response.json({ ...capabilities, answersLocally: true }));
    const source = await HttpDataSource.connect({ baseUrl: 'https://helpdesk.example/api', fetch });
    expect(seen[0].url).to.equal('https://helpdesk.example/api/capabilities');
    expect(source.capabilities).to.deep.equal({ ...capabilities, answersLocally: false });
    expect(typeof source.createCustomerUser).to.equal('function');
    expect(new HttpDataSource({ baseUrl: '/api', fetch }).createCustomerUser, 'read only by default').to.equal(undefined);
  });

  it('keeps preferences in the browser when the server keeps none (preferences: false)', async () => {
    const { fetch, seen } = fakeFetch(() => Response.json({ ticketFilters: ['all'], ticketSorts: ['age'], writeCustomerUsers: false, preferences: false }));
    const source = await HttpDataSource.connect({ baseUrl: '/api', fetch });
    expect(source.preferences).to.equal(undefined);
    localStorage.removeItem(`${STORAGE_PREFIX}http-test`);
    await writePreference(source, 'http-test', { a: 1 });
    let stored: unknown;
    await usePreference(source, 'http-test', 1000, (value) => (stored = value));
    expect(stored).to.deep.equal({ a: 1 });
    expect(seen.map((s) => s.url), 'nothing but the capabilities asked of the server').to.deep.equal(['/api/capabilities']);
    localStorage.removeItem(`${STORAGE_PREFIX}http-test`);
  });

  it('answers undefined for a 404 of a getter, NotFoundError elsewhere', async () => {
    const { fetch } = fakeFetch(() => problem(404, { detail: 'No such customer' }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    expect(await source.getCustomer('nope')).to.equal(undefined);
    expect(await source.getCustomerUser('nope')).to.equal(undefined);
    expect(await source.preferences!.get('layout')).to.equal(undefined);
    const error = await rejectionOf(source.getCompanyStatus('nope'));
    expect(error).to.be.instanceOf(NotFoundError);
    expect((error as Error).message).to.equal('No such customer');
  });

  const cases: [string, () => Response, (error: unknown) => void][] = [
    ['401 → unauthorized (the session), retryable', () => problem(401, { detail: 'Token expired' }), (e) => {
      expect(e).to.be.instanceOf(UnauthorizedError).and.not.instanceOf(ForbiddenError);
      expect(e).to.include({ kind: 'unauthorized', retryable: true, name: 'UnauthorizedError', message: 'Token expired' });
    }],
    ['403 → forbidden (permission), not retryable', () => problem(403, {}), (e) => {
      expect(e).to.be.instanceOf(ForbiddenError);
      expect(e).to.include({ kind: 'forbidden', retryable: false, name: 'ForbiddenError' });
    }],
    ['409 → conflict with its field', () => problem(409, { detail: 'taken', field: 'email' }), (e) => {
      expect(e).to.be.instanceOf(ConflictError);
      expect((e as ConflictError).field).to.equal('email');
    }],
    ['422 → validation with field messages', () => problem(422, { errors: { email: 'invalid' } }), (e) => {
      expect(e).to.be.instanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors).to.deep.equal({ email: 'invalid' });
    }],
    ['429 + Retry-After seconds → rate-limited', () => problem(429, {}, { 'Retry-After': '7' }), (e) => {
      expect(e).to.be.instanceOf(RateLimitedError);
      expect((e as RateLimitedError).retryAfterMs).to.equal(7000);
    }],
    ['429 + Retry-After date → rate-limited', () => problem(429, {}, { 'Retry-After': new Date(Date.now() + 60_000).toUTCString() }), (e) => {
      expect(e).to.be.instanceOf(RateLimitedError);
      expect((e as RateLimitedError).retryAfterMs).to.be.within(55_000, 60_000);
    }],
    ['503 + Retry-After → unavailable with the wait', () => problem(503, {}, { 'Retry-After': '3' }), (e) => {
      expect(e).to.be.instanceOf(UnavailableError);
      expect((e as UnavailableError).retryAfterMs).to.equal(3000);
    }],
    ['500 → unavailable', () => problem(500, {}), (e) => expect(e).to.be.instanceOf(UnavailableError)],
    ['502 without a body → unavailable', () => new Response('Bad gateway', { status: 502 }), (e) => expect(e).to.be.instanceOf(UnavailableError)],
    ['200 that is not JSON → malformed', () => new Response('<html>', { status: 200 }), (e) => expect(e).to.be.instanceOf(MalformedAnswerError)],
  ];
  for (const [name, respond, verify] of cases) {
    it(name, async () => {
      const source = new HttpDataSource({ baseUrl: '/api', fetch: fakeFetch(respond).fetch });
      verify(await rejectionOf(source.getCompanyStatus('ACME')));
    });
  }

  it("reads every status of the contract's table back as its kind (the server answers with the same table)", async () => {
    for (const [status, kind] of Object.entries(ERROR_KINDS)) {
      const source = new HttpDataSource({ baseUrl: '/api', fetch: fakeFetch(() => problem(Number(status), {})).fetch });
      expect(await rejectionOf(source.getCompanyStatus('ACME')), status).to.include({ kind });
    }
  });

  it('turns a network failure into unavailable', async () => {
    const fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof globalThis.fetch;
    const error = await rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch }).getCompanyStatus('ACME'));
    expect(error).to.be.instanceOf(UnavailableError);
  });

  it('times out a request that never answers, aborting it', async () => {
    const { fetch, seen } = fakeFetch(() => new Promise<Response>(() => {}));
    const error = await rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch, timeoutMs: 50 }).getCompanyStatus('ACME'));
    expect(error).to.be.instanceOf(TimeoutError);
    expect(seen[0].init.signal!.aborted).to.equal(true);
  });

  it('passes the abort of a call on to fetch, and rejects with an AbortError', async () => {
    const { fetch, seen } = fakeFetch(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const pending = rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch }).getCompanyStatus('ACME', { signal: controller.signal }));
    // A read is sent when its task ends (with the other reads of that task).
    await waitUntil(() => seen.length === 1, 'the read was never sent');
    expect(seen[0].init.signal!.aborted).to.equal(false);
    controller.abort();
    expect(isAbortError(await pending)).to.equal(true);
    expect(seen[0].init.signal!.aborted, 'the signal reaches fetch').to.equal(true);
  });

  /** A 200 whose body starts and then stalls (`trickle`: a byte every 20 ms, never ending), until the request is aborted. */
  function stalledBody(trickle = false) {
    let timer: ReturnType<typeof setInterval> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"escalated": 1, "open": '));
        if (trickle) timer = setInterval(() => controller.enqueue(new TextEncoder().encode(' ')), 20);
      },
      cancel: () => clearInterval(timer),
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }

  for (const trickle of [false, true]) {
    it(`times out a request whose body ${trickle ? 'trickles' : 'stalls'} after the headers`, async () => {
      const { fetch, seen } = fakeFetch(() => stalledBody(trickle));
      const error = await rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch, timeoutMs: 100 }).getCompanyStatus('ACME'));
      expect(error).to.be.instanceOf(TimeoutError);
      expect(seen[0].init.signal!.aborted, 'the body read is aborted').to.equal(true);
    });
  }

  /**
   * A 200 that does not stop: a megabyte of JSON whitespace each time it is read, up to 64 (so
   * that a reader without a limit fails here too, without filling the memory); `state.cancelled`
   * once the reader lets go.
   */
  function endlessBody() {
    const state = { cancelled: false, sent: 0 };
    const megabyte = new TextEncoder().encode(' '.repeat(1 << 20));
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"escalated": 1, "open": ')),
      pull: (controller) => void (++state.sent > 64 ? controller.close() : controller.enqueue(megabyte)),
      cancel: () => void (state.cancelled = true),
    });
    return { state, response: new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }) };
  }

  it('fails a read whose answer grows beyond 4 MB as malformed, and lets go of the body (a server that never stops)', async () => {
    const endless = endlessBody();
    const { fetch } = fakeFetch(() => endless.response);
    const error = await rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch, timeoutMs: 0 }).getCompanyStatus('ACME'));
    expect(error).to.be.instanceOf(MalformedAnswerError);
    expect((error as Error).message).to.equal('GET /company-status: the answer is too long');
    expect(endless.state.cancelled, 'the body is cancelled').to.equal(true);
    expect(endless.state.sent, 'read no further than the limit').to.be.below(8);
  });

  it('reads an error answer no further than the limit either: the status still decides the error', async () => {
    const endless = endlessBody();
    const { fetch } = fakeFetch(() => new Response(endless.response.body, { status: 503, headers: { 'Retry-After': '7' } }));
    const error = await rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch, timeoutMs: 0 }).getCompanyStatus('ACME'));
    expect(error).to.be.instanceOf(UnavailableError);
    expect((error as UnavailableError).retryAfterMs).to.equal(7000);
    expect(endless.state.cancelled).to.equal(true);
  });

  for (const status of [200, 503]) {
    it(`lets go of the body (status ${status}) at the time limit even when the fetch given does not heed the signal`, async () => {
      const state = { cancelled: false };
      let timer: ReturnType<typeof setInterval> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => void (timer = setInterval(() => controller.enqueue(new TextEncoder().encode(' ')), 10)),
        cancel: () => void (clearInterval(timer), (state.cancelled = true)),
      });
      // A fetch that answers at once and never looks at its signal.
      const fetch = (async () => new Response(body, { status })) as unknown as typeof globalThis.fetch;
      expect(await rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch, timeoutMs: 100 }).getCompanyStatus('ACME'))).to.be.instanceOf(TimeoutError);
      await waitUntil(() => state.cancelled, 'the body is still read');
      clearInterval(timer);
    });
  }

  it('still reads an answer that only has json() (a fetch that answers a stand-in)', async () => {
    const stand = { ok: true, status: 200, headers: new Headers(), json: async () => ({ escalated: 1, open: 2, closed: 3, all: 6, byCategory: {} }) };
    const fetch = (async () => stand) as unknown as typeof globalThis.fetch;
    expect((await new HttpDataSource({ baseUrl: '/api', fetch, batch: false }).getCompanyStatus('ACME')).open).to.equal(2);
  });

  it('fails a read cut off in the middle of its answer as unavailable (retryable), not as malformed', async () => {
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (stream = controller) });
    const { fetch } = fakeFetch(() => new Response(body, { status: 200 }));
    const pending = rejectionOf(new HttpDataSource({ baseUrl: '/api', fetch, timeoutMs: 0 }).getCompanyStatus('ACME'));
    stream.enqueue(new TextEncoder().encode('{"escalated": 1,'));
    stream.error(new TypeError('network error'));
    const error = await pending;
    expect(error).to.be.instanceOf(UnavailableError);
    expect((error as UnavailableError).retryable).to.equal(true);
  });

  it('connect() cannot hang on a stalled answer', async () => {
    const { fetch } = fakeFetch(() => stalledBody());
    expect(await rejectionOf(HttpDataSource.connect({ baseUrl: '/api', fetch, timeoutMs: 100 }))).to.be.instanceOf(TimeoutError);
  });

  it("takes the caller's time limit (an element's request timeout) when it sets none of its own", async () => {
    const { fetch, seen } = fakeFetch(() => stalledBody());
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    const error = await rejectionOf(withTimeout(100, undefined, (signal) => source.getCompanyStatus('ACME', { signal })));
    expect(error).to.be.instanceOf(TimeoutError);
    expect(seen[0].init.signal!.aborted).to.equal(true);
  });

  it('refuses redirects by default; follows them when asked', async () => {
    const { fetch, seen } = fakeFetch(() => Response.json({ escalated: 0, open: 1, closed: 2, all: 3, byCategory: {} }));
    await new HttpDataSource({ baseUrl: '/api', fetch }).getCompanyStatus('ACME');
    await new HttpDataSource({ baseUrl: '/api', fetch, redirect: 'follow' }).getCompanyStatus('ACME');
    expect(seen.map((call) => call.init.redirect)).to.deep.equal(['error', 'follow']);
  });

  it('turns a refused redirect into unavailable (a real 302 to another address)', async () => {
    // The dev server answers this path with a redirect to another origin.
    const error = await rejectionOf(new HttpDataSource({ baseUrl: '/api/hostile/redirect' }).getCompanyStatus('ACME'));
    expect(error).to.be.instanceOf(UnavailableError);
  });

  it('sends an Idempotency-Key with every write (the caller\'s when given), none with reads', async () => {
    const { fetch, seen } = fakeFetch(() => Response.json({ id: 'n1', customerId: 'ACME', at: new Date().toISOString(), kind: 'note', text: 'x' }));
    const source = new HttpDataSource({ baseUrl: '/api', fetch });
    await source.addCustomerNote!('ACME', { text: 'x' });
    await source.addCustomerNote!('ACME', { text: 'x' });
    await source.addCustomerNote!('ACME', { text: 'x' }, { idempotencyKey: 'given' });
    await source.updateCustomer!('ACME', { customFields: {} }, { idempotencyKey: 'given-too' });
    await source.countTicketsByUser(['anna']);
    await source.getCustomer('ACME');
    const keys = seen.map((call) => new Headers(call.init.headers).get('Idempotency-Key'));
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(keys[1], 'a new key for a new write').to.match(/^[0-9a-f-]{36}$/).and.not.equal(keys[0]);
    expect(keys.slice(2)).to.deep.equal(['given', 'given-too', null, null]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).to.equal(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).to.equal(60_000);
    expect(parseRetryAfter(null)).to.be.NaN;
    expect(parseRetryAfter('soon')).to.be.NaN;
  });
});

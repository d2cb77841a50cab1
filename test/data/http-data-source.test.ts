import { expect } from '@open-wc/testing';
import {
  ConflictError,
  ForbiddenError,
  isAbortError,
  MalformedAnswerError,
  NotFoundError,
  RateLimitedError,
  TimeoutError,
  UnavailableError,
  ValidationError,
} from '../../src/data/errors.js';
import { HttpDataSource, parseRetryAfter } from '../../src/data/http-data-source.js';
import { STORAGE_PREFIX, usePreference, writePreference } from '../../src/internal/preferences.js';

interface Seen {
  url: string;
  init: RequestInit;
}

/** A `fetch` that answers `respond()` and records what it was asked. */
function fakeFetch(respond: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    seen.push(call);
    return respond(call);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

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
    ['401 → forbidden', () => problem(401, {}), (e) => expect(e).to.be.instanceOf(ForbiddenError)],
    ['403 → forbidden', () => problem(403, {}), (e) => expect(e).to.be.instanceOf(ForbiddenError)],
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
    await new Promise((resolve) => setTimeout(resolve));
    expect(seen[0].init.signal!.aborted).to.equal(false);
    controller.abort();
    expect(isAbortError(await pending)).to.equal(true);
    expect(seen[0].init.signal!.aborted, 'the signal reaches fetch').to.equal(true);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).to.equal(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).to.equal(60_000);
    expect(parseRetryAfter(null)).to.be.NaN;
    expect(parseRetryAfter('soon')).to.be.NaN;
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { CallOptions } from '../../src/data/contract/data-source.js';
import { ForbiddenError, RateLimitedError } from '../../src/data/contract/errors.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { createRestApi, prefersStream } from '../rest-api.js';
import { DATABASES, testServer, type TestServer } from './fixture.js';

interface PartAnswer {
  id: string;
  status: number;
  body: { title?: string; errors?: Record<string, string> } & Record<string, unknown>;
  headers?: Record<string, string>;
}

const parts = (...paths: string[]) => paths.map((path, index) => ({ id: `p${index}`, method: 'GET', path }));

/** What a client that reads a streamed batch sends as `Accept`. */
const STREAMED = 'application/x-ndjson, application/json';

/** The lines of a streamed batch's answer, each parsed. */
const linesOf = async (response: Response): Promise<PartAnswer[]> =>
  (await response.text()).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));

/** Reads a standalone request must answer alike inside a batch, for either agent. */
const READS = [
  '/agent',
  '/capabilities',
  '/customer?id=BIG',
  '/customer?id=NOPE',
  '/company-status?customerId=BIG',
  '/ticket-counts?customerId=BIG&view=all',
  '/tickets?customerId=BIG&view=all&size=5&sort=priority:asc',
  '/tickets?customerId=BIG&view=nope',
  '/customer-users?customerId=BIG&size=3&withTicketCounts=true',
  '/search/customers?term=big&limit=5',
  '/preferences?key=layout',
  '/customer-history?customerId=BIG&size=2',
];

for (const database of DATABASES) {
  describe(`POST /api/batch (${database.name})`, () => {
    let server: TestServer;
    before(async () => (server = await testServer(database.open)));
    after(() => server.db.close());

    const batch = (body: unknown, init: RequestInit & { token?: string } = {}) =>
      server.call('/batch', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), ...init });
    const answers = async (body: unknown, token?: string): Promise<PartAnswer[]> => {
      const response = await batch(body, { token });
      assert.equal(response.status, 200, JSON.stringify(await response.clone().json()));
      return (await response.json()).responses;
    };

    it('answers every part with its own status and body, in the order and with the ids asked', async () => {
      const answered = await answers({ requests: parts('/customer?id=BIG', '/company-status?customerId=BIG', '/preferences?key=layout') });
      assert.deepEqual(answered.map(({ id, status }) => [id, status]), [['p0', 200], ['p1', 200], ['p2', 200]]);
      assert.equal(answered[0].body.id, 'BIG');
      assert.equal(typeof answered[1].body.open, 'number');
      assert.deepEqual(answered[2].body, {});
    });

    it('keeps a failing part to itself: a 404 and a 422 beside parts that succeed', async () => {
      const answered = await answers({ requests: parts('/customer?id=NOPE', '/tickets?customerId=BIG&view=nope', '/customer?id=SMALL', '/no-such-operation') });
      assert.deepEqual(answered.map((answer) => answer.status), [404, 422, 200, 404]);
      assert.equal(answered[1].body.errors?.view, 'must be one of reminder, escalated, new, open, closed, all');
      assert.equal(answered[2].body.name, 'Small Shop');
      assert.equal(answered[3].body.title, 'No such endpoint');
    });

    it('answers each part exactly as the same request sent alone with the same token', async () => {
      for (const token of ['token-me', 'token-limited']) {
        const answered = await answers({ requests: parts(...READS) }, token);
        for (const [index, path] of READS.entries()) {
          const alone = await server.call(path, { token });
          assert.deepEqual({ status: answered[index].status, body: answered[index].body }, { status: alone.status, body: await alone.json() }, `${token} ${path}`);
        }
      }
      const [mine] = await answers({ requests: parts('/company-status?customerId=BIG') }, 'token-me');
      const [limited] = await answers({ requests: parts('/company-status?customerId=BIG') }, 'token-limited');
      assert.notDeepEqual(mine.body, limited.body, 'the limited agent sees fewer tickets in a batch too');
    });

    it('refuses a batch without a valid token as a whole (401), whatever its parts', async () => {
      const body = JSON.stringify({ requests: parts('/customer?id=BIG', '/agent') });
      const anonymous = await server.app.fetch(new Request('http://server/api/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }));
      assert.equal(anonymous.status, 401);
      const stolen = await batch(body, { token: 'stolen' });
      assert.equal(stolen.status, 401);
      assert.equal((await stolen.json()).title, 'Unauthorized');
    });

    const refused: [string, unknown, string, string][] = [
      ['more than 20 parts', { requests: parts(...Array.from({ length: 21 }, () => '/agent')) }, 'requests', 'must have at most 20 items'],
      ['a nested batch', { requests: parts('/agent', '/batch') }, 'path', 'must not be /batch'],
      ['the live stream', { requests: parts('/agent', '/live?customerId=BIG') }, 'path', 'must not be /live'],
      ['a part that is not a GET', { requests: [{ id: 'w', method: 'PUT', path: '/preferences?key=layout' }] }, 'method', 'must be one of GET'],
      ['a path above the API', { requests: parts('/../secret') }, 'path', "must match ^(/[a-z][a-z-]*)+(\\?[^#]*)?$"],
      ['a path on another host', { requests: parts('//evil.example/api/agent') }, 'path', "must match ^(/[a-z][a-z-]*)+(\\?[^#]*)?$"],
      ['an absolute URL', { requests: parts('http://evil.example/api/agent') }, 'path', "must match ^(/[a-z][a-z-]*)+(\\?[^#]*)?$"],
      ['an encoded dot segment', { requests: parts('/%2e%2e/agent') }, 'path', "must match ^(/[a-z][a-z-]*)+(\\?[^#]*)?$"],
      ['a relative path', { requests: parts('agent') }, 'path', "must match ^(/[a-z][a-z-]*)+(\\?[^#]*)?$"],
      ['ids used twice', { requests: [{ id: 'a', method: 'GET', path: '/agent' }, { id: 'a', method: 'GET', path: '/capabilities' }] }, 'id', 'must be unique'],
      ['an empty id', { requests: [{ id: '', method: 'GET', path: '/agent' }] }, 'id', 'required'],
      ['a part with a body', { requests: [{ id: 'a', method: 'GET', path: '/agent', body: {} }] }, 'body', 'not allowed'],
      ['no requests', {}, 'requests', 'required'],
      ['requests not a list', { requests: '/agent' }, 'requests', 'must be an array'],
      ['a part not an object', { requests: ['/agent'] }, 'requests', 'must be an object'],
      ['an unknown field', { requests: [], then: 'more' }, 'then', 'not allowed'],
      ['a body that is not JSON', '{"requests": [', 'body', 'not JSON'],
    ];
    for (const [what, body, field, message] of refused) {
      it(`refuses ${what}: 422 naming ${field}, nothing answered`, async () => {
        const response = await batch(body);
        const problem = await response.json();
        assert.equal(response.status, 422, JSON.stringify(problem));
        assert.equal(response.headers.get('Content-Type'), 'application/problem+json');
        assert.equal(problem.errors?.[field], message, JSON.stringify(problem));
        assert.equal(problem.responses, undefined);
      });
    }

    it('refuses a huge body (413) and one that is not JSON by its type (415)', async () => {
      const huge = await batch({ requests: parts('/agent'), padding: 'x'.repeat(100_000) });
      assert.equal(huge.status, 413);
      assert.equal((await huge.json()).title, 'Body too large');
      const text = await batch('requests', { headers: { 'Content-Type': 'text/plain' } });
      assert.equal(text.status, 415);
    });

    it('answers GET /batch as a method it does not offer (404), as an older server would', async () => {
      assert.equal((await server.call('/batch')).status, 404);
    });

    it('streams the answers as NDJSON when asked: a line per part, each as the JSON answer has it', async () => {
      const requests = parts(...READS);
      const response = await batch({ requests }, { headers: { Accept: STREAMED } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Content-Type'), 'application/x-ndjson');
      assert.equal(response.headers.get('X-Accel-Buffering'), 'no', 'nginx passes it on as it comes');
      const lines = await linesOf(response);
      const answered = await answers({ requests });
      assert.deepEqual(lines.map((line) => line.id).sort(), answered.map((answer) => answer.id).sort());
      for (const line of lines) assert.deepEqual(line, answered.find((answer) => answer.id === line.id), line.id);
    });

    it('refuses a bad batch as a whole even when a stream is asked: 422 as JSON, no line', async () => {
      const response = await batch({ requests: parts('/agent', '/live?customerId=BIG') }, { headers: { Accept: STREAMED } });
      assert.equal(response.status, 422);
      assert.equal(response.headers.get('Content-Type'), 'application/problem+json');
      const stolen = await batch({ requests: parts('/agent') }, { token: 'stolen', headers: { Accept: STREAMED } });
      assert.equal(stolen.status, 401);
    });

    it('answers 20 parts at once, each its own', async () => {
      const logins = Array.from({ length: 20 }, (_, index) => `big.user${String(index + 1).padStart(2, '0')}`);
      const answered = await answers({ requests: parts(...logins.map((login) => `/customer-user?login=${login}`)) });
      assert.deepEqual(answered.map((answer) => answer.body.login), logins);
    });
  });
}

describe('POST /batch over any data source (the REST layer)', () => {
  /** A source that refuses the customer `SECRET` (403), as a helpdesk may for a customer of another group, and is busy for `BUSY`. */
  class GuardedSource extends InMemoryDataSource {
    override async getCustomer(customerId: string, options?: CallOptions) {
      if (customerId === 'SECRET') throw new ForbiddenError('Not your customer');
      return super.getCustomer(customerId, options);
    }

    override async getCompanyStatus(customerId: string, options?: CallOptions) {
      if (customerId === 'BUSY') throw new RateLimitedError(5000, 'Slow down');
      return super.getCompanyStatus(customerId, options);
    }
  }
  const source = new GuardedSource(conformanceData(), { now: CONFORMANCE_NOW, currentAgentId: CONFORMANCE_AGENT_ID, preferences: true });
  const app = createRestApi({ sourceFor: () => source });
  const batch = (requests: unknown) =>
    app.fetch(new Request('http://server/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requests }) }));

  it('keeps a 403 to its part, with the problem a standalone request answers', async () => {
    const response = await batch(parts('/customer?id=SECRET', '/customer?id=BIG'));
    const { responses } = (await response.json()) as { responses: PartAnswer[] };
    const alone = await app.fetch(new Request('http://server/customer?id=SECRET'));
    assert.equal(alone.status, 403);
    assert.deepEqual(responses[0], { id: 'p0', status: 403, body: await alone.json() });
    assert.equal(responses[1].status, 200);
    assert.equal(responses[1].body.id, 'BIG');
  });

  it('names a part’s Retry-After (429, 503) in its headers', async () => {
    const response = await batch(parts('/company-status?customerId=BUSY'));
    const { responses } = (await response.json()) as { responses: PartAnswer[] };
    assert.equal(responses[0].status, 429);
    assert.deepEqual(responses[0].headers, { 'Retry-After': '5' });
  });

  it('answers an empty batch with no answers', async () => {
    const response = await batch([]);
    assert.deepEqual(await response.json(), { responses: [] });
  });
});

describe('POST /batch streamed (the REST layer)', () => {
  /** A source whose customer `SLOW` is answered only once the test releases it; counts what it is asked. */
  class GatedSource extends InMemoryDataSource {
    readonly asked: string[] = [];
    release!: () => void;
    private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

    override async getCustomer(customerId: string, options?: CallOptions) {
      this.asked.push(customerId);
      if (customerId === 'SLOW') await this.gate;
      return super.getCustomer(customerId, options);
    }
  }
  const gatedSource = () => new GatedSource(conformanceData(), { now: CONFORMANCE_NOW, currentAgentId: CONFORMANCE_AGENT_ID });
  const streamedBatch = (app: ReturnType<typeof createRestApi>, requests: unknown) =>
    app.fetch(new Request('http://server/batch', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: STREAMED }, body: JSON.stringify({ requests }),
    }));
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise((resolve) => setTimeout(resolve, 1));
  };

  it('sends a quick part before a slow one is answered, then the slow one', { timeout: 10_000 }, async () => {
    const source = gatedSource();
    const response = await streamedBatch(createRestApi({ sourceFor: () => source }), parts('/customer?id=SLOW', '/customer?id=BIG'));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n')) text += (await reader.read()).value;
    assert.deepEqual(JSON.parse(text.slice(0, text.indexOf('\n'))), { id: 'p1', status: 200, body: await source.getCustomer('BIG') });
    await until(() => source.asked.includes('SLOW'));
    source.release();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
    const [, slow] = text.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual([slow.id, slow.status], ['p0', 404]);
  });

  it('streams only when NDJSON is asked with a weight above 0 and not below that of JSON', async () => {
    const asked = {
      'application/x-ndjson, application/json': true,
      'application/x-ndjson': true,
      'Application/X-NDJSON;q=0.5': true,
      'application/json;q=0.4, application/x-ndjson;q=0.5': true,
      'application/x-ndjson;q=0, application/json': false,
      'application/x-ndjson; q=0.000': false,
      'application/x-ndjson;q=0.5, application/json': false,
      'application/x-ndjson;q=oops': false,
      'application/json': false,
      'application/x-ndjsonx, application/json': false,
      '': false,
    };
    for (const [accept, streamed] of Object.entries(asked)) assert.equal(prefersStream(accept), streamed, accept);
    const source = gatedSource();
    const refused = await createRestApi({ sourceFor: () => source }).fetch(new Request('http://server/batch', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/x-ndjson;q=0, application/json' }, body: JSON.stringify({ requests: parts('/customer?id=BIG') }),
    }));
    assert.match(refused.headers.get('Content-Type') ?? '', /^application\/json/);
    assert.equal((await refused.json()).responses[0].body.id, 'BIG');
  });

  it('starts no further part once the reader has gone away (cancelled the answer)', { timeout: 10_000 }, async () => {
    const source = gatedSource();
    // Four parts held back take every turn; the three behind them start only when one ends.
    const response = await streamedBatch(createRestApi({ sourceFor: () => source }), parts(...Array(4).fill('/customer?id=SLOW'), ...Array(3).fill('/customer?id=BIG')));
    await until(() => source.asked.length === 4);
    await response.body!.cancel();
    source.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(source.asked, ['SLOW', 'SLOW', 'SLOW', 'SLOW'], 'no part started after the cancel');
  });
});

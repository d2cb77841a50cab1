import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { DATABASES, testServer, type TestServer } from './fixture.js';

// Every parameter of every operation of openapi.yaml, and every field of every request body,
// sent hostile values: the server answers each with a status below 500 and logs no internal error.

interface Schema {
  $ref?: string;
  type?: string;
  maxLength?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; required: boolean; schema: Schema }[];
  body?: Schema;
}

async function contractOperations(): Promise<Operation[]> {
  const document = parse(await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
  const resolve = <T>(node: T): T => {
    const ref = (node as { $ref?: string }).$ref;
    return ref ? resolve(ref.slice(2).split('/').reduce((at, key) => at[key], document)) : node;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, { parameters?: unknown[]; requestBody?: unknown }>>(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters ?? []).map((p) => resolve(p) as Operation['parameters'][number]);
      const body = operation.requestBody ? resolve((operation.requestBody as { content: Record<string, { schema: Schema }> }).content['application/json'].schema) : undefined;
      operations.push({ method: method.toUpperCase(), path, parameters: parameters.map((p) => ({ ...p, required: p.required === true })), body });
    }
  }
  return operations;
}

/** Query values, already percent-encoded (some are deliberately not valid UTF-8 or not valid escapes). */
const encode = (value: string) => encodeURIComponent(value);
const QUERY_VALUES: [string, (maxLength?: number) => string][] = [
  ['over-long', (max) => encode('x'.repeat((max ?? 10_000) + 1))],
  ['very long', () => encode('y'.repeat(100_000))],
  ['empty', () => ''],
  ['blank', () => encode('   ')],
  ['NUL', () => encode('a\u0000b')],
  ['astral', () => encode('😀𝕏𠜎')],
  ['lone surrogate (CESU-8)', () => '%ED%A0%80'],
  ['invalid UTF-8', () => '%FF%FE'],
  ['broken escape', () => '%E2%82'],
  ['bare percent', () => '%'],
  ['RTL override', () => encode('\u202Eevil\u202C')],
  ['negative', () => '-1'],
  ['zero', () => '0'],
  ['huge', () => '99999999999999999999999'],
  ['1e400', () => '1e400'],
  ['fraction', () => '1.5'],
  ['NaN', () => 'NaN'],
  ['wrong type', () => 'abc'],
  ['boolean', () => 'true'],
  ['wildcards', () => encode('%_*\\')],
  ['quote', () => encode("' OR 1=1 --")],
  ['JSON', () => encode('{"key":1}')],
];
/** Body values as JSON text (a deep nesting could not even be written by JSON.stringify). */
const BODY_VALUES: [string, (maxLength?: number) => string][] = [
  ['over-long', (max) => JSON.stringify('x'.repeat((max ?? 10_000) + 1))],
  ['empty', () => '""'],
  ['NUL', () => '"a\\u0000b"'],
  ['astral', () => JSON.stringify('😀𝕏𠜎')],
  ['lone surrogate', () => '"\\ud800x"'],
  ['RTL override', () => JSON.stringify('\u202Eevil\u202C')],
  ['negative', () => '-1'],
  ['huge', () => '1e400'],
  ['big integer', () => '99999999999999999999'],
  ['boolean', () => 'true'],
  ['null', () => 'null'],
  ['array', () => '["a", "b"]'],
  ['object', () => '{"a": 1}'],
  ['nested', () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ['prototype key', () => '{"__proto__": {"polluted": true}, "constructor": "x"}'],
];

/** `object` as JSON with `field` set to the JSON text `value`. */
function withField(object: Record<string, unknown>, field: string, value: string): string {
  const rest = Object.fromEntries(Object.entries(object).filter(([key]) => key !== field));
  const head = JSON.stringify(rest).slice(0, -1);
  return `${head}${head.length > 1 ? ',' : ''}${JSON.stringify(field)}:${value}}`;
}
const BODIES = ['', '{', 'null', '[]', '"text"', '1', 'true', '{"__proto__": null}'];

/** A valid value for each parameter, so that each request gets past the others. */
const VALID: Record<string, string> = {
  term: 'big', limit: '5', size: '5', login: 'big.user01', key: 'fuzz', id: 'BIG', customerId: 'BIG', customerUserLogin: 'big.user01',
  access: 'accessible', view: 'all', filter: 'all', sort: 'age:desc', withCounts: 'true', withTicketCounts: 'true', months: '3', includeTickets: 'true',
};
let created = 0;
/** A valid body for each write. */
function validBody(operation: Operation): Record<string, unknown> {
  switch (`${operation.method} ${operation.path}`) {
    case 'PUT /customer':
      return { customFields: { Tier: 'gold' } };
    case 'POST /customer-users':
    case 'PUT /customer-user':
      return { login: operation.method === 'PUT' ? 'big.user01' : `fuzz.${created++}`, customerId: 'BIG', firstName: 'F', lastName: 'Uzz', email: 'f@x.example' };
    case 'POST /ticket-counts/by-customer-user':
      return { logins: ['big.user01'] };
    case 'POST /ticket-counts/by-customer':
      return { customerIds: ['BIG'] };
    case 'POST /customer-notes':
      return { text: 'hello' };
    case 'PUT /preferences':
      return { value: { columns: ['a'] } };
    case 'POST /batch':
      return { requests: [{ id: 'a', method: 'GET', path: '/customer?id=BIG' }] };
    default:
      throw new Error(`no valid body for ${operation.method} ${operation.path}`);
  }
}

/** The hostile requests for one operation: each parameter and each body field in turn. */
function* hostileRequests(operation: Operation): Generator<{ what: string; query: string; body?: string }> {
  const required = operation.parameters.filter((p) => p.required);
  const query = (name?: string, value?: string) =>
    [...required.filter((p) => p.name !== name).map((p) => `${p.name}=${encode(VALID[p.name])}`), ...(name ? [`${name}=${value}`] : [])].join('&');
  const body = () => (operation.body ? JSON.stringify(validBody(operation)) : undefined);
  for (const { name, schema } of operation.parameters) {
    for (const [label, make] of QUERY_VALUES) yield { what: `${name}: ${label}`, query: query(name, make(schema.maxLength)), body: body() };
    yield { what: `${name}: twice`, query: `${query(name, encode(VALID[name] ?? '1'))}&${name}=2`, body: body() };
    yield { what: `${name}: as name[]`, query: `${query()}&${name}[]=1`, body: body() };
  }
  if (!operation.body) return;
  for (const raw of BODIES) yield { what: `body ${JSON.stringify(raw)}`, query: query(), body: raw };
  for (const [field, schema] of Object.entries(operation.body.properties ?? {})) {
    for (const [label, make] of BODY_VALUES) {
      const value = make(schema.maxLength ?? schema.items?.maxLength);
      yield { what: `${field}: ${label}`, query: query(), body: withField(validBody(operation), field, value) };
      if (schema.type === 'array') yield { what: `${field}[]: ${label}`, query: query(), body: withField(validBody(operation), field, `[${value}]`) };
    }
  }
}

for (const database of DATABASES) {
  describe(`fuzz of every parameter of openapi.yaml (${database.name})`, { timeout: 300_000 }, () => {
    let server: TestServer;
    const logged: unknown[][] = [];
    const consoleError = console.error;
    before(async () => {
      server = await testServer(database.open);
      console.error = (...args: unknown[]) => void logged.push(args);
    });
    after(async () => {
      console.error = consoleError;
      await server.db.close();
    });

    it('answers every hostile value below 500 and logs no internal error', async () => {
      const operations = await contractOperations();
      assert.ok(operations.length >= 20, `${operations.length} operations read`);
      const failures: string[] = [];
      let sent = 0;
      for (const operation of operations) {
        for (const request of hostileRequests(operation)) {
          const abort = new AbortController();
          const response = await server.app.fetch(new Request(`http://server/api${operation.path}?${request.query}`, {
            method: operation.method, body: request.body, signal: abort.signal,
            headers: { Authorization: 'Bearer token-me', ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          }));
          sent++;
          // A live stream that opened does not end: its status is the answer; leaving frees its slot.
          const streaming = response.headers.get('Content-Type')?.startsWith('text/event-stream');
          if (streaming) abort.abort();
          const text = streaming ? '' : await response.text();
          // 501: a call this server does not offer (live updates without a listening connection).
          if (response.status >= 500 && response.status !== 501) failures.push(`${operation.method} ${operation.path} ${request.what} → ${response.status} ${text.slice(0, 120)}`);
        }
      }
      assert.ok(sent > 1000, `${sent} requests sent`);
      assert.deepEqual(failures, []);
      assert.deepEqual(logged.map((args) => args.map(String).join(' ').slice(0, 200)), [], 'internal errors logged');
    });
  });
}

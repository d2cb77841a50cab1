import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OPTIONAL_CALLS } from '../../src/data/contract/contract.js';
import { MAX_BATCH_PARTS } from '../../src/data/adapters/http-data-source.js';
import { DEFAULT_STATISTICS_MONTHS, MAX_STATISTICS_MONTHS } from '../../src/data/rules/ticket-statistics.js';
import { TICKET_FILTERS, TICKET_SORT_FIELDS, TICKET_VIEWS } from '../../src/data/contract/types.js';
import { loadContract, readContractDocument, type Operation, type Schema } from '../openapi-validation.js';
import { inMemoryRestApi } from '../test-api.js';
import { testServer } from './fixture.js';

const contract = loadContract();

/** A request that breaks the contract in one place, and the problem the answer must name. */
interface Case {
  label: string;
  query: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  field: string;
  problem: string;
}

/** Values that pass the contract, for the required parameters around the one broken. */
const VALID: Record<string, string> = { customerId: 'SMALL', id: 'SMALL', login: 'big.user01', key: 'k', term: 'ab' };

function validQuery(operation: Operation): Record<string, string> {
  const required = operation.parameters.filter((parameter) => parameter.required && parameter.in === 'query');
  return Object.fromEntries(required.map(({ name, schema }) => [name, schema.enum?.[0] ?? (schema.type === 'integer' ? String(schema.minimum ?? 1) : (VALID[name] ?? 'x'))]));
}

/** Every way to break one parameter that its schema in openapi.yaml states, with the problem answered. */
function parameterCases(operation: Operation): Case[] {
  const base = validQuery(operation);
  const cases: Case[] = [];
  for (const { name, in: where, required, schema } of operation.parameters) {
    const bad = (value: string, problem: string) =>
      where === 'header'
        ? cases.push({ label: `${name}: ${value.slice(0, 20)}`, query: base, headers: { [name]: value }, field: name, problem })
        : cases.push({ label: `${name}=${value.slice(0, 20)}`, query: { ...base, [name]: value }, field: name, problem });
    if (required) cases.push({ label: `no ${name}`, query: Object.fromEntries(Object.entries(base).filter(([key]) => key !== name)), field: name, problem: 'required' });
    if (schema.type === 'integer') {
      bad('x', 'must be an integer');
      if (schema.minimum !== undefined) bad(String(schema.minimum - 1), `must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined) bad(String(schema.maximum + 1), `must be at most ${schema.maximum}`);
    } else if (schema.type === 'boolean') {
      bad('maybe', 'must be true or false');
    } else if (schema.enum) {
      bad('nope', `must be one of ${schema.enum.join(', ')}`);
    } else {
      if (schema.maxLength !== undefined) bad('x'.repeat(schema.maxLength + 1), 'too-long');
      if (where === 'query') bad('a\u0000b', 'must not contain NUL');
    }
  }
  return cases;
}

/** Bodies with one text too long for its column (or holding NUL), and the field the problem is named by. */
function* brokenValues(schema: Schema, field: string): Generator<[unknown, string]> {
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) yield ['x'.repeat(schema.maxLength + 1), field];
    yield ['a\u0000b', field];
  }
  if (schema.type === 'array' && schema.items) for (const [item, name] of brokenValues(schema.items, field)) yield [[item], name];
  if (schema.type !== 'object') return;
  for (const [name, property] of Object.entries(schema.properties ?? {})) for (const [value, at] of brokenValues(property, name)) yield [{ [name]: value }, at];
  if (typeof schema.additionalProperties === 'object') for (const [value, at] of brokenValues(schema.additionalProperties, 'Label')) yield [{ Label: value }, at];
  const label = schema.propertyNames?.maxLength;
  if (label !== undefined) yield [{ ['L'.repeat(label + 1)]: 'v' }, 'L'.repeat(label + 1)];
}

function bodyCases(operation: Operation): Case[] {
  if (!operation.body) return [];
  const query = validQuery(operation);
  return [...brokenValues(operation.body, 'body')].map(([body, field]) => ({
    label: `${field.slice(0, 20)} in ${JSON.stringify(body).slice(0, 40)}`,
    query,
    body,
    field,
    problem: JSON.stringify(body).includes('\\u0000') ? 'must not contain NUL' : 'too-long',
  }));
}

type Call = (path: string, init: RequestInit) => Promise<Response>;

/** The servers that answer the contract: each must refuse every case alike. */
const SERVERS: { name: string; open: () => Promise<{ call: Call; close: () => Promise<void> }> }[] = [
  {
    name: 'the REST API over the in-memory source (the browser tests’ server)',
    open: async () => {
      const app = inMemoryRestApi();
      const call: Call = async (path, init) => app.fetch(new Request(`http://server${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } }));
      return { call, close: async () => {} };
    },
  },
  {
    name: 'the reference server (SQL on PGlite)',
    open: async () => {
      const server = await testServer();
      return { call: async (path, init) => server.call(path, init as RequestInit & { token?: string }), close: () => server.db.close() };
    },
  },
];

for (const { name, open } of SERVERS) {
  describe(`openapi.yaml is what ${name} checks`, () => {
    let server: Awaited<ReturnType<typeof open>>;
    before(async () => (server = await open()));
    after(() => server.close());

    for (const [operation, spec] of contract) {
      const cases = [...parameterCases(spec), ...bodyCases(spec)];
      if (!cases.length) continue;
      it(`${operation}: every parameter and body text out of its schema is 422, naming it as the contract does`, async () => {
        const [method, path] = operation.split(' ');
        const wrong: string[] = [];
        for (const { label, query, headers, body, field, problem } of cases) {
          const search = new URLSearchParams(query).toString();
          const init: RequestInit = { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) };
          const response = await server.call(`${path}${search ? `?${search}` : ''}`, init);
          const answer = await response.json();
          if (response.status !== 422 || answer.errors?.[field] !== problem) wrong.push(`${label}: ${response.status} ${JSON.stringify(answer.errors ?? answer)}, not ${field}: ${problem}`);
        }
        assert.deepEqual(wrong, []);
      });
    }

    it('size=0 and size=101 are answered alike by every list', async () => {
      const lists = [...contract].filter(([, spec]) => spec.parameters.some((parameter) => parameter.name === 'size'));
      assert.ok(lists.length >= 3);
      const answers = new Set<string>();
      for (const [operation, spec] of lists) {
        const path = operation.split(' ')[1];
        for (const size of ['0', '101']) {
          const response = await server.call(`${path}?${new URLSearchParams({ ...validQuery(spec), size })}`, { method: 'GET' });
          answers.add(`${response.status} ${JSON.stringify((await response.json()).errors)}`);
        }
      }
      assert.deepEqual([...answers], ['422 {"size":"must be at least 1"}', '422 {"size":"must be at most 100"}']);
    });
  });
}

describe('openapi.yaml and the constants of the code agree', () => {
  const document = readContractDocument() as unknown as {
    paths: Record<string, Record<string, { operationId: string; parameters?: { name?: string; schema?: Schema }[] }>>;
    components: { parameters: Record<string, { schema: Schema }>; schemas: { Capabilities: { required: string[]; properties: Record<string, { items?: Schema }> } } };
  };
  const parameter = (operation: string, name: string) => contract.get(operation)!.parameters.find((p) => p.name === name)!.schema;
  const capabilities = document.components.schemas.Capabilities;

  it('views, filters and sort fields', () => {
    assert.deepEqual(parameter('GET /tickets', 'view').enum, [...TICKET_VIEWS]);
    assert.deepEqual(parameter('GET /tickets', 'filter').enum, [...TICKET_FILTERS]);
    assert.deepEqual(capabilities.properties.ticketFilters.items!.enum, [...TICKET_FILTERS]);
    assert.deepEqual(capabilities.properties.ticketSorts.items!.enum, [...TICKET_SORT_FIELDS]);
    assert.equal(parameter('GET /tickets', 'sort').pattern, `^(${TICKET_SORT_FIELDS.join('|')}):(asc|desc)$`);
  });

  it('the parts of a batch', () => {
    assert.equal(contract.get('POST /batch')!.body!.properties!.requests.maxItems, MAX_BATCH_PARTS);
  });

  it('the months of the ticket statistics', () => {
    const months = parameter('GET /ticket-statistics', 'months');
    assert.deepEqual([months.default, months.maximum], [DEFAULT_STATISTICS_MONTHS, MAX_STATISTICS_MONTHS]);
  });

  it('the optional calls: a capability flag each, naming an operation of the contract', () => {
    const operationIds = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    const flags = Object.keys(capabilities.properties).filter((flag) => !capabilities.required.includes(flag) && flag !== 'preferences');
    assert.deepEqual(flags.sort(), Object.keys(OPTIONAL_CALLS).sort());
    for (const method of Object.values(OPTIONAL_CALLS)) assert.ok(operationIds.includes(method), method);
  });
});

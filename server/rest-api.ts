import { Hono, type Context } from 'hono';
import type { DataSource } from '../src/data/data-source.js';
import { DataSourceError, isAbortError, RateLimitedError, UnavailableError, ValidationError } from '../src/data/errors.js';
import {
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  TICKET_VIEWS,
  type CustomerUpdate,
  type CustomerUserInput,
  type TicketScope,
  type TicketSortField,
} from '../src/data/types.js';
import { DEFAULT_STATISTICS_MONTHS, MAX_STATISTICS_MONTHS } from '../src/data/ticket-statistics.js';
import { FIELD_LIMITS, MAX_JSON_DEPTH, nestsDeeperThan } from '../src/data/field-limits.js';
import { OPTIONAL_CALLS } from '../src/data/http-data-source.js';
import { idempotency } from './idempotency.js';

/**
 * The REST contract of `openapi.yaml`, answered by any `DataSource` (the in-memory one, or
 * the SQL one of the reference server). Every parameter is checked before the source is
 * asked; every error is an `application/problem+json` without internals.
 */
export interface RestApiOptions {
  /** The data source for this request (e.g. for the agent its bearer token names). */
  sourceFor: (context: Context) => DataSource | Promise<DataSource>;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** Checks a request's query against the contract before anything else (field → problem). */
  checkQuery?: (method: string, path: string, query: URLSearchParams) => Record<string, string>;
}

export const MAX_PAGE_SIZE = 100;
export const MAX_TERM_LENGTH = 200;
const MAX_BATCH = 500;

/** A request whose parameters do not fit the contract: answered 422 with field messages. */
class BadRequest extends ValidationError {}

/** An optional call the data source does not offer: answered 501. */
class NotImplemented extends Error {}

/** A request refused by the HTTP layer itself (body too large, not JSON), with its status. */
class HttpProblem extends Error {
  constructor(readonly status: 413 | 415, readonly title: string, detail: string) {
    super(detail);
  }
}

const tooLarge = (maxBytes: number) => new HttpProblem(413, 'Body too large', `The body must have at most ${maxBytes} bytes`);

function problem(context: Context, status: number, title: string, extra: Record<string, unknown> = {}) {
  return context.newResponse(JSON.stringify({ type: 'about:blank', title, status, ...extra }), status as never, {
    'Content-Type': 'application/problem+json',
  });
}

function errorResponse(context: Context, error: unknown): Response {
  if (isAbortError(error)) return problem(context, 499, 'Client closed request');
  if (error instanceof NotImplemented) return problem(context, 501, 'Not implemented', { detail: 'This server does not offer this call' });
  if (error instanceof HttpProblem) return problem(context, error.status, error.title, { detail: error.message });
  if (!(error instanceof DataSourceError)) {
    console.error('[cic-server]', error);
    return problem(context, 500, 'Internal error');
  }
  const retryAfter = (ms: number) => (Number.isFinite(ms) ? { 'Retry-After': String(Math.ceil(ms / 1000)) } : {});
  switch (error.kind) {
    case 'validation':
      return problem(context, 422, 'Invalid request', { detail: error.message, errors: (error as ValidationError).fieldErrors });
    case 'not-found':
      return problem(context, 404, 'Not found', { detail: error.message });
    case 'forbidden': {
      const unauthenticated = (error as { status?: number }).status === 401;
      return problem(context, unauthenticated ? 401 : 403, unauthenticated ? 'Unauthorized' : 'Forbidden', { detail: error.message });
    }
    case 'conflict':
      return problem(context, 409, 'Conflict', { detail: error.message, field: (error as { field?: string }).field });
    case 'rate-limited': {
      const response = problem(context, 429, 'Too many requests', { detail: error.message });
      for (const [k, v] of Object.entries(retryAfter((error as RateLimitedError).retryAfterMs))) response.headers.set(k, v);
      return response;
    }
    case 'timeout':
      return problem(context, 504, 'Timed out', { detail: error.message });
    default: {
      const response = problem(context, 503, 'Unavailable', { detail: error.message });
      for (const [k, v] of Object.entries(retryAfter((error as UnavailableError).retryAfterMs ?? NaN))) response.headers.set(k, v);
      return response;
    }
  }
}

/** Reads query parameters, collecting every problem before answering 422. */
class Query {
  readonly problems: Record<string, string> = {};
  constructor(private readonly context: Context) {}

  text(name: string, { required = false, max = 1000 } = {}): string | undefined {
    const value = this.context.req.query(name);
    if (value === undefined || value === '') {
      if (required) this.problems[name] = 'required';
      return undefined;
    }
    if (value.length > max) this.problems[name] = `at most ${max} characters`;
    if (value.includes('\u0000')) this.problems[name] = 'must not contain NUL';
    return value;
  }

  number(name: string, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
    const raw = this.context.req.query(name);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems[name] = `an integer from ${min} to ${max}`;
      return fallback;
    }
    return value;
  }

  flag(name: string): boolean {
    const raw = this.context.req.query(name);
    if (raw === undefined || raw === '' || raw === 'false') return false;
    if (raw !== 'true') this.problems[name] = 'true or false';
    return raw === 'true';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const raw = this.context.req.query(name);
    if ((raw === undefined || raw === '') && fallback !== undefined) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems[name] = `one of ${allowed.join(', ')}`;
      return allowed[0];
    }
    return raw as T;
  }

  scope(): TicketScope {
    const login = this.text('customerUserLogin');
    if (login !== undefined) return { customerUserLogin: login, access: this.oneOf<'assigned' | 'accessible'>('access', ['assigned', 'accessible'], 'assigned') };
    return { customerId: this.text('customerId', { required: true }) ?? '' };
  }

  /** Throws a 422 when any parameter was wrong. */
  done(): void {
    if (Object.keys(this.problems).length) throw new BadRequest(this.problems, 'Invalid parameters');
  }
}

/**
 * The request's JSON body, read as it arrives: past `maxBytes` the reading stops and the
 * request is answered 413 at once (the rest is never held in memory).
 */
async function jsonBody(context: Context, maxBytes: number): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const body = context.req.raw.body;
  if (body) {
    const reader = body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      // Not cancelled: that would reset the connection before the 413 is sent; the server drains the rest.
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk.value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest({ body: 'not JSON' }, 'Body is not JSON');
  }
}

/** Whether a request's Content-Type is JSON (`application/json`, with or without parameters). */
const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');

/** Refuses a body before it is read: not JSON (415), or declared larger than the limit (413). */
function checkBodyHeaders(context: Context, maxBytes: number): void {
  if (context.req.method !== 'POST' && context.req.method !== 'PUT') return;
  if (!isJson(context.req.header('Content-Type'))) {
    throw new HttpProblem(415, 'Unsupported media type', 'The body must be JSON, sent with Content-Type: application/json');
  }
  if (Number(context.req.header('Content-Length')) > maxBytes) throw tooLarge(maxBytes);
}

/** Text a database can hold: no NUL, at most `max` characters. */
const storable = (value: unknown, max = 1000): value is string => typeof value === 'string' && value.length <= max && !value.includes('\u0000');

/** The body's `key`: an array of at most `MAX_BATCH` strings of at most `max` characters each. */
function stringList(body: unknown, key: string, max: number): string[] {
  const list = (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list) || !list.every((x) => storable(x, max)) || list.length > MAX_BATCH) {
    throw new BadRequest({ [key]: `an array of at most ${MAX_BATCH} strings (no NUL, at most ${max} characters each)` }, 'Invalid body');
  }
  return list;
}

function customerUserInput(body: unknown): CustomerUserInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest({ body: 'an object' }, 'Invalid body');
  const input: Record<string, unknown> = {};
  const fields = ['login', 'customerId', 'title', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'street', 'zip', 'city', 'country', 'comment'];
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (!storable(value)) throw new BadRequest({ [field]: 'a string of at most 1000 characters, without NUL' }, 'Invalid body');
    input[field] = value;
  }
  const valid = (body as Record<string, unknown>).valid;
  if (valid !== undefined && valid !== null && typeof valid !== 'boolean') throw new BadRequest({ valid: 'true or false' }, 'Invalid body');
  if (typeof valid === 'boolean') input.valid = valid;
  return input as unknown as CustomerUserInput;
}

function customerUpdate(body: unknown): CustomerUpdate {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fields = record.customFields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new BadRequest({ customFields: 'an object' }, 'Invalid body');
  const entries = Object.entries(fields);
  if (entries.length > MAX_BATCH || !entries.every(([label, value]) => storable(label) && storable(value))) {
    throw new BadRequest({ customFields: 'labels and values: strings of at most 1000 characters, without NUL' }, 'Invalid body');
  }
  if (record.version !== undefined && !storable(record.version)) throw new BadRequest({ version: 'a string' }, 'Invalid body');
  return { customFields: Object.fromEntries(entries) as Record<string, string>, version: record.version as string | undefined };
}

/** The REST API as a Hono app (mount it under any base path). */
export function createRestApi({ sourceFor, maxBodyBytes = 64 * 1024, checkQuery }: RestApiOptions): Hono {
  const app = new Hono();
  app.use('*', async (context, next) => {
    checkBodyHeaders(context, maxBodyBytes);
    await next();
  });
  if (checkQuery) {
    app.use('*', async (context, next) => {
      const problems = checkQuery(context.req.method, context.req.path, new URL(context.req.url).searchParams);
      if (Object.keys(problems).length) return problem(context, 422, 'Invalid request', { detail: 'Invalid parameters', errors: problems });
      await next();
    });
  }
  // A write repeated with the same Idempotency-Key is answered with the first result.
  app.use('*', idempotency());
  const signalOf = (context: Context) => context.req.raw.signal;

  /** Answers with `handler`'s result as JSON; errors as problems; `undefined` as 404. */
  const answer =
    (handler: (source: DataSource, context: Context, query: Query) => Promise<unknown>, { status = 200 } = {}) =>
    async (context: Context) => {
      try {
        const query = new Query(context);
        const source = await sourceFor(context);
        const result = await handler(source, context, query);
        if (result === undefined) return problem(context, 404, 'Not found');
        if (result === null) return context.body(null, 204);
        return context.json(result as object, status as never);
      } catch (error) {
        return errorResponse(context, error);
      }
    };

  app.get(
    '/capabilities',
    answer(async (source) => ({
      ...source.capabilities,
      preferences: source.preferences !== undefined,
      ...Object.fromEntries(Object.entries(OPTIONAL_CALLS).map(([flag, method]) => [flag, typeof source[method] === 'function'])),
    })),
  );
  app.get('/agent', answer((source, c) => source.getCurrentAgent({ signal: signalOf(c) })));

  for (const [path, method] of [['/search/customers', 'searchCustomers'], ['/search/customer-users', 'searchCustomerUsers']] as const) {
    app.get(
      path,
      answer((source, c, q) => {
        const term = q.text('term', { required: true, max: MAX_TERM_LENGTH }) ?? '';
        const limit = q.number('limit', { min: 1, max: MAX_PAGE_SIZE, fallback: 20 });
        q.done();
        return source[method](term, { limit, signal: signalOf(c) });
      }),
    );
  }

  app.get(
    '/customer',
    answer((source, c, q) => {
      const id = q.text('id', { required: true });
      q.done();
      return source.getCustomer(id!, { signal: signalOf(c) });
    }),
  );
  app.get(
    '/customer-user',
    answer((source, c, q) => {
      const login = q.text('login', { required: true });
      q.done();
      return source.getCustomerUser(login!, { signal: signalOf(c) });
    }),
  );
  app.get(
    '/customer-users',
    answer((source, c, q) => {
      const customerId = q.text('customerId', { required: true }) ?? '';
      const size = q.number('size', { min: 1, max: MAX_PAGE_SIZE, fallback: 10 });
      const cursor = q.text('cursor');
      const filter = q.text('filter', { max: MAX_TERM_LENGTH });
      const withTicketCounts = q.flag('withTicketCounts');
      q.done();
      return source.listCustomerUsers(customerId, { page: { size, cursor }, filter, withTicketCounts, signal: signalOf(c) });
    }),
  );
  app.post(
    '/ticket-counts/by-customer-user',
    answer(async (source, c) => source.countTicketsByUser(stringList(await jsonBody(c, maxBodyBytes), 'logins', FIELD_LIMITS.ticketCustomerUser), { signal: signalOf(c) })),
  );
  app.post(
    '/ticket-counts/by-customer',
    answer(async (source, c) =>
      source.countTicketsByCustomer(stringList(await jsonBody(c, maxBodyBytes), 'customerIds', FIELD_LIMITS.customerId), { signal: signalOf(c) }),
    ),
  );
  app.get(
    '/company-status',
    answer((source, c, q) => {
      const customerId = q.text('customerId', { required: true });
      q.done();
      return source.getCompanyStatus(customerId!, { signal: signalOf(c) });
    }),
  );
  app.get(
    '/ticket-statistics',
    answer((source, c, q) => {
      const scope = q.scope();
      const months = q.number('months', { min: 1, max: MAX_STATISTICS_MONTHS, fallback: DEFAULT_STATISTICS_MONTHS });
      q.done();
      if (!source.getTicketStatistics) throw new NotImplemented();
      return source.getTicketStatistics(scope, { months, signal: signalOf(c) });
    }),
  );
  app.get(
    '/customer-health',
    answer((source, c, q) => {
      const customerId = q.text('customerId', { required: true });
      q.done();
      if (!source.getCustomerHealth) throw new NotImplemented();
      return source.getCustomerHealth(customerId!, { signal: signalOf(c) });
    }),
  );
  app.get(
    '/customer-history',
    answer((source, c, q) => {
      const customerId = q.text('customerId', { required: true });
      const size = q.number('size', { min: 1, max: MAX_PAGE_SIZE, fallback: 5 });
      const cursor = q.text('cursor');
      const includeTickets = q.flag('includeTickets');
      q.done();
      if (!source.listCustomerHistory) throw new NotImplemented();
      return source.listCustomerHistory(customerId!, { page: { size, cursor }, includeTickets, signal: signalOf(c) });
    }),
  );
  app.post(
    '/customer-notes',
    answer(
      async (source, c, q) => {
        const customerId = q.text('customerId', { required: true });
        q.done();
        if (!source.addCustomerNote) throw new NotImplemented();
        const body = (await jsonBody(c, maxBodyBytes)) as { text?: unknown } | null;
        if (typeof body?.text !== 'string' || body.text.includes('\u0000')) throw new BadRequest({ text: 'a string without NUL' }, 'Invalid body');
        return source.addCustomerNote(customerId!, { text: body.text }, { signal: signalOf(c) });
      },
      { status: 201 },
    ),
  );
  app.put(
    '/customer',
    answer(async (source, c, q) => {
      const customerId = q.text('id', { required: true });
      q.done();
      if (!source.updateCustomer) throw new NotImplemented();
      return source.updateCustomer(customerId!, customerUpdate(await jsonBody(c, maxBodyBytes)), { signal: signalOf(c) });
    }),
  );
  app.get(
    '/ticket-counts',
    answer((source, c, q) => {
      const scope = q.scope();
      const view = q.oneOf('view', TICKET_VIEWS);
      q.done();
      return source.countTickets(scope, view, { signal: signalOf(c) });
    }),
  );
  app.get(
    '/tickets',
    answer((source, c, q) => {
      const scope = q.scope();
      const view = q.oneOf('view', TICKET_VIEWS);
      const filter = q.oneOf('filter', TICKET_FILTERS, 'all');
      const [field, direction] = (q.text('sort') ?? 'age:desc').split(':');
      if (!TICKET_SORT_FIELDS.includes(field as TicketSortField) || !['asc', 'desc'].includes(direction)) {
        q.problems.sort = `field:direction, field one of ${TICKET_SORT_FIELDS.join(', ')}`;
      }
      const size = q.number('size', { min: 1, max: MAX_PAGE_SIZE, fallback: 10 });
      const cursor = q.text('cursor');
      const withCounts = q.flag('withCounts');
      q.done();
      const sort = { field: field as TicketSortField, direction: direction as 'asc' | 'desc' };
      return source.listTickets(scope, { view, filter, sort, page: { size, cursor }, withCounts, signal: signalOf(c) });
    }),
  );

  app.post(
    '/customer-users',
    answer(
      async (source, c) => {
        if (!source.createCustomerUser || !source.capabilities.writeCustomerUsers) throw new ForbiddenWrite();
        return source.createCustomerUser(customerUserInput(await jsonBody(c, maxBodyBytes)), { signal: signalOf(c) });
      },
      { status: 201 },
    ),
  );
  app.put(
    '/customer-user',
    answer(async (source, c, q) => {
      const login = q.text('login', { required: true });
      q.done();
      if (!source.updateCustomerUser || !source.capabilities.writeCustomerUsers) throw new ForbiddenWrite();
      return source.updateCustomerUser(login!, customerUserInput(await jsonBody(c, maxBodyBytes)), { signal: signalOf(c) });
    }),
  );

  app.get(
    '/preferences',
    answer(async (source, c, q) => {
      const key = q.text('key', { required: true, max: FIELD_LIMITS.preferenceKey });
      q.done();
      // Nothing stored is not an error: `{}` (a browser would log a 404 for every first visit).
      const value = source.preferences ? await source.preferences.get(key!, { signal: signalOf(c) }) : undefined;
      return value === undefined ? {} : { value };
    }),
  );
  app.put(
    '/preferences',
    answer(async (source, c, q) => {
      const key = q.text('key', { required: true, max: FIELD_LIMITS.preferenceKey });
      q.done();
      if (!source.preferences) throw new ForbiddenWrite('This server keeps no preferences');
      const body = await jsonBody(c, maxBodyBytes);
      if (typeof body !== 'object' || body === null || !Object.hasOwn(body, 'value')) throw new BadRequest({ value: 'required' }, 'Invalid body');
      const { value } = body as { value: unknown };
      if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw new BadRequest({ value: `nested at most ${MAX_JSON_DEPTH} levels deep` }, 'Invalid body');
      await source.preferences.set(key!, value, { signal: signalOf(c) });
      return null;
    }),
  );

  app.notFound((c) => problem(c, 404, 'No such endpoint'));
  app.onError((error, c) => errorResponse(c, error));
  return app;
}

/** A write the server does not offer. */
class ForbiddenWrite extends DataSourceError {
  constructor(message = 'This server does not write customer users') {
    super('forbidden', message, false);
  }
}

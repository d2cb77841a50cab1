import { Hono, type Context } from 'hono';
import type { DataSource, LiveScope } from '../src/data/contract/data-source.js';
import { ConflictError, DataSourceError, isAbortError, RateLimitedError, UnavailableError, ValidationError } from '../src/data/contract/errors.js';
import type { CustomerUpdate, CustomerUserInput, TicketFilter, TicketScope, TicketSortField, TicketView } from '../src/data/contract/types.js';
import { FIELD_LIMITS, MAX_JSON_DEPTH, nestsDeeperThan } from '../src/data/contract/field-limits.js';
import { ERROR_KINDS, OPTIONAL_CALLS } from '../src/data/contract/contract.js';
import { idempotency, type IdempotencyStore } from './idempotency.js';
import { checkBody, checkParameters, loadContract, type Operation } from './openapi-validation.js';

/**
 * The REST contract of `openapi.yaml`, answered by any `DataSource` (the in-memory one, or
 * the SQL one of the reference server). Every request's parameters and body are checked
 * against that file before the source is asked; every error is an
 * `application/problem+json` without internals.
 */
export interface RestApiOptions {
  /** The data source for this request (e.g. for the agent its bearer token names). */
  sourceFor: (context: Context) => DataSource | Promise<DataSource>;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** Where first answers to writes with an `Idempotency-Key` are kept (default: this process's memory). */
  idempotencyStore?: IdempotencyStore;
  /**
   * Answers `GET /live` (Server-Sent Events of `scope`'s changes) for the request's source;
   * without it `/live` is 501 and `/capabilities` says `liveUpdates: false`.
   */
  live?: (context: Context, source: DataSource, scope: LiveScope) => Response | Promise<Response>;
}

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
  const status = STATUS_OF_KIND.get(error.kind) ?? STATUS_OF_KIND.get('unavailable')!;
  const response = problem(context, status, TITLES[status], {
    detail: error.message,
    errors: error instanceof ValidationError ? error.fieldErrors : undefined,
    field: error instanceof ConflictError ? error.field : undefined,
  });
  const retryAfterMs = error instanceof RateLimitedError || error instanceof UnavailableError ? error.retryAfterMs : NaN;
  if (Number.isFinite(retryAfterMs)) response.headers.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
  return response;
}

/** The status of each error kind: the contract's table, read backwards. */
const STATUS_OF_KIND = new Map(Object.entries(ERROR_KINDS).map(([status, kind]) => [kind, Number(status)]));

/** The problem's title for each status of `ERROR_KINDS`. */
const TITLES: Record<number, string> = {
  422: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  429: 'Too many requests',
  503: 'Unavailable',
  504: 'Timed out',
};

/**
 * A request's parameters and body as typed values. Both were checked against the contract
 * (`openapi.yaml`) before: what is read here is only converted, a parameter not sent is its
 * `default` there.
 */
class Input {
  private readonly query: URLSearchParams;
  constructor(private readonly context: Context, private readonly operation: Operation, private readonly maxBodyBytes: number) {
    this.query = new URL(context.req.url).searchParams;
  }

  text(name: string): string | undefined {
    const value = this.query.get(name);
    if (value !== null && value !== '') return value;
    return this.operation.parameters.find((parameter) => parameter.name === name)?.schema.default as string | undefined;
  }

  number(name: string): number | undefined {
    const value = this.text(name);
    return value === undefined ? undefined : Number(value);
  }

  flag(name: string): boolean {
    return this.text(name) === 'true';
  }

  /** A ticket scope: a customer user's (when given), else a customer's (which is then required). */
  scope(): TicketScope {
    const login = this.text('customerUserLogin');
    if (login !== undefined) return { customerUserLogin: login, access: this.text('access') as 'assigned' | 'accessible' };
    const customerId = this.text('customerId');
    if (customerId === undefined) throw new BadRequest({ customerId: 'required' }, 'Invalid parameters');
    return { customerId };
  }

  /** The JSON body, refused (422, by field) where it does not fit the operation's schema. */
  async body(): Promise<unknown> {
    const body = await jsonBody(this.context, this.maxBodyBytes);
    const problems = this.operation.body ? checkBody(this.operation.body, body) : {};
    if (Object.keys(problems).length) throw new BadRequest(problems, 'Invalid body');
    return body;
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

/** A customer user as written: the fields the contract names, `null` left out. */
function customerUserInput(body: unknown): CustomerUserInput {
  const fields = [...Object.keys(FIELD_LIMITS.customerUser), 'valid'];
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([field, value]) => fields.includes(field) && value !== null)) as unknown as CustomerUserInput;
}

/** The operations of `openapi.yaml`, read once: every request is checked against them. */
const CONTRACT = loadContract();

type Handler = (source: DataSource, context: Context, input: Input) => Promise<unknown>;

/** The REST API as a Hono app (mount it under any base path). */
export function createRestApi({ sourceFor, maxBodyBytes = 64 * 1024, live, idempotencyStore }: RestApiOptions): Hono {
  const app = new Hono();
  app.use('*', async (context, next) => {
    checkBodyHeaders(context, maxBodyBytes);
    await next();
  });
  // A write repeated with the same Idempotency-Key is answered with the first result.
  app.use('*', idempotency({ store: idempotencyStore }));
  const signalOf = (context: Context) => context.req.raw.signal;

  /**
   * Answers `method path`, an operation of the contract: its parameters are checked first
   * (422), then `handler`'s result is answered as JSON; errors as problems; `undefined` as 404.
   */
  const on = (method: 'GET' | 'POST' | 'PUT', path: string, handler: Handler, { status = 200, raw = false } = {}) => {
    const operation = CONTRACT.get(`${method} ${path}`);
    if (!operation) throw new Error(`${method} ${path} is not an operation of openapi.yaml`);
    app.on(method, path, async (context: Context) => {
      try {
        const problems = checkParameters(operation, new URL(context.req.url).searchParams, (name) => context.req.header(name));
        if (Object.keys(problems).length) throw new BadRequest(problems, 'Invalid parameters');
        const input = new Input(context, operation, maxBodyBytes);
        const source = await sourceFor(context);
        const result = await handler(source, context, input);
        if (raw) return result as Response;
        if (result === undefined) return problem(context, 404, 'Not found');
        if (result === null) return context.body(null, 204);
        return context.json(result as object, status as never);
      } catch (error) {
        return errorResponse(context, error);
      }
    });
  };

  on('GET', '/capabilities', async (source) => ({
    ...source.capabilities,
    preferences: source.preferences !== undefined,
    ...Object.fromEntries(Object.entries(OPTIONAL_CALLS).map(([flag, method]) => [flag, typeof source[method] === 'function'])),
    liveUpdates: live !== undefined,
  }));
  on(
    'GET',
    '/live',
    async (source, c, q) => {
      const scope = q.scope();
      if (!live) throw new NotImplemented();
      return live(c, source, 'customerId' in scope ? { customerId: scope.customerId } : { customerUserLogin: scope.customerUserLogin });
    },
    { raw: true },
  );
  on('GET', '/agent', (source, c) => source.getCurrentAgent({ signal: signalOf(c) }));
  on('GET', '/search/customers', (source, c, q) => source.searchCustomers(q.text('term')!, { limit: q.number('limit')!, signal: signalOf(c) }));
  on('GET', '/search/customer-users', (source, c, q) => source.searchCustomerUsers(q.text('term')!, { limit: q.number('limit')!, signal: signalOf(c) }));
  on('GET', '/customer', (source, c, q) => source.getCustomer(q.text('id')!, { signal: signalOf(c) }));
  on('GET', '/customer-user', (source, c, q) => source.getCustomerUser(q.text('login')!, { signal: signalOf(c) }));
  on('GET', '/customer-users', (source, c, q) =>
    source.listCustomerUsers(q.text('customerId')!, {
      page: { size: q.number('size')!, cursor: q.text('cursor') },
      filter: q.text('filter'),
      withTicketCounts: q.flag('withTicketCounts'),
      signal: signalOf(c),
    }),
  );
  on('POST', '/ticket-counts/by-customer-user', async (source, c, q) => source.countTicketsByUser(((await q.body()) as { logins: string[] }).logins, { signal: signalOf(c) }));
  on('POST', '/ticket-counts/by-customer', async (source, c, q) =>
    source.countTicketsByCustomer(((await q.body()) as { customerIds: string[] }).customerIds, { signal: signalOf(c) }),
  );
  on('GET', '/company-status', (source, c, q) => source.getCompanyStatus(q.text('customerId')!, { signal: signalOf(c) }));
  on('GET', '/ticket-statistics', async (source, c, q) => {
    const scope = q.scope();
    if (!source.getTicketStatistics) throw new NotImplemented();
    return source.getTicketStatistics(scope, { months: q.number('months'), signal: signalOf(c) });
  });
  on('GET', '/customer-health', async (source, c, q) => {
    if (!source.getCustomerHealth) throw new NotImplemented();
    return source.getCustomerHealth(q.text('customerId')!, { signal: signalOf(c) });
  });
  on('GET', '/customer-history', async (source, c, q) => {
    if (!source.listCustomerHistory) throw new NotImplemented();
    const page = { size: q.number('size')!, cursor: q.text('cursor') };
    return source.listCustomerHistory(q.text('customerId')!, { page, includeTickets: q.flag('includeTickets'), signal: signalOf(c) });
  });
  on(
    'POST',
    '/customer-notes',
    async (source, c, q) => {
      if (!source.addCustomerNote) throw new NotImplemented();
      const { text } = (await q.body()) as { text: string };
      return source.addCustomerNote(q.text('customerId')!, { text }, { signal: signalOf(c) });
    },
    { status: 201 },
  );
  on('PUT', '/customer', async (source, c, q) => {
    if (!source.updateCustomer) throw new NotImplemented();
    const { customFields, version } = (await q.body()) as CustomerUpdate;
    return source.updateCustomer(q.text('id')!, { customFields, version }, { signal: signalOf(c) });
  });
  on('GET', '/ticket-counts', async (source, c, q) => source.countTickets(q.scope(), q.text('view') as TicketView, { signal: signalOf(c) }));
  on('GET', '/tickets', async (source, c, q) => {
    const [field, direction] = q.text('sort')!.split(':') as [TicketSortField, 'asc' | 'desc'];
    return source.listTickets(q.scope(), {
      view: q.text('view') as TicketView,
      filter: q.text('filter') as TicketFilter,
      sort: { field, direction },
      page: { size: q.number('size')!, cursor: q.text('cursor') },
      withCounts: q.flag('withCounts'),
      signal: signalOf(c),
    });
  });

  on(
    'POST',
    '/customer-users',
    async (source, c, q) => {
      if (!source.createCustomerUser || !source.capabilities.writeCustomerUsers) throw new ForbiddenWrite();
      return source.createCustomerUser(customerUserInput(await q.body()), { signal: signalOf(c) });
    },
    { status: 201 },
  );
  on('PUT', '/customer-user', async (source, c, q) => {
    if (!source.updateCustomerUser || !source.capabilities.writeCustomerUsers) throw new ForbiddenWrite();
    return source.updateCustomerUser(q.text('login')!, customerUserInput(await q.body()), { signal: signalOf(c) });
  });

  on('GET', '/preferences', async (source, c, q) => {
    // Nothing stored is not an error: `{}` (a browser would log a 404 for every first visit).
    const value = source.preferences ? await source.preferences.get(q.text('key')!, { signal: signalOf(c) }) : undefined;
    return value === undefined ? {} : { value };
  });
  on('PUT', '/preferences', async (source, c, q) => {
    if (!source.preferences) throw new ForbiddenWrite('This server keeps no preferences');
    const { value } = (await q.body()) as { value: unknown };
    if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw new BadRequest({ value: `nested at most ${MAX_JSON_DEPTH} levels deep` }, 'Invalid body');
    await source.preferences.set(q.text('key')!, value, { signal: signalOf(c) });
    return null;
  });

  on(
    'POST',
    '/batch',
    async (_source, context, input) => {
      const { requests } = (await input.body()) as { requests: BatchPart[] };
      checkParts(requests, context.req.url);
      const answer = (part: BatchPart, signal = context.req.raw.signal) => answerPart(app, context, part, signal);
      if (prefersStream(context.req.header('Accept'))) return streamedAnswers(requests, answer, context.req.raw.signal);
      return context.json({ responses: await inTurns(requests, BATCH_CONCURRENCY, (part) => answer(part)) });
    },
    { raw: true },
  );

  app.notFound((c) => problem(c, 404, 'No such endpoint'));
  app.onError((error, c) => errorResponse(c, error));
  return app;
}

/** One read of a `POST /batch`: its shape is checked against `openapi.yaml` first. */
interface BatchPart {
  id: string;
  method: 'GET';
  path: string;
}

/** How many parts of one batch are answered at once. */
const BATCH_CONCURRENCY = 4;

/** Paths a part may not name: the batch itself, and the live stream (it never ends). */
const NOT_BATCHED = new Set(['/batch', '/live']);

/** What the contract's schema cannot say about a batch: ids unique, no batch or stream in it. */
function checkParts(parts: BatchPart[], base: string): void {
  const ids = new Set(parts.map((part) => part.id));
  if (ids.size < parts.length) throw new BadRequest({ id: 'must be unique' }, 'Invalid body');
  const refused = parts.find((part) => NOT_BATCHED.has(new URL(part.path, base).pathname));
  if (refused) throw new BadRequest({ path: `must not be ${new URL(refused.path, base).pathname}` }, 'Invalid body');
}

/**
 * A part answered by the API itself, as the same GET sent alone with the caller's
 * `Authorization`: the same routing, checks, agent and permissions. Its status, JSON body and
 * `Retry-After` are the part's answer.
 */
async function answerPart(app: Hono, context: Context, { id, path }: BatchPart, signal: AbortSignal) {
  const headers = new Headers({ Accept: 'application/json' });
  const authorization = context.req.header('Authorization');
  if (authorization !== undefined) headers.set('Authorization', authorization);
  const response = await app.fetch(new Request(new URL(path, context.req.url), { headers, signal }));
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = text;
  }
  const retryAfter = response.headers.get('Retry-After');
  return { id, status: response.status, body, ...(retryAfter === null ? {} : { headers: { 'Retry-After': retryAfter } }) };
}

type PartAnswer = Awaited<ReturnType<typeof answerPart>>;

/**
 * Whether `accept` asks for the batch as NDJSON: it names `application/x-ndjson` with a weight
 * above 0 (`q=0` refuses it) and at least that of `application/json`, when that is named too.
 */
export function prefersStream(accept = ''): boolean {
  const weights = new Map<string, number>();
  for (const range of accept.split(',')) {
    const [type, ...parameters] = range.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => /^q\s*=/.test(parameter));
    const weight = q === undefined ? 1 : Number(q.slice(q.indexOf('=') + 1));
    if (!weights.has(type)) weights.set(type, Number.isFinite(weight) ? weight : 0);
  }
  const stream = weights.get('application/x-ndjson') ?? 0;
  return stream > 0 && stream >= (weights.get('application/json') ?? 0);
}

/**
 * A batch answered as NDJSON (asked for with `Accept: application/x-ndjson`): one line per part,
 * sent as soon as that part is answered, so that a client shows the quick parts while the slow
 * ones are still being read.
 */
function streamedAnswers(parts: BatchPart[], answer: (part: BatchPart, signal: AbortSignal) => Promise<PartAnswer>, request: AbortSignal): Response {
  const encoder = new TextEncoder();
  // The reader went away (cancelled the body): the parts under way end, the others do not start.
  const stop = new AbortController();
  const signal = AbortSignal.any([request, stop.signal]);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = async (part: BatchPart) => {
        if (signal.aborted) return;
        const line = `${JSON.stringify(await answer(part, signal))}\n`;
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(line));
      };
      inTurns(parts, BATCH_CONCURRENCY, send).then(
        () => stop.signal.aborted || controller.close(),
        (error: unknown) => stop.signal.aborted || controller.error(error),
      );
    },
    cancel: () => stop.abort(),
  });
  // Not buffered by a proxy (nginx reads X-Accel-Buffering), nor compressed as a whole.
  return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' } });
}

/** `each` of `items`, at most `limit` at a time, the results in the items' order. */
async function inTurns<T, R>(items: T[], limit: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await each(items[index]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A write the server does not offer. */
class ForbiddenWrite extends DataSourceError {
  constructor(message = 'This server does not write customer users') {
    super('forbidden', message, false);
  }
}

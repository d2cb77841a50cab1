import type {
  CallOptions,
  DataSource,
  DataSourceCapabilities,
  ListCustomerUsersOptions,
  ListTicketsOptions,
  PreferenceStore,
  SearchOptions,
  TicketStatisticsOptions,
  ListCustomerHistoryOptions,
  LiveScope,
  DataChange,
  SubscribeOptions,
  WriteOptions,
} from '../contract/data-source.js';
import { liveStream } from './live-stream.js';
import { answerJson, answerLines, MAX_ANSWER, parsedResponse } from './answer-reader.js';
import {
  abortError,
  ConflictError,
  DataSourceError,
  DEFAULT_REQUEST_TIMEOUT_MS,
  ForbiddenError,
  MalformedAnswerError,
  NotFoundError,
  RateLimitedError,
  TimeoutError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
  isTimed,
  withTimeout,
} from '../contract/errors.js';
import { ERROR_KINDS, OPTIONAL_CALLS } from '../contract/contract.js';
import { newIdempotencyKey } from '../contract/idempotency-key.js';
import {
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  type Agent,
  type CompanyStatus,
  type Customer,
  type CustomerHealth,
  type CustomerHit,
  type CustomerUpdate,
  type HistoryEntry,
  type Page,
  type CustomerUser,
  type CustomerUserInput,
  type CustomerUserPage,
  type OpenClosedCounts,
  type SearchResult,
  type TicketFilter,
  type TicketPage,
  type TicketScope,
  type TicketStatistics,
  type TicketView,
} from '../contract/types.js';

export interface HttpDataSourceOptions {
  /** Where the REST contract (openapi.yaml) is served, e.g. `https://helpdesk.example/cic/api`. */
  baseUrl: string;
  /** Sent with every request; a function (may be async) is asked each time, e.g. for a fresh token. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /**
   * A request that takes longer (ms), reading its answer included, ends in a `TimeoutError`;
   * 0 waits forever. Unset: a call from an element is bounded by the element's
   * `requestTimeout`, any other call by 30 s (`connect()` too).
   */
  timeoutMs?: number;
  /**
   * What `fetch` does with a redirect (default `'error'`: a redirect fails the request as
   * unavailable, so that no answer from another address is shown). `'follow'` to allow them.
   */
  redirect?: RequestRedirect;
  /** What the server can do; `HttpDataSource.connect()` asks it. Default: read only, every filter and sort. */
  capabilities?: DataSourceCapabilities;
  /** Use the server's per-agent preference store (default true); false keeps them in localStorage. */
  preferences?: boolean;
  /** The clock for reminder and escalation highlights (default: the browser's). */
  now?: () => Date;
  /**
   * Send the reads made in one task as one `POST /batch` (default true). A server that does
   * not know it (404, 405, 501) is then asked one request per call.
   */
  batch?: boolean;
}

/** The most reads one batch may hold (`maxItems` of `POST /batch` in openapi.yaml). */
export const MAX_BATCH_PARTS = 20;

/** A read waiting for its task's batch. */
interface Part {
  path: string;
  signal: AbortSignal;
  resolve: (response: Response | Promise<Response>) => void;
  reject: (error: unknown) => void;
  /** Answered by its line of a streamed batch: the batch no longer waits for it. */
  answered?: boolean;
}

interface RequestOptions extends CallOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** 404 answers `undefined` instead of rejecting with `NotFoundError`. */
  missingIsUndefined?: boolean;
  /** A write: sent with an `Idempotency-Key` (the caller's, else a new one). */
  write?: boolean;
  idempotencyKey?: string;
  /** The `Accept` header (default JSON). */
  accept?: string;
}

/** One part's answer in a batch, as the server sends it. */
type PartAnswer = ResponseInit & { id: string; body: unknown };

/** A part's answer as the `Response` its read expects (its body there at once); a status no HTTP answer has is malformed. */
function partResponse(answer: PartAnswer): Response {
  const { status } = answer;
  if (!Number.isInteger(status) || status! < 200 || status! > 599) throw new MalformedAnswerError(`POST /batch: status ${status}`);
  return parsedResponse(answer.body, answer);
}

/** An RFC 9457 problem, as the contract answers errors. */
interface Problem {
  title?: string;
  detail?: string;
  errors?: Record<string, string>;
  field?: string;
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; NaN when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  if (value === null || value.trim() === '') return NaN;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? NaN : Math.max(0, date - now);
}

async function problemOf(response: Response, signal: AbortSignal): Promise<Problem> {
  try {
    const body = await answerJson(response, 'a problem', signal);
    return typeof body === 'object' && body !== null ? (body as Problem) : {};
  } catch {
    return {};
  }
}

// Also exported where it was first published (`data/http-data-source.js`).
export { OPTIONAL_CALLS };

/**
 * The typed error for an HTTP status: its kind by the contract's `ERROR_KINDS` (400 is
 * `validation` too, any other 5xx `unavailable`), then that kind's error.
 */
async function errorFor(response: Response, signal: AbortSignal): Promise<DataSourceError> {
  const problem = await problemOf(response, signal);
  const message = problem.detail ?? problem.title ?? `HTTP ${response.status}`;
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const { status } = response;
  switch (status === 400 ? 'validation' : (ERROR_KINDS[status] ?? (status >= 500 ? 'unavailable' : undefined))) {
    case 'validation':
      return new ValidationError(problem.errors ?? {}, message);
    case 'unauthorized':
      return new UnauthorizedError(message);
    case 'forbidden':
      return new ForbiddenError(message);
    case 'not-found':
      return new NotFoundError(message);
    case 'conflict':
      return new ConflictError(message, problem.field);
    case 'rate-limited':
      return new RateLimitedError(retryAfter, message);
    case 'unavailable':
      return new UnavailableError(message, retryAfter);
    case 'timeout':
      return new TimeoutError(message);
    default:
      return new DataSourceError('unavailable', message, false);
  }
}

const DEFAULT_CAPABILITIES: DataSourceCapabilities = {
  ticketFilters: TICKET_FILTERS,
  ticketSorts: TICKET_SORT_FIELDS,
  writeCustomerUsers: false,
};

function scopeQuery(scope: TicketScope): Record<string, string | undefined> {
  return 'customerId' in scope
    ? { customerId: scope.customerId }
    : { customerUserLogin: scope.customerUserLogin, access: scope.access };
}

/** Whether no read of a batch waits any more: each is answered or aborted (its answer is then let go). */
const settled = (parts: readonly Part[]) => parts.every((part) => part.answered || part.signal.aborted);

/**
 * A streamed batch: each read is answered as its line comes (those of one piece in one task),
 * until every read is answered or aborted. A line that is not a waiting read's answer, or too
 * long, or the end of the stream before every read, fails the reads still waiting (their caller
 * then rejects them all).
 */
async function readLines(response: Response, parts: Part[], signal: AbortSignal): Promise<void> {
  const waiting = new Map(parts.map((part, id) => [String(id), part]));
  const take = (line: string) => {
    if (!line.trim()) return;
    const answer = JSON.parse(line);
    const part = waiting.get(answer?.id);
    if (!part) throw new MalformedAnswerError('POST /batch: a line for no read waiting');
    waiting.delete(answer.id);
    part.resolve(partResponse(answer));
    part.answered = true;
  };
  for await (const lines of answerLines(response, 'POST /batch', '\n', { unended: true, total: 2 * MAX_ANSWER, signal })) {
    lines.forEach(take);
    if (settled(parts)) return;
  }
  if (waiting.size) throw new MalformedAnswerError('POST /batch: the answer ended too soon');
}

/**
 * A data source over HTTP: one request per call to a server that implements the REST
 * contract (`openapi.yaml` in the package), except that the reads made in one task go out
 * together as one `POST /batch` (each keeps its own answer, error, abort and time limit; see
 * `batch`), answered as a stream where the server can (each read as soon as its part is
 * answered). The call's `AbortSignal` reaches `fetch`; a
 * request that takes too long, reading the answer included, ends in a `TimeoutError`;
 * redirects fail unless `redirect` allows them; HTTP statuses become the typed errors the
 * elements understand (404 → `undefined` for getters, 401 → unauthorized (the session
 * expired: elements fire `cic-auth-required` and offer Retry), 403 → forbidden,
 * 409 → conflict, 422 → validation with field messages, 429/503 → rate-limited /
 * unavailable with `Retry-After`, other 5xx and network failures → unavailable).
 *
 * Every write carries an `Idempotency-Key` header: the caller's `idempotencyKey` (the
 * elements send the same key again when the agent retries the same submission), else a
 * new one; a server that has seen the key answers the first result instead of writing twice.
 *
 * The answers are checked by the elements before anything renders them: a page with more
 * items than its size (or a search with more than its limit) is cut to that many, repeated
 * ids are dropped, each with one console warning.
 */
export class HttpDataSource implements DataSource {
  readonly capabilities: DataSourceCapabilities;
  readonly preferences?: PreferenceStore;
  private readonly options: HttpDataSourceOptions;
  private batching: boolean;
  private parts?: Part[];

  /** Asks the server what it can do, then answers a data source that knows it. */
  static async connect(options: HttpDataSourceOptions & CallOptions): Promise<HttpDataSource> {
    const probe = new HttpDataSource(options);
    // Bounded like every request (by `timeoutMs`, else 30 s): connecting cannot hang.
    const answer = await probe.request<DataSourceCapabilities & Record<string, unknown>>('GET', '/capabilities', { signal: options.signal });
    // Over the network, whatever answers the server: never local.
    // A server that keeps no preferences (`preferences: false`): they stay in the browser.
    const preferences = options.preferences !== false && answer.preferences !== false;
    const source = new HttpDataSource({ ...options, preferences, capabilities: { ...answer, answersLocally: false } });
    // The optional calls a server says it does not answer are not offered (their widgets hide).
    for (const [flag, method] of Object.entries(OPTIONAL_CALLS)) if (answer[flag] === false) (source as DataSource)[method] = undefined;
    return source;
  }

  constructor(options: HttpDataSourceOptions) {
    this.options = options;
    this.batching = options.batch !== false;
    this.capabilities = options.capabilities ?? DEFAULT_CAPABILITIES;
    if (options.preferences !== false) {
      this.preferences = {
        get: async (key, callOptions) =>
          (await this.request<{ value: unknown }>('GET', '/preferences', { ...callOptions, query: { key }, missingIsUndefined: true }))
            ?.value,
        set: async (key, value, callOptions) => {
          await this.request('PUT', '/preferences', { ...callOptions, query: { key }, body: { value } });
        },
      };
    }
    if (!this.capabilities.writeCustomerUsers) {
      this.createCustomerUser = undefined;
      this.updateCustomerUser = undefined;
    }
    if (!this.capabilities.liveUpdates) this.subscribe = undefined;
  }

  /** `GET /live` (Server-Sent Events, see `live-stream.ts`): reconnects until `signal` aborts. */
  subscribe?(scope: LiveScope, listener: (changes: readonly DataChange[]) => void, options: SubscribeOptions): void {
    liveStream(
      async (lastEventId, signal) => {
        const headers = await this.headers({});
        headers.set('Accept', 'text/event-stream');
        if (lastEventId !== undefined) headers.set('Last-Event-ID', lastEventId);
        return (this.options.fetch ?? fetch)(this.url('/live', { ...scope }), { headers, signal, cache: 'no-store', redirect: this.options.redirect ?? 'error' });
      },
      listener,
      options,
      (response) => parseRetryAfter(response.headers.get('Retry-After')),
    );
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  getCurrentAgent(options?: CallOptions): Promise<Agent | undefined> {
    return this.request('GET', '/agent', { ...options, missingIsUndefined: true });
  }

  searchCustomers(term: string, { limit, signal }: SearchOptions): Promise<SearchResult<CustomerHit>> {
    return this.request('GET', '/search/customers', { signal, query: { term, limit } });
  }

  searchCustomerUsers(term: string, { limit, signal }: SearchOptions): Promise<SearchResult<CustomerUser>> {
    return this.request('GET', '/search/customer-users', { signal, query: { term, limit } });
  }

  getCustomer(customerId: string, options?: CallOptions): Promise<Customer | undefined> {
    return this.request('GET', '/customer', { ...options, query: { id: customerId }, missingIsUndefined: true });
  }

  getCustomerUser(login: string, options?: CallOptions): Promise<CustomerUser | undefined> {
    return this.request('GET', '/customer-user', { ...options, query: { login }, missingIsUndefined: true });
  }

  listCustomerUsers(customerId: string, { page, filter, withTicketCounts, signal }: ListCustomerUsersOptions): Promise<CustomerUserPage> {
    return this.request('GET', '/customer-users', {
      signal,
      query: { customerId, size: page.size, cursor: page.cursor, filter, withTicketCounts },
    });
  }

  countTicketsByUser(logins: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>> {
    return this.request('POST', '/ticket-counts/by-customer-user', { ...options, body: { logins } });
  }

  countTicketsByCustomer(customerIds: readonly string[], options?: CallOptions): Promise<Record<string, OpenClosedCounts>> {
    return this.request('POST', '/ticket-counts/by-customer', { ...options, body: { customerIds } });
  }

  getCompanyStatus(customerId: string, options?: CallOptions): Promise<CompanyStatus> {
    return this.request('GET', '/company-status', { ...options, query: { customerId } });
  }

  countTickets(scope: TicketScope, view: TicketView, options?: CallOptions): Promise<Record<TicketFilter, number>> {
    return this.request('GET', '/ticket-counts', { ...options, query: { ...scopeQuery(scope), view } });
  }

  getTicketStatistics?(scope: TicketScope, { months, signal }: TicketStatisticsOptions = {}): Promise<TicketStatistics> {
    return this.request('GET', '/ticket-statistics', { signal, query: { ...scopeQuery(scope), months } });
  }

  getCustomerHealth?(customerId: string, options?: CallOptions): Promise<CustomerHealth> {
    return this.request('GET', '/customer-health', { ...options, query: { customerId } });
  }

  listTickets(scope: TicketScope, { view, filter, sort, page, withCounts, signal }: ListTicketsOptions): Promise<TicketPage> {
    return this.request('GET', '/tickets', {
      signal,
      query: {
        ...scopeQuery(scope),
        view,
        filter,
        sort: `${sort.field}:${sort.direction}`,
        size: page.size,
        cursor: page.cursor,
        withCounts,
      },
    });
  }

  listCustomerHistory?(customerId: string, { page, includeTickets, signal }: ListCustomerHistoryOptions): Promise<Page<HistoryEntry>> {
    return this.request('GET', '/customer-history', {
      signal, query: { customerId, size: page.size, cursor: page.cursor, includeTickets: includeTickets || undefined },
    });
  }

  addCustomerNote?(customerId: string, note: { text: string }, options?: WriteOptions): Promise<HistoryEntry> {
    return this.request('POST', '/customer-notes', { ...options, write: true, query: { customerId }, body: { text: note.text } });
  }

  updateCustomer?(customerId: string, update: CustomerUpdate, options?: WriteOptions): Promise<Customer> {
    return this.request('PUT', '/customer', { ...options, write: true, query: { id: customerId }, body: update });
  }

  createCustomerUser?(input: CustomerUserInput, options?: WriteOptions): Promise<CustomerUser> {
    return this.request('POST', '/customer-users', { ...options, write: true, body: input });
  }

  updateCustomerUser?(login: string, input: CustomerUserInput, options?: WriteOptions): Promise<CustomerUser> {
    return this.request('PUT', '/customer-user', { ...options, write: true, query: { login }, body: input });
  }

  /** `path` with its query, as a part of a batch names it. */
  private target(path: string, query: RequestOptions['query'] = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return `${path}${search ? `?${search}` : ''}`;
  }

  private url(path: string, query?: RequestOptions['query']): string {
    return this.options.baseUrl.replace(/\/+$/, '') + this.target(path, query);
  }

  private async headers(options: RequestOptions): Promise<Headers> {
    const given = this.options.headers;
    const headers = new Headers(typeof given === 'function' ? await given() : given);
    headers.set('Accept', options.accept ?? 'application/json');
    if (options.body !== undefined) headers.set('Content-Type', 'application/json');
    if (options.write) headers.set('Idempotency-Key', options.idempotencyKey ?? newIdempotencyKey());
    return headers;
  }

  /**
   * One request, from sending to the parsed answer, within the time limit: `timeoutMs`, else
   * the caller's (a signal from an element's timeout), else 30 s.
   */
  private request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const { signal } = options;
    const timeoutMs = this.options.timeoutMs ?? (isTimed(signal) ? 0 : DEFAULT_REQUEST_TIMEOUT_MS);
    return withTimeout(timeoutMs, signal, (bounded) => this.exchange<T>(method, path, options, bounded));
  }

  private send(method: string, path: string, options: RequestOptions, signal: AbortSignal): Promise<Response> {
    const { body } = options;
    return this.headers(options).then((headers) =>
      (this.options.fetch ?? fetch)(this.url(path, options.query), {
        method, headers, signal, redirect: this.options.redirect ?? 'error', body: body === undefined ? undefined : JSON.stringify(body),
      }));
  }

  /**
   * A read joins the others of its task: they are sent together when the task ends — in the next
   * task, or in the next animation frame's callbacks if that comes first, so that the batch is not
   * held back while the browser lays out and paints what the task rendered (the widgets' loading state).
   */
  private enqueue(path: string, signal: AbortSignal): Promise<Response> {
    return new Promise((resolve, reject) => {
      if (!this.parts) {
        const parts: Part[] = (this.parts = []);
        // Whichever comes first cancels the other: a hidden tab runs no frame callback, which would keep the answers.
        const flush = () => {
          clearTimeout(timer);
          if (frame !== undefined) globalThis.cancelAnimationFrame?.(frame);
          if (this.parts === parts) this.flush();
        };
        const timer = setTimeout(flush);
        const frame = globalThis.requestAnimationFrame?.(flush);
      }
      this.parts.push({ path, signal, resolve, reject });
    });
  }

  /** The reads of a task, in batches of at most `MAX_BATCH_PARTS`. */
  private flush(): void {
    const parts = this.parts!.filter((part) => !part.signal.aborted);
    this.parts = undefined;
    for (let start = 0; start < parts.length; start += MAX_BATCH_PARTS) void this.batch(parts.slice(start, start + MAX_BATCH_PARTS));
  }

  /**
   * One read alone as a plain GET, more as one `POST /batch` whose answer holds each read's
   * own status and body; they are sent alone if the server has no batches. The batch is
   * aborted only when every read in it is.
   */
  private async batch(parts: Part[]): Promise<void> {
    const alone = (part: Part) => part.resolve(this.send('GET', part.path, {}, part.signal));
    if (parts.length < 2 || !this.batching) return parts.forEach(alone);
    const controller = new AbortController();
    for (const { signal } of parts) signal.addEventListener('abort', () => settled(parts) && controller.abort());
    let responded = false;
    try {
      const requests = parts.map(({ path }, id) => ({ id: String(id), method: 'GET', path }));
      const accept = 'application/x-ndjson, application/json';
      const response = await this.send('POST', '/batch', { body: { requests }, accept }, controller.signal);
      responded = true;
      if ([404, 405, 501].includes(response.status)) {
        this.batching = false;
        return parts.forEach(alone);
      }
      // The batch refused as a whole (401, 413, 503…): every read is refused alike.
      if (!response.ok) {
        const problem = await answerJson(response, 'POST /batch', controller.signal).catch(() => ({}));
        return parts.forEach((part) => part.resolve(parsedResponse(structuredClone(problem), response)));
      }
      if (/^application\/x-ndjson/i.test(response.headers.get('Content-Type') ?? '')) return await readLines(response, parts, controller.signal);
      const { responses } = (await answerJson(response, 'POST /batch', controller.signal, 2 * MAX_ANSWER)) as { responses: PartAnswer[] };
      for (const [id, part] of parts.entries()) {
        // Its body at once: the reads of one batch are answered in one task, and so are the reads they lead to.
        part.resolve(partResponse(responses.find((each) => each.id === String(id))!));
      }
    } catch (error) {
      const failure = error instanceof DataSourceError || !responded ? error : new MalformedAnswerError(`POST /batch: ${String(error)}`);
      parts.forEach((part) => part.reject(failure));
    }
  }

  private async exchange<T>(method: string, path: string, options: RequestOptions, bounded: AbortSignal): Promise<T> {
    const { signal, missingIsUndefined } = options;
    let response: Response;
    try {
      response = await (method === 'GET' && this.batching ? this.enqueue(this.target(path, options.query), bounded) : this.send(method, path, options, bounded));
    } catch (error) {
      if (signal?.aborted) throw abortError();
      if (bounded.aborted) throw bounded.reason;
      if (error instanceof DataSourceError) throw error;
      throw new UnavailableError(`Network failure: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 404 && missingIsUndefined) return undefined as T;
    if (!response.ok) throw await errorFor(response, bounded);
    if (response.status === 204) return undefined as T;
    try {
      return (await answerJson(response, `${method} ${path}`, bounded)) as T;
    } catch (error) {
      if (bounded.aborted) throw bounded.reason;
      if (error instanceof DataSourceError) throw error;
      throw new MalformedAnswerError(`${method} ${path}: the answer is not JSON`);
    }
  }
}

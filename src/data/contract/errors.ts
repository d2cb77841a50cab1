/** What went wrong in a data-source call; widgets word their message and retry offer on it. */
export type DataSourceErrorKind =
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'validation'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'malformed';

/** Base class of the typed errors a data source rejects with. */
export class DataSourceError extends Error {
  readonly kind: DataSourceErrorKind;
  /** Whether trying the same call again may succeed. */
  readonly retryable: boolean;

  constructor(kind: DataSourceErrorKind, message: string, retryable: boolean) {
    super(message);
    this.name = 'DataSourceError';
    this.kind = kind;
    this.retryable = retryable;
  }
}

export class NotFoundError extends DataSourceError {
  constructor(message = 'Not found') {
    super('not-found', message, false);
    this.name = 'NotFoundError';
  }
}

/**
 * The session is missing or has expired (HTTP 401): not a lack of permission. Elements fire
 * `cic-auth-required` for the host to renew its credentials, and offer Retry.
 */
export class UnauthorizedError extends DataSourceError {
  constructor(message = 'Unauthorized') {
    super('unauthorized', message, true);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends DataSourceError {
  constructor(message = 'Forbidden') {
    super('forbidden', message, false);
    this.name = 'ForbiddenError';
  }
}

/** Invalid input; `fieldErrors` maps a field name to its message. */
export class ValidationError extends DataSourceError {
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>, message = 'Invalid input') {
    super('validation', message, false);
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
  }
}

/** Throws a `ValidationError` when a validator found problems with a write. */
export function throwIfInvalid(problems: Record<string, string>): void {
  if (Object.keys(problems).length) throw new ValidationError(problems);
}

/** The write clashes with existing data (e.g. a duplicate login); `field` names the culprit. */
export class ConflictError extends DataSourceError {
  readonly field?: string;
  constructor(message = 'Conflict', field?: string) {
    super('conflict', message, false);
    this.name = 'ConflictError';
    this.field = field;
  }
}

export class RateLimitedError extends DataSourceError {
  /** Milliseconds to wait before trying again. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, message = 'Too many requests') {
    super('rate-limited', message, true);
    this.name = 'RateLimitedError';
    this.retryAfterMs = retryAfterMs;
  }
}

export class UnavailableError extends DataSourceError {
  /** Milliseconds the source asked to wait before trying again, when it said (else NaN). */
  readonly retryAfterMs: number;
  constructor(message = 'Service unavailable', retryAfterMs = NaN) {
    super('unavailable', message, true);
    this.name = 'UnavailableError';
    this.retryAfterMs = retryAfterMs;
  }
}

export class TimeoutError extends DataSourceError {
  constructor(message = 'Timed out') {
    super('timeout', message, true);
    this.name = 'TimeoutError';
  }
}

/** The data source answered something that is not of the contract's shape; the message says what. */
export class MalformedAnswerError extends DataSourceError {
  constructor(message = 'Malformed answer') {
    super('malformed', message, true);
    this.name = 'MalformedAnswerError';
  }
}

/** How long to wait after a rate limit when the source names no usable time (ms). */
export const DEFAULT_RETRY_AFTER_MS = 5_000;
/** The shortest and the longest wait after a rate limit (ms), whatever the source says. */
export const MIN_RETRY_AFTER_MS = 1_000;
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * How long to wait before the `attempt`-th retry after a rate limit (1 for the first): the
 * source's retry-after within sane bounds (a default when it is not a finite positive
 * number), doubled for each further limit in a row.
 */
export function rateLimitWait(retryAfterMs: number, attempt = 1): number {
  const asked = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : DEFAULT_RETRY_AFTER_MS;
  const backedOff = asked * 2 ** Math.max(0, Math.min(attempt - 1, 16));
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, backedOff));
}

/** True for the rejection of an aborted call (a superseded request), which is never shown. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The rejection of an aborted call, as `fetch` gives it. */
export function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits `ms`; rejects with an `AbortError` as soon as `signal` aborts (or if it already has). */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The default request timeout (ms) of the elements and of `HttpDataSource`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Signals made by `withTimeout` with a time limit: a call given one is bounded by its caller. */
const timedSignals = new WeakSet<AbortSignal>();

/** Whether `signal` ends by itself after a time limit (it comes from `withTimeout` with one). */
export function isTimed(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && timedSignals.has(signal);
}

/**
 * Runs `call` with a signal that aborts when `signal` does or when `timeoutMs` passes. The
 * result rejects at once then — with an `AbortError`, or a `TimeoutError` — even if `call`
 * ignores its signal. A `timeoutMs` of 0 or less, not a number, or of 2^31 ms (24 days) or more waits forever.
 */
export function withTimeout<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let rejectAborted: (error: unknown) => void = () => {};
  const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
  const forward = () => {
    controller.abort(signal?.reason);
    rejectAborted(abortError());
  };
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Beyond 2^31 ms (24 days) a timer fires at once: such a wait is for ever.
    if (!(timeoutMs > 0 && timeoutMs < 2 ** 31)) return;
    timedSignals.add(controller.signal);
    timer = setTimeout(() => {
      const error = new TimeoutError();
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const calling = Promise.resolve().then(() => call(controller.signal));
  return Promise.race([calling, timeout, aborted]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  });
}

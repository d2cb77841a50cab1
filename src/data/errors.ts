/** What went wrong in a data-source call; widgets word their message and retry offer on it. */
export type DataSourceErrorKind =
  | 'not-found'
  | 'forbidden'
  | 'validation'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout';

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
  }
}

export class ForbiddenError extends DataSourceError {
  constructor(message = 'Forbidden') {
    super('forbidden', message, false);
  }
}

/** Invalid input; `fieldErrors` maps a field name to its message. */
export class ValidationError extends DataSourceError {
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>, message = 'Invalid input') {
    super('validation', message, false);
    this.fieldErrors = fieldErrors;
  }
}

/** The write clashes with existing data (e.g. a duplicate login); `field` names the culprit. */
export class ConflictError extends DataSourceError {
  readonly field?: string;
  constructor(message = 'Conflict', field?: string) {
    super('conflict', message, false);
    this.field = field;
  }
}

export class RateLimitedError extends DataSourceError {
  /** Milliseconds to wait before trying again. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, message = 'Too many requests') {
    super('rate-limited', message, true);
    this.retryAfterMs = retryAfterMs;
  }
}

export class UnavailableError extends DataSourceError {
  constructor(message = 'Service unavailable') {
    super('unavailable', message, true);
  }
}

export class TimeoutError extends DataSourceError {
  constructor(message = 'Timed out') {
    super('timeout', message, true);
  }
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

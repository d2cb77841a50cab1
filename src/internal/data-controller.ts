import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController } from 'lit';
import type { DataSource } from '../data/contract/data-source.js';
import { abortableDelay, isAbortError, RateLimitedError, rateLimitWait, withTimeout } from '../data/contract/errors.js';
import type { CicElement } from './cic-element.js';
import { renderEmpty, renderError, renderLoading, reportAuthRequired } from './data-states.js';

export interface DataControllerOptions<A extends readonly unknown[], T> {
  /** The inputs of the load; when one changes (by identity), the data reloads. */
  args: () => A;
  /** Loads through the data source; must pass `signal` on. */
  load: (source: DataSource, args: A, signal: AbortSignal) => Promise<T>;
  /** False while there is nothing to load (e.g. no customer id yet). */
  ready?: (args: A) => boolean;
  /** Whether a loaded value counts as empty. */
  isEmpty?: (value: T) => boolean;
  /**
   * Wait this long (ms) before calling, so that quick changes of the inputs make one call;
   * a function decides per load (0 for a source that answers at once, or an answer in a cache).
   */
  debounceMs?: number | ((args: A) => number);
}

export interface DataRenderers<T> {
  complete: (value: T) => unknown;
  empty?: () => unknown;
  /** Before anything is to be loaded. */
  initial?: () => unknown;
  pending?: () => unknown;
}

/** A loaded value and the inputs it was loaded for. */
interface Loaded<T, A> {
  value: T;
  args: A;
}

const sameArgs = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The one way elements load data. Built on @lit/task: a new load aborts the one in flight
 * and a late answer to a superseded load is dropped. Moving the host in the DOM (a
 * disconnect followed by a connect in the same task) neither aborts nor reloads; a host
 * that stays removed aborts its load and resumes it when it comes back. A load that takes
 * longer than the host's `requestTimeout` ends in a `TimeoutError`; a rate limit is retried
 * by itself after a bounded, growing wait.
 */
export class DataController<T, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  private readonly host: CicElement;
  private readonly options: DataControllerOptions<A, T>;
  private readonly task: Task<[DataSource | undefined, number, number, ...A], Loaded<T, A>>;
  /** The live token of the latest load, and whether that load was asked for by a live change alone (shown in place). */
  private liveToken = 0;
  private inPlace = false;
  private interrupted = false;
  /** While rate-limited: the retry the data source asked us to wait for. */
  private scheduledRetry?: ReturnType<typeof setTimeout>;
  /** Rate limits in a row, for the back-off; and the wait of the latest (ms). */
  private rateLimits = 0;
  private rateLimitWaitMs = 0;

  constructor(host: CicElement, options: DataControllerOptions<A, T>) {
    this.host = host;
    this.options = options;
    this.task = new Task(host, {
      args: () => [host.effectiveDataSource, host.refreshToken, host.liveToken, ...options.args()] as [DataSource | undefined, number, number, ...A],
      task: async ([source, , liveToken, ...args], { signal }) => {
        this.inPlace = liveToken !== this.liveToken && this.currentValue !== undefined;
        this.liveToken = liveToken;
        // Any new load, by retry or by new inputs, replaces a pending rate-limit retry.
        this.cancelScheduledRetry();
        if (!source || host.isDragImage || (options.ready && !options.ready(args as unknown as A))) return initialState;
        const debounceMs = typeof options.debounceMs === 'function' ? options.debounceMs(args as unknown as A) : options.debounceMs;
        if (debounceMs) await abortableDelay(debounceMs, signal);
        const inputs = args as unknown as A;
        const value = await withTimeout(host.effectiveRequestTimeout, signal, (bounded) => options.load(source, inputs, bounded));
        return { value, args: inputs };
      },
      onComplete: () => {
        this.rateLimits = 0;
      },
      onError: (error) => {
        reportAuthRequired(host, error);
        // Respect retry-after: retry by ourselves once the wait is over, not before.
        if (!(error instanceof RateLimitedError)) return;
        this.rateLimitWaitMs = rateLimitWait(error.retryAfterMs, ++this.rateLimits);
        this.scheduledRetry = setTimeout(this.reload, this.rateLimitWaitMs);
      },
    });
    host.addController(this);
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  /** The latest loaded value, possibly for earlier inputs (while new ones load). */
  get value(): T | undefined {
    return this.task.value?.value;
  }

  /** The latest loaded value only if it was loaded for the current inputs. */
  get currentValue(): T | undefined {
    const loaded = this.task.value;
    return loaded && sameArgs(loaded.args, this.options.args()) ? loaded.value : undefined;
  }

  /** The value once the load under way (if any) has finished; rejects when it fails. */
  get complete(): Promise<T | undefined> {
    return this.task.taskComplete.then((loaded) => loaded?.value);
  }

  /** Loads again with the current inputs (retry, refresh). */
  reload = (): void => {
    void this.task.run();
  };

  private cancelScheduledRetry(): void {
    clearTimeout(this.scheduledRetry);
    this.scheduledRetry = undefined;
  }

  hostConnected(): void {
    if (this.interrupted) {
      this.interrupted = false;
      this.reload();
    }
  }

  hostDisconnected(): void {
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      if (this.scheduledRetry !== undefined || this.task.status === TaskStatus.PENDING) this.interrupted = true;
      this.cancelScheduledRetry();
      this.task.abort();
    });
  }

  /** Renders the loading, error (with retry), empty or loaded state. */
  render(renderers: DataRenderers<T>): unknown {
    const loaded = (value: T) => (this.options.isEmpty?.(value) ? (renderers.empty ?? renderEmpty)() : renderers.complete(value));
    return this.task.render({
      initial: () => renderers.initial?.(),
      // A live reload keeps showing what was loaded for these inputs until the answer comes.
      pending: () => (this.inPlace ? loaded(this.currentValue!) : (renderers.pending ?? renderLoading)()),
      error: (error) =>
        isAbortError(error)
          ? renderLoading()
          : renderError(error, this.reload, this.scheduledRetry !== undefined ? this.rateLimitWaitMs : undefined),
      complete: ({ value }) => loaded(value),
    });
  }
}

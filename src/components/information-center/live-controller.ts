import type { ReactiveController, ReactiveElement } from 'lit';
import type { DataChange, DataSource, LiveScope, LiveStatus } from '../../data/contract/data-source.js';

/**
 * Changes make one reload of each widget they affect once none has come for this long (ms),
 * or at the latest `LIVE_MAX_WAIT_MS` after the first: a burst costs one reload, a steady
 * stream one per second.
 */
export const LIVE_COALESCE_MS = 250;
export const LIVE_MAX_WAIT_MS = 1000;


export interface LiveControllerOptions {
  source: () => DataSource | undefined;
  /** Whose changes to hear; undefined for nobody. */
  scope: () => LiveScope | undefined;
  /** Told the kinds of change heard, at most once per `LIVE_COALESCE_MS`. */
  onChanges: (kinds: ReadonlySet<DataChange['kind']>) => void;
}

/**
 * A container's live subscription: subscribed for whom it shows while its data source has
 * `liveUpdates`, ended when that changes or when the host is removed — not when it is moved
 * (a disconnect followed by a connect in the same task), as with data loading.
 */
export class LiveController implements ReactiveController {
  /** The subscription's status; undefined without one. */
  status?: LiveStatus;
  private subscription?: { source: DataSource; key: string; abort: AbortController };
  private kinds = new Set<DataChange['kind']>();
  private timer?: ReturnType<typeof setTimeout>;
  /** When the first change not yet acted on was heard (ms). */
  private since = 0;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: LiveControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    queueMicrotask(() => this.host.isConnected || this.stop());
  }

  private sync(): void {
    const source = this.options.source();
    const scope = this.options.scope();
    const key = scope && source?.subscribe && source.capabilities.liveUpdates && this.host.isConnected ? JSON.stringify(scope) : '';
    const current = this.subscription;
    if (current ? current.source === source && current.key === key : !key) return;
    this.stop();
    if (!key) return;
    const abort = new AbortController();
    this.subscription = { source: source!, key, abort };
    this.status = 'connecting';
    source!.subscribe!(scope!, (changes) => this.heard(changes), {
      signal: abort.signal,
      onStatus: (status) => {
        this.status = status;
        this.host.requestUpdate();
      },
    });
  }

  private heard(changes: readonly DataChange[]): void {
    for (const { kind } of changes) this.kinds.add(kind);
    const now = Date.now();
    this.since ||= now;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const kinds = this.kinds;
      this.kinds = new Set();
      this.timer = undefined;
      this.since = 0;
      this.options.onChanges(kinds);
    }, Math.min(LIVE_COALESCE_MS, this.since + LIVE_MAX_WAIT_MS - now));
  }

  private stop(): void {
    this.subscription?.abort.abort();
    clearTimeout(this.timer);
    this.subscription = this.status = this.timer = undefined;
    this.since = 0;
    this.kinds.clear();
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConflictError, isAbortError, ValidationError, withTimeout } from '../data/contract/errors.js';
import type { WriteOptions } from '../data/contract/data-source.js';
import { newIdempotencyKey } from '../data/contract/idempotency-key.js';
import { errorMessage, reportAuthRequired } from './data-states.js';

/** What went wrong with a save, for the form to show where it belongs. */
export interface SaveFailure {
  /** Problems per field: a validation error's, or `conflict` for the field a conflict names. */
  problems: Record<string, string>;
  /** Someone else changed the record first. */
  conflict: boolean;
  /** For a form that cannot place the problems (or there are none): what to say. */
  message: string;
}

/**
 * One form's save: one at a time (a second submit while it runs sends nothing), within the
 * host's request timeout, aborted when the host leaves the page (not when it is only moved) or
 * the form is cancelled; a failure becomes problems per field or a message. What was typed is
 * the form's and stays. Serves the customer-user form, the note form and the custom-field edit.
 */
export class SaveController implements ReactiveController {
  saving = false;
  failure?: SaveFailure;
  private running?: AbortController;
  /** The latest submission that did not succeed, and its key. */
  private unsettled?: { submission: string; key: string };

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { readonly effectiveRequestTimeout: number }) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Moved (a widget dragged elsewhere) is disconnected and connected again at once: not a reason to stop.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.cancel();
    });
  }

  /**
   * Runs `write` unless a save is under way: its answer, or `undefined` when it failed (see
   * `failure`) or was cancelled. `submission` is what is sent (it decides the idempotency key).
   */
  async save<T>(submission: unknown, write: (options: WriteOptions & { signal: AbortSignal }) => Promise<T>): Promise<T | undefined> {
    if (this.saving) return undefined;
    const sent = JSON.stringify(submission) ?? '';
    if (this.unsettled?.submission !== sent) this.unsettled = { submission: sent, key: newIdempotencyKey() };
    const idempotencyKey = this.unsettled.key;
    this.saving = true;
    this.failure = undefined;
    this.running = new AbortController();
    this.host.requestUpdate();
    try {
      const answer = await withTimeout(this.host.effectiveRequestTimeout, this.running.signal, (signal) => write({ signal, idempotencyKey }));
      this.unsettled = undefined;
      return answer;
    } catch (error) {
      if (!isAbortError(error)) this.failure = failureOf(error);
      reportAuthRequired(this.host, error);
      return undefined;
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }

  cancel(): void {
    this.running?.abort();
  }

  /** Forgets the last failure (the form was closed or opened again). */
  clear(): void {
    this.failure = undefined;
    this.host.requestUpdate();
  }
}

function failureOf(error: unknown): SaveFailure {
  const conflict = error instanceof ConflictError;
  const problems =
    error instanceof ValidationError ? { ...error.fieldErrors } : conflict && error.field ? { [error.field]: 'conflict' } : {};
  return { problems, conflict, message: conflict ? error.message : errorMessage(error) };
}

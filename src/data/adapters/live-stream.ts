import type { DataChange, LiveStatus, SubscribeOptions } from '../contract/data-source.js';
import { answerLines, MAX_ANSWER } from './answer-reader.js';
import { MalformedAnswerError, MAX_RETRY_AFTER_MS } from '../contract/errors.js';

/** Reconnection waits: from 1 s, doubled each failure, at most 30 s, each a random 50–100 % of that. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * A live subscription over Server-Sent Events read with `fetch` (so that the request carries
 * the same headers as any other, `Authorization` included): `open` makes one request, sending
 * `lastEventId` (the id of the last event received) so that the server resumes after it.
 * Each read's changes reach `listener` in one batch. On any failure (network, an HTTP error,
 * no byte for `silenceMs`: the server's heartbeat stopped) the status turns `down` and it
 * connects again after a growing, jittered wait, at least the server's `Retry-After`. Never
 * throws; ends when `signal` aborts.
 */
export function liveStream(
  open: (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>,
  listener: (changes: readonly DataChange[]) => void,
  { signal, onStatus }: SubscribeOptions,
  retryAfterOf: (response: Response) => number,
  silenceMs = 35_000,
): void {
  let lastId: string | undefined;
  let failures = 0;
  let status: LiveStatus | undefined;
  const tell = (next: LiveStatus) => {
    if (next !== status && !signal.aborted) onStatus?.((status = next));
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const connect = async (): Promise<number> => {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    signal.addEventListener('abort', stop);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(stop, silenceMs);
    };
    try {
      watch();
      const response = await open(lastId, attempt.signal);
      if (!response.ok || !response.body) {
        void response.body?.cancel().catch(() => undefined);
        // An expired session is not asked again at once: the longest wait first.
        if (response.status === 401 || response.status === 403) failures = 5;
        return retryAfterOf(response);
      }
      tell('live');
      failures = 0;
      let data = '';
      let event = '';
      for await (const lines of answerLines(response, 'GET /live', /\r\n|\r|\n/, { signal: attempt.signal })) {
        watch();
        const batch: DataChange[] = [];
        for (const line of lines) {
          if (!line) {
            // The end of an event: its changes, when it is one.
            if (data && (event || 'change') === 'change') {
              try {
                const changes: unknown = JSON.parse(data.slice(0, -1));
                if (Array.isArray(changes)) {
                  for (const change of changes) if (typeof change?.kind === 'string' && typeof change.id === 'string') batch.push(change as DataChange);
                }
              } catch {
                // Not JSON: skipped.
              }
            }
            data = '';
            event = '';
          } else if (line[0] !== ':') {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
            if (field === 'data') {
              data += `${value}\n`;
              // An event's data is held to one answer's length, as each line is.
              if (data.length > MAX_ANSWER) throw new MalformedAnswerError('GET /live: an event too long');
            } else if (field === 'event') event = value;
            // An id goes back as a header: one that cannot be one (not ASCII, too long) is not kept.
            else if (field === 'id' && /^[\x20-\x7e]{0,256}$/.test(value)) lastId = value;
          }
        }
        if (batch.length) {
          try {
            listener(batch);
          } catch (error) {
            console.error(error);
          }
        }
      }
    } catch (error) {
      // Failed, broken or silent: connect again; too much (which the server would send again) only after the longest wait.
      if (error instanceof MalformedAnswerError) failures = 5;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
    return 0;
  };
  void (async () => {
    tell('connecting');
    while (!signal.aborted) {
      const retryAfter = await connect();
      if (signal.aborted) return;
      tell('down');
      const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++) * (0.5 + Math.random() / 2);
      // A server's Retry-After is heeded up to the longest wait of a rate limit (a longer timer would fire at once).
      await sleep(Math.max(wait, Math.min(retryAfter || 0, MAX_RETRY_AFTER_MS)));
    }
  })();
}

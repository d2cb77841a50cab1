import { MalformedAnswerError, UnavailableError } from '../contract/errors.js';

/**
 * The most text one answer may hold (characters): a page of 500 tickets is about a tenth of it.
 * A server that sends more, broken or hostile, fails the read as malformed instead of filling
 * the tab's memory. A batch's answer may hold twice as much, all its parts together; a stream
 * that does not end (live events) is held to it per line.
 */
export const MAX_ANSWER = 4 << 20;

/** Bodies already parsed (a batch's parts): read as they are. */
const parsed = new WeakMap<Response, unknown>();

/** A `Response` whose body is `body`, parsed already. */
export function parsedResponse(body: unknown, init: ResponseInit): Response {
  const response = new Response(null, init);
  parsed.set(response, body);
  return response;
}

/**
 * The body as text, piece by piece as it comes, with a piece's last `\r` kept for the next (it
 * may begin `\r\n`); a failed read is `UnavailableError`. The body is let go when the reader
 * stops or `signal` aborts (a `fetch` may not heed it).
 */
async function* pieces(response: Response, what: string, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const stop = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', stop);
  if (signal?.aborted) stop();
  let carried = '';
  try {
    for (;;) {
      const { done, value = '' } = await reader.read().catch((error: unknown) => {
        throw new UnavailableError(`${what}: cut off (${error})`);
      });
      const piece = carried + value;
      carried = !done && piece.endsWith('\r') ? '\r' : '';
      yield piece.slice(0, piece.length - carried.length);
      if (done) return;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}

const tooLong = (what: string) => new MalformedAnswerError(`${what}: the answer is too long`);

/**
 * The whole body parsed as JSON, at most `limit` characters of it (else `MalformedAnswerError`);
 * a read that fails rejects as `pieces` says. A body parsed already, or none (an object that
 * only answers `json()`), is asked as it is.
 */
export async function answerJson(response: Response, what: string, signal?: AbortSignal, limit = MAX_ANSWER): Promise<unknown> {
  if (parsed.has(response)) return parsed.get(response);
  if (!response.body) return response.json();
  let text = '';
  for await (const piece of pieces(response, what, signal)) {
    if ((text += piece).length > limit) throw tooLong(what);
  }
  return JSON.parse(text);
}

/**
 * The body's lines as they come, those of one piece together (perhaps none), split at
 * `breaks`; a line may hold `MAX_ANSWER` characters and the whole body `total` (else
 * `MalformedAnswerError`). A last line without its end comes last when `unended` says so (a
 * stream of events drops it, as its end is missing).
 */
export async function* answerLines(response: Response, what: string, breaks: string | RegExp, { unended = false, total = Infinity, signal }: { unended?: boolean; total?: number; signal?: AbortSignal } = {}): AsyncGenerator<string[]> {
  let rest = '';
  let read = 0;
  for await (const piece of pieces(response, what, signal)) {
    // Only the new piece is searched for line ends: a long line grows by appending.
    const lines = piece.split(breaks);
    lines[0] = rest + lines[0];
    rest = lines.pop()!;
    if (rest.length > MAX_ANSWER || (read += piece.length) > total) throw tooLong(what);
    yield lines;
  }
  if (unended && rest) yield [rest];
}

import { MalformedAnswerError, UnavailableError } from '../contract/errors.js';

/**
 * The most text one read's answer may hold (characters): a page of 500 tickets is about a
 * tenth of it. A server that sends more, broken or hostile, fails the read as malformed instead
 * of filling the tab's memory; a stream (a batch's lines, live events) is held to it per line.
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

/** The body as text, piece by piece as it comes; a failed read is `UnavailableError`, and the body is let go when the reader stops. */
async function* pieces(response: Response, what: string): AsyncGenerator<string> {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) return;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        throw new UnavailableError(`${what}: cut off (${error})`);
      });
      if (done) return;
      yield value;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
}

const tooLong = (what: string) => new MalformedAnswerError(`${what}: the answer is too long`);

/** The whole body parsed as JSON, at most `limit` characters of it (else `MalformedAnswerError`); a read that fails rejects as `pieces` says. */
export async function answerJson(response: Response, what: string, limit = MAX_ANSWER): Promise<unknown> {
  if (parsed.has(response)) return parsed.get(response);
  let text = '';
  for await (const piece of pieces(response, what)) {
    if ((text += piece).length > limit) throw tooLong(what);
  }
  return JSON.parse(text);
}

/**
 * The body's lines as they come, those of one piece together (perhaps none), split at
 * `breaks`; a line may hold `MAX_ANSWER` characters (else `MalformedAnswerError`). A last line
 * without its end comes last when `unended` says so (a stream of events drops it, as its end is missing).
 */
export async function* answerLines(response: Response, what: string, breaks: string | RegExp, unended = false): AsyncGenerator<string[]> {
  let rest = '';
  for await (const piece of pieces(response, what)) {
    // Only the new piece is searched for line ends: a long line grows by appending.
    const lines = piece.split(breaks);
    lines[0] = rest + lines[0];
    rest = lines.pop()!;
    if (rest.length > MAX_ANSWER) throw tooLong(what);
    yield lines;
  }
  if (unended && rest) yield [rest];
}

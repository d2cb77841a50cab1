import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Koa-style context, as web-test-runner's dev server gives its middleware. */
interface KoaContext {
  method: string;
  url: string;
  path: string;
  req: IncomingMessage;
  status: number;
  body: unknown;
  res: ServerResponse;
  set(name: string, value: string): void;
  /** koa-compress: false sends the body as it is. */
  compress?: boolean;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Serves `handler` (a fetch-style handler such as a Hono app) under `prefix` inside a Koa
 * server, e.g. the dev server of the browser tests, so that tests reach a real HTTP API on
 * the same origin.
 */
export function koaMiddleware(prefix: string, handlerFor: (path: string) => { handler: FetchHandler; path: string } | undefined) {
  return async (context: KoaContext, next: () => Promise<void>) => {
    if (!context.path.startsWith(prefix)) return next();
    const target = handlerFor(context.path.slice(prefix.length));
    if (!target) return next();
    const search = context.url.includes('?') ? context.url.slice(context.url.indexOf('?')) : '';
    const headers = new Headers();
    for (const [name, value] of Object.entries(context.req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const hasBody = !['GET', 'HEAD'].includes(context.method);
    const controller = new AbortController();
    context.res.on('close', () => {
      if (!context.res.writableFinished) controller.abort();
    });
    // The body is passed on as a stream: the handler reads only as much as it accepts.
    const request = new Request(`http://localhost${target.path}${search}`, {
      method: context.method,
      headers,
      body: hasBody ? (Readable.toWeb(context.req) as ReadableStream<Uint8Array>) : undefined,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    const response = await target.handler(request);
    context.status = response.status;
    response.headers.forEach((value, name) => context.set(name, value));
    if (response.body && /^(text\/event-stream|application\/x-ndjson)/.test(response.headers.get('Content-Type') ?? '')) {
      // A stream (live updates, a streamed batch) is passed on as it comes, neither buffered nor compressed.
      context.compress = false;
      context.body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      return;
    }
    context.body = Buffer.from(await response.arrayBuffer());
  };
}

/** What a fake `fetch` was asked. */
export interface Seen {
  url: string;
  init: RequestInit;
}

/** A `fetch` that answers `respond()` and records what it was asked. */
export function fakeFetch(respond: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    seen.push(call);
    return respond(call);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

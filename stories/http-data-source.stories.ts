import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createRestApi } from '../server/rest-api.js';
import { HttpDataSource } from '../src/data/adapters/http-data-source.js';
import { demoSource } from './support.js';

/**
 * The center over `HttpDataSource`: every call is a real `fetch` of the REST contract. Here
 * the server runs in the page (the reference server's REST layer over the demo data), so the
 * story needs nothing else; point `baseUrl` at `npm run server` to use the real one.
 */
const api = createRestApi({ sourceFor: () => demoSource() });

/** A `fetch` to the in-page server, slowed down, and failing while `failing` is on. */
function inPageFetch(latencyMs: number, state: { failing: boolean }): typeof fetch {
  return async (input, init) => {
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    init?.signal?.throwIfAborted();
    if (state.failing) return new Response(JSON.stringify({ title: 'Unavailable', status: 503 }), { status: 503, headers: { 'Retry-After': '2' } });
    const url = new URL(String(input), location.href);
    return api.fetch(new Request(`http://in-page${url.pathname.replace(/^\/api/, '')}${url.search}`, init));
  };
}

const meta: Meta = { title: 'Data/HttpDataSource' };
export default meta;
type Story = StoryObj<{ latencyMs: number }>;

export const OverHttp: Story = {
  args: { latencyMs: 300 },
  render: ({ latencyMs }) => {
    const source = new HttpDataSource({ baseUrl: '/api', fetch: inPageFetch(latencyMs, { failing: false }), capabilities: demoSource().capabilities });
    return html`<customer-information-center customer-id="BIGCORP" .dataSource=${source}></customer-information-center>`;
  },
};

/** The server answers 503 for the first 4 seconds: every widget shows its error, Retry brings the data. */
export const ServerDownThenBack: Story = {
  args: { latencyMs: 200 },
  render: ({ latencyMs }) => {
    const state = { failing: true };
    setTimeout(() => (state.failing = false), 4000);
    const source = new HttpDataSource({ baseUrl: '/api', fetch: inPageFetch(latencyMs, state), preferences: false });
    return html`<p>The server is down for 4 seconds; then use Retry (or wait: a 503 with Retry-After is not retried by itself, a 429 would be).</p>
      <customer-information-center customer-id="BIGCORP" .dataSource=${source}></customer-information-center>`;
  },
};

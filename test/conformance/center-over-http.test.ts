import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { $, $$, slowDescribe, text, until } from '../support/helpers.js';

const widgets = (center: Element) => $$(center, '.card-body > *');
/** What a widget shows: its error, its spinner, its data (a table, a list, "none"), or nothing yet. */
const state = (widget: Element) => {
  const root = widget.shadowRoot!;
  if (root.querySelector('[part=error]')) return 'error';
  if (root.querySelector('[part=loading]')) return 'loading';
  return root.querySelector('table, dl, [part=empty], [part=toggle]') ? 'data' : 'nothing';
};

slowDescribe('the center over HttpDataSource and the REST API', () => {
  before(() => setViewport({ width: 1400, height: 1200 }));
  beforeEach(() => localStorage.clear());

  it('opens a customer over HTTP, keeps the layout on the server, and recovers from a 503 with Retry', async () => {
    const baseUrl = `/api/conformance/center-${Date.now()}`;
    let statusFailures = 1;
    const requests: string[] = [];
    const fetchThrough = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      requests.push(`${init?.method ?? 'GET'} ${url.slice(baseUrl.length).split('?')[0]}`);
      if (url.includes('/company-status') && statusFailures-- > 0) {
        return new Response(JSON.stringify({ title: 'Unavailable', status: 503 }), { status: 503, headers: { 'Retry-After': '1' } });
      }
      return fetch(input, init);
    }) as typeof fetch;
    const source = await HttpDataSource.connect({ baseUrl, fetch: fetchThrough });
    const center = await fixture<HTMLElement>(html`<customer-information-center customer-id="BIG"
      .dataSource=${source}></customer-information-center>`);
    await until(() => widgets(center).length === 8, 'no layout');
    const status = $(center, 'company-status-widget')!;
    await until(() => state(status) === 'error', 'the 503 was not shown');
    await until(() => text($(center, '.header h1')) === 'Big Customer Ltd', 'the header never showed the name');
    expect(text(status.shadowRoot!.querySelector('[part=error]'))).to.contain('unavailable');
    status.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => state(status) === 'data');
    expect(text(status.shadowRoot!.querySelectorAll('dd')[3])).to.equal('37');
    await until(() => widgets(center).every((w) => state(w) === 'data'), 'not every widget showed its data');
    expect(requests).to.include('GET /preferences');

    $<HTMLButtonElement>(center, '[data-widget="new-tickets"] .close-button')!.click();
    await until(() => requests.includes('PUT /preferences'));
    const stored = await source.preferences!.get('layout:customer-information-center');
    expect((stored as { hidden: string[] }).hidden).to.deep.equal(['ticket-statistics', 'customer-history', 'recent-tickets', 'customer-health', 'new-tickets']);
    expect(localStorage.length, 'nothing in localStorage: the server keeps the layout').to.equal(0);
  });
});

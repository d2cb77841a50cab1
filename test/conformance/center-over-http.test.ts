import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
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
    const unavailable = { status: 503, body: { title: 'Unavailable', status: 503 }, headers: { 'Retry-After': '1' } };
    // The reads of one task go out as one batch: the first company status in it fails alone.
    const fetchThrough = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const path = url.slice(baseUrl.length).split('?')[0];
      if (path !== '/batch') {
        requests.push(`${init?.method ?? 'GET'} ${path}`);
        return url.includes('/company-status') && statusFailures-- > 0 ? new Response(JSON.stringify(unavailable.body), unavailable) : fetch(input, init);
      }
      const parts = JSON.parse(String(init!.body)).requests as { id: string; path: string }[];
      requests.push(...parts.map((part) => `GET ${part.path.split('?')[0]}`));
      const answer = await (await fetch(input, init)).json();
      const failing = parts.find((part) => part.path.startsWith('/company-status') && statusFailures-- > 0);
      const responses = answer.responses.map((part: { id: string }) => (part.id === failing?.id ? { id: part.id, ...unavailable } : part));
      return Response.json({ responses });
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

  it('opens a center on a customer in at most two requests: the reads and the preferences go out together', async () => {
    const baseUrl = `/api/conformance/center-requests-${Date.now()}`;
    const sent: string[] = [];
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).slice(baseUrl.length).split('?')[0];
      const parts = path === '/batch' ? (JSON.parse(String(init!.body)).requests as { path: string }[]).map((part) => part.path.split('?')[0]) : [];
      sent.push(`${init?.method ?? 'GET'} ${path}${parts.length ? ` [${parts.join(' ')}]` : ''}`);
      return fetch(input, init);
    }) as typeof fetch;
    const source = await HttpDataSource.connect({ baseUrl, fetch: counting });
    sent.length = 0;
    const center = await fixture<HTMLElement>(html`<customer-information-center customer-id="BIG" .dataSource=${source}></customer-information-center>`);
    await until(() => widgets(center).length === 8 && widgets(center).every((w) => state(w) === 'data'), 'not every widget showed its data');
    await until(() => text($(center, '.header h1')) === 'Big Customer Ltd', 'the header never showed the name');
    expect(sent.length, sent.join('\n')).to.be.at.most(2);
    expect(sent.join(' '), 'the preferences were read').to.contain('/preferences');
  });

  it('reads the preferences with the layout of an empty center: the customer the agent then picks opens in one batch', async () => {
    const baseUrl = `/api/conformance/center-first-open-${Date.now()}`;
    /** Each request as the reads it carries (`GET /path?query`), and how many are not answered yet. */
    const sent: string[][] = [];
    let unanswered = 0;
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).slice(baseUrl.length);
      const parts = path === '/batch' ? (JSON.parse(String(init!.body)).requests as { path: string }[]).map((part) => `GET ${part.path}`) : [`${init?.method ?? 'GET'} ${path}`];
      sent.push(parts);
      unanswered++;
      try {
        const response = await fetch(input, init);
        return new Response(await response.text(), response);
      } finally {
        unanswered--;
      }
    }) as typeof fetch;
    const source = await HttpDataSource.connect({ baseUrl, fetch: counting });
    sent.length = 0;
    const center = await fixture<HTMLElement>(html`<customer-information-center .dataSource=${source}></customer-information-center>`);
    await until(() => sent.length > 0 && unanswered === 0, 'the empty center read nothing');
    expect(sent.flat().join(' ')).to.contain('/preferences?key=layout');

    await sendKeys({ type: 'big' });
    await until(() => $(center, 'customer-search-dialog >>> #customer-option-0') && unanswered === 0, 'the search found nothing');
    const beforePicking = sent.length;
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => widgets(center).length === 8 && widgets(center).every((w) => state(w) === 'data'), 'not every widget showed its data');
    await until(() => text($(center, '.header h1')) === 'Big Customer Ltd', 'the header never showed the name');

    const opening = sent.slice(beforePicking);
    expect(opening.length, JSON.stringify(opening, null, 1)).to.equal(1);
    const reads = opening[0].join(' ');
    expect(reads, 'no preference is read once the customer is picked').not.to.contain('/preferences');
    for (const read of ['/customer?id=BIG', '/company-status', '/customer-users', '/tickets']) expect(reads).to.contain(read);
    expect(opening[0].filter((part) => part.includes('/tickets')).length, 'every list asks in the same batch').to.be.at.least(4);
  });
});

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
      const answer = await fetch(input, init);
      const text = await answer.text();
      // Streamed (a line per part) as the client asks, or JSON: rewritten as JSON either way.
      const answered = /ndjson/.test(answer.headers.get('Content-Type')!) ? text.trim().split('\n').map((line) => JSON.parse(line)) : JSON.parse(text).responses;
      const failing = parts.find((part) => part.path.startsWith('/company-status') && statusFailures-- > 0);
      const responses = answered.map((part: { id: string }) => (part.id === failing?.id ? { id: part.id, ...unavailable } : part));
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

  it('opens a center on a customer in two waves: its reads with the preferences, then the widgets’ data as their settings stream in', async () => {
    const baseUrl = `/api/conformance/center-requests-${Date.now()}`;
    /** Each request: the reads it carries, and the requests answered in full before it went out. */
    const sent: { reads: string[]; after: number[] }[] = [];
    const answered: number[] = [];
    const batchAnswers: string[] = [];
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).slice(baseUrl.length).split('?')[0];
      const reads = path === '/batch' ? (JSON.parse(String(init!.body)).requests as { path: string }[]).map((part) => part.path.split('?')[0]) : [path];
      const index = sent.push({ reads, after: [...answered] }) - 1;
      const response = await fetch(input, init);
      if (path === '/batch') batchAnswers.push(response.headers.get('Content-Type')!);
      void response.clone().text().then(() => answered.push(index));
      return response;
    }) as typeof fetch;
    const source = await HttpDataSource.connect({ baseUrl, fetch: counting });
    sent.length = 0;
    const center = await fixture<HTMLElement>(html`<customer-information-center customer-id="BIG" .dataSource=${source}></customer-information-center>`);
    await until(() => widgets(center).length === 8 && widgets(center).every((w) => state(w) === 'data'), 'not every widget showed its data');
    await until(() => text($(center, '.header h1')) === 'Big Customer Ltd', 'the header never showed the name');
    const [first, ...then] = sent;
    const listing = sent.map(({ reads }) => reads.join(' ')).join('\n');
    expect(first.reads, listing).to.include.members(['/preferences', '/customer', '/company-status']);
    const later = then.flatMap(({ reads }) => reads);
    expect(later, `each widget's data read once, after the first request: ${listing}`).to.have.members(['/customer-users', '/tickets', '/tickets', '/tickets', '/tickets']);
    // A third wave would be a request sent after one of the second had been answered.
    for (const { after } of then) expect(after.filter((index) => index > 0), listing).to.be.empty;
    expect(batchAnswers, 'the server streamed each batch, a line per part').to.deep.equal(batchAnswers.map(() => 'application/x-ndjson'));
    expect(batchAnswers).to.not.be.empty;
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

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { $, $$, text, until } from '../support/helpers.js';
import { watchUnhandled } from '../support/hostile.js';

const STATUS = { escalated: 1, open: 2, closed: 3, all: 6, byCategory: {} };

describe('the elements against a hostile server', () => {
  it('401: asks the host to renew the session; Retry then works', async () => {
    let token = 'expired';
    let requests = 0;
    const fetch = (async (_url: string, init: RequestInit) => {
      requests++;
      return new Headers(init.headers).get('Authorization') === 'Bearer fresh'
        ? Response.json(STATUS)
        : new Response(JSON.stringify({ title: 'Unauthorized', detail: 'Token expired' }), { status: 401 });
    }) as unknown as typeof globalThis.fetch;
    const source = new HttpDataSource({ baseUrl: '/api', fetch, headers: () => ({ Authorization: `Bearer ${token}` }) });
    const unhandled = watchUnhandled();
    const heard: string[] = [];
    const onAuth = (event: CustomEvent<{ message: string }>) => {
      heard.push(event.detail.message);
      token = 'fresh';
    };
    document.addEventListener('cic-auth-required', onAuth);
    try {
      const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME" .dataSource=${source}></company-status-widget>`);
      await until(() => $(el, '[part=error]'));
      expect(text($(el, '[part=error]'))).to.contain('session has expired');
      expect(heard).to.deep.equal(['Token expired']);
      expect(requests, 'no request loop').to.equal(1);
      $<HTMLButtonElement>(el, '[part=retry-button]')!.click();
      await until(() => $(el, 'dl'), 'Retry did not recover');
      expect(unhandled.seen).to.deep.equal([]);
    } finally {
      document.removeEventListener('cic-auth-required', onAuth);
      unhandled.stop();
    }
  });

  it('403: not allowed, no Retry, no auth event', async () => {
    const fetch = (async () => new Response('{}', { status: 403 })) as unknown as typeof globalThis.fetch;
    const heard: Event[] = [];
    const onAuth = (event: Event) => heard.push(event);
    document.addEventListener('cic-auth-required', onAuth);
    try {
      const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
        .dataSource=${new HttpDataSource({ baseUrl: '/api', fetch })}></company-status-widget>`);
      await until(() => $(el, '[part=error]'));
      expect(text($(el, '[part=error]'))).to.contain('not allowed');
      expect($(el, '[part=retry-button]')).to.equal(null);
      expect(heard).to.have.length(0);
    } finally {
      document.removeEventListener('cic-auth-required', onAuth);
    }
  });

  it('renders no more rows than the page size when the server answers 5,000 tickets (with repeats)', async () => {
    const items = Array.from({ length: 5_000 }, (_, i) => ({
      id: `t${i % 2500}`, number: `N${i}`, title: `T${i}`, customerId: 'ACME', customerUserLogin: 'anna', state: 'open',
      queueId: 'q', priority: 3, ownerId: 'x', lock: 'unlock', createdAt: '2026-01-01T00:00:00Z', changedAt: '2026-01-01T00:00:00Z',
    }));
    const fetch = (async (url: string) =>
      url.includes('/tickets') ? Response.json({ items }) : Response.json({ 'my-locked': 0, 'my-queues': 0, all: 5000 })) as unknown as typeof globalThis.fetch;
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = await fixture<HTMLElement>(html`<ticket-list-widget view="all" customer-id="ACME"
        .dataSource=${new HttpDataSource({ baseUrl: '/api', fetch })}></ticket-list-widget>`);
      await until(() => $(el, 'tbody tr'));
      expect($$(el, 'tbody tr').length).to.be.at.most(10);
    } finally {
      console.warn = warn;
    }
  });
});

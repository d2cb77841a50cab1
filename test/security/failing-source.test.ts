import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import {
  RateLimitedError,
  TimeoutError,
  UnavailableError,
} from '../../src/data/contract/errors.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { wrapCalls } from '../support/wrap-calls.js';
import { $$, settle, text, until } from '../support/helpers.js';

/** Small seeded generator, so that a failing run can be repeated exactly. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Wraps a data source so that calls reject with typed errors or answer late and out of
 * order (some very late) — decided by a seeded random draw per call.
 */
function chaos(inner: DataSource, seed: number) {
  const random = seeded(seed);
  let enabled = true;
  // Errors after which retrying helps (the others offer no Retry: see 'offers Retry only…').
  const errors = [() => new UnavailableError(), () => new TimeoutError()];
  const source = wrapCalls(inner, ({ signal, proceed }) => {
    const roll = random();
    const delay = enabled && roll < 0.1 ? 900 : Math.floor(random() * 150);
    return new Promise((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
      setTimeout(() => {
        if (enabled && roll < 0.45) reject(errors[Math.floor(random() * errors.length)]());
        else proceed().then(resolve, reject);
      }, delay);
    });
  });
  return { source: source as DataSource, heal: () => (enabled = false) };
}

const widgets = (center: Element) => $$(center, '.card-body > *').filter((el) => el.localName !== 'settings-widget');
const state = (widget: Element) => {
  const root = widget.shadowRoot!;
  if (root.querySelector('[part=error]')) return 'error';
  if (root.querySelector('[part=loading]')) return 'loading';
  return 'data';
};

describe('failing data sources', () => {
  let unhandled: PromiseRejectionEvent[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event);
  before(() => setViewport({ width: 1400, height: 1200 }));
  beforeEach(() => {
    localStorage.clear();
    unhandled = [];
    window.addEventListener('unhandledrejection', onUnhandled);
  });
  afterEach(() => window.removeEventListener('unhandledrejection', onUnhandled));

  for (const seed of [1, 7, 42]) {
    it(`ends every widget in data or error, and retry recovers (seed ${seed})`, async () => {
      const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
      const { source, heal } = chaos(inner, seed);
      const center = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
        .dataSource=${source}></customer-information-center>`);
      await until(() => widgets(center).length === 7, 'no layout');
      await until(() => widgets(center).every((w) => state(w) !== 'loading'), 'a widget kept loading');
      const states = widgets(center).map(state);
      expect(states, 'the seed should make some calls fail').to.include('error');
      heal();
      // Each failed widget recovers through its own Retry (no Refresh, which reloads everything).
      const failed = widgets(center).filter((w) => state(w) === 'error');
      for (const widget of failed) widget.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
      await until(() => widgets(center).every((w) => state(w) === 'data'), 'not every widget recovered');
      await settle(100);
      expect(unhandled.map((e) => String(e.reason))).to.deep.equal([]);
    });
  }

  it('never shows the late answer of a superseded request', async () => {
    const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    let lists = 0;
    let lateAnswers = 0;
    // The first list (My locked: 1 ticket) answers last, ignoring the abort, as a careless backend would.
    const slowFirst = wrapCalls(inner, ({ method, args, proceed }) => {
      if (method !== 'listTickets') return proceed();
      if (lists++ > 0) return new Promise((resolve) => setTimeout(() => resolve(proceed()), 10));
      const [scope, options] = args as Parameters<DataSource['listTickets']>;
      return new Promise((resolve) =>
        setTimeout(() => {
          lateAnswers++;
          resolve(inner.listTickets(scope, { ...options, signal: undefined }));
        }, 400),
      );
    });
    const list = await fixture<HTMLElement>(html`<ticket-list-widget view="reminder" customer-id="ACME"
      .dataSource=${slowFirst}></ticket-list-widget>`);
    await until(() => list.shadowRoot!.querySelector('#tab-all'));
    list.shadowRoot!.querySelector<HTMLButtonElement>('#tab-all')!.click();
    await until(() => list.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    await until(() => lateAnswers === 1, 'the late answer never came');
    await settle(50);
    expect(list.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(2);
  });

  it('respects retry-after: waits, then retries by itself', async () => {
    const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW });
    const calls: number[] = [];
    const limited = wrapCalls(inner, ({ method, proceed }) => {
      if (method !== 'getCompanyStatus') return proceed();
      calls.push(performance.now());
      return calls.length === 1 ? Promise.reject(new RateLimitedError(600)) : proceed();
    });
    const status = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
      .dataSource=${limited}></company-status-widget>`);
    await until(() => status.shadowRoot!.querySelector('[part=error]'));
    expect(text(status.shadowRoot!.querySelector('[part=error]'))).to.contain('Try again in 1 s');
    expect(status.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.disabled).to.equal(true);
    await until(() => status.shadowRoot!.querySelector('dl'), 'never retried');
    expect(calls).to.have.length(2);
    expect(calls[1] - calls[0]).to.be.at.least(550);
  });
});

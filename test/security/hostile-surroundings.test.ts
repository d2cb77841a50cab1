import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { $, $$, expectNone, fixtureSource, settle, text, until } from '../support/helpers.js';
import { inMemory, mangled, watchUnhandled } from '../support/hostile.js';

const listIn = (center: Element) => $(center, '[data-widget="open-tickets"] ticket-list-widget')!;

describe('hostile surroundings', () => {
  before(() => setViewport({ width: 1400, height: 1200 }));
  beforeEach(() => localStorage.clear());

  describe('preference stores', () => {
    for (const [name, store] of [
      ['true', true],
      ['a string', 'server'],
      ['an object without get and set', {}],
    ] as const) {
      it(`a data source whose preference store is ${name}: the widgets load with their settings kept in the browser`, async () => {
        const watching = watchUnhandled();
        try {
          const source = Object.assign(inMemory(), { preferences: store }) as unknown as DataSource;
          const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
            .dataSource=${source}></customer-information-center>`);
          const list = listIn(el);
          await until(() => $(list, 'tbody tr'), 'the list never showed its tickets');
          $<HTMLButtonElement>(el, '[data-widget="new-tickets"] .close-button')!.click();
          await until(() => !$(el, '[data-widget="new-tickets"]'));
          await settle(50);
          expect(JSON.parse(localStorage.getItem('cic:layout:customer-information-center')!).hidden).to.include('new-tickets');
          expect(watching.seen).to.deep.equal([]);
        } finally {
          watching.stop();
        }
      });
    }

    it('a store that answers what is not JSON (a cycle, a BigInt, a getter that throws): defaults at once, a warning, nothing uncaught', async () => {
      const watching = watchUnhandled();
      try {
        const source = inMemory({ preferences: true });
        const cycle: Record<string, unknown> = { filter: 'all', main: ['open-tickets'] };
        cycle.self = cycle;
        const throwing = Object.defineProperty({}, 'columns', { enumerable: true, get: () => { throw new Error('getter'); } });
        source.preferences!.get = async (key) =>
          key.startsWith('layout') ? cycle : key.includes('page-size') ? 10n : key.endsWith('open') ? throwing : cycle;
        const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
          .dataSource=${source}></customer-information-center>`);
        const list = listIn(el);
        await until(() => $(list, 'tbody tr'), 'the list never showed its tickets');
        // The default layout and the list's default columns.
        expect($$(el, '[data-region=main] .card-title').map((t) => text(t))[0]).to.equal('Customer Users');
        expect($$(list, 'thead th').map((th) => text(th).replace(/ ?[▲▼]/, ''))).to.deep.equal(['Ticket#', 'Age', 'Title']);
        await settle(400);
        expect(watching.seen).to.deep.equal([]);
        expect(watching.warnings.some((w) => w.includes('could not read preference'))).to.equal(true);
      } finally {
        watching.stop();
      }
    });
  });

  describe('odd numbers from a source', () => {
    const statistics = (change: (s: { byQueue: Record<string, unknown>[]; monthly: Record<string, unknown>[] }) => unknown) =>
      mangled('getTicketStatistics', (real) => change(real as Parameters<typeof change>[0]));

    for (const [name, change] of [
      ['a year beyond what a date can hold', { year: 300_000 }],
      ['a month of 13', { month: 13 }],
      ['a month of 0', { month: 0 }],
    ] as const) {
      it(`ticket statistics with ${name}: an error with Retry, not a stuck spinner`, async () => {
        const watching = watchUnhandled();
        try {
          const { source, heal } = statistics((s) => ({ ...s, monthly: s.monthly.map((m) => ({ ...m, ...change })) }));
          const el = await fixture<HTMLElement>(html`<ticket-statistics-widget customer-id="ACME"
            .dataSource=${source}></ticket-statistics-widget>`);
          await until(() => $(el, '[part=error]'), 'never showed an error');
          expect(text($(el, '[part=error]'))).to.contain('The data source answered something that cannot be shown.');
          heal();
          $<HTMLButtonElement>(el, '[part=retry-button]')!.click();
          await until(() => $(el, '[part=summary]'), 'Retry did not recover');
          expect(watching.seen).to.deep.equal([]);
        } finally {
          watching.stop();
        }
      });
    }

    for (const [name, value] of [
      ['1e308', 1e308],
      ['2**53 + 1', 2 ** 53 + 1],
      ['1.5', 1.5],
    ] as const) {
      it(`counts of ${name}: never "∞" nor a sum that lost count, but an error with Retry`, async () => {
        const { source } = statistics((s) => ({
          ...s,
          byQueue: s.byQueue.map((q) => ({ ...q, open: value })),
          monthly: s.monthly.map((m) => ({ ...m, created: value })),
        }));
        const el = await fixture<HTMLElement>(html`<ticket-statistics-widget customer-id="ACME"
          .dataSource=${source}></ticket-statistics-widget>`);
        await until(() => $(el, '[part=summary], [part=error]'));
        expect(text(el.shadowRoot)).to.not.contain('∞');
        expect($(el, '[part=error]'), 'no error shown').to.exist;
        expect($(el, '[part=retry-button]')).to.exist;
      });
    }

    it('a count of -0 (JSON can carry it) is shown as 0, not "-0"', async () => {
      const { source } = mangled('getCompanyStatus', (real) => ({ ...(real as object), escalated: JSON.parse('-0') }));
      const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
        .dataSource=${source}></company-status-widget>`);
      await until(() => $(el, 'dd'));
      expect(text($(el, 'dd'))).to.equal('0');
      expect(text(el.shadowRoot)).to.not.contain('-0');
    });

    for (const [name, percentile] of [['null', null], ['a string', 'n/a'], ['250', 250], ['-5', -5]] as const) {
      it(`a health factor ranked ${name} shows no rank: never "0" or "NaN"`, async () => {
        const { source } = mangled('getCustomerHealth', (real) => {
          const health = real as { factors: object[] };
          return { ...health, factors: health.factors.map((factor) => ({ ...factor, percentile })) };
        });
        const el = await fixture<HTMLElement>(html`<customer-health-widget customer-id="ACME"
          .dataSource=${source}></customer-health-widget>`);
        await until(() => $(el, 'tbody tr'));
        expect($$(el, 'tbody tr td:last-child').map((td) => text(td))).to.deep.equal(['', '', '', '', '']);
        expect(text(el.shadowRoot)).to.not.contain('NaN');
      });
    }
  });

  describe('request timeouts', () => {
    for (const timeout of ['3000000000', '1e308']) {
      it(`a request timeout of ${timeout} ms (beyond what a timer holds) waits, instead of timing out at once`, async () => {
        const spy = fixtureSource();
        const release = spy.hold('getCompanyStatus');
        const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME" request-timeout=${timeout}
          .dataSource=${spy.source}></company-status-widget>`);
        await settle(200);
        expectNone($(el, '[part=error]'), 'an error (timed out at once)');
        release();
        await until(() => $(el, 'dd'), 'the answer was not shown');
      });
    }

    it('a request timeout that is no number ("30s") is as unset: the center\'s timeout ends a call that never answers', async () => {
      const spy = fixtureSource();
      spy.hold('getCompanyStatus');
      const widgets = [{ id: 'status', tag: 'company-status-widget', title: 'Status', region: 'main' as const, attributes: { 'request-timeout': '30s' } }];
      const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME" request-timeout="300"
        .widgets=${widgets} .dataSource=${spy.source}></customer-information-center>`);
      const status = await until(() => $(el, 'company-status-widget')).then(() => $(el, 'company-status-widget')!);
      await until(() => $(status, '[part=error]'), 'a spinner for ever');
      expect(text($(status, '[part=error]'))).to.contain('The request timed out.');
      expect($(status, '[part=retry-button]')).to.exist;
    });
  });
});

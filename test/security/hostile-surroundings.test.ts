import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, settle, text, until } from '../support/helpers.js';

const inMemory = (options: { preferences?: boolean } = {}) =>
  new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me', ...options });

/** Collects unhandled rejections and errors, and the console's warnings, while a test runs. */
function watch() {
  const unhandled: string[] = [];
  const warnings: string[] = [];
  const onRejection = (event: PromiseRejectionEvent) => unhandled.push(String(event.reason));
  const onError = (event: ErrorEvent) => unhandled.push(String(event.error));
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return {
    unhandled,
    warnings,
    stop() {
      console.warn = warn;
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    },
  };
}

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
        const watching = watch();
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
          expect(watching.unhandled).to.deep.equal([]);
        } finally {
          watching.stop();
        }
      });
    }

    it('a store that answers what is not JSON (a cycle, a BigInt, a getter that throws): defaults at once, a warning, nothing uncaught', async () => {
      const watching = watch();
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
        expect(watching.unhandled).to.deep.equal([]);
        expect(watching.warnings.some((w) => w.includes('could not read preference'))).to.equal(true);
      } finally {
        watching.stop();
      }
    });
  });
});

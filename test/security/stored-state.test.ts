import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, settle, text, until } from '../support/helpers.js';

/** Runs `body` with console.warn captured. */
async function capturingWarnings(body: (warnings: unknown[][]) => Promise<void>) {
  const warn = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    await body(warnings);
  } finally {
    console.warn = warn;
  }
}

const titles = (el: Element) => $$(el, '[data-region=main] .card-title').map((t) => text(t));
const source = () => new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });

describe('stored state', () => {
  before(() => setViewport({ width: 1400, height: 1200 }));
  beforeEach(() => localStorage.clear());

  for (const [name, stored] of [
    ['truncated JSON', '{"main":["open-tick'],
    ['a foreign value', '"hello"'],
    ['a wrong shape', '{"main":"open-tickets","sidebar":7}'],
    ['an array', '[1,2,3]'],
  ]) {
    it(`falls back to the default layout for ${name}, with a warning`, async () => {
      localStorage.setItem('cic:layout:customer-information-center', stored);
      await capturingWarnings(async (warnings) => {
        const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
          .dataSource=${source()}></customer-information-center>`);
        await until(() => titles(el).length === 5);
        expect(titles(el)[0]).to.equal('Customer Users');
        expect(warnings.length).to.be.greaterThan(0);
      });
    });
  }

  it('warns and uses defaults for partly invalid list settings', async () => {
    localStorage.setItem('cic:ticket-list:open', JSON.stringify({ filter: 'everything', pageSize: 1000, columns: ['title', 'bogus'] }));
    await capturingWarnings(async (warnings) => {
      const list = await fixture<HTMLElement>(html`<ticket-list-widget view="open" customer-id="ACME"
        .dataSource=${source()}></ticket-list-widget>`);
      await until(() => $(list, 'tbody tr'));
      expect($(list, '#tab-all')!.getAttribute('aria-selected')).to.equal('true');
      expect($<HTMLSelectElement>(list, '.page-size select')!.value).to.equal('10');
      expect([...list.shadowRoot!.querySelectorAll('thead th')].map((th) => text(th).replace(/ ?[▲▼]/, ''))).to.deep.equal(['Ticket#', 'Title']);
      expect(warnings.some((w) => String(w[0]).includes('ticket-list:open'))).to.equal(true);
    });
  });

  it('ignores a stored column that is a prototype key, lists the tickets, and repairs the stored value', async () => {
    for (const column of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      localStorage.setItem('cic:ticket-list:open', JSON.stringify({ columns: [column, 'title'] }));
      await capturingWarnings(async (warnings) => {
        const list = await fixture<HTMLElement>(html`<ticket-list-widget view="open" customer-id="ACME"
          .dataSource=${source()}></ticket-list-widget>`);
        await until(() => $(list, 'tbody tr'), `never listed with a stored "${column}" column`);
        expect([...list.shadowRoot!.querySelectorAll('thead th')].map((th) => text(th).replace(/ ?[▲▼]/, ''))).to.deep.equal(['Ticket#', 'Title']);
        expect(warnings.some((w) => String(w[0]).includes('ticket-list:open'))).to.equal(true);
        await settle(20);
        expect(JSON.parse(localStorage.getItem('cic:ticket-list:open')!).columns).to.deep.equal(['number', 'title']);
      });
    }
  });

  it('keeps the visible layout when the preference store fails to save', async () => {
    const failing = new InMemoryDataSource(smallHelpdesk(), { now: NOW, preferences: true });
    failing.preferences!.set = () => Promise.reject(new Error('disk full'));
    await capturingWarnings(async (warnings) => {
      const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
        .dataSource=${failing}></customer-information-center>`);
      await until(() => titles(el).length === 5);
      $<HTMLButtonElement>(el, '[data-widget="new-tickets"] .close-button')!.click();
      await until(() => !titles(el).includes('New Tickets'));
      await settle(50);
      expect(titles(el)).to.deep.equal(['Customer Users', 'Reminder Tickets', 'Escalated Tickets', 'Open Tickets']);
      expect(warnings.some((w) => String(w[0]).includes('could not save'))).to.equal(true);
    });
  });

  it('survives localStorage that throws (private mode, quota)', async () => {
    const getItem = Storage.prototype.getItem;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      await capturingWarnings(async (warnings) => {
        const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
          .dataSource=${source()}></customer-information-center>`);
        await until(() => titles(el).length === 5);
        $<HTMLButtonElement>(el, '[data-widget="open-tickets"] .close-button')!.click();
        await until(() => titles(el).length === 4);
        await settle(20);
        const said = warnings.map((w) => String(w[0]));
        expect(said.some((w) => w.includes('could not read preference "layout:customer-information-center"'))).to.equal(true);
        expect(said.some((w) => w.includes('could not save preference "layout:customer-information-center"'))).to.equal(true);
      });
    } finally {
      Storage.prototype.getItem = getItem;
      Storage.prototype.setItem = setItem;
    }
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import type { CustomerSearchDialog } from '../../src/components/customer-search-dialog/customer-search-dialog.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { CicElement, registerWidget } from '../../src/plugin.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, settle, text, until } from '../support/helpers.js';
import { spySource } from '../support/spy-source.js';

const LAYOUT_KEY = 'cic:layout:customer-information-center';
const DEFAULT_MAIN = ['Customer Users', 'Reminder Tickets', 'Escalated Tickets', 'New Tickets', 'Open Tickets'];
const DEFAULT_SIDEBAR = ['Settings', 'Company Status', 'Customer Information'];
/** The Customer 360 widgets: offered in the settings, hidden until the agent shows them. */
const HIDDEN_BY_DEFAULT = ['ticket-statistics', 'customer-history', 'recent-tickets', 'customer-health'];

const titles = (el: CustomerInformationCenter, region: 'main' | 'sidebar') =>
  $$(el, `[data-region=${region}] .card-title`).map((t) => text(t));
const card = (el: CustomerInformationCenter, id: string) => $(el, `[data-widget="${id}"]`)!;
const handle = (el: CustomerInformationCenter, id: string) => card(el, id).querySelector<HTMLButtonElement>('.drag-handle')!;

/** Waits until the data source has had no call for a while: every widget has loaded. */
async function quiet(spy: ReturnType<typeof spySource>) {
  let last = -1;
  while (spy.total() !== last) {
    last = spy.total();
    await settle(150);
  }
}

async function renderCenter(spy = fixtureSource(), customerId = 'ACME') {
  const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id=${customerId}
    .dataSource=${spy.source}></customer-information-center>`);
  await until(() => titles(el, 'main').length > 0, 'the layout never appeared');
  await quiet(spy);
  return { el, spy };
}

/** A center without a customer, once it has opened its search for one. */
async function renderWithoutCustomer() {
  const el = await fixture<CustomerInformationCenter>(html`<customer-information-center
    .dataSource=${fixtureSource().source}></customer-information-center>`);
  const dialog = $<CustomerSearchDialog>(el, 'customer-search-dialog')!;
  await until(() => dialog.open, 'the search never opened');
  return { el, dialog };
}

const center = (x: number, y: number, rect: DOMRect) => [Math.round(rect.x + x * rect.width), Math.round(rect.y + y * rect.height)] as [number, number];

async function drag(from: HTMLElement, to: HTMLElement, y = 0.25) {
  const start = center(0.5, 0.5, from.getBoundingClientRect());
  const end = center(0.5, y, to.getBoundingClientRect());
  await sendMouse({ type: 'move', position: start });
  await sendMouse({ type: 'down' });
  for (let step = 1; step <= 10; step++) {
    await sendMouse({
      type: 'move',
      position: [Math.round(start[0] + ((end[0] - start[0]) * step) / 10), Math.round(start[1] + ((end[1] - start[1]) * step) / 10)],
    });
  }
  await settle(100);
  await sendMouse({ type: 'up' });
  await settle(200);
}

describe('customer-information-center', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());
  afterEach(() => resetMouse());

  it('shows the customer and the default widgets in their regions', async () => {
    const { el } = await renderCenter();
    expect(text($(el, '.header h1'))).to.equal('Acme Corporation');
    expect(text($(el, '.header .id'))).to.equal('ACME');
    expect(titles(el, 'main')).to.deep.equal(DEFAULT_MAIN);
    expect(titles(el, 'sidebar')).to.deep.equal(DEFAULT_SIDEBAR);
    expectNone(card(el, 'settings').querySelector('.close-button'));
    expect(card(el, 'open-tickets').querySelector('.close-button')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the bare id of a customer without a record and hides its information card', async () => {
    const { el } = await renderCenter(fixtureSource(), 'GHOST-1');
    expect(text($(el, '.header h1'))).to.equal('GHOST-1');
    expectNone($(el, '.header .id'));
    await until(() => getComputedStyle(card(el, 'customer-information')).display === 'none');
  });

  it('without a customer id shows an empty state, opens the search, and opens what is picked', async () => {
    const { el } = await renderWithoutCustomer();
    expect(text($(el, '[part=empty]'))).to.contain('No customer selected.');
    await sendKeys({ type: 'acme corp' });
    await until(() => $(el, 'customer-search-dialog >>> #customer-option-0'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.customerId === 'ACME');
    await until(() => titles(el, 'main').length === 5);
  });

  it('closes the search it opened for want of a customer once the host sets one', async () => {
    const { el, dialog } = await renderWithoutCustomer();
    el.customerId = 'ACME';
    await until(() => titles(el, 'main').length === 5);
    await until(() => !dialog.open);
    expect($<HTMLDialogElement>(dialog, 'dialog')!.open, 'the modal still covers the page').to.equal(false);
  });

  it('lets the host cancel customer-selected to navigate itself', async () => {
    const { el } = await renderCenter();
    el.addEventListener('customer-selected', (event) => event.preventDefault());
    el.openSearch();
    await sendKeys({ type: 'star' });
    await until(() => $(el, 'customer-search-dialog >>> #customer-option-0'));
    $(el, 'customer-search-dialog >>> #customer-option-0')!.click();
    await settle();
    expect(el.customerId).to.equal('ACME');
  });

  it('reorders by dragging within main and from main to the sidebar, without a data call', async () => {
    const { el, spy } = await renderCenter();
    spy.reset();
    await drag(handle(el, 'open-tickets'), card(el, 'customer-users'), 0.1);
    await until(() => titles(el, 'main')[0] === 'Open Tickets', 'drag within main had no effect');
    expect(titles(el, 'main')).to.deep.equal(['Open Tickets', ...DEFAULT_MAIN.slice(0, 4)]);
    await drag(handle(el, 'new-tickets'), card(el, 'company-status'), 0.5);
    await until(() => titles(el, 'sidebar').includes('New Tickets'), 'drag to the sidebar had no effect');
    expect(titles(el, 'main')).not.to.include('New Tickets');
    await settle(200);
    expect(spy.total()).to.equal(0);
    const stored = JSON.parse(localStorage.getItem(LAYOUT_KEY)!);
    expect(stored.main[0]).to.equal('open-tickets');
    expect(stored.sidebar).to.include('new-tickets');
  });

  it('moves a focused card with the arrow keys and announces it', async () => {
    const { el, spy } = await renderCenter();
    spy.reset();
    handle(el, 'reminder-tickets').focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => titles(el, 'main')[0] === 'Reminder Tickets');
    await until(() => text($(el, '[role=status][aria-live]')).length > 0);
    expect(text($(el, '[role=status][aria-live]'))).to.equal('Reminder Tickets moved to position 1 of 5 in the main area.');
    expect(el.shadowRoot!.activeElement).to.equal(handle(el, 'reminder-tickets'));
    await sendKeys({ press: 'ArrowRight' });
    await until(() => titles(el, 'sidebar').includes('Reminder Tickets'));
    expect(titles(el, 'sidebar')[0]).to.equal('Reminder Tickets');
    await settle(200);
    expect(spy.total()).to.equal(0);
  });

  it('hides with ×, shows again through the settings, all without a data call', async () => {
    const { el, spy } = await renderCenter();
    spy.reset();
    card(el, 'escalated-tickets').querySelector<HTMLButtonElement>('.close-button')!.click();
    await until(() => !titles(el, 'main').includes('Escalated Tickets'));
    const settings = card(el, 'settings').querySelector('settings-widget')!;
    settings.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!.click();
    await until(() => settings.shadowRoot!.querySelector('form'));
    const boxes = [...settings.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    const labels = [...settings.shadowRoot!.querySelectorAll('label')].map((l) => text(l));
    expect(labels).to.deep.equal([...DEFAULT_MAIN, 'Ticket Statistics', 'History and Notes', ...DEFAULT_SIDEBAR, 'Recent Tickets', 'Customer Health']);
    expect(boxes[labels.indexOf('Settings')].disabled).to.equal(true);
    expect(boxes[labels.indexOf('Settings')].checked).to.equal(true);
    const escalated = boxes[labels.indexOf('Escalated Tickets')];
    expect(escalated.checked).to.equal(false);
    escalated.click();
    settings.shadowRoot!.querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await until(() => titles(el, 'main').join() === DEFAULT_MAIN.join());
    await expect(el).to.be.accessible();
    await settle(200);
    expect(spy.total()).to.equal(0);
  });

  it('restores the layout per agent on re-creation, for any customer', async () => {
    const first = await renderCenter();
    handle(first.el, 'open-tickets').focus();
    await sendKeys({ press: 'ArrowUp' });
    first.el.remove();
    const { el } = await renderCenter(fixtureSource(), 'Star*Corp');
    expect(titles(el, 'main')).to.deep.equal(['Customer Users', 'Reminder Tickets', 'Escalated Tickets', 'Open Tickets', 'New Tickets']);
  });

  it('keeps the layout in the data source preference store when it has one', async () => {
    const spy = fixtureSource({ preferences: true });
    const { el } = await renderCenter(spy);
    card(el, 'new-tickets').querySelector<HTMLButtonElement>('.close-button')!.click();
    await until(() => !titles(el, 'main').includes('New Tickets'));
    await settle();
    expect(localStorage.getItem(LAYOUT_KEY)).to.equal(null);
    const stored = (await spy.source.preferences!.get('layout:customer-information-center')) as { hidden: string[] };
    expect(stored.hidden).to.deep.equal([...HIDDEN_BY_DEFAULT, 'new-tickets']);
  });

  it('reads the layout again when it is given another data source (another agent)', async () => {
    const first = fixtureSource({ preferences: true });
    const second = fixtureSource({ preferences: true });
    await second.source.preferences!.set('layout:customer-information-center', { main: ['open-tickets'], sidebar: [], hidden: ['new-tickets'] });
    const { el } = await renderCenter(first);
    expect(titles(el, 'main')).to.deep.equal(DEFAULT_MAIN);
    el.dataSource = second.source;
    await until(() => titles(el, 'main')[0] === 'Open Tickets');
    expect(titles(el, 'main')).not.to.include('New Tickets');
  });

  it('falls back to defaults for corrupt or outdated stored layouts, never throwing', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      localStorage.setItem(LAYOUT_KEY, '{not json');
      const corrupt = await renderCenter();
      expect(titles(corrupt.el, 'main')).to.deep.equal(DEFAULT_MAIN);
      expect(warnings.length).to.be.greaterThan(0);
      localStorage.setItem(LAYOUT_KEY, JSON.stringify({ main: ['gone', 'open-tickets'], sidebar: ['settings', 42], hidden: ['gone'] }));
      const outdated = await renderCenter();
      expect(titles(outdated.el, 'main')).to.deep.equal(['Open Tickets', ...DEFAULT_MAIN.slice(0, 4)]);
      expect(titles(outdated.el, 'sidebar')).to.deep.equal(DEFAULT_SIDEBAR);
    } finally {
      console.warn = warn;
    }
  });

  it('reloads every widget for a new customer and on refresh', async () => {
    const { el, spy } = await renderCenter();
    spy.reset();
    el.customerId = 'Star*Corp';
    await quiet(spy);
    expect(spy.count('listTickets')).to.equal(4);
    expect(spy.count('getCompanyStatus')).to.equal(1);
    expect(spy.count('listCustomerUsers')).to.equal(1);
    expect(spy.total(), 'one call per widget, the customer shared').to.equal(7);
    expect(text($(el, '.header h1'))).to.equal('Star Corp');
    spy.reset();
    $<HTMLButtonElement>(el, '[part=refresh-button]')!.click();
    await quiet(spy);
    expect(spy.count('listTickets')).to.equal(4);
    expect(spy.calls.listTickets.every(([, options]) => (options as { withCounts: boolean }).withCounts)).to.equal(true);
    expect(spy.count('getCustomer')).to.equal(1); // header and information widget share it
    expect(spy.total()).to.equal(7);
  });

  it('refreshes on an interval, paused while the page is hidden', async () => {
    const { el, spy } = await renderCenter();
    spy.reset();
    el.refreshInterval = 0.1;
    await until(() => spy.count('getCompanyStatus') >= 2, 'never refreshed');
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    try {
      await settle(150);
      spy.reset();
      await settle(350);
      expect(spy.count('getCompanyStatus')).to.equal(0);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      el.refreshInterval = 0;
    }
  });

  it('treats a plugin widget like a built-in one', async () => {
    class RecentInvoices extends CicElement {
      @property({ attribute: false }) customerId = '';
      override render() {
        const customerId = this.subjectValue('customerId', this.customerId);
        return litHtml`<p>Invoices of ${customerId}: ${this.effectiveDataSource ? 'connected' : 'no source'}</p>`;
      }
    }
    customElements.define('recent-invoices-test', RecentInvoices);
    const unregister = registerWidget({ id: 'invoices', tag: 'recent-invoices-test', title: 'Recent invoices', region: 'sidebar' });
    try {
      const { el } = await renderCenter();
      expect(titles(el, 'sidebar')).to.deep.equal([...DEFAULT_SIDEBAR, 'Recent invoices']);
      const plugin = card(el, 'invoices').querySelector('recent-invoices-test')!;
      await until(() => text(plugin.shadowRoot!.querySelector('p')) === 'Invoices of ACME: connected');
      handle(el, 'invoices').focus();
      await sendKeys({ press: 'ArrowUp' });
      await until(() => titles(el, 'sidebar')[2] === 'Recent invoices');
      card(el, 'invoices').querySelector<HTMLButtonElement>('.close-button')!.click();
      await until(() => !titles(el, 'sidebar').includes('Recent invoices'));
      expect(JSON.parse(localStorage.getItem(LAYOUT_KEY)!).hidden).to.deep.equal([...HIDDEN_BY_DEFAULT, 'invoices']);
    } finally {
      unregister();
    }
  });

  it('gives a plain element (not built on the kit) the customer id as a property', async () => {
    class PlainWidget extends HTMLElement {
      set customerId(id: string) {
        this.textContent = `plain ${id}`;
      }
    }
    customElements.define('plain-widget-test', PlainWidget);
    const unregister = registerWidget({ id: 'plain', tag: 'plain-widget-test', title: 'Plain', region: 'main' });
    try {
      const { el } = await renderCenter();
      await until(() => text(card(el, 'plain').querySelector('plain-widget-test')) === 'plain ACME');
      el.customerId = 'Star*Corp';
      await until(() => text(card(el, 'plain').querySelector('plain-widget-test')) === 'plain Star*Corp');
    } finally {
      unregister();
    }
  });

  it('its theme reaches every widget and the search dialog without setting anything on them', async () => {
    const { el } = await renderCenter();
    const inside = () => [...$$(el, '.card-body > *').filter((w) => w instanceof CicElement), $(el, 'customer-search-dialog')!];
    const backgrounds = () => inside().map((w) => getComputedStyle(w).backgroundColor);
    el.theme = 'dark';
    await until(() => backgrounds().every((color) => color === 'rgb(22, 27, 34)'), 'not every widget turned dark');
    expect(inside().map((w) => w.getAttribute('theme'))).to.deep.equal(inside().map(() => null));
    el.theme = 'light';
    await until(() => backgrounds().every((color) => color === 'rgb(255, 255, 255)'), 'not every widget turned light');
  });

  it('fires layout-changed with the new layout', async () => {
    const { el } = await renderCenter(fixtureSource(), 'ACME');
    const changed = oneEvent(el, 'layout-changed');
    card(el, 'open-tickets').querySelector<HTMLButtonElement>('.close-button')!.click();
    expect((await changed).detail.layout.hidden).to.deep.equal([...HIDDEN_BY_DEFAULT, 'open-tickets']);
  });

  it('works on data given straight to InMemoryDataSource with defaults', async () => {
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME"
      .dataSource=${new InMemoryDataSource(smallHelpdesk(), { now: NOW })}></customer-information-center>`);
    await until(() => titles(el, 'main').length === 5);
  });
});

describe('customer-information-center with a source that answers at once', () => {
  it('asks for the customer once per open: the header and the information widget share the answer', async () => {
    const source = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    const asked: string[] = [];
    const getCustomer = source.getCustomer.bind(source);
    source.getCustomer = (id, options) => (asked.push(id), getCustomer(id, options));
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME" .dataSource=${source}></customer-information-center>`);
    await until(() => $(el, '[data-widget=customer-information] customer-information-widget >>> dl'), 'the information widget never loaded');
    await settle(100);
    expect(asked).to.deep.equal(['ACME']);
    el.customerId = 'Star*Corp';
    await until(() => text($(el, 'h1')) === 'Star Corp');
    await settle(100);
    expect(asked).to.deep.equal(['ACME', 'Star*Corp']);
  });
});

describe('Customer 360 widgets in the center', () => {
  it('offers a widget only when the data source has its method, and costs one call per widget', async () => {
    const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    const spy = spySource(inner);
    localStorage.setItem('cic:layout:customer-information-center',
      JSON.stringify({ main: ['ticket-statistics', 'customer-history'], sidebar: ['recent-tickets', 'customer-health'], hidden: [] }));
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME" .dataSource=${spy.source}></customer-information-center>`);
    await until(() => $(el, '[data-widget=customer-health] customer-health-widget'), 'the health widget is not shown');
    const widgets = () => $$(el, '.card-body > *').filter((w) => w.localName !== 'settings-widget');
    await until(() => widgets().every((w) => !$(w, '[part=loading]') && w.shadowRoot!.childElementCount > 0), 'widgets never loaded');
    // Every widget but the settings asks once; the header shares the customer record with the information widget.
    const expected = { getTicketStatistics: 1, getCustomerHealth: 1, listCustomerHistory: 1, getCompanyStatus: 1, listCustomerUsers: 1, listTickets: 5, getCustomer: 1 };
    for (const [method, count] of Object.entries(expected)) expect(spy.count(method), method).to.equal(count);
    expect(widgets()).to.have.length(11);
    expect(spy.total(), 'no other call').to.equal(Object.values(expected).reduce((a, b) => a + b, 0) + spy.count('getCurrentAgent'));

    const withoutStatistics = Object.assign(Object.create(inner), { getTicketStatistics: undefined, getCustomerHealth: undefined }) as DataSource;
    el.dataSource = withoutStatistics;
    await until(() => !$(el, '[data-widget=ticket-statistics]'), 'the statistics widget stays');
    expectNone($(el, '[data-widget=customer-health]'), 'the health widget');
    localStorage.removeItem('cic:layout:customer-information-center');
  });
});

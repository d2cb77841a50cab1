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
import { NOW, smallHelpdesk, ticket } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, settle, text, typeInto, until } from '../support/helpers.js';
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

  it('makes its cards hidden while empty, with no data call, and keeps them when someone is picked', async () => {
    const spy = fixtureSource();
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center .dataSource=${spy.source}></customer-information-center>`);
    await until(() => $(el, '[data-widget="open-tickets"] ticket-list-widget'), 'the cards were not made while empty');
    await quiet(spy);
    const regions = $(el, '.regions')!;
    expect(regions.hidden).to.equal(true);
    expect(getComputedStyle(regions).display).to.equal('none');
    expect(titles(el, 'main')).to.deep.equal(DEFAULT_MAIN);
    const dataCalls = Object.keys(spy.calls).filter((method) => !/preference/i.test(method));
    expect(dataCalls, 'a hidden widget loaded data').to.deep.equal([]);
    const widgets = $$(el, '.card-body > *');
    el.customerId = 'ACME';
    await until(() => !regions.hidden, 'the cards stayed hidden');
    await quiet(spy);
    expect(spy.count('listTickets'), 'the lists did not load for the customer').to.equal(4);
    expect($$(el, '.card-body > *'), 'a widget was made again on the open').to.deep.equal(widgets);
    expect($(el, '.regions')).to.equal(regions);
    expectNone($(el, '[part=empty]'));
    el.customerId = '';
    await until(() => $(el, '.regions')?.hidden === true);
    expect($(el, '[part=empty]')).to.exist;
  });

  it('makes a plain element (not built on the kit) only once someone is shown', async () => {
    const made: string[] = [];
    class PlainLateWidget extends HTMLElement {
      connectedCallback() {
        made.push(String((this as { customerId?: string }).customerId));
      }
    }
    customElements.define('plain-late-widget-test', PlainLateWidget);
    const unregister = registerWidget({ id: 'plain-late', tag: 'plain-late-widget-test', title: 'Plain late', region: 'main' });
    try {
      const el = await fixture<CustomerInformationCenter>(html`<customer-information-center .dataSource=${fixtureSource().source}></customer-information-center>`);
      await until(() => card(el, 'plain-late'), 'the card was not made');
      await settle(100);
      expect(made).to.deep.equal([]);
      expectNone(card(el, 'plain-late').querySelector('plain-late-widget-test'));
      el.customerId = 'ACME';
      await until(() => card(el, 'plain-late').querySelector('plain-late-widget-test'));
      expect(made).to.have.length(1);
    } finally {
      unregister();
    }
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

  it('hiding a card by keyboard leaves the focus on the next card\'s ×, or on the one before at the end', async () => {
    const { el } = await renderCenter();
    const close = (id: string) => card(el, id).querySelector<HTMLButtonElement>('.close-button')!;
    expect(titles(el, 'main')).to.deep.equal(DEFAULT_MAIN);
    close('reminder-tickets').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement === close('escalated-tickets'), 'the focus fell to the page');
    close('open-tickets').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement === close('new-tickets'), 'the focus fell to the page');
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
    expect(spy.count('subscribe'), 'live changes of the new customer').to.equal(1);
    expect(spy.total(), 'one call per widget, the customer shared').to.equal(8);
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
    const expected = { getTicketStatistics: 1, getCustomerHealth: 1, listCustomerHistory: 1, getCompanyStatus: 1, listCustomerUsers: 1, listTickets: 5, getCustomer: 1, subscribe: 1 };
    for (const [method, count] of Object.entries(expected)) expect(spy.count(method), method).to.equal(count);
    expect(widgets()).to.have.length(11);
    expect(spy.total(), 'no other call').to.equal(Object.values(expected).reduce((a, b) => a + b, 0) + spy.count('getCurrentAgent'));

    const withoutStatistics = Object.assign(Object.create(inner), { getTicketStatistics: undefined, getCustomerHealth: undefined }) as DataSource;
    el.dataSource = withoutStatistics;
    await until(() => !$(el, '[data-widget=ticket-statistics]'), 'the statistics widget stays');
    expectNone($(el, '[data-widget=customer-health]'), 'the health widget');
    localStorage.removeItem('cic:layout:customer-information-center');
  });

  it('shows an error with Retry, not "None", when a list answer is an object, and the other widgets as usual', async () => {
    const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    const broken = Object.assign(Object.create(inner), {
      listCustomerUsers: async () => ({ items: { 0: { login: 'anna', customerId: 'ACME' }, length: 1 }, total: { value: 1, exact: true } }),
    }) as DataSource;
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME" .dataSource=${broken}></customer-information-center>`);
    const users = () => $(el, '[data-widget=customer-users] customer-users-widget')!;
    await until(() => users() && !$(users(), '[part=loading]') && users().shadowRoot!.childElementCount > 0, 'the users widget never loaded');
    await until(() => $(users(), '[part=error]'), 'no error for the malformed list');
    expectNone($(users(), '[part=empty]'), 'an empty state');
    expect($(users(), '[part=retry-button]')).to.exist;
    await until(() => $(el, '[data-widget=company-status] company-status-widget >>> [part=count]'), 'the company status is not shown');
  });
});

describe('customer-information-center with live updates', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());

  /** A center on an in-memory source that tells its changes; `extraOpen` more open tickets of ACME. */
  async function renderLive(extraOpen = 0) {
    const data = smallHelpdesk();
    data.tickets.push(...Array.from({ length: extraOpen }, () => ticket({ state: 'open' })));
    const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'me' });
    const { el, spy } = await renderCenter(spySource(source));
    await until(() => text($(el, '[part=live-indicator]')) === 'Live', 'never live');
    return { el, spy, source };
  }
  /** Waits until no call has come for longer than the live coalescing wait. */
  async function still(spy: ReturnType<typeof spySource>) {
    let last = -1;
    while (spy.total() !== last) {
      last = spy.total();
      await settle(600);
    }
  }
  const openTickets = (el: CustomerInformationCenter) => $(el, '[data-widget="open-tickets"] ticket-list-widget')!;
  const openCount = (el: CustomerInformationCenter) => Number(/\d+/.exec(text($(openTickets(el), '#tab-all [part=count]')))?.[0]);
  const companyStatus = (el: CustomerInformationCenter) => text($(el, '[data-widget="company-status"] company-status-widget >>> dl'));

  it('shows a ticket added for the customer in its lists and counts, without Refresh', async () => {
    const { el, source } = await renderLive();
    const before = openCount(el);
    const status = companyStatus(el);
    source.putTicket(ticket({ title: 'Printer on fire', state: 'open' }));
    await until(() => openCount(el) === before + 1, 'the open count never grew');
    await until(() => text($(openTickets(el), '[part=table]')).includes('Printer on fire'), 'the new ticket is not listed');
    await until(() => companyStatus(el) !== status, 'the company status never changed');
  });

  it('reloads each affected widget once or twice for a burst of 20 changes, and nothing for another customer', async () => {
    const { el, spy, source } = await renderLive();
    const before = openCount(el);
    spy.reset();
    // Each change in a task of its own: the source tells them one by one, the center coalesces.
    for (let i = 0; i < 20; i++) {
      source.putTicket(ticket({ state: 'open' }));
      await settle(0);
    }
    await until(() => openCount(el) === before + 20, 'the burst never showed');
    await still(spy);
    for (const method of ['getCompanyStatus', 'listCustomerUsers']) {
      expect(spy.count(method), method).to.be.within(1, 2);
    }
    expect(spy.count('listTickets'), 'four ticket lists').to.be.within(4, 8);
    expect(spy.count('getCustomer'), 'the customer record did not change').to.equal(0);

    spy.reset();
    source.putTicket(ticket({ customerId: 'Star*Corp', customerUserLogin: undefined }));
    await settle(800);
    expect(spy.total(), 'a change of another customer reloads nothing').to.equal(0);
  });

  it("keeps the agent's filter, page and focus, and the content while it reloads", async () => {
    const { el, spy, source } = await renderLive(12);
    const list = openTickets(el);
    $<HTMLButtonElement>(list, '#tab-my-queues')!.click();
    await until(() => $(list, '#tab-my-queues')!.getAttribute('aria-selected') === 'true');
    await until(() => !$<HTMLButtonElement>(list, '.pager button:last-of-type')?.disabled, 'no second page');
    const next = () => $$<HTMLButtonElement>(list, '.pager button')[1];
    next().click();
    await until(() => text($(list, '.pager [aria-live]')).startsWith('11–'), 'never on page 2');
    const range = text($(list, '.pager [aria-live]'));
    const focused = $$<HTMLButtonElement>(list, '.pager button')[0];
    focused.focus();
    spy.reset();
    const release = spy.hold('listTickets');
    source.putTicket(ticket({ state: 'open' }));
    await until(() => spy.count('listTickets') > 0, 'never reloaded');
    expect($(list, '[part=table]'), 'the list stays while it reloads').to.exist;
    expectNone($(list, '[part~=loading]'), 'loading indicator');
    release();
    await until(() => text($(list, '.pager [aria-live]')) !== range, 'the total never changed');
    expect(text($(list, '.pager [aria-live]'))).to.match(/^11–/);
    expect($(list, '#tab-my-queues')!.getAttribute('aria-selected')).to.equal('true');
    const asked = spy.calls.listTickets.at(-1)![1] as { filter: string; page: { cursor?: string } };
    expect(asked.filter).to.equal('my-queues');
    expect(asked.page.cursor).to.be.a('string');
    expect(list.shadowRoot!.activeElement, 'focus stays').to.equal(focused);
  });

  it('does not replace a customer-user form being edited', async () => {
    const { el, source } = await renderLive();
    const users = $(el, '[data-widget="customer-users"] customer-users-widget')!;
    $<HTMLButtonElement>(users, '[part=add-button]')!.click();
    await until(() => $(users, 'customer-user-form >>> input[name=login]'));
    const login = $<HTMLInputElement>(users, 'customer-user-form >>> input[name=login]')!;
    await typeInto(login, 'draft');
    await source.createCustomerUser!({ login: 'carl', customerId: 'ACME', firstName: 'Carl', lastName: 'Cole', email: 'carl@acme.example' });
    await until(() => text($(users, '[part=table]')).includes('carl'), 'the new user is not listed');
    expect($<HTMLInputElement>(users, 'customer-user-form >>> input[name=login]'), 'the same form').to.equal(login);
    expect(login.value).to.equal('draft');
  });

  it('shows an accessible live indicator', async () => {
    const { el } = await renderLive();
    const indicator = $(el, '[part=live-indicator]')!;
    expect(indicator.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('shows no indicator for a source without subscribe', async () => {
    const source = new InMemoryDataSource(smallHelpdesk(), { now: NOW });
    (source as { subscribe?: unknown }).subscribe = undefined;
    const { el } = await renderCenter(spySource(source));
    expectNone($(el, '[part=live-indicator]'), 'live indicator');
  });

  it('ends the subscription for another customer and on removal, not on a move', async () => {
    const { el, spy } = await renderLive();
    const subscription = (index: number) => spy.calls.subscribe[index] as [unknown, unknown, { signal: AbortSignal }];
    expect(subscription(0)[0]).to.deep.equal({ customerId: 'ACME' });
    el.customerId = 'Star*Corp';
    await until(() => spy.count('subscribe') === 2, 'never subscribed for the next customer');
    expect(subscription(0)[2].signal.aborted).to.equal(true);
    expect(subscription(1)[0]).to.deep.equal({ customerId: 'Star*Corp' });
    const parent = el.parentElement!;
    parent.append(document.createElement('div'), el);
    await settle();
    expect(subscription(1)[2].signal.aborted, 'moved, not removed').to.equal(false);
    expect(spy.count('subscribe')).to.equal(2);
    el.remove();
    await until(() => subscription(1)[2].signal.aborted, 'never unsubscribed');
  });
});
